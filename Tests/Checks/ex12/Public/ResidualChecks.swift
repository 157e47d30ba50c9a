import XCTest
import TensorCore
import CheckSupport
import Ex12

/// The block written out by the check: h + relu(h·W1 + b1)·W2 + b2.
func residualOracle(_ h: Tensor, _ w1: Tensor, _ b1: Tensor, _ w2: Tensor, _ b2: Tensor) -> Tensor {
    let a = Tensor.naiveMatmul(h, w1).addingRowVector(b1).map { max(0, $0) }
    return h + Tensor.naiveMatmul(a, w2).addingRowVector(b2)
}

/// Checks dh, dW1, db1, dW2, db2 against centred differences of L = Σ g ⊙ out, g random, out
/// being the oracle's block; the cache handed to the student's backward is the check's own.
///
/// With `throughForward`, the cache is the one the student's `residualForward` returned instead
/// (forward, then backward with that cache: what a network does).
func checkResidualGradients(n: Int, d: Int, hidden: Int, salt: UInt64, throughForward: Bool = false,
                            file: StaticString = #filePath, line: UInt = #line) {
    var generator = checkGenerator(salt)
    let h = Tensor.normal([n, d], using: &generator)
    let (w1, b1) = (Tensor.normal([d, hidden], using: &generator), Tensor.normal([hidden], using: &generator))
    let (w2, b2) = (Tensor.normal([hidden, d], using: &generator), Tensor.normal([d], using: &generator))
    let g = Tensor.normal([n, d], using: &generator)
    let z1 = Tensor.naiveMatmul(h, w1).addingRowVector(b1)
    let a = z1.map { max(0, $0) }
    let (dh, dW1, db1, dW2, db2) = student {
        let p = ResidualParameters(w1: w1, b1: b1, w2: w2, b2: b2)
        let cache = throughForward ? Ex12.residualForward(h, parameters: p).cache : ResidualCache(h: h, z1: z1, a: a)
        let grads = Ex12.residualBackward(g, cache: cache, parameters: p)
        return (grads.dh, grads.dW1, grads.db1, grads.dW2, grads.db2)
    }
    let setting = "h [\(n), \(d)], hidden width \(hidden), random upstream gradient"
        + (throughForward ? ", backward given the cache residualForward returned" : "")
    let nh = numericGradient(at: h) { (residualOracle($0, w1, b1, w2, b2) * g).sum() }
    guard expectGradient(dh, matches: nh, parameter: "h (\(setting); the identity path adds g to F's backward)", tolerance: 1e-5, file: file, line: line) else { return }
    let nw1 = numericGradient(at: w1) { (residualOracle(h, $0, b1, w2, b2) * g).sum() }
    guard expectGradient(dW1, matches: nw1, parameter: "w1 (\(setting))", tolerance: 1e-5, file: file, line: line) else { return }
    let nb1 = numericGradient(at: b1) { (residualOracle(h, w1, $0, w2, b2) * g).sum() }
    guard expectGradient(db1, matches: nb1, parameter: "b1 (\(setting))", tolerance: 1e-5, batchSize: n, file: file, line: line) else { return }
    let nw2 = numericGradient(at: w2) { (residualOracle(h, w1, b1, $0, b2) * g).sum() }
    guard expectGradient(dW2, matches: nw2, parameter: "w2 (\(setting))", tolerance: 1e-5, file: file, line: line) else { return }
    let nb2 = numericGradient(at: b2) { (residualOracle(h, w1, b1, w2, $0) * g).sum() }
    expectGradient(db2, matches: nb2, parameter: "b2 (\(setting))", tolerance: 1e-5, batchSize: n, file: file, line: line)
}

/// ex12.2: the residual block h + F(h), F = dense → ReLU → dense.
final class ResidualChecks: XCTestCase {
    /// h = [[1, −1]], W1 = [[1, 0, 1], [0, 1, 1]], b1 = [0, 0.5, 0]: z1 = [1, −0.5, 0] → a = [1, 0, 0].
    /// Backward with g = [[1, 1]] through the cache forward returned: hidden unit 2 sits at the
    /// kink z1 = 0 exactly, where relu' is 0 ([z1 > 0]), so it passes no gradient.
    func testWorkedExample() {
        let (output, db1, dW1, dh) = student { () -> (Tensor, Tensor, Tensor, Tensor) in
            let p = ResidualParameters(w1: Tensor([[1, 0, 1], [0, 1, 1]]), b1: Tensor([0, 0.5, 0]),
                                       w2: Tensor([[2, -1], [5, 5], [7, 7]]), b2: Tensor([0.5, 0.5]))
            let forward = Ex12.residualForward(Tensor([[1, -1]]), parameters: p)
            let grads = Ex12.residualBackward(Tensor([[1, 1]]), cache: forward.cache, parameters: p)
            return (forward.output, grads.db1, grads.dW1, grads.dh)
        }
        // F(h) = [1, 0, 0]·W2 + b2 = [2.5, −0.5]; out = h + F(h) = [3.5, −1.5].
        guard expectClose(output, Tensor([[3.5, -1.5]]), tolerance: 1e-12, "residual block output h + F(h) on the worked example") else { return }
        // da = g·W2ᵀ = [1, 10, 14]; dz1 = da ⊙ [z1 > 0] = [1, 0, 0] (unit 1: z1 < 0; unit 2: z1 = 0, the kink);
        // so db1 = [1, 0, 0], dW1 = hᵀ·dz1 = [[1, 0, 0], [−1, 0, 0]] and dh = g + dz1·W1ᵀ = [1, 1] + [1, 0] = [2, 1].
        guard expectClose(db1, Tensor([1, 0, 0]), tolerance: 1e-12,
                          "db1 on the worked example with g = [[1, 1]] (unit 2 at z1 = 0 exactly: relu'(0) = 0, so dz1 = 0 there)") else { return }
        guard expectClose(dW1, Tensor([[1, 0, 0], [-1, 0, 0]]), tolerance: 1e-12, "dW1 on the worked example with g = [[1, 1]] (relu'(0) = 0 at unit 2)") else { return }
        expectClose(dh, Tensor([[2, 1]]), tolerance: 1e-12, "dh on the worked example with g = [[1, 1]] (g + dz1·W1ᵀ, the identity path plus unit 0's)")
    }

    /// With W2 = 0 and b2 = 0 the block is the identity, and dh is the upstream gradient itself.
    func testZeroBranchIsIdentity() {
        var generator = checkGenerator(21)
        let h = Tensor.normal([3, 4], using: &generator)
        let (w1, b1) = (Tensor.normal([4, 5], using: &generator), Tensor.normal([5], using: &generator))
        let g = Tensor.normal([3, 4], using: &generator)
        // The forward pass and the backward pass of one block, with the cache its forward returned.
        let (output, dh) = student {
            let p = ResidualParameters(w1: w1, b1: b1, w2: Tensor.zeros([5, 4]), b2: Tensor.zeros([4]))
            let result = Ex12.residualForward(h, parameters: p)
            return (result.output, Ex12.residualBackward(g, cache: result.cache, parameters: p).dh)
        }
        guard expectClose(output, h, tolerance: 1e-12, "residual output with W2 = 0, b2 = 0 (F = 0, so out = h)") else { return }
        expectClose(dh, g, tolerance: 1e-12, "dh with W2 = 0 (only the identity path remains: dh = upstream gradient)")
    }

    func testGradients() {
        checkResidualGradients(n: 4, d: 3, hidden: 5, salt: 22)
        checkResidualGradients(n: 3, d: 2, hidden: 4, salt: 23, throughForward: true)
    }
}

import XCTest
import TensorCore
import CheckSupport
import Ex12

/// The block written out by the check: h + relu(h·W1 + b1)·W2 + b2.
private func block(_ h: Tensor, _ w1: Tensor, _ b1: Tensor, _ w2: Tensor, _ b2: Tensor) -> Tensor {
    let a = Tensor.naiveMatmul(h, w1).addingRowVector(b1).map { max(0, $0) }
    return h + Tensor.naiveMatmul(a, w2).addingRowVector(b2)
}

/// Checks dh, dW1, db1, dW2, db2 against centred differences of L = Σ g ⊙ out, g random.
func checkResidualGradients(n: Int, d: Int, hidden: Int, salt: UInt64, file: StaticString = #filePath, line: UInt = #line) {
    var generator = checkGenerator(salt)
    let h = Tensor.normal([n, d], using: &generator)
    let p = ResidualParameters(w1: Tensor.normal([d, hidden], using: &generator), b1: Tensor.normal([hidden], using: &generator),
                               w2: Tensor.normal([hidden, d], using: &generator), b2: Tensor.normal([d], using: &generator))
    let g = Tensor.normal([n, d], using: &generator)
    let z1 = Tensor.naiveMatmul(h, p.w1).addingRowVector(p.b1)
    let cache = ResidualCache(h: h, z1: z1, a: z1.map { max(0, $0) })
    let grads = Ex12.residualBackward(g, cache: cache, parameters: p)
    let setting = "h [\(n), \(d)], hidden width \(hidden), random upstream gradient"
    let nh = numericGradient(at: h) { (block($0, p.w1, p.b1, p.w2, p.b2) * g).sum() }
    guard expectGradient(grads.dh, matches: nh, parameter: "h (\(setting); the identity path adds g to F's backward)", tolerance: 1e-5, file: file, line: line) else { return }
    let nw1 = numericGradient(at: p.w1) { (block(h, $0, p.b1, p.w2, p.b2) * g).sum() }
    guard expectGradient(grads.dW1, matches: nw1, parameter: "w1 (\(setting))", tolerance: 1e-5, file: file, line: line) else { return }
    let nb1 = numericGradient(at: p.b1) { (block(h, p.w1, $0, p.w2, p.b2) * g).sum() }
    guard expectGradient(grads.db1, matches: nb1, parameter: "b1 (\(setting))", tolerance: 1e-5, batchSize: n, file: file, line: line) else { return }
    let nw2 = numericGradient(at: p.w2) { (block(h, p.w1, p.b1, $0, p.b2) * g).sum() }
    guard expectGradient(grads.dW2, matches: nw2, parameter: "w2 (\(setting))", tolerance: 1e-5, file: file, line: line) else { return }
    let nb2 = numericGradient(at: p.b2) { (block(h, p.w1, p.b1, p.w2, $0) * g).sum() }
    expectGradient(grads.db2, matches: nb2, parameter: "b2 (\(setting))", tolerance: 1e-5, batchSize: n, file: file, line: line)
}

/// ex12.2: the residual block h + F(h), F = dense → ReLU → dense.
final class ResidualChecks: XCTestCase {
    /// h = [[1, −1]], W1 = [[1, 0, 1], [0, 1, 1]], b1 = [0, 0.5, 0]: z1 = [1, −0.5, 0] → a = [1, 0, 0].
    func testWorkedExample() {
        let p = ResidualParameters(w1: Tensor([[1, 0, 1], [0, 1, 1]]), b1: Tensor([0, 0.5, 0]),
                                   w2: Tensor([[2, -1], [5, 5], [7, 7]]), b2: Tensor([0.5, 0.5]))
        let result = Ex12.residualForward(Tensor([[1, -1]]), parameters: p)
        // F(h) = [1, 0, 0]·W2 + b2 = [2.5, −0.5]; out = h + F(h) = [3.5, −1.5].
        expectClose(result.output, Tensor([[3.5, -1.5]]), tolerance: 1e-12, "residual block output h + F(h) on the worked example")
    }

    /// With W2 = 0 and b2 = 0 the block is the identity, and dh is the upstream gradient itself.
    func testZeroBranchIsIdentity() {
        var generator = checkGenerator(21)
        let h = Tensor.normal([3, 4], using: &generator)
        let p = ResidualParameters(w1: Tensor.normal([4, 5], using: &generator), b1: Tensor.normal([5], using: &generator),
                                   w2: Tensor.zeros([5, 4]), b2: Tensor.zeros([4]))
        let result = Ex12.residualForward(h, parameters: p)
        guard expectClose(result.output, h, tolerance: 1e-12, "residual output with W2 = 0, b2 = 0 (F = 0, so out = h)") else { return }
        let g = Tensor.normal([3, 4], using: &generator)
        expectClose(Ex12.residualBackward(g, cache: result.cache, parameters: p).dh, g, tolerance: 1e-12,
                    "dh with W2 = 0 (only the identity path remains: dh = upstream gradient)")
    }

    func testGradients() { checkResidualGradients(n: 4, d: 3, hidden: 5, salt: 22) }
}

import XCTest
import TensorCore
import CheckSupport
import Ex11

/// The forward pass the checks differentiate, written out with loops: y = γ(x − μ)/√(σ² + ε) + β.
/// Returns y and what the backward pass's cache holds (x̂ and 1/√(σ² + ε)), as plain tensors.
private func forward(_ x: Tensor, _ gamma: Tensor, _ beta: Tensor, epsilon: Double = 1e-5) -> (y: Tensor, xHat: Tensor, inverse: Tensor) {
    let (m, d) = (x.shape[0], x.shape[1])
    var y = Tensor.zeros([m, d]), xHat = Tensor.zeros([m, d]), inverse = Tensor.zeros([d])
    for j in 0..<d {
        var mu = 0.0
        for i in 0..<m { mu += x[i, j] }
        mu /= Double(m)
        var variance = 0.0
        for i in 0..<m { variance += (x[i, j] - mu) * (x[i, j] - mu) }
        variance /= Double(m)
        inverse[j] = 1 / (variance + epsilon).squareRoot()
        for i in 0..<m {
            xHat[i, j] = (x[i, j] - mu) * inverse[j]
            y[i, j] = gamma[j] * xHat[i, j] + beta[j]
        }
    }
    return (y, xHat, inverse)
}

/// The student's backward pass with the cache of the oracle forward pass (built inside the
/// closure: the student's types never leave it): dx, dγ, dβ.
private func studentBackward(_ dy: Tensor, _ x: Tensor, _ gamma: Tensor, _ beta: Tensor, epsilon: Double = 1e-5) -> (Tensor, Tensor, Tensor) {
    let oracle = forward(x, gamma, beta, epsilon: epsilon)
    return student { () -> (Tensor, Tensor, Tensor) in
        let g = Ex11.batchNormBackward(dy, cache: Ex11.BatchNormCache(xHat: oracle.xHat, inverseStandardDeviation: oracle.inverse, gamma: gamma))
        return (g.dx, g.dGamma, g.dBeta)
    }
}

/// ex11.3: the batch-norm backward pass against centred differences.
final class BatchNormBackwardChecks: XCTestCase {
    /// dβ and dγ by hand: x̂ of [1, 3, 5] is [−a, 0, a] with a = 2/√(8/3 + ε).
    func testParameterGradientsByHand() {
        let x = Tensor([[1], [3], [5]])
        let (_, dGamma, dBeta) = studentBackward(Tensor([[1], [2], [4]]), x, Tensor([1.5]), Tensor([0]))
        let a = 2 / (8.0 / 3 + 1e-5).squareRoot()
        guard expectClose(dBeta, Tensor([7]), tolerance: 1e-12, "dBeta for dy = [1, 2, 4] (the sum over the batch)") else { return }
        expectClose(dGamma, Tensor([3 * a]), tolerance: 1e-10, "dGamma for dy = [1, 2, 4]: Σ dy·x̂ = −a + 4a")
    }

    func testGradientsFiveByThree() { checkGradients(m: 5, d: 3, salt: 31) }

    /// With m = 2, x̂ is ±σ/√(σ² + ε) whatever x is, so dx is of order ε: a large ε = 0.5 keeps it measurable.
    /// (The cache carries 1/√(σ² + ε); use it rather than recomputing with ε = 1e−5.)
    func testGradientsTwoByFour() { checkGradients(m: 2, d: 4, epsilon: 0.5, salt: 32) }

    /// dx, dγ, dβ against centred differences of L = Σ dy ⊙ y with random γ ≠ 1, β and dy.
    private func checkGradients(m: Int, d: Int, epsilon: Double = 1e-5, salt: UInt64) {
        var generator = checkGenerator(salt)
        let x = Tensor.normal([m, d], mean: 1, standardDeviation: 2, using: &generator)
        let gamma = Tensor.uniform([d], in: 0.5...2.5, using: &generator)
        let beta = Tensor.normal([d], using: &generator)
        let dy = Tensor.normal([m, d], using: &generator)
        let (dx, dGamma, dBeta) = studentBackward(dy, x, gamma, beta, epsilon: epsilon)
        let setting = "x [\(m), \(d)], ε = \(format(epsilon)), random γ, β and dy"
        guard expectGradient(dx, matches: numericGradient(at: x) { (forward($0, gamma, beta, epsilon: epsilon).y * dy).sum() },
                             parameter: "x (\(setting))", tolerance: 1e-5) else { return }
        guard expectGradient(dGamma, matches: numericGradient(at: gamma) { (forward(x, $0, beta, epsilon: epsilon).y * dy).sum() },
                             parameter: "gamma (\(setting))", tolerance: 1e-5) else { return }
        expectGradient(dBeta, matches: numericGradient(at: beta) { (forward(x, gamma, $0, epsilon: epsilon).y * dy).sum() },
                       parameter: "beta (\(setting))", tolerance: 1e-6, batchSize: m)
    }
}

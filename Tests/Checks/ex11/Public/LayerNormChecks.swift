import XCTest
import TensorCore
import CheckSupport
import Ex11

/// Layer norm written out with loops: each row normalised over its own features. Returns y and
/// what the backward pass's cache holds (x̂ and 1/√(σ² + ε) per row), as plain tensors.
private func forward(_ x: Tensor, _ gamma: Tensor, _ beta: Tensor) -> (y: Tensor, xHat: Tensor, inverse: Tensor) {
    let (n, d) = (x.shape[0], x.shape[1])
    var y = Tensor.zeros([n, d]), xHat = Tensor.zeros([n, d]), inverse = Tensor.zeros([n])
    for i in 0..<n {
        var mu = 0.0
        for j in 0..<d { mu += x[i, j] }
        mu /= Double(d)
        var variance = 0.0
        for j in 0..<d { variance += (x[i, j] - mu) * (x[i, j] - mu) }
        variance /= Double(d)
        inverse[i] = 1 / (variance + 1e-5).squareRoot()
        for j in 0..<d {
            xHat[i, j] = (x[i, j] - mu) * inverse[i]
            y[i, j] = gamma[j] * xHat[i, j] + beta[j]
        }
    }
    return (y, xHat, inverse)
}

/// ex11.4: layer norm forward and backward.
final class LayerNormChecks: XCTestCase {
    /// Row [1, 2, 3]: mean 2, variance 2/3; row [4, 4, 10]: mean 6, variance 8.
    func testWorkedExample() {
        let x = Tensor([[1, 2, 3], [4, 4, 10]])
        let gamma = Tensor([1, 2, 0.5])
        let beta = Tensor([0, 1, -1])
        let (output, inverse) = student { () -> (Tensor, Tensor) in
            let result = Ex11.layerNormForward(x, gamma: gamma, beta: beta)
            return (result.output, result.cache.inverseStandardDeviation)
        }
        let a = 1 / (2.0 / 3 + 1e-5).squareRoot(), b = 1 / (8 + 1e-5).squareRoot()
        let rows: [[Double]] = [[-a, 1, 0.5 * a - 1], [-2 * b, 2 * (-2 * b) + 1, 0.5 * 4 * b - 1]]
        guard expectClose(output, Tensor(rows), tolerance: 1e-10,
                          "layer norm of [[1, 2, 3], [4, 4, 10]] (each ROW over its own features, ε = 1e−5 inside the root)") else { return }
        expectClose(inverse, Tensor([a, b]), tolerance: 1e-10,
                    "cache.inverseStandardDeviation (one value per example, [N])")
    }

    /// N = 4, D = 6: every row of x̂ has mean 0 and variance σ²/(σ² + ε).
    func testForwardRandom() {
        var generator = checkGenerator(41)
        let x = Tensor.normal([4, 6], mean: -1, standardDeviation: 3, using: &generator)
        let gamma = Tensor.uniform([6], in: 0.5...2, using: &generator)
        let beta = Tensor.normal([6], using: &generator)
        let output = student { Ex11.layerNormForward(x, gamma: gamma, beta: beta).output }
        expectClose(output, forward(x, gamma, beta).y, tolerance: 1e-10, "layer norm of a random x [4, 6]")
    }

    func testBackward() { checkGradients(n: 4, d: 6, salt: 42) }

    private func checkGradients(n: Int, d: Int, salt: UInt64) {
        var generator = checkGenerator(salt)
        let x = Tensor.normal([n, d], mean: 1, standardDeviation: 2, using: &generator)
        let gamma = Tensor.uniform([d], in: 0.5...2.5, using: &generator)
        let beta = Tensor.normal([d], using: &generator)
        let dy = Tensor.normal([n, d], using: &generator)
        let oracle = forward(x, gamma, beta)
        let (dx, dGamma, dBeta) = student { () -> (Tensor, Tensor, Tensor) in
            // The cache of the oracle forward pass, in the student's type (which never leaves the closure).
            let g = Ex11.layerNormBackward(dy, cache: Ex11.LayerNormCache(xHat: oracle.xHat, inverseStandardDeviation: oracle.inverse, gamma: gamma))
            return (g.dx, g.dGamma, g.dBeta)
        }
        let setting = "x [\(n), \(d)], random γ, β and dy"
        guard expectGradient(dx, matches: numericGradient(at: x) { (forward($0, gamma, beta).y * dy).sum() },
                             parameter: "x (\(setting))", tolerance: 1e-5) else { return }
        guard expectGradient(dGamma, matches: numericGradient(at: gamma) { (forward(x, $0, beta).y * dy).sum() },
                             parameter: "gamma (\(setting))", tolerance: 1e-5) else { return }
        expectGradient(dBeta, matches: numericGradient(at: beta) { (forward(x, gamma, $0).y * dy).sum() },
                       parameter: "beta (\(setting))", tolerance: 1e-6, batchSize: n)
    }
}

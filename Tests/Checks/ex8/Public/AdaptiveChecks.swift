import XCTest
import Foundation
import TensorCore
import CheckSupport
import Ex8

/// ex8.3: AdaGrad and RMSProp.
final class AdaptiveChecks: XCTestCase {
    /// Constant gradient: step k moves each entry by ε·g/(δ + √k·|g|), with δ = 1e−7 by default.
    func testAdaGradConstantGradient() {
        let g = [Tensor([[0.5, -2, 1e-6], [3, -0.01, 4]]), Tensor([-1, 1e-3])]
        let start = [Tensor([[1, 2, 3], [4, 5, 6]]), Tensor([-1, 0.5])]
        let lr = 0.1
        var optimizer = Ex8.AdaGrad(learningRate: lr)
        var parameters = start
        var expected = start
        for k in 1...5 {
            optimizer.step(&parameters, gradients: g)
            for i in 0..<2 {
                expected[i] = expected[i] - lr * g[i].map { $0 / (1e-7 + Double(k).squareRoot() * abs($0)) }
                guard expectClose(parameters[i], expected[i], tolerance: 1e-12,
                                  "AdaGrad (ε = 0.1, default δ = 1e−7), constant gradient: parameter \(i) after \(k) steps (step k moves by ε·g/(δ + √(k·g²)))") else { return }
                guard expectClose(optimizer.squaredGradientSums[i], Double(k) * (g[i] * g[i]), tolerance: 1e-12,
                                  "AdaGrad.squaredGradientSums[\(i)] after \(k) steps (r = Σ g², the SQUARED gradients)") else { return }
            }
        }
    }

    /// Tiny gradients show where ϵ sits: outside the root, θ ← θ − ε·g/(√r + ϵ).
    func testRMSPropEpsilonOutsideRoot() {
        let g = Tensor([1e-6, -3e-7, 2e-5, 0, 1])
        let lr = 0.01, rho = 0.9, eps = 1e-8
        var optimizer = Ex8.RMSProp(learningRate: lr)
        var parameters = [Tensor.zeros([5])]
        var r = Tensor.zeros([5])
        var expected = Tensor.zeros([5])
        for k in 1...3 {
            optimizer.step(&parameters, gradients: [g])
            r = rho * r + (1 - rho) * (g * g)
            expected = expected - lr * g.zipMap(r) { gi, ri in gi / (ri.squareRoot() + eps) }
            guard expectClose(parameters[0], expected, tolerance: 1e-10,
                              "RMSProp (ε = 0.01, default ρ = 0.9, ϵ = 1e−8) with gradients down to 3e−7, after \(k) steps (ϵ is added OUTSIDE the root: √r + ϵ)") else { return }
        }
        expectClose(optimizer.squaredGradientAverages[0], r, tolerance: 1e-12,
                    "RMSProp.squaredGradientAverages after 3 steps (r ← ρr + (1 − ρ)g²)")
    }

    /// Gradients that depend on θ, two parameters of different shapes.
    func testTrajectories() {
        let shapes = [[3, 2], [4]]
        guard expectTrajectory(Ex8.AdaGrad(learningRate: 0.2, delta: 1e-7), oracle: .adaGrad(0.2, delta: 1e-7),
                               shapes: shapes, steps: 6, salt: 31, "AdaGrad (ε = 0.2, δ = 1e−7)") else { return }
        expectTrajectory(Ex8.RMSProp(learningRate: 0.01, rho: 0.8, epsilon: 1e-6), oracle: .rmsProp(0.01, rho: 0.8, epsilon: 1e-6),
                         shapes: shapes, steps: 6, salt: 32, "RMSProp (ε = 0.01, ρ = 0.8, ϵ = 1e−6)")
    }
}

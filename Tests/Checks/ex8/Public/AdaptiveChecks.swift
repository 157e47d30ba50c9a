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
        let (trajectory, sums) = student { () -> ([[Tensor]], [[Tensor]]) in
            var optimizer = Ex8.AdaGrad(learningRate: lr)
            var parameters = start
            var trajectory: [[Tensor]] = [], sums: [[Tensor]] = []
            for _ in 1...5 {
                optimizer.step(&parameters, gradients: g)
                trajectory.append(parameters)
                sums.append(optimizer.squaredGradientSums)
            }
            return (trajectory, sums)
        }
        guard expectEqual(trajectory.count, 5, "AdaGrad: number of steps recorded"),
              expectEqual(sums.count, 5, "AdaGrad: number of squaredGradientSums records") else { return }
        // θ after k steps: θ_{k−1} − ε·g/(δ + √(k·g²)), computed only where it is compared.
        lazy var expected: [[Tensor]] = {
            var theta = start, all: [[Tensor]] = []
            for k in 1...5 {
                theta = (0..<2).map { i in theta[i] - lr * g[i].map { $0 / (1e-7 + Double(k).squareRoot() * abs($0)) } }
                all.append(theta)
            }
            return all
        }()
        for k in 1...5 {
            guard expectEqual(trajectory[k - 1].count, 2, "AdaGrad: number of parameters after step \(k)"),
                  expectEqual(sums[k - 1].count, 2, "AdaGrad.squaredGradientSums after a step on 2 parameters (one per parameter)") else { return }
            for i in 0..<2 {
                guard expectClose(trajectory[k - 1][i], expected[k - 1][i], tolerance: 1e-12,
                                  "AdaGrad (ε = 0.1, default δ = 1e−7), constant gradient: parameter \(i) after \(k) steps (step k moves by ε·g/(δ + √(k·g²)))") else { return }
                guard expectClose(sums[k - 1][i], Double(k) * (g[i] * g[i]), tolerance: 1e-12,
                                  "AdaGrad.squaredGradientSums[\(i)] after \(k) steps (r = Σ g², the SQUARED gradients)") else { return }
            }
        }
    }

    /// Tiny gradients show where ϵ sits: outside the root, θ ← θ − ε·g/(√r + ϵ).
    func testRMSPropEpsilonOutsideRoot() {
        let g = Tensor([1e-6, -3e-7, 2e-5, 0, 1])
        let lr = 0.01, rho = 0.9, eps = 1e-8
        let (trajectory, averages) = student { () -> ([[Tensor]], [Tensor]) in
            var optimizer = Ex8.RMSProp(learningRate: lr)
            var parameters = [Tensor.zeros([5])]
            var trajectory: [[Tensor]] = []
            for _ in 1...3 {
                optimizer.step(&parameters, gradients: [g])
                trajectory.append(parameters)
            }
            return (trajectory, optimizer.squaredGradientAverages)
        }
        guard expectEqual(trajectory.count, 3, "RMSProp: number of steps recorded") else { return }
        // r ← ρr + (1 − ρ)g², θ ← θ − ε·g/(√r + ϵ), computed only where it is compared.
        lazy var expected: (thetas: [Tensor], r: Tensor) = {
            var r = Tensor.zeros([5]), theta = Tensor.zeros([5]), thetas: [Tensor] = []
            for _ in 1...3 {
                r = rho * r + (1 - rho) * (g * g)
                theta = theta - lr * g.zipMap(r) { gi, ri in gi / (ri.squareRoot() + eps) }
                thetas.append(theta)
            }
            return (thetas, r)
        }()
        for k in 1...3 {
            guard expectEqual(trajectory[k - 1].count, 1, "RMSProp: number of parameters after step \(k)"),
                  expectClose(trajectory[k - 1][0], expected.thetas[k - 1], tolerance: 1e-10,
                              "RMSProp (ε = 0.01, default ρ = 0.9, ϵ = 1e−8) with gradients down to 3e−7, after \(k) steps (ϵ is added OUTSIDE the root: √r + ϵ)") else { return }
        }
        guard expectEqual(averages.count, 1, "RMSProp.squaredGradientAverages after steps on 1 parameter (one per parameter)") else { return }
        expectClose(averages[0], expected.r, tolerance: 1e-12,
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

import XCTest
import Foundation
import TensorCore
import CheckSupport
import Ex8

/// ex8.4: Adam with bias correction.
final class AdamChecks: XCTestCase {
    /// The first step moves every entry by ε·|g|/(|g| + ϵ) ≈ ε, whatever the gradient's scale.
    func testFirstStepSize() {
        let g = [Tensor([1e-3, -1, 1e3, 1e-5, -7, 42]), Tensor([[-1e-4, 250], [0.3, -1e6]])]
        let start = [Tensor([1, 2, 3, 4, 5, 6]), Tensor([[0.5, -0.5], [1.5, -1.5]])]
        let (parameters, stepCount) = student { () -> ([Tensor], Int) in
            var optimizer = Ex8.Adam()
            var parameters = start
            optimizer.step(&parameters, gradients: g)
            return (parameters, optimizer.stepCount)
        }
        guard expectEqual(parameters.count, 2, "Adam: number of parameters after one step on 2") else { return }
        for i in 0..<2 {
            guard expectShape(parameters[i], start[i].shape, "Adam: parameter \(i) after its first step") else { return }
            let moved = parameters[i] - start[i]
            guard expectClose(moved, g[i].map { -0.001 * $0 / (abs($0) + 1e-8) }, tolerance: 1e-12,
                              "Adam (defaults ε = 0.001, β1 = 0.9, β2 = 0.999, ϵ = 1e−8): first step of parameter \(i), gradients from 1e−5 to 1e6 (with bias correction, t = 1: ŝ = g, r̂ = g², so each entry moves by ε·|g|/(|g| + ϵ) ≈ ε)") else { return }
        }
        expectEqual(stepCount, 1, "Adam.stepCount after one step")
    }

    /// A constant gradient keeps ŝ = g and r̂ = g² at every step: every step has the same size.
    func testConstantGradient() {
        let g = [Tensor([0.2, -5, 1e-3]), Tensor([[3], [-0.04]])]
        let start = [Tensor([0, 1, -1]), Tensor([[2], [-2]])]
        let lr = 0.05
        let (trajectory, stepCount) = student { () -> ([[Tensor]], Int) in
            var optimizer = Ex8.Adam(learningRate: lr, beta1: 0.8, beta2: 0.99, epsilon: 1e-8)
            var parameters = start
            var trajectory: [[Tensor]] = []
            for _ in 1...8 {
                optimizer.step(&parameters, gradients: g)
                trajectory.append(parameters)
            }
            return (trajectory, optimizer.stepCount)
        }
        guard expectEqual(trajectory.count, 8, "Adam: number of steps recorded") else { return }
        for k in 1...8 {
            guard expectEqual(trajectory[k - 1].count, 2, "Adam: number of parameters after step \(k)") else { return }
            for i in 0..<2 {
                guard expectClose(trajectory[k - 1][i], start[i] - Double(k) * lr * g[i].map { $0 / (abs($0) + 1e-8) }, tolerance: 1e-10,
                                  "Adam (ε = 0.05, β1 = 0.8, β2 = 0.99), constant gradient: parameter \(i) after \(k) steps (bias-corrected moments equal g and g² at every step, so every step moves by ε·g/(|g| + ϵ))") else { return }
            }
        }
        expectEqual(stepCount, 8, "Adam.stepCount after 8 steps")
    }

    /// Gradients that depend on θ, two parameters of different shapes.
    func testTrajectory() {
        expectTrajectory(Ex8.Adam(learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-8),
                         oracle: .adam(0.1, 0.9, 0.999, epsilon: 1e-8),
                         shapes: [[2, 3], [3]], steps: 8, salt: 41, "Adam (ε = 0.1, β1 = 0.9, β2 = 0.999, ϵ = 1e−8)")
    }
}

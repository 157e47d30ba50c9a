import XCTest
import Foundation
import TensorCore
import CheckSupport
import Ex8

/// ex8.2: Nesterov momentum.
final class NesterovChecks: XCTestCase {
    /// Constant gradient: the velocities are classical momentum's, v_k = −ε·g·(1 − αᵏ)/(1 − α),
    /// and each step moves θ̃ by α·v_k − ε·g.
    func testConstantGradient() {
        var generator = checkGenerator(21)
        let start = [Tensor.normal([3, 2], using: &generator), Tensor.normal([4], using: &generator)]
        let g = [Tensor.normal([3, 2], using: &generator), Tensor.normal([4], using: &generator)]
        let lr = 0.1, alpha = 0.9
        let (trajectory, velocities) = student { () -> ([[Tensor]], [[Tensor]]) in
            var optimizer = Ex8.Nesterov(learningRate: lr, momentum: alpha)
            var parameters = start
            var trajectory: [[Tensor]] = [], velocities: [[Tensor]] = []
            for _ in 1...6 {
                optimizer.step(&parameters, gradients: g)
                trajectory.append(parameters)
                velocities.append(optimizer.velocities)
            }
            return (trajectory, velocities)
        }
        guard expectEqual(trajectory.count, 6, "Nesterov: number of steps recorded"),
              expectEqual(velocities.count, 6, "Nesterov: number of velocity records") else { return }
        var total = 0.0   // θ̃_k = θ̃_0 − ε·g·Σ_j (α·(1 − αʲ)/(1 − α) + 1)
        for k in 1...6 {
            let factor = (1 - pow(alpha, Double(k))) / (1 - alpha)
            total += alpha * factor + 1
            guard expectEqual(velocities[k - 1].count, 2, "Nesterov.velocities after a step on 2 parameters"),
                  expectEqual(trajectory[k - 1].count, 2, "Nesterov: number of parameters after step \(k)") else { return }
            for i in 0..<2 {
                guard expectClose(velocities[k - 1][i], -lr * factor * g[i], tolerance: 1e-12,
                                  "Nesterov (ε = 0.1, α = 0.9), constant gradient: velocity \(i) after \(k) steps, v_k = −ε·g·(1 − αᵏ)/(1 − α)") else { return }
                guard expectClose(trajectory[k - 1][i], start[i] - lr * total * g[i], tolerance: 1e-12,
                                  "Nesterov (ε = 0.1, α = 0.9), constant gradient: parameter \(i) after \(k) steps (each step adds α·v_k − ε·g with the NEW v_k)") else { return }
            }
        }
    }

    /// The lecture's look-ahead sequence (gradient at θ + α·v, then θ ← θ + v), run by the
    /// check: the optimizer's parameters must be the look-ahead points θ_k + α·v_k.
    func testMatchesLookAheadForm() {
        var generator = checkGenerator(22)
        let shapes = [[2, 3], [5]]
        let loss = TrajectoryLoss(shapes: shapes, using: &generator)
        let start = startingParameters(shapes, using: &generator)
        let lr = 0.08, alpha = 0.85
        let held = studentTrajectory({ Ex8.Nesterov(learningRate: lr, momentum: alpha) }, loss: loss, start: start, steps: 8)
        expectSameTrajectory(held, lookAheadPoints(loss: loss, start: start, lr: lr, alpha: alpha, steps: 8), shapes: shapes, steps: 8, tolerance: 1e-10,
                             "Nesterov (ε = 0.08, α = 0.85)", compared: " must be the lecture's look-ahead point θ_k + α·v_k")
    }

    /// The lecture's form: g at θ + α·v, v ← αv − εg, θ ← θ + v; the points θ_k + α·v_k after each step.
    private func lookAheadPoints(loss: TrajectoryLoss, start: [Tensor], lr: Double, alpha: Double, steps: Int) -> [[Tensor]] {
        var theta = start
        var v = start.map { Tensor.zeros($0.shape) }
        var points: [[Tensor]] = []
        for _ in 1...steps {
            let lookAhead = theta.indices.map { theta[$0] + alpha * v[$0] }
            let g = loss.gradients(lookAhead)
            for i in theta.indices {
                v[i] = alpha * v[i] - lr * g[i]
                theta[i] = theta[i] + v[i]
            }
            points.append(theta.indices.map { theta[$0] + alpha * v[$0] })
        }
        return points
    }
}

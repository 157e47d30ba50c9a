import XCTest
import Foundation
import TensorCore
import CheckSupport
import Ex8

/// ex8.1: SGD (with weight decay) and momentum in both forms.
final class SGDMomentumChecks: XCTestCase {
    /// Two parameters of different shapes and their constant gradients.
    private func constantProblem(_ salt: UInt64) -> (parameters: [Tensor], gradients: [Tensor]) {
        var generator = checkGenerator(salt)
        let parameters = [Tensor.normal([2, 3], using: &generator), Tensor.normal([3], using: &generator)]
        let gradients = [Tensor.normal([2, 3], using: &generator), Tensor.normal([3], using: &generator)]
        return (parameters, gradients)
    }

    /// Constant gradient: θ_k = θ_0 − k·ε·g; and one step with weight decay worked by hand.
    func testSGDConstantGradient() {
        let (start, g) = constantProblem(1)
        let lr = 0.05
        let (trajectory, decayedTheta) = student { () -> ([[Tensor]], [Tensor]) in
            var optimizer = Ex8.SGD(learningRate: lr)
            var parameters = start
            var trajectory: [[Tensor]] = []
            for _ in 1...5 {
                optimizer.step(&parameters, gradients: g)
                trajectory.append(parameters)
            }
            var decayed = Ex8.SGD(learningRate: 0.1, weightDecay: 0.1)
            var theta = [Tensor([1, -2])]
            decayed.step(&theta, gradients: [Tensor([0.5, 0.5])])
            var unitDecay = Ex8.SGD(learningRate: 0.1, weightDecay: 1)
            var unitTheta = [Tensor([1, -2])]
            unitDecay.step(&unitTheta, gradients: [Tensor([0.5, 0.5])])
            return (trajectory, theta + unitTheta)
        }
        guard expectEqual(trajectory.count, 5, "SGD (ε = 0.05): number of steps recorded") else { return }
        for k in 1...5 {
            guard expectEqual(trajectory[k - 1].count, 2, "SGD (ε = 0.05): number of parameters after step \(k)") else { return }
            for i in 0..<2 {
                guard expectClose(trajectory[k - 1][i], start[i] - Double(k) * lr * g[i], tolerance: 1e-12,
                                  "SGD (ε = 0.05), constant gradient: parameter \(i) after \(k) steps (θ_k = θ_0 − k·ε·g)") else { return }
            }
        }
        // θ = [1, −2], g = [0.5, 0.5], λ = 0.1, ε = 0.1: g + λθ = [0.6, 0.3], θ − ε(g + λθ) = [0.94, −2.03].
        guard expectEqual(decayedTheta.count, 2, "SGD (ε = 0.1, weight decay λ = 0.1, then λ = 1): number of parameters after one step on one, twice") else { return }
        guard expectClose(decayedTheta[0], Tensor([0.94, -2.03]), tolerance: 1e-12,
                          "SGD (ε = 0.1, weight decay λ = 0.1) from θ = [1, −2] with g = [0.5, 0.5] (g ← g + λθ first)") else { return }
        // λ = 1: g + λθ = [1.5, −1.5], θ − ε(g + λθ) = [0.85, −1.85] (the decay applies for every λ ≠ 0, 1 included).
        expectClose(decayedTheta[1], Tensor([0.85, -1.85]), tolerance: 1e-12,
                    "SGD (ε = 0.1, weight decay λ = 1) from θ = [1, −2] with g = [0.5, 0.5] (g ← g + λθ for every λ ≠ 0)")
    }

    /// Runs `steps` steps of a momentum optimizer with the constant gradients `g`, inside
    /// `student { }`: the parameters and the velocities after each step.
    private func momentumSteps(_ optimizer: () -> Ex8.Momentum, start: [Tensor], g: [Tensor], steps: Int,
                               fileID: String = #fileID, line: Int = #line) -> (parameters: [[Tensor]], velocities: [[Tensor]]) {
        student(fileID: fileID, line: line) { () -> ([[Tensor]], [[Tensor]]) in
            var optimizer = optimizer()
            var parameters = start
            var trajectory: [[Tensor]] = [], velocities: [[Tensor]] = []
            for _ in 1...steps {
                optimizer.step(&parameters, gradients: g)
                trajectory.append(parameters)
                velocities.append(optimizer.velocities)
            }
            return (trajectory, velocities)
        }
    }

    /// Classical form, constant gradient: v_k = −ε·g·(1 − αᵏ)/(1 − α), θ_k = θ_0 + v_1 + … + v_k.
    func testClassicalMomentumClosedForm() {
        let (start, g) = constantProblem(2)
        let lr = 0.1, alpha = 0.9
        let (trajectory, velocities) = momentumSteps({ Ex8.Momentum(learningRate: lr, momentum: alpha, form: .classical) }, start: start, g: g, steps: 6)
        guard expectEqual(trajectory.count, 6, "classical momentum: number of steps recorded"),
              expectEqual(velocities.count, 6, "classical momentum: number of velocity records") else { return }
        var sumOfVelocities = 0.0   // Σ_j (1 − αʲ)/(1 − α)
        for k in 1...6 {
            let factor = (1 - pow(alpha, Double(k))) / (1 - alpha)
            sumOfVelocities += factor
            guard expectEqual(velocities[k - 1].count, 2, "Momentum.velocities after a step on 2 parameters (one velocity per parameter)"),
                  expectEqual(trajectory[k - 1].count, 2, "classical momentum: number of parameters after step \(k)") else { return }
            for i in 0..<2 {
                guard expectClose(velocities[k - 1][i], -lr * factor * g[i], tolerance: 1e-12,
                                  "classical momentum (ε = 0.1, α = 0.9), constant gradient: velocity \(i) after \(k) steps, v_k = −ε·g·(1 − αᵏ)/(1 − α)") else { return }
                guard expectClose(trajectory[k - 1][i], start[i] - lr * sumOfVelocities * g[i], tolerance: 1e-12,
                                  "classical momentum (ε = 0.1, α = 0.9), constant gradient: parameter \(i) after \(k) steps, θ_k = θ_0 + Σ v_j (θ ← θ + v)") else { return }
            }
        }
    }

    /// Exponential-average form, constant gradient: V_k = (1 − βᵏ)·g, W_k = W_0 − α·Σ V_j.
    func testAverageMomentumClosedForm() {
        let (start, g) = constantProblem(3)
        let lr = 0.2, beta = 0.8
        let (trajectory, velocities) = momentumSteps({ Ex8.Momentum(learningRate: lr, momentum: beta, form: .exponentialAverage) }, start: start, g: g, steps: 6)
        guard expectEqual(trajectory.count, 6, "exponential-average momentum: number of steps recorded"),
              expectEqual(velocities.count, 6, "exponential-average momentum: number of velocity records") else { return }
        var sum = 0.0
        for k in 1...6 {
            let factor = 1 - pow(beta, Double(k))
            sum += factor
            guard expectEqual(velocities[k - 1].count, 2, "Momentum.velocities after a step on 2 parameters (one velocity per parameter)"),
                  expectEqual(trajectory[k - 1].count, 2, "exponential-average momentum: number of parameters after step \(k)") else { return }
            for i in 0..<2 {
                guard expectClose(velocities[k - 1][i], factor * g[i], tolerance: 1e-12,
                                  "exponential-average momentum (α = 0.2, β = 0.8), constant gradient: V \(i) after \(k) steps, V_k = (1 − βᵏ)·g") else { return }
                guard expectClose(trajectory[k - 1][i], start[i] - lr * sum * g[i], tolerance: 1e-12,
                                  "exponential-average momentum (α = 0.2, β = 0.8), constant gradient: parameter \(i) after \(k) steps, W_k = W_0 − α·Σ V_j") else { return }
            }
        }
    }

    /// Gradients that depend on θ, two parameters of different shapes, weight decay on.
    func testTrajectories() {
        let shapes = [[2, 3], [3]]
        guard expectTrajectory(Ex8.SGD(learningRate: 0.1, weightDecay: 0.05), oracle: .sgd(0.1, weightDecay: 0.05),
                               shapes: shapes, steps: 5, salt: 4, "SGD (ε = 0.1, λ = 0.05)") else { return }
        guard expectTrajectory(Ex8.Momentum(learningRate: 0.05, momentum: 0.9, form: .classical, weightDecay: 0.01),
                               oracle: .classicalMomentum(0.05, 0.9, weightDecay: 0.01),
                               shapes: shapes, steps: 6, salt: 5, "classical momentum (ε = 0.05, α = 0.9, λ = 0.01)") else { return }
        guard expectTrajectory(Ex8.Momentum(learningRate: 0.3, momentum: 0.7, form: .exponentialAverage, weightDecay: 0.02),
                               oracle: .averageMomentum(0.3, 0.7, weightDecay: 0.02),
                               shapes: shapes, steps: 6, salt: 6, "exponential-average momentum (α = 0.3, β = 0.7, λ = 0.02)") else { return }
        expectTrajectory(Ex8.Momentum(learningRate: 0.05, momentum: 0.8, form: .classical, weightDecay: 1),
                         oracle: .classicalMomentum(0.05, 0.8, weightDecay: 1),
                         shapes: shapes, steps: 4, salt: 7, "classical momentum (ε = 0.05, α = 0.8, weight decay λ = 1: g ← g + λθ for every λ ≠ 0)")
    }
}

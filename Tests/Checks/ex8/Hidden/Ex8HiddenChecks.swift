import XCTest
import Foundation
import TensorCore
import CheckSupport
import DeepLearning
import Ex8

/// A reference optimizer of `DeepLearning` seen through the exercise's protocol.
private struct ReferenceAdapter<Wrapped: DeepLearning.Optimizer>: Ex8.Optimizer {
    var wrapped: Wrapped
    mutating func step(_ parameters: inout [Tensor], gradients: [Tensor]) {
        wrapped.step(parameters: &parameters, gradients: gradients)
    }
}

/// Hidden checks for ex8: trajectories against the reference optimizers in `DeepLearning`,
/// state that must not be shared between parameters, and exact convergence counts.
final class Ex8HiddenChecks: XCTestCase {
    /// Runs the student's optimizer (inside `student { }`, built there) and the reference (in
    /// the check) side by side on the same kind of loss, each on its own trajectory, and
    /// compares after every step.
    @discardableResult
    private func expectMatchesReference<O: Ex8.Optimizer, R: DeepLearning.Optimizer>(
        _ optimizer: @autoclosure () -> O, _ reference: R, shapes: [[Int]], steps: Int, salt: UInt64, _ what: String,
        file: StaticString = #filePath, line: UInt = #line
    ) -> Bool {
        var generator = checkGenerator(salt)
        let loss = TrajectoryLoss(shapes: shapes, using: &generator)
        let start = startingParameters(shapes, using: &generator)
        let observed = studentTrajectory(optimizer, loss: loss, start: start, steps: steps)
        return expectSameTrajectory(observed, referenceTrajectory(reference, loss: loss, start: start, steps: steps),
                                    shapes: shapes, steps: steps, tolerance: 1e-10, what,
                                    compared: ", compared with the reference optimizer", file: file, line: line)
    }

    /// The reference optimizer's parameters after each step, from `start`.
    private func referenceTrajectory<R: DeepLearning.Optimizer>(_ reference: R, loss: TrajectoryLoss, start: [Tensor], steps: Int) -> [[Tensor]] {
        var oracle = reference
        var expected = start
        var trajectory: [[Tensor]] = []
        for _ in 1...steps {
            oracle.step(parameters: &expected, gradients: loss.gradients(expected))
            trajectory.append(expected)
        }
        return trajectory
    }

    /// Two parameters of the SAME shape with different gradients: state shared between them
    /// (one velocity reused for both) gives wrong numbers, not a crash.
    private let sameShapes = [[4], [4], [2, 3]]

    func testSGDAndMomentumAgainstReference() {
        guard expectMatchesReference(Ex8.SGD(learningRate: 0.07, weightDecay: 0.3), DeepLearning.SGD(learningRate: 0.07, weightDecay: 0.3),
                                     shapes: [[3, 1], [2, 5]], steps: 6, salt: 101, "SGD (ε = 0.07, λ = 0.3)") else { return }
        guard expectMatchesReference(Ex8.Momentum(learningRate: 0.04, momentum: 0.8, form: .classical, weightDecay: 0.1),
                                     DeepLearning.Momentum(learningRate: 0.04, momentum: 0.8, form: .classical, weightDecay: 0.1),
                                     shapes: [[3, 1], [2, 5]], steps: 10, salt: 102, "classical momentum (ε = 0.04, α = 0.8, λ = 0.1)") else { return }
        expectMatchesReference(Ex8.Momentum(learningRate: 0.25, momentum: 0.6, form: .exponentialAverage),
                               DeepLearning.Momentum(learningRate: 0.25, momentum: 0.6, form: .exponentialAverage),
                               shapes: [[3, 1], [2, 5]], steps: 10, salt: 103, "exponential-average momentum (α = 0.25, β = 0.6)")
    }

    func testMomentumStatePerParameter() {
        guard expectTrajectory(Ex8.Momentum(learningRate: 0.05, momentum: 0.9), oracle: .classicalMomentum(0.05, 0.9),
                               shapes: sameShapes, steps: 5, salt: 104,
                               "classical momentum on parameters [4], [4], [2, 3] (each parameter has its own velocity)") else { return }
        expectTrajectory(Ex8.Momentum(learningRate: 0.2, momentum: 0.7, form: .exponentialAverage), oracle: .averageMomentum(0.2, 0.7),
                         shapes: sameShapes, steps: 5, salt: 105,
                         "exponential-average momentum on parameters [4], [4], [2, 3] (each parameter has its own velocity)")
    }

    func testNesterovAgainstReference() {
        guard expectMatchesReference(Ex8.Nesterov(learningRate: 0.06, momentum: 0.9), DeepLearning.Nesterov(learningRate: 0.06, momentum: 0.9),
                                     shapes: [[1, 4], [3, 2]], steps: 10, salt: 111, "Nesterov (ε = 0.06, α = 0.9)") else { return }
        expectTrajectory(Ex8.Nesterov(learningRate: 0.05, momentum: 0.75), oracle: .nesterov(0.05, 0.75),
                         shapes: sameShapes, steps: 6, salt: 112,
                         "Nesterov on parameters [4], [4], [2, 3] (each parameter has its own velocity)")
    }

    func testAdaGradAndRMSPropAgainstReference() {
        guard expectMatchesReference(Ex8.AdaGrad(learningRate: 0.3, delta: 1e-7), DeepLearning.AdaGrad(learningRate: 0.3, delta: 1e-7),
                                     shapes: [[2, 2, 2], [5]], steps: 8, salt: 121, "AdaGrad (ε = 0.3, δ = 1e−7)") else { return }
        expectMatchesReference(Ex8.RMSProp(learningRate: 0.02, rho: 0.95, epsilon: 1e-8), DeepLearning.RMSProp(learningRate: 0.02, rho: 0.95, delta: 1e-8),
                               shapes: [[2, 2, 2], [5]], steps: 8, salt: 122, "RMSProp (ε = 0.02, ρ = 0.95, ϵ = 1e−8)")
    }

    func testAdaptiveStatePerParameter() {
        guard expectTrajectory(Ex8.AdaGrad(learningRate: 0.1), oracle: .adaGrad(0.1, delta: 1e-7),
                               shapes: sameShapes, steps: 5, salt: 123,
                               "AdaGrad on parameters [4], [4], [2, 3] (each parameter has its own sum of squares)") else { return }
        expectTrajectory(Ex8.RMSProp(learningRate: 0.01), oracle: .rmsProp(0.01, rho: 0.9, epsilon: 1e-8),
                         shapes: sameShapes, steps: 5, salt: 124,
                         "RMSProp on parameters [4], [4], [2, 3] (each parameter has its own average)")
    }

    func testAdamAgainstReference() {
        guard expectMatchesReference(Ex8.Adam(learningRate: 0.03, beta1: 0.7, beta2: 0.95, epsilon: 1e-6),
                                     DeepLearning.Adam(learningRate: 0.03, beta1: 0.7, beta2: 0.95, delta: 1e-6),
                                     shapes: [[3, 3], [1], [2, 4]], steps: 12, salt: 131, "Adam (ε = 0.03, β1 = 0.7, β2 = 0.95, ϵ = 1e−6)") else { return }
        expectMatchesReference(Ex8.Adam(), DeepLearning.Adam(), shapes: [[5, 2]], steps: 5, salt: 132, "Adam with its defaults")
    }

    func testAdamStatePerParameter() {
        guard expectTrajectory(Ex8.Adam(learningRate: 0.05), oracle: .adam(0.05, 0.9, 0.999, epsilon: 1e-8),
                               shapes: sameShapes, steps: 6, salt: 133,
                               "Adam on parameters [4], [4], [2, 3] (one step counter, but moments per parameter)") else { return }
        // One counter for the optimizer, advanced once per step (not once per parameter).
        let stepCount = student { () -> Int in
            var optimizer = Ex8.Adam(learningRate: 0.05)
            var parameters = [Tensor([1, 2]), Tensor([3]), Tensor([[4]])]
            for _ in 0..<3 { optimizer.step(&parameters, gradients: [Tensor([0.1, -0.2]), Tensor([0.3]), Tensor([[-0.4]])]) }
            return optimizer.stepCount
        }
        expectEqual(stepCount, 3, "Adam.stepCount after 3 steps on 3 parameters (t counts steps, not parameters)")
    }

    func testConvergenceCountsAgainstReference() {
        let start = Tensor([-3, 0.7])
        let cases: [(String, Double, any Ex8.Optimizer)] = [
            ("SGD ε = 1/κ", 50, ReferenceAdapter(wrapped: DeepLearning.SGD(learningRate: 1.0 / 50))),
            ("momentum ε = 1/κ, α = 0.9", 400, ReferenceAdapter(wrapped: DeepLearning.Momentum(learningRate: 1.0 / 400, momentum: 0.9))),
            ("Nesterov ε = 1/κ, α = 0.9", 400, ReferenceAdapter(wrapped: DeepLearning.Nesterov(learningRate: 1.0 / 400, momentum: 0.9))),
            ("Adam ε = 0.02", 400, ReferenceAdapter(wrapped: DeepLearning.Adam(learningRate: 0.02))),
            ("RMSProp ε = 0.01", 400, ReferenceAdapter(wrapped: DeepLearning.RMSProp(learningRate: 0.01))),
        ]
        let observed = student { () -> ([Int], Int) in
            var counts: [Int] = []
            for (_, kappa, optimizer) in cases { counts.append(Ex8.stepsToConverge(optimizer, kappa: kappa, start: start, tolerance: 1e-5, maxSteps: 30_000)) }
            return (counts,
             Ex8.stepsToConverge(ReferenceAdapter(wrapped: DeepLearning.SGD(learningRate: 1.0 / 50)), kappa: 50, start: start, tolerance: 1e-5, maxSteps: 17))
        }
        guard expectEqual(observed.0.count, cases.count, "number of step counts (one per optimizer)") else { return }
        for ((name, kappa, optimizer), count) in zip(cases, observed.0) {
            // The expected count: the reference optimizer run by the check, outside `student { }`.
            guard expectEqual(count, referenceCount(optimizer, kappa: kappa, start: start, tolerance: 1e-5, maxSteps: 30_000),
                              "steps to ‖∇f‖ < 1e−5 for \(name) on f = ½(x² + \(Int(kappa))y²) from [−3, 0.7]") else { return }
        }
        expectEqual(observed.1, 17, "steps of SGD capped at maxSteps = 17")
    }
}

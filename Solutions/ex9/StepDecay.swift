import Foundation
import TensorCore

// ex9.2 (part 1) — Step decay and exponential decay.
//
// Step decay ("reduce the learning rate by a factor after so many epochs"):
//     ε_k = ε_0 · factor^⌊k / stepSize⌋
// Steps 0 … stepSize−1 use ε_0; step `stepSize` is the first to use ε_0·factor. Integer
// division `k / stepSize` is the floor here (k ≥ 0). Matches PyTorch's `StepLR(step_size, gamma)`.
//
// Exponential decay, as the lecture writes it ("multiply by exp(−rate · epoch number)"):
//     ε_k = ε_0 · exp(−rate · k)
// Step 0 gives ε_0. PyTorch's `ExponentialLR(gamma)` is the same with gamma = exp(−rate).

/// `ε_k = ε_0 · factor^⌊k / stepSize⌋`.
public struct StepDecay: LearningRateSchedule {
    public var initial: Double
    /// The factor applied every `stepSize` steps, in (0, 1].
    public var factor: Double
    public var stepSize: Int

    public init(initial: Double, factor: Double = 0.1, stepSize: Int) {
        precondition(stepSize > 0, "StepDecay: step size \(stepSize) must be positive")
        precondition(factor > 0 && factor <= 1, "StepDecay: factor \(factor) must be in (0, 1]")
        self.initial = initial
        self.factor = factor
        self.stepSize = stepSize
    }

    public func learningRate(at step: Int) -> Double {
        validateStepIndex(step, "StepDecay")
        // BEGIN SOLUTION ex9.2
        return initial * pow(factor, Double(step / stepSize))
        // END SOLUTION
    }
}

/// `ε_k = ε_0 · exp(−rate · k)`.
public struct ExponentialDecay: LearningRateSchedule {
    public var initial: Double
    /// The decay rate per step, ≥ 0.
    public var rate: Double

    public init(initial: Double, rate: Double) {
        precondition(rate >= 0, "ExponentialDecay: rate \(rate) is negative; the learning rate would grow")
        self.initial = initial
        self.rate = rate
    }

    public func learningRate(at step: Int) -> Double {
        validateStepIndex(step, "ExponentialDecay")
        // BEGIN SOLUTION ex9.2
        return initial * exp(-rate * Double(step))
        // END SOLUTION
    }
}

import Foundation

/// Step decay: multiply the learning rate by `factor` every `stepSize` steps,
/// `ε_k = ε_0 · factor^⌊k / stepSize⌋`. Steps `0…stepSize−1` use ε_0, step `stepSize` the first
/// reduced value. Matches PyTorch's `StepLR(step_size, gamma = factor)`.
public struct StepDecay: LearningRateSchedule, Sendable {
    public var initial: Double
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
        return initial * pow(factor, Double(step / stepSize))
    }
}

/// Exponential decay, as the lecture writes it: `ε_k = ε_0 · exp(−rate · k)`.
/// (PyTorch's `ExponentialLR(gamma)` is the same with `gamma = exp(−rate)`.)
public struct ExponentialDecay: LearningRateSchedule, Sendable {
    public var initial: Double
    public var rate: Double

    public init(initial: Double, rate: Double) {
        precondition(rate >= 0, "ExponentialDecay: rate \(rate) is negative; the learning rate would grow")
        self.initial = initial
        self.rate = rate
    }

    public func learningRate(at step: Int) -> Double {
        validateStepIndex(step, "ExponentialDecay")
        return initial * exp(-rate * Double(step))
    }
}

/// A learning-rate schedule (lecture L3): the learning rate as a function of the step.
///
/// Steps count from 0 (the first update is step 0). Whether a "step" is one minibatch or one
/// epoch is up to the caller; `Trainer` advances its schedule once per minibatch.
public protocol LearningRateSchedule {
    /// The learning rate to use for update number `step` (0-based, `step ≥ 0`).
    func learningRate(at step: Int) -> Double
}

/// The same learning rate at every step.
public struct ConstantSchedule: LearningRateSchedule, Sendable {
    public var value: Double

    public init(_ value: Double) {
        precondition(value >= 0, "ConstantSchedule: learning rate \(value) is negative")
        self.value = value
    }

    public func learningRate(at step: Int) -> Double { value }
}

/// Checks a step index, naming the schedule.
func validateStepIndex(_ step: Int, _ schedule: String) {
    precondition(step >= 0, "\(schedule).learningRate(at:): step \(step) is negative; steps count from 0")
}

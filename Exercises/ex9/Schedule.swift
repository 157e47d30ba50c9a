import TensorCore

// Given — there is nothing to write in this file. Read it before ex9.1.
//
// A learning-rate schedule gives the learning rate to use for each update. Steps count from 0:
// the first update is step 0. Whether a step is one minibatch or one epoch is up to the caller.
// Every schedule of this exercise is a value type conforming to `LearningRateSchedule`, so
// `Warmup` (ex9.3) can wrap any of them.

/// A learning-rate schedule (lecture L3): the learning rate as a function of the step.
public protocol LearningRateSchedule {
    /// The learning rate for update number `step` (0-based, `step ≥ 0`).
    func learningRate(at step: Int) -> Double
}

/// Stops with a message naming the schedule when a step is negative.
public func validateStepIndex(_ step: Int, _ schedule: String) {
    precondition(step >= 0, "\(schedule).learningRate(at:): step \(step) is negative; steps count from 0")
}

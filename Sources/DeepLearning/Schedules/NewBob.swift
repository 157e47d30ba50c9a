/// The "new-bob" rule (lecture L3): keep the learning rate while the validation error keeps
/// improving, and multiply it by `factor` (½) whenever the improvement since the previous
/// validation falls below `threshold`.
///
/// Stateful: call `record(validationError:)` once per validation (usually per epoch); it
/// returns the learning rate for the next epoch. With the default `threshold = 0` the rate is
/// halved exactly when the validation error goes up; an error that stays equal (improvement 0,
/// not below the threshold 0) keeps the rate. Use a small positive threshold to halve on a plateau.
/// The first recorded error only sets the reference. (The original Quicknet scheme, after the
/// first halving, keeps halving every epoch and stops when the improvement is small again; this
/// is the simpler per-epoch rule. PyTorch's `ReduceLROnPlateau(patience=0, factor=0.5)` is close.)
///
/// `learningRate(at:)` ignores the step and returns the current value.
public struct NewBob: LearningRateSchedule, Sendable {
    public private(set) var current: Double
    public var factor: Double
    public var threshold: Double
    public private(set) var previousError: Double?
    /// How many times the rate has been reduced.
    public private(set) var reductions = 0

    public init(initial: Double, factor: Double = 0.5, threshold: Double = 0) {
        precondition(factor > 0 && factor < 1, "NewBob: factor \(factor) must be in (0, 1)")
        self.current = initial
        self.factor = factor
        self.threshold = threshold
    }

    /// Records a validation error (lower is better) and returns the learning rate to use next.
    @discardableResult
    public mutating func record(validationError: Double) -> Double {
        if let previous = previousError, previous - validationError < threshold {
            current *= factor
            reductions += 1
        }
        previousError = validationError
        return current
    }

    public func learningRate(at step: Int) -> Double { current }
}

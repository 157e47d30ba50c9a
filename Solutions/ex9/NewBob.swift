import TensorCore

// ex9.2 (part 2) — The "new-bob" rule: keep the learning rate while the validation loss keeps
// improving; multiply it by `factor` (½) when it stops improving.
//
// It is stateful: `record(validationLoss:)` is called once per epoch with that epoch's
// validation loss (lower is better) and returns the learning rate for the NEXT epoch.
//   - The first recorded loss only becomes the reference: the rate stays at `initial`.
//   - Afterwards, with improvement = previous loss − this loss (the loss of the epoch before,
//     not the best so far): if improvement < threshold, then current ← current · factor and
//     `reductions` goes up by one; otherwise the rate is kept.
//   - This loss becomes the previous loss for the next call.
// With the default threshold 0 the rate is halved exactly when the validation loss goes up
// (the lecture's wording); an equal loss keeps it. A positive threshold also halves when the
// loss improves by less than the threshold ("stagnation").
// `learningRate(at:)` ignores the step and returns the current rate.
// (PyTorch's `ReduceLROnPlateau(mode="min", factor=0.5, patience=0, threshold_mode="abs")`
// is close; it compares with the best loss so far instead of the previous one.)

/// The new-bob schedule: halve the rate when the validation loss improves by less than `threshold`.
public struct NewBob: LearningRateSchedule {
    /// The learning rate in use now.
    public var current: Double
    /// The factor applied when the loss stagnates, in (0, 1); ½ by default.
    public var factor: Double
    /// The smallest improvement that keeps the rate (0 by default: only a worse loss halves it).
    public var threshold: Double
    /// The loss recorded by the previous call (nil before the first).
    public var previousLoss: Double?
    /// How many times the rate has been reduced.
    public var reductions = 0

    public init(initial: Double, factor: Double = 0.5, threshold: Double = 0) {
        precondition(factor > 0 && factor < 1, "NewBob: factor \(factor) must be in (0, 1)")
        precondition(threshold >= 0, "NewBob: threshold \(threshold) is negative")
        self.current = initial
        self.factor = factor
        self.threshold = threshold
    }

    /// Records one epoch's validation loss and returns the learning rate for the next epoch.
    @discardableResult
    public mutating func record(validationLoss: Double) -> Double {
        // BEGIN SOLUTION ex9.2
        if let previous = previousLoss, previous - validationLoss < threshold {
            current *= factor
            reductions += 1
        }
        previousLoss = validationLoss
        return current
        // END SOLUTION
    }

    public func learningRate(at step: Int) -> Double { current }
}

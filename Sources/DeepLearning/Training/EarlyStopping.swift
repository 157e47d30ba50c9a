import TensorCore

/// Early stopping (lecture L5): watch a validation metric, stop when it has not improved for
/// `patience` evaluations, and keep a copy of the parameters from the best evaluation so they
/// can be restored.
///
/// Improvement means `value < best − minDelta` (`.minimize`, for a loss or an error) or
/// `value > best + minDelta` (`.maximize`, for an accuracy). Matches Keras's `EarlyStopping`
/// with `restore_best_weights=True`: patience counts evaluations without improvement, and the
/// stop is signalled on the `patience`-th evaluation in a row without improvement.
public struct EarlyStopping: Sendable {
    public enum Mode: Sendable { case minimize, maximize }

    public var patience: Int
    public var minDelta: Double
    public var mode: Mode
    public private(set) var bestValue: Double?
    /// The index (0-based count of `update` calls) of the best evaluation.
    public private(set) var bestEpoch: Int?
    /// A copy of the parameters at the best evaluation.
    public private(set) var bestParameters: [Tensor]?
    public private(set) var evaluationsWithoutImprovement = 0
    public private(set) var evaluations = 0
    public private(set) var shouldStop = false

    public init(patience: Int = 5, minDelta: Double = 0, mode: Mode = .minimize) {
        precondition(patience >= 0, "EarlyStopping: patience \(patience) is negative")
        precondition(minDelta >= 0, "EarlyStopping: minDelta \(minDelta) is negative")
        self.patience = patience
        self.minDelta = minDelta
        self.mode = mode
    }

    /// Records one evaluation. Returns `true` when training should stop now.
    @discardableResult
    public mutating func update(value: Double, parameters: [Tensor]) -> Bool {
        defer { evaluations += 1 }
        let improved: Bool
        if let best = bestValue {
            improved = mode == .minimize ? value < best - minDelta : value > best + minDelta
        } else {
            improved = true
        }
        if improved {
            bestValue = value
            bestEpoch = evaluations
            bestParameters = parameters
            evaluationsWithoutImprovement = 0
        } else {
            evaluationsWithoutImprovement += 1
            if evaluationsWithoutImprovement >= patience { shouldStop = true }
        }
        return shouldStop
    }

    /// Writes the best parameters seen into `parameters` (unchanged if none were recorded).
    public func restoreBest(into parameters: inout [Tensor]) {
        guard let best = bestParameters else { return }
        precondition(best.count == parameters.count,
                     "EarlyStopping.restoreBest: saved \(best.count) parameters but the model has \(parameters.count)")
        parameters = best
    }
}

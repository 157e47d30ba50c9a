import TensorCore

// ex10.3 — Early stopping with patience, keeping the best weights.
//
// After each epoch the training loop reports the epoch number, the validation loss and the
// current weights. The monitor remembers the lowest loss so far, the epoch it came from and a
// COPY of the weights of that epoch. An epoch improves when its loss is STRICTLY lower than the
// best so far (a tie is not an improvement). `update` returns true ("stop now") once `patience`
// epochs in a row have not improved, as Keras's EarlyStopping(patience:, restore_best_weights: true):
//
//     patience 2, losses 1.0, 0.8, 0.9, 0.85      → epochs 2 and 3 do not improve: stop after epoch 3,
//                                                   best epoch 1, restore the weights of epoch 1.
//
// An improving epoch resets the count and never stops. After stopping, the loop restores
// `bestWeights`: the weights of the best epoch, not the last ones seen.
//
// Tensor is a value type, so storing `weights` stores a copy: later changes to the caller's
// array do not reach it.

/// Early stopping on the validation loss: stop after `patience` consecutive epochs without a strictly lower loss.
public struct EarlyStopping {
    /// How many consecutive epochs without improvement are tolerated (≥ 0).
    public let patience: Int
    /// The lowest validation loss seen so far (+∞ before the first update).
    public private(set) var bestLoss: Double
    /// The epoch of `bestLoss` (−1 before the first update).
    public private(set) var bestEpoch: Int
    /// A copy of the weights reported with `bestLoss`: what to restore when training stops.
    public private(set) var bestWeights: [Tensor]
    /// Consecutive epochs without improvement so far.
    public private(set) var epochsWithoutImprovement: Int

    public init(patience: Int) {
        // BEGIN SOLUTION ex10.3
        precondition(patience >= 0, "EarlyStopping: patience \(patience) must not be negative")
        self.patience = patience
        bestLoss = .infinity
        bestEpoch = -1
        bestWeights = []
        epochsWithoutImprovement = 0
        // END SOLUTION
    }

    /// Records one epoch; returns true when training should stop (then restore `bestWeights`).
    public mutating func update(epoch: Int, validationLoss: Double, weights: [Tensor]) -> Bool {
        // BEGIN SOLUTION ex10.3
        if validationLoss < bestLoss {
            bestLoss = validationLoss
            bestEpoch = epoch
            bestWeights = weights
            epochsWithoutImprovement = 0
            return false
        }
        epochsWithoutImprovement += 1
        return epochsWithoutImprovement >= patience
        // END SOLUTION
    }
}

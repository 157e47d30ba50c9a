import XCTest
import TensorCore
import CheckSupport
import Ex10

/// Feeds losses epoch by epoch with distinct weights [epoch·10, epoch·10 + 1]; returns the
/// epoch at which `update` first said stop (nil if never) and the monitor's bestEpoch, bestLoss
/// and bestWeights then. It calls the student's code: call it only inside `student { }`.
private func runMonitor(patience: Int, losses: [Double]) -> (Int?, Int, Double, [Tensor]) {
    var monitor = Ex10.EarlyStopping(patience: patience)
    for (epoch, loss) in losses.enumerated() {
        if monitor.update(epoch: epoch, validationLoss: loss, weights: weightsOf(epoch: epoch)) {
            return (epoch, monitor.bestEpoch, monitor.bestLoss, monitor.bestWeights)
        }
    }
    return (nil, monitor.bestEpoch, monitor.bestLoss, monitor.bestWeights)
}

private func weightsOf(epoch: Int) -> [Tensor] {
    [Tensor([Double(epoch * 10), Double(epoch * 10 + 1)]), Tensor([[Double(-epoch)]])]
}

/// ex10.3: early stopping with patience, restoring the best weights.
final class EarlyStoppingChecks: XCTestCase {
    /// Patience 2, losses 1.0, 0.8, 0.9, 0.85, 0.7: epochs 2 and 3 do not improve, so stop after epoch 3.
    func testStopsAfterPatience() {
        let (stoppedAt, bestEpoch, bestLoss, bestWeights) = student { runMonitor(patience: 2, losses: [1.0, 0.8, 0.9, 0.85, 0.7]) }
        guard expectEqual(stoppedAt, 3, "epoch at which update returns true (patience 2, losses 1.0, 0.8, 0.9, 0.85, 0.7)") else { return }
        guard expectEqual(bestEpoch, 1, "bestEpoch") else { return }
        guard expectClose(bestLoss, 0.8, tolerance: 0, "bestLoss") else { return }
        expectEqual(bestWeights, weightsOf(epoch: 1), "bestWeights (the weights of the best epoch, 1, not the last seen)")
    }

    /// An improvement resets the count: patience 2, losses 1, 0.9, 0.95, 0.8, 0.85, 0.86, 0.5.
    func testImprovementResetsPatience() {
        let (stoppedAt, bestEpoch, _, bestWeights) = student { runMonitor(patience: 2, losses: [1, 0.9, 0.95, 0.8, 0.85, 0.86, 0.5]) }
        guard expectEqual(stoppedAt, 5, "epoch at which update returns true (the improvement at epoch 3 resets the count)") else { return }
        guard expectEqual(bestEpoch, 3, "bestEpoch") else { return }
        expectEqual(bestWeights, weightsOf(epoch: 3), "bestWeights after stopping (the weights of epoch 3)")
    }
}

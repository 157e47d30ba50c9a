import Foundation
import TensorCore

/// Ensembles (lecture L5): combine several models' predictions; errors that are not perfectly
/// correlated partly cancel.
public enum Ensemble {
    /// Probability averaging: the element-wise mean of the members' class probabilities, each
    /// `[N, K]` (softmax outputs, not logits). Predict with `Metrics.predictions` on the result.
    public static func averageProbabilities(_ members: [Tensor]) -> Tensor {
        precondition(!members.isEmpty, "averageProbabilities: no ensemble members")
        for (i, m) in members.enumerated() {
            precondition(m.shape == members[0].shape,
                         "averageProbabilities: member \(i) has shape \(m.shape) but member 0 has \(members[0].shape)")
        }
        var sum = members[0]
        for m in members.dropFirst() { sum = sum + m }
        return sum / Double(members.count)
    }

    /// Majority (plurality) vote over the members' predicted classes, one list of `N` labels per
    /// member. Tie rule: among the classes with the most votes, the **lowest class index** wins
    /// (as `scipy.stats.mode`; deterministic, independent of member order).
    public static func majorityVote(_ memberPredictions: [[Int]]) -> [Int] {
        precondition(!memberPredictions.isEmpty, "majorityVote: no ensemble members")
        let n = memberPredictions[0].count
        for (i, p) in memberPredictions.enumerated() {
            precondition(p.count == n, "majorityVote: member \(i) has \(p.count) predictions but member 0 has \(n)")
        }
        return (0..<n).map { i in
            var votes: [Int: Int] = [:]
            for member in memberPredictions { votes[member[i], default: 0] += 1 }
            let most = votes.values.max()!
            return votes.filter { $0.value == most }.keys.min()!
        }
    }
}

/// Snapshot ensembles (Huang et al. 2017, "Snapshot ensembles: train 1, get M for free"): one
/// training run with a cyclic cosine learning rate that restarts `cycles` times; the parameters
/// at the end of each cycle (a local minimum) become one ensemble member.
///
///     ε_k = (ε_0 / 2)·(cos(π·(k mod L)/L) + 1),   L = ⌈totalSteps / cycles⌉
///
/// Step 0 of each cycle gives ε_0; the last step of a cycle (`k mod L = L − 1`) is the lowest
/// and is where a snapshot is taken (`isSnapshotStep`). Call `record(parameters:step:)` after
/// every update: it stores a copy at those steps.
public struct SnapshotEnsemble: LearningRateSchedule {
    public var initial: Double
    public var totalSteps: Int
    public var cycles: Int
    public private(set) var snapshots: [[Tensor]] = []

    public init(initial: Double, totalSteps: Int, cycles: Int) {
        precondition(cycles >= 1 && totalSteps >= cycles,
                     "SnapshotEnsemble: \(cycles) cycles in \(totalSteps) steps; need 1 ≤ cycles ≤ steps")
        self.initial = initial
        self.totalSteps = totalSteps
        self.cycles = cycles
    }

    /// L, the length of one cycle in steps.
    public var cycleLength: Int { (totalSteps + cycles - 1) / cycles }

    public func learningRate(at step: Int) -> Double {
        validateStepIndex(step, "SnapshotEnsemble")
        let position = Double(step % cycleLength) / Double(cycleLength)
        return initial / 2 * (cos(Double.pi * position) + 1)
    }

    /// True at the last step of each cycle and at the last step of training.
    public func isSnapshotStep(_ step: Int) -> Bool {
        step % cycleLength == cycleLength - 1 || step == totalSteps - 1
    }

    /// Stores a copy of `parameters` if `step` ends a cycle.
    public mutating func record(parameters: [Tensor], step: Int) {
        if isSnapshotStep(step) { snapshots.append(parameters) }
    }
}

import Testing
import Foundation
import TensorCore
import CheckSupport
import Ex9

/// ex9.2: step decay, exponential decay and new-bob.
@Suite struct DecayChecks {
    /// ε_0 = 0.5, factor 0.1 every 3 steps: steps 0–2 keep ε_0, step 3 is the first reduced one.
    @Test func stepDecay() {
        let expected: [Double] = [0.5, 0.5, 0.5, 0.05, 0.05, 0.05, 0.005, 0.005, 0.005, 0.0005]
        let steps = Array(expected.indices)
        let rates = student { () -> [Double] in
            let schedule = Ex9.StepDecay(initial: 0.5, factor: 0.1, stepSize: 3)
            return steps.map { schedule.learningRate(at: $0) }
        }
        expectRates(rates, at: steps, expected: { expected[$0] }) { k in
            "StepDecay(ε_0 = 0.5, factor 0.1, every 3 steps) at step \(k) (ε_0·0.1^⌊k/3⌋)"
        }
    }

    @Test func exponentialDecay() {
        let steps = [0, 1, 2, 10, 25]
        let rates = student { () -> [Double] in
            let schedule = Ex9.ExponentialDecay(initial: 0.2, rate: 0.3)
            return steps.map { schedule.learningRate(at: $0) }
        }
        expectRates(rates, at: steps, expected: { 0.2 * exp(-0.3 * Double($0)) }) { k in
            "ExponentialDecay(ε_0 = 0.2, rate 0.3) at step \(k) (ε_0·e^(−rate·k))"
        }
    }

    /// Threshold 1/8 and losses that are exact binary fractions, so every improvement is exact:
    /// 0.5, 0.25 (keep), 0.0625 (< 0.125: halve), −0.0625 (worse: halve), 0.25 (keep), exactly 0.125 (not less: keep).
    /// Then the defaults (factor ½, threshold 0): an equal loss keeps the rate, a worse one halves it.
    @Test func newBob() {
        let losses: [Double] = [2.0, 1.5, 1.25, 1.1875, 1.25, 1.0, 0.875]
        let expected: [Double] = [0.1, 0.1, 0.1, 0.05, 0.025, 0.025, 0.025]
        let notes = ["the first loss only sets the reference", "improved by 0.5: keep", "improved by 0.25: keep",
                     "improved by 0.0625 < threshold 0.125: halve", "got worse: halve", "improved by 0.25: keep",
                     "improved by exactly the threshold 0.125 (not less): keep"]
        let defaultLosses: [Double] = [1.0, 1.0, 1.5, 1.5, 1.25]
        let defaultExpected: [Double] = [0.2, 0.2, 0.1, 0.1, 0.1]
        let defaultNotes = ["the first loss only sets the reference", "the same loss again (improvement exactly 0, not below the threshold 0): keep",
                            "got worse: halve", "the same loss again: keep", "improved: keep"]
        // One schedule through all the epochs: after each, the rate returned and learningRate(at:).
        let (returned, current, reductions, defaultReturned, defaultReductions) = student { () -> ([Double], [Double], Int, [Double], Int) in
            var schedule = Ex9.NewBob(initial: 0.1, factor: 0.5, threshold: 0.125)
            var returned: [Double] = [], current: [Double] = []
            for loss in losses {
                returned.append(schedule.record(validationLoss: loss))
                current.append(schedule.learningRate(at: 1000))
            }
            var defaults = Ex9.NewBob(initial: 0.2)
            let defaultReturned = defaultLosses.map { defaults.record(validationLoss: $0) }
            return (returned, current, schedule.reductions, defaultReturned, defaults.reductions)
        }
        guard expectEqual(returned.count, losses.count, "NewBob: number of rates recorded"),
              expectEqual(current.count, losses.count, "NewBob: number of current rates recorded") else { return }
        for (epoch, loss) in losses.enumerated() {
            guard expectClose(returned[epoch], expected[epoch], tolerance: 1e-12,
                              "NewBob(initial 0.1, factor ½, threshold 0.125): rate returned after epoch \(epoch) with validation loss \(format(loss)) (\(notes[epoch]))") else { return }
            guard expectClose(current[epoch], expected[epoch], tolerance: 1e-12,
                              "NewBob.learningRate(at:) after epoch \(epoch) (the current rate, whatever the step)") else { return }
        }
        guard expectEqual(reductions, 2, "NewBob.reductions after the 7 epochs above") else { return }
        guard expectEqual(defaultReturned.count, defaultLosses.count, "NewBob(initial 0.2): number of rates recorded") else { return }
        for (epoch, loss) in defaultLosses.enumerated() {
            guard expectClose(defaultReturned[epoch], defaultExpected[epoch], tolerance: 1e-12,
                              "NewBob(initial 0.2) with the default factor and threshold: rate returned after epoch \(epoch) with validation loss \(format(loss)) (\(defaultNotes[epoch]))") else { return }
        }
        expectEqual(defaultReductions, 1, "NewBob(initial 0.2).reductions after the losses 1, 1, 1.5, 1.5, 1.25")
    }
}

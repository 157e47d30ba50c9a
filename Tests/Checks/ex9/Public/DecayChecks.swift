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

    /// Improvements 0.2, 0.05, 0.005 (< 0.01: halve), −0.015 (worse: halve), 0.06, 0.01 (not < 0.01: keep).
    @Test func newBob() {
        let losses: [Double] = [1.0, 0.8, 0.75, 0.745, 0.76, 0.70, 0.69]
        let expected: [Double] = [0.1, 0.1, 0.1, 0.05, 0.025, 0.025, 0.025]
        let notes = ["the first loss only sets the reference", "improved by 0.2: keep", "improved by 0.05: keep",
                     "improved by 0.005 < threshold 0.01: halve", "got worse: halve", "improved by 0.06: keep",
                     "improved by exactly the threshold 0.01 (not less): keep"]
        // One schedule through all the epochs: after each, the rate returned and learningRate(at:).
        let (returned, current, reductions) = student { () -> ([Double], [Double], Int) in
            var schedule = Ex9.NewBob(initial: 0.1, factor: 0.5, threshold: 0.01)
            var returned: [Double] = [], current: [Double] = []
            for loss in losses {
                returned.append(schedule.record(validationLoss: loss))
                current.append(schedule.learningRate(at: 1000))
            }
            return (returned, current, schedule.reductions)
        }
        guard expectEqual(returned.count, losses.count, "NewBob: number of rates recorded"),
              expectEqual(current.count, losses.count, "NewBob: number of current rates recorded") else { return }
        for (epoch, loss) in losses.enumerated() {
            guard expectClose(returned[epoch], expected[epoch], tolerance: 1e-12,
                              "NewBob(initial 0.1, factor ½, threshold 0.01): rate returned after epoch \(epoch) with validation loss \(format(loss)) (\(notes[epoch]))") else { return }
            guard expectClose(current[epoch], expected[epoch], tolerance: 1e-12,
                              "NewBob.learningRate(at:) after epoch \(epoch) (the current rate, whatever the step)") else { return }
        }
        expectEqual(reductions, 2, "NewBob.reductions after the 7 epochs above")
    }
}

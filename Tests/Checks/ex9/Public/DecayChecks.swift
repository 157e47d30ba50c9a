import XCTest
import Foundation
import TensorCore
import CheckSupport
import Ex9

/// ex9.2: step decay, exponential decay and new-bob.
final class DecayChecks: XCTestCase {
    /// ε_0 = 0.5, factor 0.1 every 3 steps: steps 0–2 keep ε_0, step 3 is the first reduced one.
    func testStepDecay() {
        let schedule = Ex9.StepDecay(initial: 0.5, factor: 0.1, stepSize: 3)
        let expected: [Double] = [0.5, 0.5, 0.5, 0.05, 0.05, 0.05, 0.005, 0.005, 0.005, 0.0005]
        for (k, value) in expected.enumerated() {
            guard expectClose(schedule.learningRate(at: k), value, tolerance: 1e-12,
                              "StepDecay(ε_0 = 0.5, factor 0.1, every 3 steps) at step \(k) (ε_0·0.1^⌊k/3⌋)") else { return }
        }
    }

    func testExponentialDecay() {
        let schedule = Ex9.ExponentialDecay(initial: 0.2, rate: 0.3)
        for k in [0, 1, 2, 10, 25] {
            guard expectClose(schedule.learningRate(at: k), 0.2 * exp(-0.3 * Double(k)), tolerance: 1e-12,
                              "ExponentialDecay(ε_0 = 0.2, rate 0.3) at step \(k) (ε_0·e^(−rate·k))") else { return }
        }
    }

    /// Improvements 0.2, 0.05, 0.005 (< 0.01: halve), −0.015 (worse: halve), 0.06, 0.01 (not < 0.01: keep).
    func testNewBob() {
        var schedule = Ex9.NewBob(initial: 0.1, factor: 0.5, threshold: 0.01)
        let losses: [Double] = [1.0, 0.8, 0.75, 0.745, 0.76, 0.70, 0.69]
        let expected: [Double] = [0.1, 0.1, 0.1, 0.05, 0.025, 0.025, 0.025]
        let notes = ["the first loss only sets the reference", "improved by 0.2: keep", "improved by 0.05: keep",
                     "improved by 0.005 < threshold 0.01: halve", "got worse: halve", "improved by 0.06: keep",
                     "improved by exactly the threshold 0.01 (not less): keep"]
        for (epoch, loss) in losses.enumerated() {
            let rate = schedule.record(validationLoss: loss)
            guard expectClose(rate, expected[epoch], tolerance: 1e-12,
                              "NewBob(initial 0.1, factor ½, threshold 0.01): rate returned after epoch \(epoch) with validation loss \(format(loss)) (\(notes[epoch]))") else { return }
            guard expectClose(schedule.learningRate(at: 1000), expected[epoch], tolerance: 1e-12,
                              "NewBob.learningRate(at:) after epoch \(epoch) (the current rate, whatever the step)") else { return }
        }
        expectEqual(schedule.reductions, 2, "NewBob.reductions after the 7 epochs above")
    }
}

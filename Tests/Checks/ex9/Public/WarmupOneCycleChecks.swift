import Testing
import Foundation
import TensorCore
import CheckSupport
import Ex9

/// A schedule written by the check (so warm-up is graded on its own): 0.4·0.9ᵏ.
struct GeometricSchedule: Ex9.LearningRateSchedule {
    var start = 0.4
    var ratio = 0.9
    func learningRate(at step: Int) -> Double { start * pow(ratio, Double(step)) }
}

/// ex9.3: warm-up and 1cycle.
@Suite struct WarmupOneCycleChecks {
    /// W = 5 before 0.4·0.9ᵏ: step 0 = 0.4/5, step 4 = 0.4 (the peak), step 5 = wrapped(0), step 6 = wrapped(1).
    @Test func warmup() {
        let cases: [(Int, Double, String)] = [
            (0, 0.08, "step 0 (ε*·1/W: the first step already moves)"),
            (2, 0.24, "step 2 (ε*·3/W)"),
            (4, 0.4, "step W − 1 = 4 (the peak ε* = wrapped(0))"),
            (5, 0.4, "step W = 5 (the wrapped schedule's step 0)"),
            (6, 0.36, "step W + 1 = 6 (the wrapped schedule's step 1)"),
            (15, 0.4 * pow(0.9, 10), "step 15 (the wrapped schedule's step 10)"),
        ]
        let steps = cases.map(\.0)
        let (rates, single0, single1) = student { () -> ([Double], Double, Double) in
            let schedule = Ex9.Warmup(warmupSteps: 5, then: GeometricSchedule())
            // W = 1: no ramp at all, step 0 is already the target.
            let single = Ex9.Warmup(warmupSteps: 1, then: GeometricSchedule())
            return (steps.map { schedule.learningRate(at: $0) }, single.learningRate(at: 0), single.learningRate(at: 1))
        }
        guard expectEqual(rates.count, cases.count, "Warmup: number of learning rates recorded") else { return }
        for (i, (_, expected, what)) in cases.enumerated() {
            guard expectClose(rates[i], expected, tolerance: 1e-12, "Warmup(W = 5) then 0.4·0.9ᵏ, at \(what)") else { return }
        }
        expectClose(single0, 0.4, tolerance: 1e-12, "Warmup(W = 1) at step 0 (ε*·1/1)")
        expectClose(single1, 0.4, tolerance: 1e-12, "Warmup(W = 1) at step 1 (wrapped(0))")
    }

    /// T = 100, maximum 0.1: peak at step 29; step 0 = 0.004, step 99 = 4e−7, step 100 stays there.
    @Test func oneCycle() {
        let low = 0.1 / 25, end = 0.1 / 25 / 1e4
        let cases: [(Int, Double, String)] = [
            (0, low, "step 0 (maximum/25)"),
            (10, low + (0.1 - low) * 10 / 29, "step 10 (a third of the way up)"),
            (28, low + (0.1 - low) * 28 / 29, "step 28 (one before the peak)"),
            (29, 0.1, "step 29 (the peak: maximum)"),
            (30, 0.1 + (end - 0.1) / 70, "step 30 (first step down)"),
            (64, 0.1 + (end - 0.1) * 35 / 70, "step 64 (halfway down)"),
            (98, 0.1 + (end - 0.1) * 69 / 70, "step 98 (one before the last)"),
            (99, end, "step 99 (the last step: maximum/25/10⁴)"),
            (100, end, "step 100 (one past the last: stays at the final value)"),
            (250, end, "step 250 (stays at the final value)"),
        ]
        let steps = cases.map(\.0)
        // A tiny final value (maximum 1, divisors 10³ and 10⁶: ε_end = 10⁻⁹): the down-phase formula
        // maximum + (ε_end − maximum)·1 loses it to rounding (about 3·10⁻⁸ of ε_end), so the last
        // step and the one after must return ε_end itself. Compared as a ratio to ε_end.
        let tinySteps = [19, 20]
        let (peak, rates, tiny) = student { () -> (Int, [Double], [Double]) in
            let schedule = Ex9.OneCycle(maximum: 0.1, totalSteps: 100)
            let small = Ex9.OneCycle(maximum: 1, totalSteps: 20, initialDivisor: 1e3, finalDivisor: 1e6)
            return (schedule.peakStep, steps.map { schedule.learningRate(at: $0) }, tinySteps.map { small.learningRate(at: $0) })
        }
        guard expectEqual(peak, 29, "OneCycle(T = 100, peak fraction 0.3).peakStep (round(0.3·100) − 1)"),
              expectEqual(rates.count, cases.count, "OneCycle: number of learning rates recorded") else { return }
        for (i, (_, expected, what)) in cases.enumerated() {
            guard expectClose(rates[i], expected, tolerance: 1e-12, "OneCycle(maximum 0.1, T = 100) at \(what)") else { return }
        }
        guard expectEqual(tiny.count, tinySteps.count, "OneCycle(maximum 1, T = 20): number of learning rates recorded") else { return }
        for (i, step) in tinySteps.enumerated() {
            guard expectClose(tiny[i] / 1e-9, 1, tolerance: 1e-12,
                              "OneCycle(maximum 1, T = 20, divisors 10³ and 10⁶) at step \(step)\(step == 19 ? " (the last step)" : " (one past the last)"), divided by ε_end = 10⁻⁹: from step T − 1 on the rate is exactly ε_end (the down-phase formula only rounds to it)") else { return }
        }
    }

    /// A short cycle with other divisors: T = 10, fraction 0.25 → round(2.5) − 1 = 2.
    @Test func shortOneCycle() {
        let expected: [Double] = [0.1, 0.55, 1, 1 - 0.999 / 7, 1 - 0.999 * 2 / 7, 1 - 0.999 * 3 / 7,
                                  1 - 0.999 * 4 / 7, 1 - 0.999 * 5 / 7, 1 - 0.999 * 6 / 7, 0.001, 0.001]
        let steps = Array(expected.indices)
        let (peak, rates) = student { () -> (Int, [Double]) in
            let schedule = Ex9.OneCycle(maximum: 1, totalSteps: 10, peakFraction: 0.25, initialDivisor: 10, finalDivisor: 100)
            return (schedule.peakStep, steps.map { schedule.learningRate(at: $0) })
        }
        guard expectEqual(peak, 2, "OneCycle(T = 10, peak fraction 0.25).peakStep (round(2.5) − 1, halves rounded away from zero)") else { return }
        expectRates(rates, at: steps, expected: { expected[$0] }) { k in
            "OneCycle(maximum 1, T = 10, fraction 0.25, divisors 10 and 100) at step \(k) (0.1 → 1 at step 2 → 0.001 at step 9)"
        }
    }
}

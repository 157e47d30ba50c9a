import Testing
import Foundation
import TensorCore
import CheckSupport
import Ex9

/// ex9.1: linear decay.
@Suite struct LinearDecayChecks {
    /// ε_0 = 0.1, ε_τ = 0.001, τ = 100: step 0, the middle, τ, one past τ and far past it.
    @Test func lectureValues() {
        let cases: [(Int, Double, String)] = [
            (0, 0.1, "step 0 (α = 0: ε_0)"),
            (1, 0.99 * 0.1 + 0.01 * 0.001, "step 1 (α = 0.01)"),
            (50, 0.0505, "step 50 (α = ½: halfway between ε_0 and ε_τ)"),
            (100, 0.001, "step τ = 100 (α = 1: ε_τ)"),
            (101, 0.001, "step τ + 1 = 101 (constant after τ)"),
            (1000, 0.001, "step 1000 (constant after τ; the formula would be negative here)"),
        ]
        let steps = cases.map(\.0)
        let rates = student { () -> [Double] in
            let schedule = Ex9.LinearDecay(initial: 0.1, final: 0.001, decaySteps: 100)
            return steps.map { schedule.learningRate(at: $0) }
        }
        guard expectEqual(rates.count, cases.count, "LinearDecay: number of learning rates recorded") else { return }
        for (i, (_, expected, what)) in cases.enumerated() {
            guard expectClose(rates[i], expected, tolerance: 1e-12,
                              "LinearDecay(ε_0 = 0.1, ε_τ = 0.001, τ = 100) at \(what)") else { return }
        }
    }

    /// Every step of a short decay against the formula, and the flat tail.
    @Test func everyStep() {
        let initial = 0.3, final = 0.02, tau = 7
        let steps = Array(0...(3 * tau))
        let rates = student { () -> [Double] in
            let schedule = Ex9.LinearDecay(initial: initial, final: final, decaySteps: tau)
            return steps.map { schedule.learningRate(at: $0) }
        }
        expectRates(rates, at: steps, expected: { k in
            let alpha = min(Double(k) / Double(tau), 1)
            return (1 - alpha) * initial + alpha * final
        }) { k in "LinearDecay(ε_0 = 0.3, ε_τ = 0.02, τ = 7) at step \(k) (α = k/τ as a Double, and ε_τ from step τ on)" }
    }
}

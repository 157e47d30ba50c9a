import XCTest
import Foundation
import TensorCore
import CheckSupport
import Ex9

/// ex9.1: linear decay.
final class LinearDecayChecks: XCTestCase {
    /// ε_0 = 0.1, ε_τ = 0.001, τ = 100: step 0, the middle, τ, one past τ and far past it.
    func testLectureValues() {
        let schedule = Ex9.LinearDecay(initial: 0.1, final: 0.001, decaySteps: 100)
        let cases: [(Int, Double, String)] = [
            (0, 0.1, "step 0 (α = 0: ε_0)"),
            (1, 0.99 * 0.1 + 0.01 * 0.001, "step 1 (α = 0.01)"),
            (50, 0.0505, "step 50 (α = ½: halfway between ε_0 and ε_τ)"),
            (100, 0.001, "step τ = 100 (α = 1: ε_τ)"),
            (101, 0.001, "step τ + 1 = 101 (constant after τ)"),
            (1000, 0.001, "step 1000 (constant after τ; the formula would be negative here)"),
        ]
        for (step, expected, what) in cases {
            guard expectClose(schedule.learningRate(at: step), expected, tolerance: 1e-12,
                              "LinearDecay(ε_0 = 0.1, ε_τ = 0.001, τ = 100) at \(what)") else { return }
        }
    }

    /// Every step of a short decay against the formula, and the flat tail.
    func testEveryStep() {
        let initial = 0.3, final = 0.02, tau = 7
        let schedule = Ex9.LinearDecay(initial: initial, final: final, decaySteps: tau)
        for k in 0...(3 * tau) {
            let alpha = min(Double(k) / Double(tau), 1)
            guard expectClose(schedule.learningRate(at: k), (1 - alpha) * initial + alpha * final, tolerance: 1e-12,
                              "LinearDecay(ε_0 = 0.3, ε_τ = 0.02, τ = 7) at step \(k) (α = k/τ as a Double, and ε_τ from step τ on)") else { return }
        }
    }
}

import TensorCore

// ex9.3 (part 2) — The 1cycle policy (Smith 2018; sgugger's "The 1cycle policy"), linear form:
// one triangle from a low rate up to `maximum` and back down far below the start.
//
// T = totalSteps (steps 0 … T−1), ε_lo = maximum / initialDivisor, ε_end = ε_lo / finalDivisor,
// and the peak step p = round(peakFraction · T) − 1 (rounded to nearest, halves away from zero,
// i.e. Swift's `.rounded()`; at least 1). Phases:
//
//     up:     ε_k = ε_lo + (maximum − ε_lo) · k / p               for 0 ≤ k ≤ p
//     down:   ε_k = maximum + (ε_end − maximum) · (k − p) / (T−1−p)  for p ≤ k ≤ T−1
//     after:  ε_k = ε_end                                           for k ≥ T − 1
//
// So step 0 is ε_lo, step p is exactly `maximum`, the last step T − 1 is exactly ε_end, and
// the step one past the end (T) stays at ε_end. Defaults follow PyTorch's
// `OneCycleLR(anneal_strategy="linear", pct_start=0.3, div_factor=25, final_div_factor=1e4)`,
// whose peak is at step pct_start·T − 1. Example: T = 100 → p = 29, ε_0 = maximum/25,
// ε_99 = maximum/250,000.
// Pitfalls: a peak at round(pct·T) (one step late); dividing the down phase by T − p, which
// never reaches ε_end at the last step.

/// The linear 1cycle schedule: up from `maximum/initialDivisor` to `maximum` at `peakStep`,
/// then down to `maximum/initialDivisor/finalDivisor` at the last step `totalSteps − 1`.
public struct OneCycle: LearningRateSchedule {
    public var maximum: Double
    /// T; the steps are 0 … T−1.
    public var totalSteps: Int
    /// The fraction of the steps spent going up (PyTorch's pct_start).
    public var peakFraction: Double
    public var initialDivisor: Double
    public var finalDivisor: Double

    public init(maximum: Double, totalSteps: Int, peakFraction: Double = 0.3,
                initialDivisor: Double = 25, finalDivisor: Double = 1e4) {
        precondition(totalSteps >= 3, "OneCycle: \(totalSteps) total steps; need at least 3")
        precondition(peakFraction > 0 && peakFraction < 1, "OneCycle: peak fraction \(peakFraction) must be in (0, 1)")
        precondition(initialDivisor >= 1 && finalDivisor >= 1, "OneCycle: divisors \(initialDivisor) and \(finalDivisor) must be at least 1")
        self.maximum = maximum
        self.totalSteps = totalSteps
        self.peakFraction = peakFraction
        self.initialDivisor = initialDivisor
        self.finalDivisor = finalDivisor
    }

    /// ε_lo, the rate at step 0.
    public var initialRate: Double { maximum / initialDivisor }
    /// ε_end, the rate at the last step T − 1 and after.
    public var finalRate: Double { initialRate / finalDivisor }

    /// p = max(1, round(peakFraction · T) − 1): the step at which the rate is `maximum`.
    public var peakStep: Int {
        // BEGIN SOLUTION ex9.3
        let peak = max(1, Int((peakFraction * Double(totalSteps)).rounded()) - 1)
        precondition(peak < totalSteps - 1, "OneCycle: peak step \(peak) must come before the last step \(totalSteps - 1)")
        return peak
        // END SOLUTION
    }

    public func learningRate(at step: Int) -> Double {
        validateStepIndex(step, "OneCycle")
        // BEGIN SOLUTION ex9.3
        let peak = peakStep
        if step >= totalSteps - 1 { return finalRate }
        if step <= peak {
            return initialRate + (maximum - initialRate) * Double(step) / Double(peak)
        }
        let fraction = Double(step - peak) / Double(totalSteps - 1 - peak)
        return maximum + (finalRate - maximum) * fraction
        // END SOLUTION
    }
}

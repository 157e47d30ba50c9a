import Foundation

/// The 1cycle policy (Smith 2018; sgugger's "The 1cycle policy"), linear form: one triangle
/// from a low rate up to `maximum` and back down below the start, over `totalSteps` steps.
///
/// With `p = peakStep`, `T = totalSteps`, `ε_lo = maximum / initialDivisor` and
/// `ε_end = ε_lo / finalDivisor`:
///
///     ε_k = ε_lo + (maximum − ε_lo)·k/p                 for 0 ≤ k ≤ p   (ε_0 = ε_lo, ε_p = maximum)
///     ε_k = maximum + (ε_end − maximum)·(k − p)/(T−1−p) for p ≤ k ≤ T−1 (ε_{T−1} = ε_end)
///     ε_k = ε_end                                        for k ≥ T       (clamped)
///
/// The divisors are PyTorch's `OneCycleLR` defaults, `initialDivisor = 25` (`div_factor`) and
/// `finalDivisor = 1e4` (`final_div_factor`), and the shape is its `anneal_strategy="linear"`
/// (`annealing: .cosine` gives its default cosine shape between the same three points). Where
/// this schedule differs from PyTorch's:
///
/// - **The peak is a whole step.** We put it at `peakStep = round(0.3·T) − 1`, so that some step
///   has exactly `maximum`. PyTorch ends the warm-up phase at the real number `pct_start·T − 1`
///   (`pct_start = 0.3`), without rounding: the two agree when `0.3·T` is a whole number
///   (T = 10, 1,000), and otherwise PyTorch's peak falls between two steps and no step reaches
///   `max_lr` exactly (T = 15: its peak is at 3.5, ours at step 4).
/// - **After the last step.** We clamp: step `T` and later return `ε_end`. PyTorch computes step
///   `T` by extrapolating its last phase past `ε_end` and raises only one step later, at `T + 1`
///   ("Tried to step … times").
public struct OneCycle: LearningRateSchedule, Sendable {
    public enum Annealing: Sendable { case linear, cosine }

    public var maximum: Double
    public var totalSteps: Int
    public var peakStep: Int
    public var initialDivisor: Double
    public var finalDivisor: Double
    public var annealing: Annealing

    public init(maximum: Double, totalSteps: Int, peakStep: Int? = nil,
                initialDivisor: Double = 25, finalDivisor: Double = 1e4, annealing: Annealing = .linear) {
        precondition(totalSteps >= 3, "OneCycle: \(totalSteps) total steps; need at least 3")
        let peak = peakStep ?? max(1, Int((0.3 * Double(totalSteps)).rounded()) - 1)
        precondition(peak > 0 && peak < totalSteps - 1,
                     "OneCycle: peak step \(peak) must lie strictly between 0 and the last step \(totalSteps - 1)")
        precondition(initialDivisor >= 1 && finalDivisor >= 1,
                     "OneCycle: divisors \(initialDivisor) and \(finalDivisor) must be at least 1")
        self.maximum = maximum
        self.totalSteps = totalSteps
        self.peakStep = peak
        self.initialDivisor = initialDivisor
        self.finalDivisor = finalDivisor
        self.annealing = annealing
    }

    /// ε_lo, the rate at step 0.
    public var initialRate: Double { maximum / initialDivisor }
    /// ε_end, the rate at the last step `T − 1` and after.
    public var finalRate: Double { initialRate / finalDivisor }

    public func learningRate(at step: Int) -> Double {
        validateStepIndex(step, "OneCycle")
        if step >= totalSteps - 1 { return finalRate }
        if step <= peakStep {
            return interpolate(from: initialRate, to: maximum, fraction: Double(step) / Double(peakStep))
        }
        let fraction = Double(step - peakStep) / Double(totalSteps - 1 - peakStep)
        return interpolate(from: maximum, to: finalRate, fraction: fraction)
    }

    private func interpolate(from a: Double, to b: Double, fraction: Double) -> Double {
        switch annealing {
        case .linear: return a + (b - a) * fraction
        case .cosine: return b + (a - b) * (1 + cos(Double.pi * fraction)) / 2
        }
    }
}

/// Triangular cyclical learning rates (Smith 2017, "Cyclical learning rates for training neural
/// networks"): the rate rises linearly from `base` to `maximum` over `halfCycle` steps, falls
/// back over the next `halfCycle`, and repeats.
///
///     cycle = ⌊1 + k/(2·halfCycle)⌋,  x = |k/halfCycle − 2·cycle + 1|
///     ε_k = base + (maximum − base)·max(0, 1 − x)
///
/// Peaks at steps `halfCycle, 3·halfCycle, …`; back at `base` at `0, 2·halfCycle, …`.
/// Matches PyTorch's `CyclicLR(mode="triangular", step_size_up=halfCycle)`.
public struct TriangularCyclical: LearningRateSchedule, Sendable {
    public var base: Double
    public var maximum: Double
    public var halfCycle: Int

    public init(base: Double, maximum: Double, halfCycle: Int) {
        precondition(halfCycle > 0, "TriangularCyclical: half cycle \(halfCycle) must be positive")
        precondition(maximum >= base, "TriangularCyclical: maximum \(maximum) is below base \(base)")
        self.base = base
        self.maximum = maximum
        self.halfCycle = halfCycle
    }

    public func learningRate(at step: Int) -> Double {
        validateStepIndex(step, "TriangularCyclical")
        let s = Double(halfCycle)
        let cycle = (1 + Double(step) / (2 * s)).rounded(.down)
        let x = abs(Double(step) / s - 2 * cycle + 1)
        return base + (maximum - base) * max(0, 1 - x)
    }
}

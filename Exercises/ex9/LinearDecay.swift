import TensorCore

// ex9.1 — Linear decay (Goodfellow et al. §8.3.1), the lecture's form:
//
//     ε_k = (1 − α)·ε_0 + α·ε_τ,   α = k/τ,    for 0 ≤ k ≤ τ
//     ε_k = ε_τ                                 for k > τ     (constant after τ)
//
// Step 0 gives ε_0, step τ gives ε_τ, and every later step stays at ε_τ: without that last
// rule the formula keeps going down past ε_τ and, soon after, below zero.
// Compute α as a Double (`Double(k) / Double(τ)`): integer division gives 0 until k = τ.
// (PyTorch's `LinearLR(start_factor=1, end_factor=ε_τ/ε_0, total_iters=τ)` gives the same values.)

/// Linear decay from `initial` (ε_0) to `final` (ε_τ) over `decaySteps` (τ) steps, then constant.
public struct LinearDecay: LearningRateSchedule {
    /// ε_0, the rate at step 0.
    public var initial: Double
    /// ε_τ, the rate at step τ and after (typically about 1% of ε_0).
    public var final: Double
    /// τ, the step at which the decay ends.
    public var decaySteps: Int

    public init(initial: Double, final: Double, decaySteps: Int) {
        precondition(decaySteps > 0, "LinearDecay: τ = \(decaySteps) steps must be positive")
        precondition(initial >= 0 && final >= 0, "LinearDecay: learning rates \(initial) and \(final) must not be negative")
        self.initial = initial
        self.final = final
        self.decaySteps = decaySteps
    }

    public func learningRate(at step: Int) -> Double {
        validateStepIndex(step, "LinearDecay")
        todo("ex9.1")
    }
}

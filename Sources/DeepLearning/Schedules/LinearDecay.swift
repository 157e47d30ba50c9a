/// Linear decay (Goodfellow et al. §8.3.1), the lectures' form:
///
///     ε_k = (1 − α)·ε_0 + α·ε_τ,   α = k/τ,   for k ≤ τ
///     ε_k = ε_τ                               for k > τ
///
/// Step 0 gives `ε_0`, step τ gives `ε_τ` and every later step stays at `ε_τ`.
/// (PyTorch's `LinearLR` with `end_factor = ε_τ/ε_0, total_iters = τ` gives the same values.)
public struct LinearDecay: LearningRateSchedule, Sendable {
    /// ε_0.
    public var initial: Double
    /// ε_τ, typically about 1% of ε_0.
    public var final: Double
    /// τ, the step at which decay stops.
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
        if step >= decaySteps { return final }
        let alpha = Double(step) / Double(decaySteps)
        return (1 - alpha) * initial + alpha * final
    }
}

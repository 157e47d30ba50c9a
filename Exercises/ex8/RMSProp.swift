import TensorCore

// ex8.3 (part 2) — RMSProp (Hinton; Goodfellow et al., Algorithm 8.5): AdaGrad with a decaying
// average of the squared gradients instead of a sum, so old gradients are forgotten.
//
//     r ← ρ·r + (1 − ρ)·g ⊙ g          (r starts at 0)
//     θ ← θ − ε · g / (√r + ϵ)         (element-wise)
//
// Convention: ϵ (`epsilon`) is added OUTSIDE the square root, as PyTorch's and Keras's
// RMSprop do. (The book writes √(δ + r) with δ = 1e−6; the two differ while r is tiny — for
// gradients around 1e−6 the difference is a factor of a hundred or more.)
// Defaults: ε = 0.001 (Keras), ρ = 0.9 (Keras and the book; PyTorch's alpha is 0.99),
// ϵ = 1e−8 (PyTorch). State: one `r` per parameter, `prepareState(&squaredGradientAverages, …)`.
// The first step moves each entry by ε·g/(√0.1·|g| + ϵ) ≈ 3.16·ε·sign(g).

/// RMSProp: `r ← ρr + (1−ρ)g²`, `θ ← θ − ε·g/(√r + ϵ)`, ϵ outside the root.
public struct RMSProp: Optimizer {
    /// ε, the step size.
    public var learningRate: Double
    /// ρ, the decay rate of the average, in [0, 1).
    public var rho: Double
    /// ϵ, added to √r (outside the root).
    public var epsilon: Double
    /// r, the running average of squared gradients, one per parameter; empty before the first step.
    public var squaredGradientAverages: [Tensor] = []

    public init(learningRate: Double = 0.001, rho: Double = 0.9, epsilon: Double = 1e-8) {
        precondition(learningRate >= 0, "RMSProp: learning rate \(learningRate) is negative")
        precondition(rho >= 0 && rho < 1, "RMSProp: ρ \(rho) is outside [0, 1)")
        precondition(epsilon > 0, "RMSProp: ϵ \(epsilon) must be positive")
        self.learningRate = learningRate
        self.rho = rho
        self.epsilon = epsilon
    }

    public mutating func step(_ parameters: inout [Tensor], gradients: [Tensor]) {
        validateStep("RMSProp", parameters: parameters, gradients: gradients)
        todo("ex8.3")
    }
}

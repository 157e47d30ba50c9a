import TensorCore

// ex8.2 — Nesterov momentum, consistent with the CLASSICAL form of ex8.1.
//
// The lecture's look-ahead: take the gradient where momentum is about to carry you,
//     v ← α·v − ε·∇L(θ + α·v),    θ ← θ + v.
// An optimizer only ever receives the gradient at the parameters it holds. So, following
// Sutskever et al. (2013), hold the look-ahead point θ̃ = θ + α·v instead of θ. With
// g = ∇L(θ̃) the same sequence becomes
//
//     v ← α·v − ε·g
//     θ̃ ← θ̃ + α·v − ε·g            (α times the NEW v)
//
// This is PyTorch's `SGD(momentum=α, nesterov=True)` (with v = −ε·b). The parameters this
// optimizer holds are therefore the lecture's θ + α·v; both start at the same point since v = 0.
// Pitfall: using the velocity from BEFORE this step's update in the second line (a "stale"
// velocity) gives a different, wrong sequence.
//
// State: one velocity per parameter (`prepareState(&velocities, …)`), starting at zero.
// With a constant gradient the velocities are those of classical momentum,
// v_k = −ε·g·(1 − αᵏ)/(1 − α), and each step moves θ̃ by α·v_k − ε·g.

/// Nesterov accelerated gradient in Sutskever's form: `v ← αv − εg`, `θ̃ ← θ̃ + αv − εg`.
public struct Nesterov: Optimizer {
    /// ε.
    public var learningRate: Double
    /// α, in [0, 1).
    public var momentum: Double
    /// v, one per parameter; empty before the first step.
    public var velocities: [Tensor] = []

    public init(learningRate: Double = 0.01, momentum: Double = 0.9) {
        precondition(learningRate >= 0, "Nesterov: learning rate \(learningRate) is negative")
        precondition(momentum >= 0 && momentum < 1, "Nesterov: momentum \(momentum) is outside [0, 1)")
        self.learningRate = learningRate
        self.momentum = momentum
    }

    public mutating func step(_ parameters: inout [Tensor], gradients: [Tensor]) {
        validateStep("Nesterov", parameters: parameters, gradients: gradients)
        // BEGIN SOLUTION ex8.2
        prepareState(&velocities, for: parameters, optimizer: "Nesterov")
        for i in parameters.indices {
            let g = gradients[i]
            velocities[i] = momentum * velocities[i] - learningRate * g
            parameters[i] += momentum * velocities[i] - learningRate * g
        }
        // END SOLUTION
    }
}

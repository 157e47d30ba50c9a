import TensorCore

// ex8.1 (part 1) — Plain stochastic gradient descent, with optional L2 weight decay.
//
//     g ← g + λ·θ          (only when weightDecay λ ≠ 0: the gradient of the penalty ½λ‖θ‖²)
//     θ ← θ − ε·g          (ε = learningRate)
//
// Apply it to every parameter of the list; each uses its own gradient. SGD keeps no state.
// With a constant gradient g and λ = 0, k steps give θ_k = θ_0 − k·ε·g exactly.
// Matches PyTorch's `torch.optim.SGD(lr=ε, weight_decay=λ)`.

/// Stochastic gradient descent: `θ ← θ − ε·(g + λθ)`.
public struct SGD: Optimizer {
    /// ε, the step size.
    public var learningRate: Double
    /// λ, the L2 weight decay added to the gradient as `λ·θ` (0 turns it off).
    public var weightDecay: Double

    public init(learningRate: Double = 0.01, weightDecay: Double = 0) {
        precondition(learningRate >= 0, "SGD: learning rate \(learningRate) is negative")
        precondition(weightDecay >= 0, "SGD: weight decay \(weightDecay) is negative")
        self.learningRate = learningRate
        self.weightDecay = weightDecay
    }

    public mutating func step(_ parameters: inout [Tensor], gradients: [Tensor]) {
        validateStep("SGD", parameters: parameters, gradients: gradients)
        // BEGIN SOLUTION ex8.1
        for i in parameters.indices {
            var g = gradients[i]
            if weightDecay != 0 { g += weightDecay * parameters[i] }
            parameters[i] -= learningRate * g
        }
        // END SOLUTION
    }
}

import TensorCore

/// Plain (minibatch) stochastic gradient descent, Goodfellow et al. Algorithm 8.1:
/// `θ ← θ − ε·g`, with optional L2 weight decay folded into the gradient: `g ← g + λ·θ`.
///
/// The decay term is the gradient of the penalty `(λ/2)·‖θ‖²` (with the ½), as PyTorch's
/// `SGD(weight_decay=λ)`. Defaults: `ε = 0.01` (Keras's default; PyTorch has none), `λ = 0`.
public struct SGD: Optimizer {
    public var learningRate: Double
    /// λ in `g ← g + λ·θ`.
    public var weightDecay: Double

    public init(learningRate: Double = 0.01, weightDecay: Double = 0) {
        precondition(learningRate >= 0, "SGD: learning rate \(learningRate) is negative")
        precondition(weightDecay >= 0, "SGD: weight decay \(weightDecay) is negative")
        self.learningRate = learningRate
        self.weightDecay = weightDecay
    }

    public mutating func step(parameters: inout [Tensor], gradients: [Tensor]) {
        validateStep("SGD", parameters: parameters, gradients: gradients)
        for i in parameters.indices {
            var g = gradients[i]
            if weightDecay != 0 { g = g + parameters[i] * weightDecay }
            parameters[i] = parameters[i] - g * learningRate
        }
    }

    public mutating func reset() {}
}

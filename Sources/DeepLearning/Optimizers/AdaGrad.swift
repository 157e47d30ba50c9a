import TensorCore

/// AdaGrad (Goodfellow et al. Algorithm 8.4): each parameter gets its own step size, shrinking
/// with the sum of its squared gradients.
///
///     r ← r + g ⊙ g
///     θ ← θ − ε · g / (δ + √r)        (element-wise)
///
/// δ sits *outside* the square root, as in the book. Defaults: `ε = 0.01` (PyTorch's default),
/// `δ = 1e−7` (the lecture's value; PyTorch uses 1e−10, Keras 1e−7), `r` starts at 0.
public struct AdaGrad: Optimizer {
    public var learningRate: Double
    /// δ, added to `√r`.
    public var delta: Double
    var accumulator = ParameterSlots("squared-gradient sum")

    public init(learningRate: Double = 0.01, delta: Double = 1e-7) {
        precondition(learningRate >= 0, "AdaGrad: learning rate \(learningRate) is negative")
        precondition(delta > 0, "AdaGrad: δ \(delta) must be positive")
        self.learningRate = learningRate
        self.delta = delta
    }

    /// `r` for each parameter (empty before the first step).
    public var squaredGradientSums: [Tensor] { accumulator.tensors }

    public mutating func step(parameters: inout [Tensor], gradients: [Tensor]) {
        validateStep("AdaGrad", parameters: parameters, gradients: gradients)
        accumulator.prepare(for: parameters, optimizer: "AdaGrad")
        for i in parameters.indices {
            let g = gradients[i]
            accumulator[i] = accumulator[i] + g * g
            let r = accumulator[i]
            let update = g.zipMap(r) { gi, ri in gi / (delta + ri.squareRoot()) }
            parameters[i] = parameters[i] - update * learningRate
        }
    }

    public mutating func reset() { accumulator.reset() }
}

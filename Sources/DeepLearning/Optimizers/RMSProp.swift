import TensorCore

/// RMSProp (Hinton's lecture 6e; Goodfellow et al. Algorithm 8.5): AdaGrad with a decaying
/// average instead of a sum, so old gradients are forgotten.
///
///     r ← ρ·r + (1 − ρ)·g ⊙ g
///     θ ← θ − ε · g / (√r + δ)        (element-wise)
///
/// Convention: δ is added *outside* the square root, as PyTorch's `RMSprop` does (and
/// Keras 2 did). The book puts it inside, `√(δ + r)`, with δ = 1e−6, and so does Keras 3; the
/// two differ only while `r` is tiny. Defaults: `ε = 0.001` (Keras), `ρ = 0.9` (Keras and the
/// book; PyTorch's `alpha` defaults to 0.99), `δ = 1e−8` (PyTorch; Keras 1e−7), `r` starts at 0.
public struct RMSProp: Optimizer {
    public var learningRate: Double
    /// ρ, the decay rate of the squared-gradient average.
    public var rho: Double
    /// δ, added to `√r` (outside the root).
    public var delta: Double
    var average = ParameterSlots("squared-gradient average")

    public init(learningRate: Double = 0.001, rho: Double = 0.9, delta: Double = 1e-8) {
        precondition(rho >= 0 && rho < 1, "RMSProp: ρ \(rho) is outside [0, 1)")
        precondition(learningRate >= 0, "RMSProp: learning rate \(learningRate) is negative")
        precondition(delta > 0, "RMSProp: δ \(delta) must be positive")
        self.learningRate = learningRate
        self.rho = rho
        self.delta = delta
    }

    /// `r` for each parameter (empty before the first step).
    public var squaredGradientAverages: [Tensor] { average.tensors }

    public mutating func step(parameters: inout [Tensor], gradients: [Tensor]) {
        validateStep("RMSProp", parameters: parameters, gradients: gradients)
        average.prepare(for: parameters, optimizer: "RMSProp")
        for i in parameters.indices {
            let g = gradients[i]
            average[i] = average[i] * rho + (g * g) * (1 - rho)
            let update = g.zipMap(average[i]) { gi, ri in gi / (ri.squareRoot() + delta) }
            parameters[i] = parameters[i] - update * learningRate
        }
    }

    public mutating func reset() { average.reset() }
}

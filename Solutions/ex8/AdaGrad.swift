import TensorCore

// ex8.3 (part 1) — AdaGrad (Goodfellow et al., Algorithm 8.4): every entry gets its own step
// size, which shrinks as the squared gradients of that entry add up.
//
//     r ← r + g ⊙ g                    (SQUARED gradients, element-wise; r starts at 0)
//     θ ← θ − ε · g / (δ + √r)         (element-wise; δ outside the root, as in the book)
//
// Defaults: ε = 0.01 (PyTorch), δ = 1e−7 (the lecture's value; Keras uses 1e−7 too,
// PyTorch 1e−10). State: one `r` per parameter, `prepareState(&squaredGradientSums, …)`.
// With a constant gradient g, step k (1-based) moves an entry by ε·g/(δ + √k·|g|) ≈ ε·sign(g)/√k.
// Tip: `a.zipMap(b) { x, y in … }` combines two tensors of the same shape element by element.

/// AdaGrad: `r ← r + g²`, `θ ← θ − ε·g/(δ + √r)`.
public struct AdaGrad: Optimizer {
    /// ε.
    public var learningRate: Double
    /// δ, added to √r (outside the root).
    public var delta: Double
    /// r, the running sum of squared gradients, one per parameter; empty before the first step.
    public var squaredGradientSums: [Tensor] = []

    public init(learningRate: Double = 0.01, delta: Double = 1e-7) {
        precondition(learningRate >= 0, "AdaGrad: learning rate \(learningRate) is negative")
        precondition(delta > 0, "AdaGrad: δ \(delta) must be positive")
        self.learningRate = learningRate
        self.delta = delta
    }

    public mutating func step(_ parameters: inout [Tensor], gradients: [Tensor]) {
        validateStep("AdaGrad", parameters: parameters, gradients: gradients)
        // BEGIN SOLUTION ex8.3
        prepareState(&squaredGradientSums, for: parameters, optimizer: "AdaGrad")
        for i in parameters.indices {
            let g = gradients[i]
            squaredGradientSums[i] += g * g
            let update = g.zipMap(squaredGradientSums[i]) { gi, ri in gi / (delta + ri.squareRoot()) }
            parameters[i] -= learningRate * update
        }
        // END SOLUTION
    }
}

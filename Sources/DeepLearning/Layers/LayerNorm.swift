import TensorCore

/// Layer normalisation (lecture L5, Ba et al. 2016), as PyTorch's `LayerNorm(normalizedShape)`:
/// each example is normalised over its trailing feature axes, independently of the batch:
///
///     x̂ = (x − μ) / √(σ² + ε),   y = γ ⊙ x̂ + β
///
/// with `μ`, `σ²` (biased) over the last `normalizedShape.count` axes of each example.
/// - input `[N, …, normalizedShape]` (e.g. `[N, D]` with `normalizedShape = [D]`, or
///   `[N, C, H, W]` with `[C, H, W]`); output of the same shape;
/// - ε = 1e−5 (PyTorch); parameters `[gamma, beta]`, each of shape `normalizedShape`,
///   elementwise (PyTorch's `elementwise_affine`), initialised to 1 and 0;
/// - the same computation in training and evaluation (no running statistics).
///
/// Backward per example (D values), `ĝ = dy ⊙ γ`:
/// `dx = (1/√(σ² + ε))/D · (D·ĝ − Σ ĝ − x̂ ⊙ Σ(ĝ ⊙ x̂))`; `dγ = Σ_examples dy ⊙ x̂`, `dβ = Σ_examples dy`.
public struct LayerNorm: Layer {
    public struct Cache {
        public let normalized: Tensor
        public let inverseStandardDeviation: [Double]
    }

    public var gamma: Tensor
    public var beta: Tensor
    public let normalizedShape: [Int]
    public let epsilon: Double

    public init(normalizedShape: [Int], epsilon: Double = 1e-5) {
        requireThat(!normalizedShape.isEmpty && normalizedShape.allSatisfy { $0 >= 1 },
                    "LayerNorm: normalizedShape \(normalizedShape) must be non-empty with sizes ≥ 1")
        requireThat(epsilon > 0, "LayerNorm: epsilon \(epsilon) must be positive")
        self.normalizedShape = normalizedShape
        self.epsilon = epsilon
        gamma = Tensor.ones(normalizedShape)
        beta = Tensor.zeros(normalizedShape)
    }

    /// Normalisation over one feature axis of size `featureCount` (input `[N, D]`).
    public init(featureCount: Int, epsilon: Double = 1e-5) {
        self.init(normalizedShape: [featureCount], epsilon: epsilon)
    }

    public var name: String { "layer norm \(normalizedShape.map(String.init).joined(separator: "×"))" }
    public var parameters: [Tensor] {
        get { [gamma, beta] }
        set {
            requireThat(newValue.count == 2 && newValue[0].shape == gamma.shape && newValue[1].shape == beta.shape,
                        "LayerNorm.parameters: expected [\(gamma.shape), \(beta.shape)], got \(newValue.map(\.shape))")
            (gamma, beta) = (newValue[0], newValue[1])
        }
    }
    public var parameterNames: [String] { ["gamma", "beta"] }

    public func outputShape(for inputShape: [Int]) -> [Int] {
        requireThat(inputShape.count > normalizedShape.count && Array(inputShape.suffix(normalizedShape.count)) == normalizedShape,
                    "LayerNorm \(name): input \(inputShape) must be [N, …, \(normalizedShape.map(String.init).joined(separator: ", "))]")
        return inputShape
    }

    public func forward(_ input: Tensor, context: inout ForwardContext) -> (output: Tensor, cache: Cache) {
        _ = outputShape(for: input.shape)
        let d = gamma.count, rows = input.count / d
        let xs = input.scalars, g = gamma.scalars, b = beta.scalars
        var normalized = xs, output = xs
        var inverse = [Double](repeating: 0, count: rows)
        for r in 0..<rows {
            var sum = 0.0
            for i in 0..<d { sum += xs[r * d + i] }
            let mu = sum / Double(d)
            var squares = 0.0
            for i in 0..<d { let e = xs[r * d + i] - mu; squares += e * e }
            inverse[r] = 1 / (squares / Double(d) + epsilon).squareRoot()
            for i in 0..<d {
                let k = r * d + i
                normalized[k] = (xs[k] - mu) * inverse[r]
                output[k] = g[i] * normalized[k] + b[i]
            }
        }
        return (Tensor(shape: input.shape, scalars: output),
                Cache(normalized: Tensor(shape: input.shape, scalars: normalized), inverseStandardDeviation: inverse))
    }

    public func backward(_ outputGradient: Tensor, cache: Cache) -> (inputGradient: Tensor, parameterGradients: [Tensor]) {
        requireThat(outputGradient.shape == cache.normalized.shape,
                    "LayerNorm.backward: output gradient \(outputGradient.shape) does not match the input \(cache.normalized.shape)")
        let d = gamma.count, rows = outputGradient.count / d
        let dy = outputGradient.scalars, xhat = cache.normalized.scalars, g = gamma.scalars
        var dgamma = [Double](repeating: 0, count: d), dbeta = [Double](repeating: 0, count: d)
        var dx = dy
        for r in 0..<rows {
            var sumG = 0.0, sumGX = 0.0
            for i in 0..<d {
                let k = r * d + i
                let gHat = dy[k] * g[i]
                sumG += gHat
                sumGX += gHat * xhat[k]
                dgamma[i] += dy[k] * xhat[k]
                dbeta[i] += dy[k]
            }
            let scale = cache.inverseStandardDeviation[r] / Double(d)
            for i in 0..<d {
                let k = r * d + i
                dx[k] = scale * (Double(d) * dy[k] * g[i] - sumG - xhat[k] * sumGX)
            }
        }
        return (Tensor(shape: outputGradient.shape, scalars: dx),
                [Tensor(shape: normalizedShape, scalars: dgamma), Tensor(shape: normalizedShape, scalars: dbeta)])
    }
}

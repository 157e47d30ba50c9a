import TensorCore

/// Batch normalisation (lecture L5, Ioffe & Szegedy 2015), as PyTorch's `BatchNorm1d`/`BatchNorm2d`:
///
///     x̂ = (x − μ_B) / √(σ²_B + ε),    y = γ ⊙ x̂ + β          (per feature / channel)
///
/// - input `[N, D]` (statistics over N, per feature D), `[N, C, L]` or `[N, C, H, W]`
///   (statistics over N, L or N, H, W, per channel C); `featureCount` = D or C;
/// - training: `μ_B` and the BIASED variance `σ²_B` (divide by M = number of values per
///   channel) of the batch normalise, and the running averages move towards the batch:
///       running_mean ← (1 − momentum)·running_mean + momentum·μ_B
///       running_var  ← (1 − momentum)·running_var  + momentum·σ²_B·M/(M − 1)  (UNBIASED)
///   with momentum = weight of the NEW batch, default 0.1 (PyTorch; Keras's 0.99 is the kept
///   fraction of the old value);
/// - evaluation: the running statistics replace the batch statistics (no update);
/// - ε = 1e−5 (PyTorch; Keras uses 1e−3); running mean starts at 0, running variance at 1;
/// - parameters `[gamma, beta]`, each `[featureCount]`, initialised to 1 and 0.
///
/// Backward (training, the compact formula), with `ĝ = dy ⊙ γ` and sums over the M values of a channel:
///
///     dx = (1/√(σ²_B + ε)) / M · (M·ĝ − Σ ĝ − x̂ ⊙ Σ(ĝ ⊙ x̂)),   dγ = Σ dy ⊙ x̂,   dβ = Σ dy
///
/// In evaluation mode the normalisation is a fixed affine map: `dx = dy ⊙ γ / √(running_var + ε)`.
public struct BatchNorm: Layer {
    public struct Cache {
        /// The normalised input `x̂` (shape of the input).
        public let normalized: Tensor
        /// `1/√(σ² + ε)` per channel (batch variance in training, running variance in evaluation).
        public let inverseStandardDeviation: [Double]
        /// Whether the batch statistics were used (training), so `μ` and `σ²` depend on x.
        public let training: Bool
    }

    public var gamma: Tensor
    public var beta: Tensor
    public var runningMean: Tensor
    public var runningVariance: Tensor
    public let momentum: Double
    public let epsilon: Double

    public init(featureCount: Int, momentum: Double = 0.1, epsilon: Double = 1e-5) {
        requireThat(featureCount >= 1, "BatchNorm: featureCount \(featureCount) must be ≥ 1")
        requireThat(momentum >= 0 && momentum <= 1, "BatchNorm: momentum \(momentum) (weight of the new batch) must be in 0...1")
        requireThat(epsilon > 0, "BatchNorm: epsilon \(epsilon) must be positive")
        gamma = Tensor.ones([featureCount])
        beta = Tensor.zeros([featureCount])
        runningMean = Tensor.zeros([featureCount])
        runningVariance = Tensor.ones([featureCount])
        self.momentum = momentum
        self.epsilon = epsilon
    }

    public var featureCount: Int { gamma.count }
    public var name: String { "batch norm \(featureCount)" }
    public var parameters: [Tensor] {
        get { [gamma, beta] }
        set {
            requireThat(newValue.count == 2 && newValue[0].shape == gamma.shape && newValue[1].shape == beta.shape,
                        "BatchNorm.parameters: expected [\(gamma.shape), \(beta.shape)], got \(newValue.map(\.shape))")
            (gamma, beta) = (newValue[0], newValue[1])
        }
    }
    public var parameterNames: [String] { ["gamma", "beta"] }

    public func outputShape(for inputShape: [Int]) -> [Int] {
        requireThat(inputShape.count >= 2 && inputShape[1] == featureCount,
                    "BatchNorm \(name): input \(inputShape) must be [N, \(featureCount)] or [N, \(featureCount), H, W]")
        return inputShape
    }

    /// `(N, C, S)`: examples, channels, values per channel and example.
    private func layout(_ shape: [Int]) -> (n: Int, c: Int, s: Int) {
        _ = outputShape(for: shape)
        return (shape[0], shape[1], shape.dropFirst(2).reduce(1, *))
    }

    public mutating func forward(_ input: Tensor, context: inout ForwardContext) -> (output: Tensor, cache: Cache) {
        let (n, c, s) = layout(input.shape)
        let m = n * s
        var mean = runningMean.scalars, variance = runningVariance.scalars
        let xs = input.scalars
        if context.training {
            requireThat(m > 1, "BatchNorm: input \(input.shape) has only \(m) value per channel; training needs more than 1")
            for channel in 0..<c {
                var sum = 0.0
                for b in 0..<n { for i in 0..<s { sum += xs[(b * c + channel) * s + i] } }
                let mu = sum / Double(m)
                var squares = 0.0
                for b in 0..<n { for i in 0..<s { let d = xs[(b * c + channel) * s + i] - mu; squares += d * d } }
                mean[channel] = mu
                variance[channel] = squares / Double(m)
            }
            let unbiased = Double(m) / Double(m - 1)
            for channel in 0..<c {
                runningMean.scalars[channel] = (1 - momentum) * runningMean.scalars[channel] + momentum * mean[channel]
                runningVariance.scalars[channel] = (1 - momentum) * runningVariance.scalars[channel] + momentum * variance[channel] * unbiased
            }
        }
        let inverse = variance.map { 1 / ($0 + epsilon).squareRoot() }
        var normalized = xs, output = xs
        let g = gamma.scalars, bt = beta.scalars
        for b in 0..<n {
            for channel in 0..<c {
                for i in 0..<s {
                    let k = (b * c + channel) * s + i
                    normalized[k] = (xs[k] - mean[channel]) * inverse[channel]
                    output[k] = g[channel] * normalized[k] + bt[channel]
                }
            }
        }
        let cache = Cache(normalized: Tensor(shape: input.shape, scalars: normalized),
                          inverseStandardDeviation: inverse, training: context.training)
        return (Tensor(shape: input.shape, scalars: output), cache)
    }

    public func backward(_ outputGradient: Tensor, cache: Cache) -> (inputGradient: Tensor, parameterGradients: [Tensor]) {
        requireThat(outputGradient.shape == cache.normalized.shape,
                    "BatchNorm.backward: output gradient \(outputGradient.shape) does not match the input \(cache.normalized.shape)")
        let (n, c, s) = layout(outputGradient.shape)
        let m = Double(n * s)
        let dy = outputGradient.scalars, xhat = cache.normalized.scalars, g = gamma.scalars
        var dgamma = [Double](repeating: 0, count: c), dbeta = [Double](repeating: 0, count: c)
        for b in 0..<n {
            for channel in 0..<c {
                for i in 0..<s {
                    let k = (b * c + channel) * s + i
                    dgamma[channel] += dy[k] * xhat[k]
                    dbeta[channel] += dy[k]
                }
            }
        }
        var dx = dy
        for b in 0..<n {
            for channel in 0..<c {
                let scale = g[channel] * cache.inverseStandardDeviation[channel]
                for i in 0..<s {
                    let k = (b * c + channel) * s + i
                    if cache.training {
                        // Σ ĝ = γ·dβ and Σ ĝ ⊙ x̂ = γ·dγ per channel.
                        dx[k] = scale / m * (m * dy[k] - dbeta[channel] - xhat[k] * dgamma[channel])
                    } else {
                        dx[k] = scale * dy[k]
                    }
                }
            }
        }
        return (Tensor(shape: outputGradient.shape, scalars: dx),
                [Tensor(shape: [c], scalars: dgamma), Tensor(shape: [c], scalars: dbeta)])
    }
}

import TensorCore

/// Inverted dropout (lecture L5, erratum 7), as PyTorch's `Dropout(p)` and Keras's `Dropout(rate)`:
///
///     training:   y = x ⊙ m / (1 − p),   m[i] = 0 with probability p, else 1
///     evaluation: y = x
///
/// - `p` is the DROP probability (PyTorch's `p`, Keras's `rate`; not the keep probability);
///   default 0.5;
/// - the survivors are scaled by `1/(1 − p)` while training, so the expected output equals the
///   input and evaluation needs no rescaling (equivalent in expectation to "halve the weights
///   at test time" for p = 0.5);
/// - `p = 1` drops everything: the output (and the gradient) is all zeros;
/// - the mask comes from `context.generator` (one `bernoulli(probability: p)` draw per element,
///   row-major) and is cached: backward is `dx = dy ⊙ m/(1 − p)` with the same mask.
///   Any shape; no parameters.
public struct Dropout: Layer {
    /// The scaled mask `m/(1 − p)` of a training pass, or nil in evaluation (identity).
    public typealias Cache = Tensor?
    /// The drop probability, in `0...1`.
    public let p: Double

    public init(p: Double = 0.5) {
        requireThat(p >= 0 && p <= 1, "Dropout: p \(p) must be a probability in 0...1 (the DROP probability)")
        self.p = p
    }

    public var name: String { "dropout p=\(p)" }
    public var parameters: [Tensor] {
        get { [] }
        set { requireThat(newValue.isEmpty, "Dropout has no parameters, got \(newValue.count)") }
    }
    public var parameterNames: [String] { [] }
    public func outputShape(for inputShape: [Int]) -> [Int] { inputShape }

    public func forward(_ input: Tensor, context: inout ForwardContext) -> (output: Tensor, cache: Tensor?) {
        guard context.training, p > 0 else { return (input, nil) }
        let keepScale = p < 1 ? 1 / (1 - p) : 0
        var mask = [Double](repeating: 0, count: input.count)
        for i in 0..<mask.count {
            mask[i] = context.generator.bernoulli(probability: p) ? 0 : keepScale
        }
        let scaledMask = Tensor(shape: input.shape, scalars: mask)
        return (input * scaledMask, scaledMask)
    }

    public func backward(_ outputGradient: Tensor, cache mask: Tensor?) -> (inputGradient: Tensor, parameterGradients: [Tensor]) {
        guard let mask else { return (outputGradient, []) }
        requireThat(outputGradient.shape == mask.shape,
                    "Dropout.backward: output gradient \(outputGradient.shape) does not match the input \(mask.shape)")
        return (outputGradient * mask, [])
    }
}

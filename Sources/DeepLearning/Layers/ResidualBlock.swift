import TensorCore

/// A residual connection (lecture L7, He et al. 2016): `y = h + F(h)`, where `F` is a
/// `Sequential` body whose output shape must equal its input shape (identity shortcut).
/// Put an activation inside `F` (the lecture's `h_{l+1} = σ(W h_l) + h_l`) or after the block
/// (ResNet's `relu(F(h) + h)`).
///
/// Backward: the gradient forks: `dh = dy + dF/dh·dy`; the parameters are the body's
/// (names as `Sequential`'s).
public struct ResidualBlock: Layer {
    public typealias Cache = [Any]   // the body's caches

    public var body: Sequential

    public init(_ body: Sequential) { self.body = body }

    public var name: String { "residual [\(body.layers.map(\.name).joined(separator: ", "))]" }
    public var parameters: [Tensor] {
        get { body.parameters }
        set { body.parameters = newValue }
    }
    public var parameterNames: [String] { body.parameterNames }

    public func outputShape(for inputShape: [Int]) -> [Int] {
        let bodyShape = body.outputShape(for: inputShape)
        requireThat(bodyShape == inputShape,
                    "ResidualBlock: the body maps \(inputShape) to \(bodyShape); h + F(h) needs equal shapes")
        return inputShape
    }

    public mutating func forward(_ input: Tensor, context: inout ForwardContext) -> (output: Tensor, cache: [Any]) {
        let (residual, cache) = body.forward(input, context: &context)
        requireThat(residual.shape == input.shape,
                    "ResidualBlock: the body maps \(input.shape) to \(residual.shape); h + F(h) needs equal shapes")
        return (input + residual, cache)
    }

    public func backward(_ outputGradient: Tensor, cache: [Any]) -> (inputGradient: Tensor, parameterGradients: [Tensor]) {
        let (bodyGradient, parameterGradients) = body.backward(outputGradient, cache: cache)
        return (outputGradient + bodyGradient, parameterGradients)
    }
}

import TensorCore

/// Flattens every example to a vector: `[N, d1, d2, …]` → `[N, d1·d2·…]` in row-major order
/// (for NCHW input the order is channel, row, column, as PyTorch's `Flatten`). No parameters;
/// backward reshapes the gradient back to the input's shape.
public struct Flatten: Layer {
    public typealias Cache = [Int]   // the input shape

    public init() {}

    public var name: String { "flatten" }
    public var parameters: [Tensor] {
        get { [] }
        set { requireThat(newValue.isEmpty, "Flatten has no parameters, got \(newValue.count)") }
    }
    public var parameterNames: [String] { [] }

    public func outputShape(for inputShape: [Int]) -> [Int] {
        requireThat(inputShape.count >= 1, "Flatten: input \(inputShape) needs a batch dimension")
        return [inputShape[0], inputShape.dropFirst().reduce(1, *)]
    }

    public func forward(_ input: Tensor, context: inout ForwardContext) -> (output: Tensor, cache: [Int]) {
        (input.reshaped(outputShape(for: input.shape)), input.shape)
    }

    public func backward(_ outputGradient: Tensor, cache inputShape: [Int]) -> (inputGradient: Tensor, parameterGradients: [Tensor]) {
        requireThat(outputGradient.count == inputShape.reduce(1, *),
                    "Flatten.backward: output gradient \(outputGradient.shape) does not match input \(inputShape)")
        return (outputGradient.reshaped(inputShape), [])
    }
}

import TensorCore

/// Rectified linear unit, element-wise: `relu(x) = max(0, x)` (any shape).
public func relu(_ x: Tensor) -> Tensor { x.map { $0 > 0 ? $0 : 0 } }

/// `relu'(x) = 1` for x > 0, else 0 (the subgradient 0 at the kink x = 0, as PyTorch).
public func reluDerivative(_ x: Tensor) -> Tensor { x.map { $0 > 0 ? 1 : 0 } }

/// ReLU as a layer (any shape, no parameters). Backward: `dx = dy ⊙ [x > 0]` (0 at x = 0).
public struct ReLU: Layer {
    public typealias Cache = Tensor   // the input
    public init() {}
    public var name: String { "relu" }
    public var parameters: [Tensor] {
        get { [] }
        set { requireThat(newValue.isEmpty, "ReLU has no parameters, got \(newValue.count)") }
    }
    public var parameterNames: [String] { [] }
    public func outputShape(for inputShape: [Int]) -> [Int] { inputShape }

    public func forward(_ input: Tensor, context: inout ForwardContext) -> (output: Tensor, cache: Tensor) {
        (relu(input), input)
    }

    public func backward(_ outputGradient: Tensor, cache x: Tensor) -> (inputGradient: Tensor, parameterGradients: [Tensor]) {
        requireThat(outputGradient.shape == x.shape, "ReLU.backward: output gradient \(outputGradient.shape) does not match the input \(x.shape)")
        return (outputGradient.zipMap(x) { g, v in v > 0 ? g : 0 }, [])
    }
}

import TensorCore

/// Leaky ReLU, element-wise: `x` for x > 0, `slope·x` otherwise. Default slope 0.01, as
/// PyTorch's `LeakyReLU(negative_slope=0.01)` (Keras's `LeakyReLU` defaults to 0.3).
public func leakyReLU(_ x: Tensor, slope: Double = 0.01) -> Tensor { x.map { $0 > 0 ? $0 : slope * $0 } }

/// The derivative: 1 for x > 0, `slope` otherwise (`slope` at the kink 0).
public func leakyReLUDerivative(_ x: Tensor, slope: Double = 0.01) -> Tensor { x.map { $0 > 0 ? 1 : slope } }

/// Leaky ReLU as a layer (any shape, no parameters; the slope is fixed).
/// Backward: `dx = dy ⊙ (1 if x > 0 else slope)`.
public struct LeakyReLU: Layer {
    public typealias Cache = Tensor   // the input
    public let slope: Double
    public init(slope: Double = 0.01) { self.slope = slope }
    public var name: String { "leaky relu \(slope)" }
    public var parameters: [Tensor] {
        get { [] }
        set { requireThat(newValue.isEmpty, "LeakyReLU has no parameters, got \(newValue.count)") }
    }
    public var parameterNames: [String] { [] }
    public func outputShape(for inputShape: [Int]) -> [Int] { inputShape }

    public func forward(_ input: Tensor, context: inout ForwardContext) -> (output: Tensor, cache: Tensor) {
        (leakyReLU(input, slope: slope), input)
    }

    public func backward(_ outputGradient: Tensor, cache x: Tensor) -> (inputGradient: Tensor, parameterGradients: [Tensor]) {
        requireThat(outputGradient.shape == x.shape, "LeakyReLU.backward: output gradient \(outputGradient.shape) does not match the input \(x.shape)")
        let slope = self.slope
        return (outputGradient.zipMap(x) { g, v in v > 0 ? g : slope * g }, [])
    }
}

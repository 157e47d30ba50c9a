import Foundation
import TensorCore

/// Element-wise hyperbolic tangent `tanh(x) = (e^x − e^(−x))/(e^x + e^(−x))` (any shape), range
/// (−1, 1); `tanh(x) = 2σ(2x) − 1`. Stable for large |x| (Foundation's `tanh`).
public func tanh(_ x: Tensor) -> Tensor { x.map { Foundation.tanh($0) } }

/// `tanh'(x) = 1 − tanh²(x)`, element-wise.
public func tanhDerivative(_ x: Tensor) -> Tensor {
    x.map { let t = Foundation.tanh($0); return 1 - t * t }
}

/// tanh as a layer (any shape, no parameters). Backward: `dx = dy ⊙ (1 − y²)` from the cached output.
public struct Tanh: Layer {
    public typealias Cache = Tensor   // the output
    public init() {}
    public var name: String { "tanh" }
    public var parameters: [Tensor] {
        get { [] }
        set { requireThat(newValue.isEmpty, "Tanh has no parameters, got \(newValue.count)") }
    }
    public var parameterNames: [String] { [] }
    public func outputShape(for inputShape: [Int]) -> [Int] { inputShape }

    public func forward(_ input: Tensor, context: inout ForwardContext) -> (output: Tensor, cache: Tensor) {
        let y = tanh(input)
        return (y, y)
    }

    public func backward(_ outputGradient: Tensor, cache y: Tensor) -> (inputGradient: Tensor, parameterGradients: [Tensor]) {
        requireThat(outputGradient.shape == y.shape, "Tanh.backward: output gradient \(outputGradient.shape) does not match the output \(y.shape)")
        return (outputGradient.zipMap(y) { g, t in g * (1 - t * t) }, [])
    }
}

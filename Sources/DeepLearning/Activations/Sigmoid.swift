import Foundation
import TensorCore

/// The logistic sigmoid `σ(x) = 1/(1 + e^(−x))`, computed without overflow for large |x|:
/// `1/(1 + e^(−x))` for x ≥ 0 and `e^x/(1 + e^x)` for x < 0 (so `e^(−x)` is never evaluated for
/// x ≪ 0). Range (0, 1); `σ(0) = 0.5`.
public func sigmoid(_ x: Double) -> Double {
    if x >= 0 { return 1 / (1 + Foundation.exp(-x)) }
    let e = Foundation.exp(x)
    return e / (1 + e)
}

/// Element-wise stable sigmoid (any shape).
public func sigmoid(_ x: Tensor) -> Tensor { x.map { sigmoid($0) } }

/// `σ'(x) = σ(x)·(1 − σ(x))`, element-wise (maximum 0.25 at 0: the vanishing-gradient factor).
public func sigmoidDerivative(_ x: Tensor) -> Tensor {
    x.map { let s = sigmoid($0); return s * (1 - s) }
}

/// The sigmoid as a layer (any shape, no parameters). Backward uses the cached output:
/// `dx = dy ⊙ y ⊙ (1 − y)`.
public struct Sigmoid: Layer {
    public typealias Cache = Tensor   // the output
    public init() {}
    public var name: String { "sigmoid" }
    public var parameters: [Tensor] {
        get { [] }
        set { requireThat(newValue.isEmpty, "Sigmoid has no parameters, got \(newValue.count)") }
    }
    public var parameterNames: [String] { [] }
    public func outputShape(for inputShape: [Int]) -> [Int] { inputShape }

    public func forward(_ input: Tensor, context: inout ForwardContext) -> (output: Tensor, cache: Tensor) {
        let y = sigmoid(input)
        return (y, y)
    }

    public func backward(_ outputGradient: Tensor, cache y: Tensor) -> (inputGradient: Tensor, parameterGradients: [Tensor]) {
        requireThat(outputGradient.shape == y.shape, "Sigmoid.backward: output gradient \(outputGradient.shape) does not match the output \(y.shape)")
        return (outputGradient.zipMap(y) { g, s in g * s * (1 - s) }, [])
    }
}

import TensorCore

/// Swish (Ramachandran et al. 2017), element-wise: `swish(x) = x·σ(βx)`. β = 1 is SiLU
/// (PyTorch's `SiLU`); β → ∞ approaches ReLU, β = 0 gives x/2.
public func swish(_ x: Tensor, beta: Double = 1) -> Tensor { x.map { $0 * sigmoid(beta * $0) } }

/// `∂swish/∂x = σ(βx) + βx·σ(βx)·(1 − σ(βx))`, element-wise.
public func swishDerivative(_ x: Tensor, beta: Double = 1) -> Tensor {
    x.map { v in let s = sigmoid(beta * v); return s + beta * v * s * (1 - s) }
}

/// `∂swish/∂β = x²·σ(βx)·(1 − σ(βx))`, element-wise.
public func swishBetaDerivative(_ x: Tensor, beta: Double = 1) -> Tensor {
    x.map { v in let s = sigmoid(beta * v); return v * v * s * (1 - s) }
}

/// Swish as a layer (any shape). With `trainable: true` (default) β is a parameter of shape
/// `[1]` named `"beta"`, and backward returns `dβ = Σ dy ⊙ x²σ(βx)(1 − σ(βx))`; otherwise it has
/// no parameters. Backward: `dx = dy ⊙ (σ(βx) + βx·σ(βx)(1 − σ(βx)))`.
public struct Swish: Layer {
    public typealias Cache = Tensor   // the input
    public var beta: Double
    public let trainable: Bool

    public init(beta: Double = 1, trainable: Bool = true) {
        self.beta = beta
        self.trainable = trainable
    }

    public var name: String { "swish β=\(beta)" }
    public var parameters: [Tensor] {
        get { trainable ? [Tensor([beta])] : [] }
        set {
            requireThat(newValue.count == (trainable ? 1 : 0) && newValue.allSatisfy { $0.count == 1 },
                        "Swish.parameters: expected \(trainable ? "[β] of shape [1]" : "none"), got \(newValue.map(\.shape))")
            if let b = newValue.first { beta = b.scalars[0] }
        }
    }
    public var parameterNames: [String] { trainable ? ["beta"] : [] }
    public func outputShape(for inputShape: [Int]) -> [Int] { inputShape }

    public func forward(_ input: Tensor, context: inout ForwardContext) -> (output: Tensor, cache: Tensor) {
        (swish(input, beta: beta), input)
    }

    public func backward(_ outputGradient: Tensor, cache x: Tensor) -> (inputGradient: Tensor, parameterGradients: [Tensor]) {
        requireThat(outputGradient.shape == x.shape, "Swish.backward: output gradient \(outputGradient.shape) does not match the input \(x.shape)")
        let dx = outputGradient * swishDerivative(x, beta: beta)
        guard trainable else { return (dx, []) }
        let dBeta = outputGradient.dot(swishBetaDerivative(x, beta: beta))
        return (dx, [Tensor([dBeta])])
    }
}

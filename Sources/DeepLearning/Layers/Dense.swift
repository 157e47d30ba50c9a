import TensorCore

/// A fully connected (dense) layer (lecture L1) on a batch:
///
///     y = x·W + b            y[n, j] = b[j] + Σ_i x[n, i]·W[i, j]
///
/// - input `x` `[N, D_in]`, weight `W` `[D_in, D_out]`, bias `b` `[D_out]`, output `[N, D_out]`
///   (Keras's kernel layout; PyTorch's `Linear` stores the transpose `[D_out, D_in]`);
/// - parameters `[weight, bias]`: `D_in·D_out + D_out` scalars;
/// - default initialisation Glorot uniform `U(±√(6/(D_in + D_out)))` with zero bias, Keras's
///   `Dense` default (PyTorch's `Linear` uses kaiming_uniform with a = √5 instead).
///
/// Backward: `dx = dy·Wᵀ`, `dW = xᵀ·dy`, `db = Σ_n dy[n, ·]` (summed over the batch).
public struct Dense: Layer {
    public typealias Cache = Tensor   // the input

    /// `[D_in, D_out]`.
    public var weight: Tensor
    /// `[D_out]`.
    public var bias: Tensor

    /// A layer with the given weight `[D_in, D_out]` and bias `[D_out]`.
    public init(weight: Tensor, bias: Tensor) {
        requireThat(weight.rank == 2, "Dense: weight \(weight.shape) must be [D_in, D_out]")
        requireThat(bias.shape == [weight.shape[1]], "Dense: bias \(bias.shape) must be [\(weight.shape[1])] for weight \(weight.shape)")
        self.weight = weight
        self.bias = bias
    }

    /// A `D_in → D_out` layer with Glorot-uniform weights (Keras's default) and zero bias.
    public init(inputSize: Int, outputSize: Int, using generator: inout SeededGenerator) {
        requireThat(inputSize >= 1 && outputSize >= 1, "Dense: inputSize \(inputSize) and outputSize \(outputSize) must be ≥ 1")
        let limit = (6.0 / Double(inputSize + outputSize)).squareRoot()
        self.init(weight: Tensor.uniform([inputSize, outputSize], in: -limit...limit, using: &generator),
                  bias: Tensor.zeros([outputSize]))
    }

    public var inputSize: Int { weight.shape[0] }
    public var outputSize: Int { weight.shape[1] }
    public var name: String { "dense \(inputSize)→\(outputSize)" }
    public var parameters: [Tensor] {
        get { [weight, bias] }
        set {
            requireThat(newValue.count == 2 && newValue[0].shape == weight.shape && newValue[1].shape == bias.shape,
                        "Dense.parameters: expected [\(weight.shape), \(bias.shape)], got \(newValue.map(\.shape))")
            weight = newValue[0]
            bias = newValue[1]
        }
    }
    public var parameterNames: [String] { ["weight", "bias"] }

    public func outputShape(for inputShape: [Int]) -> [Int] {
        requireThat(inputShape.count == 2 && inputShape[1] == inputSize,
                    "Dense \(name): input \(inputShape) must be [N, \(inputSize)] for weight \(weight.shape)")
        return [inputShape[0], outputSize]
    }

    public func forward(_ input: Tensor, context: inout ForwardContext) -> (output: Tensor, cache: Tensor) {
        _ = outputShape(for: input.shape)
        return (input.matmul(weight).addingRowVector(bias), input)
    }

    public func backward(_ outputGradient: Tensor, cache input: Tensor) -> (inputGradient: Tensor, parameterGradients: [Tensor]) {
        requireThat(outputGradient.shape == [input.shape[0], outputSize],
                    "Dense.backward: output gradient \(outputGradient.shape) should be [\(input.shape[0]), \(outputSize)] for input \(input.shape)")
        let dx = outputGradient.matmul(weight.transposed())
        let dw = input.transposed().matmul(outputGradient)
        let db = outputGradient.sum(axis: 0)
        return (dx, [dw, db])
    }
}

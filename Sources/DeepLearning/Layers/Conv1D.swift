import TensorCore

/// Cross-correlation of a vector (lecture L6), what deep-learning libraries call convolution:
///
///     y[i] = Σ_k xpad[i·S + k] · w[k],   i = 0 ..< (N + before + after − K)/S + 1
///
/// `x` `[N]`, `kernel` `[K]`; `padding` zeros before and after (they may differ, so an input of
/// 5 can be padded to 6). The windows must tile the padded input (else it stops with the
/// `ConvolutionGeometry` message). Lecture example: `[a, b, c, d, e]` padded to 6, kernel
/// `[+1, −1]`, stride 2 → 3 outputs `[a − b, c − d, e − 0]`.
public func correlate1D(_ x: Tensor, kernel: Tensor, stride: Int = 1, padding: (before: Int, after: Int)) -> Tensor {
    requireThat(x.rank == 1 && kernel.rank == 1, "correlate1D: x \(x.shape) and kernel \(kernel.shape) must both be vectors")
    requireThat(padding.before >= 0 && padding.after >= 0, "correlate1D: padding \(padding) must be ≥ 0")
    let padded = x.count + padding.before + padding.after
    let outputs = ConvolutionGeometry.requireOutputSize("correlate1D (x \(x.shape) padded to \(padded), kernel \(kernel.shape))",
                                                        input: padded, kernel: kernel.count, stride: stride, padding: 0)
    let xs = x.scalars, ws = kernel.scalars
    var y = [Double](repeating: 0, count: outputs)
    for i in 0..<outputs {
        var sum = 0.0
        for k in 0..<ws.count {
            let index = i * stride + k - padding.before
            if index >= 0 && index < xs.count { sum += xs[index] * ws[k] }
        }
        y[i] = sum
    }
    return Tensor(shape: [outputs], scalars: y)
}

/// `correlate1D` with `padding` zeros on each side (PyTorch's `conv1d` convention).
public func correlate1D(_ x: Tensor, kernel: Tensor, stride: Int = 1, padding: Int = 0) -> Tensor {
    correlate1D(x, kernel: kernel, stride: stride, padding: (padding, padding))
}

/// True (mathematical) convolution: the kernel is flipped, `y[i] = Σ_k xpad[i·S + k]·w[K − 1 − k]`,
/// i.e. `correlate1D` with the reversed kernel; same output size ("valid" positions only, as
/// NumPy's `convolve(mode="valid")` for stride 1 and no padding). Convolution and correlation
/// agree exactly when the kernel is symmetric.
public func convolve1D(_ x: Tensor, kernel: Tensor, stride: Int = 1, padding: (before: Int, after: Int)) -> Tensor {
    requireThat(kernel.rank == 1, "convolve1D: kernel \(kernel.shape) must be a vector")
    return correlate1D(x, kernel: Tensor(shape: kernel.shape, scalars: kernel.scalars.reversed()), stride: stride, padding: padding)
}

/// `convolve1D` with `padding` zeros on each side.
public func convolve1D(_ x: Tensor, kernel: Tensor, stride: Int = 1, padding: Int = 0) -> Tensor {
    convolve1D(x, kernel: kernel, stride: stride, padding: (padding, padding))
}

/// A 1D convolution layer (cross-correlation), as PyTorch's `Conv1d`:
///
///     y[n, f, i] = b[f] + Σ_c Σ_k W[f, c, k] · xpad[n, c, i·S + k]
///
/// input `[N, C, L]`, weight `[F, C, K]`, bias `[F]`, output `[N, F, (L + 2P − K)/S + 1]`,
/// padding P per side. Parameters `[weight, bias]`; Glorot-uniform default (Keras). Runs on the
/// same im2col kernels as `Conv2D`, with a height of 1.
public struct Conv1D: Layer {
    public typealias Cache = Tensor   // the input

    /// `[F, C, K]`.
    public var weight: Tensor
    /// `[F]`.
    public var bias: Tensor
    public let stride: Int
    public let padding: Int

    public init(weight: Tensor, bias: Tensor, stride: Int = 1, padding: Int = 0) {
        requireThat(weight.rank == 3, "Conv1D: weight \(weight.shape) must be [F, C, K]")
        requireThat(bias.shape == [weight.shape[0]], "Conv1D: bias \(bias.shape) must be [\(weight.shape[0])] for weight \(weight.shape)")
        requireThat(stride >= 1 && padding >= 0, "Conv1D: stride \(stride) must be ≥ 1 and padding \(padding) ≥ 0")
        (self.weight, self.bias, self.stride, self.padding) = (weight, bias, stride, padding)
    }

    /// Glorot-uniform weights (fan-in `C·K`, fan-out `F·K`) and zero bias.
    public init(inChannels: Int, outChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0,
                using generator: inout SeededGenerator) {
        let limit = (6.0 / Double((inChannels + outChannels) * kernelSize)).squareRoot()
        self.init(weight: Tensor.uniform([outChannels, inChannels, kernelSize], in: -limit...limit, using: &generator),
                  bias: Tensor.zeros([outChannels]), stride: stride, padding: padding)
    }

    public var name: String { "conv1d \(weight.shape[2])×\(weight.shape[0]) s\(stride) p\(padding)" }
    public var parameters: [Tensor] {
        get { [weight, bias] }
        set {
            requireThat(newValue.count == 2 && newValue[0].shape == weight.shape && newValue[1].shape == bias.shape,
                        "Conv1D.parameters: expected [\(weight.shape), \(bias.shape)], got \(newValue.map(\.shape))")
            (weight, bias) = (newValue[0], newValue[1])
        }
    }
    public var parameterNames: [String] { ["weight", "bias"] }

    func geometry(_ inputShape: [Int]) -> ConvolutionShape {
        requireThat(inputShape.count == 3 && inputShape[1] == weight.shape[1],
                    "Conv1D \(name): input \(inputShape) must be [N, \(weight.shape[1]), L] for weight \(weight.shape)")
        return ConvolutionShape("Conv1D \(name)", input: [inputShape[0], inputShape[1], 1, inputShape[2]],
                                kernelHeight: 1, kernelWidth: weight.shape[2],
                                strideHeight: 1, strideWidth: stride, paddingHeight: 0, paddingWidth: padding)
    }

    public func outputShape(for inputShape: [Int]) -> [Int] {
        let g = geometry(inputShape)
        return [g.n, weight.shape[0], g.ow]
    }

    public func forward(_ input: Tensor, context: inout ForwardContext) -> (output: Tensor, cache: Tensor) {
        let g = geometry(input.shape)
        let y = convolutionForward(g, input.reshaped([g.n, g.c, 1, g.w]), weight.reshaped([weight.shape[0], g.c, 1, g.kw]), bias)
        return (y.reshaped([g.n, weight.shape[0], g.ow]), input)
    }

    public func backward(_ outputGradient: Tensor, cache input: Tensor) -> (inputGradient: Tensor, parameterGradients: [Tensor]) {
        let g = geometry(input.shape)
        let f = weight.shape[0]
        requireThat(outputGradient.shape == [g.n, f, g.ow],
                    "Conv1D.backward: output gradient \(outputGradient.shape) should be \([g.n, f, g.ow]) for input \(input.shape)")
        let (dx, dw, db) = convolutionBackward(g, outputGradient.reshaped([g.n, f, 1, g.ow]),
                                               input.reshaped([g.n, g.c, 1, g.w]), weight.reshaped([f, g.c, 1, g.kw]))
        return (dx.reshaped(input.shape), [dw.reshaped(weight.shape), db])
    }
}

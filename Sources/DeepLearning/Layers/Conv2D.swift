import Dispatch
import TensorCore

/// A 2D convolution layer (lecture L6), NCHW as PyTorch's `Conv2d`:
///
///     y[n, f, oh, ow] = b[f] + Σ_c Σ_kh Σ_kw  W[f, c, kh, kw] · xpad[n, c, oh·S + kh, ow·S + kw]
///
/// - input `x` `[N, C, H, W]`, weight `W` `[F, C, KH, KW]` (asymmetric kernels `KH ≠ KW` allowed),
///   bias `b` `[F]`, output `[N, F, OH, OW]` with `OH = (H + 2P − KH)/S + 1`, `OW = (W + 2P − KW)/S + 1`;
/// - `stride` S (default 1) in both directions; `padding` P zeros on EACH side (PyTorch's
///   `padding`, default 0); configurations whose windows do not tile are rejected
///   (`ConvolutionGeometry`), not floored;
/// - cross-correlation: the kernel is not flipped, as every deep-learning library computes
///   "convolution";
/// - parameters `[weight, bias]`: `F·C·KH·KW + F` scalars (`ch_out·ch_in·k² + ch_out`);
/// - default initialisation Glorot uniform (Keras's `Conv2D` default, fan-in `C·KH·KW`,
///   fan-out `F·KH·KW`), zero bias.
///
/// `forward`/`backward` run as im2col + matrix products, several examples side by side per product
/// and groups of examples in parallel (`ConvolutionPlan`: the split depends on the sizes only, so
/// results do not depend on the thread count); `naiveForward`/`naiveBackward` are the direct loops
/// they are tested against. Backward: `dW = Σ_n dY_n · cols_nᵀ`, `db = Σ_{n,oh,ow} dY`,
/// `dx = col2im(Wᵀ · dY_n)`.
public struct Conv2D: Layer {
    public typealias Cache = Tensor   // the input

    /// `[F, C, KH, KW]`.
    public var weight: Tensor
    /// `[F]`.
    public var bias: Tensor
    /// S, the same in both directions.
    public let stride: Int
    /// P zeros on each side, the same in both directions.
    public let padding: Int
    /// What `forward`/`backward` compute in: `.double` (default, the reference) or `.float`
    /// (for training speed; parameters and gradients stay `Double` tensors).
    public var precision: ConvolutionPrecision = .double

    /// A layer with the given weight `[F, C, KH, KW]` and bias `[F]`.
    public init(weight: Tensor, bias: Tensor, stride: Int = 1, padding: Int = 0) {
        requireThat(weight.rank == 4, "Conv2D: weight \(weight.shape) must be [F, C, KH, KW]")
        requireThat(bias.shape == [weight.shape[0]], "Conv2D: bias \(bias.shape) must be [\(weight.shape[0])] for weight \(weight.shape)")
        requireThat(stride >= 1 && padding >= 0, "Conv2D: stride \(stride) must be ≥ 1 and padding \(padding) ≥ 0")
        self.weight = weight
        self.bias = bias
        self.stride = stride
        self.padding = padding
    }

    /// A layer with Glorot-uniform weights (Keras's default) and zero biases.
    public init(inChannels: Int, outChannels: Int, kernelHeight: Int, kernelWidth: Int,
                stride: Int = 1, padding: Int = 0, using generator: inout SeededGenerator) {
        let shape = [outChannels, inChannels, kernelHeight, kernelWidth]
        let limit = (6.0 / Double(inChannels * kernelHeight * kernelWidth + outChannels * kernelHeight * kernelWidth)).squareRoot()
        self.init(weight: Tensor.uniform(shape, in: -limit...limit, using: &generator),
                  bias: Tensor.zeros([outChannels]), stride: stride, padding: padding)
    }

    /// A layer with a square `kernelSize × kernelSize` kernel (Glorot uniform, zero biases).
    public init(inChannels: Int, outChannels: Int, kernelSize: Int,
                stride: Int = 1, padding: Int = 0, using generator: inout SeededGenerator) {
        self.init(inChannels: inChannels, outChannels: outChannels, kernelHeight: kernelSize, kernelWidth: kernelSize,
                  stride: stride, padding: padding, using: &generator)
    }

    public var name: String {
        "conv \(weight.shape[2])×\(weight.shape[3])×\(weight.shape[0]) s\(stride) p\(padding)"
    }
    public var parameters: [Tensor] {
        get { [weight, bias] }
        set {
            requireThat(newValue.count == 2 && newValue[0].shape == weight.shape && newValue[1].shape == bias.shape,
                        "Conv2D.parameters: expected [\(weight.shape), \(bias.shape)], got \(newValue.map(\.shape))")
            weight = newValue[0]
            bias = newValue[1]
        }
    }
    public var parameterNames: [String] { ["weight", "bias"] }

    func geometry(_ inputShape: [Int]) -> ConvolutionShape {
        let g = ConvolutionShape("Conv2D \(name)", input: inputShape, kernelHeight: weight.shape[2], kernelWidth: weight.shape[3],
                                 strideHeight: stride, strideWidth: stride, paddingHeight: padding, paddingWidth: padding)
        requireThat(g.c == weight.shape[1],
                    "Conv2D: input \(inputShape) has \(g.c) channels but weight \(weight.shape) expects \(weight.shape[1])")
        return g
    }

    public func outputShape(for inputShape: [Int]) -> [Int] {
        let g = geometry(inputShape)
        return [g.n, weight.shape[0], g.oh, g.ow]
    }

    public func forward(_ input: Tensor, context: inout ForwardContext) -> (output: Tensor, cache: Tensor) {
        (convolutionForward(geometry(input.shape), input, weight, bias, precision: precision), input)
    }

    public func backward(_ outputGradient: Tensor, cache input: Tensor) -> (inputGradient: Tensor, parameterGradients: [Tensor]) {
        let g = geometry(input.shape)
        requireThat(outputGradient.shape == [g.n, weight.shape[0], g.oh, g.ow],
                    "Conv2D.backward: output gradient \(outputGradient.shape) should be \([g.n, weight.shape[0], g.oh, g.ow]) for input \(input.shape)")
        let (dx, dw, db) = convolutionBackward(g, outputGradient, input, weight, precision: precision)
        return (dx, [dw, db])
    }

    /// The direct six-loop convolution (reference for `forward`): reads zeros outside the input.
    public func naiveForward(_ x: Tensor) -> Tensor {
        let g = geometry(x.shape)
        let f = weight.shape[0]
        var y = Tensor.zeros([g.n, f, g.oh, g.ow])
        for n in 0..<g.n { for o in 0..<f { for i in 0..<g.oh { for j in 0..<g.ow {
            var sum = bias[o]
            for c in 0..<g.c { for p in 0..<g.kh { for q in 0..<g.kw {
                let row = i * stride + p - padding, column = j * stride + q - padding
                if row >= 0 && row < g.h && column >= 0 && column < g.w { sum += weight[o, c, p, q] * x[n, c, row, column] }
            } } }
            y[n, o, i, j] = sum
        } } } }
        return y
    }

    /// The direct-loop backward pass (reference for `backward`): scatters every `dy[n, f, oh, ow]`
    /// onto the weights and input pixels of its window. Returns `(dx, [dW, db])`.
    public func naiveBackward(_ dy: Tensor, input x: Tensor) -> (inputGradient: Tensor, parameterGradients: [Tensor]) {
        let g = geometry(x.shape)
        let f = weight.shape[0]
        var dx = Tensor.zeros(x.shape), dw = Tensor.zeros(weight.shape), db = Tensor.zeros([f])
        for n in 0..<g.n { for o in 0..<f { for i in 0..<g.oh { for j in 0..<g.ow {
            let upstream = dy[n, o, i, j]
            db[o] += upstream
            for c in 0..<g.c { for p in 0..<g.kh { for q in 0..<g.kw {
                let row = i * stride + p - padding, column = j * stride + q - padding
                guard row >= 0 && row < g.h && column >= 0 && column < g.w else { continue }
                dw[o, c, p, q] += upstream * x[n, c, row, column]
                dx[n, c, row, column] += upstream * weight[o, c, p, q]
            } } }
        } } } }
        return (dx, [dw, db])
    }
}

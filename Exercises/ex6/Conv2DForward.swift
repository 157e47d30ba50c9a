import TensorCore

// GIVEN (nothing to write in this file) — the 2D convolution forward pass of ex5, which the
// backward pass of ex6.1 differentiates, and the output-size rule every file of ex6 uses.
//
// Conventions (as PyTorch's Conv2d):
//   x        [N, C, H, W]      NCHW layout
//   weight   [F, C, KH, KW]    F filters, each spanning all C input channels; KH ≠ KW is allowed
//   bias     [F]               one per filter
//   stride   S ≥ 1             the same in both spatial directions
//   padding  P ≥ 0             zeros added on EACH side (P rows on top and P below, P columns left and right)
//   y        [N, F, OH, OW]    OH = (H + 2P − KH)/S + 1, OW = (W + 2P − KW)/S + 1
//
//   y[n, f, oh, ow] = b[f] + Σ_c Σ_kh Σ_kw  w[f, c, kh, kw] · xpad[n, c, oh·S + kh, ow·S + kw]
//
// This is cross-correlation (the kernel is not flipped), as every deep-learning library computes
// "convolution". A configuration whose windows do not tile the padded input exactly
// ((H + 2P − KH) not divisible by S) is rejected, as in ex5: it is an error, not a rounded size.

/// The output size along one axis: `(input + 2·padding − kernel) / stride + 1`.
///
/// Stops with a message when the kernel does not fit or the windows do not tile the padded input.
public func convOutputSize(input: Int, kernel: Int, stride: Int, padding: Int) -> Int {
    precondition(input > 0 && kernel > 0 && stride > 0 && padding >= 0,
                 "convOutputSize: input \(input), kernel \(kernel), stride \(stride), padding \(padding): sizes and stride must be positive, padding ≥ 0")
    let span = input + 2 * padding - kernel
    precondition(span >= 0, "convOutputSize: kernel \(kernel) is larger than the padded input \(input + 2 * padding)")
    precondition(span % stride == 0,
                 "convOutputSize: input \(input) + 2·\(padding) − kernel \(kernel) = \(span) is not a multiple of stride \(stride): the windows do not tile")
    return span / stride + 1
}

/// The gradients of a 2D convolution: `dx` like `x` [N, C, H, W], `dWeight` like the weight
/// [F, C, KH, KW], `dBias` like the bias [F].
public struct Conv2DGradients: Equatable, Sendable {
    public var dx: Tensor
    public var dWeight: Tensor
    public var dBias: Tensor

    public init(dx: Tensor, dWeight: Tensor, dBias: Tensor) {
        self.dx = dx
        self.dWeight = dWeight
        self.dBias = dBias
    }
}

/// 2D convolution (cross-correlation), NCHW: `x` [N, C, H, W], `weight` [F, C, KH, KW],
/// `bias` [F] → [N, F, OH, OW], with `stride` and zero `padding` per side. Given, not graded.
public func conv2dForward(_ x: Tensor, weight: Tensor, bias: Tensor, stride: Int = 1, padding: Int = 0) -> Tensor {
    precondition(x.rank == 4 && weight.rank == 4,
                 "conv2dForward: x \(x.shape) must be [N, C, H, W] and weight \(weight.shape) must be [F, C, KH, KW]")
    let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
    let (f, kh, kw) = (weight.shape[0], weight.shape[2], weight.shape[3])
    precondition(weight.shape[1] == c, "conv2dForward: x \(x.shape) has \(c) channels but weight \(weight.shape) expects \(weight.shape[1])")
    precondition(bias.shape == [f], "conv2dForward: bias \(bias.shape) does not match \(f) filters")
    let oh = convOutputSize(input: h, kernel: kh, stride: stride, padding: padding)
    let ow = convOutputSize(input: w, kernel: kw, stride: stride, padding: padding)
    var y = Tensor.zeros([n, f, oh, ow])
    for b in 0..<n {
        for filter in 0..<f {
            for i in 0..<oh {
                for j in 0..<ow {
                    var sum = bias[filter]
                    for channel in 0..<c {
                        for p in 0..<kh {
                            let row = i * stride + p - padding
                            if row < 0 || row >= h { continue }
                            for q in 0..<kw {
                                let column = j * stride + q - padding
                                if column < 0 || column >= w { continue }
                                sum += weight[filter, channel, p, q] * x[b, channel, row, column]
                            }
                        }
                    }
                    y[b, filter, i, j] = sum
                }
            }
        }
    }
    return y
}

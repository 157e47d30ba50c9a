import TensorCore

// ex5.3 — Multi-channel 2D convolution forward, as deep-learning libraries compute it.
//
// Conventions (PyTorch's Conv2d):
//   x        [N, C, H, W]      NCHW layout: N images of C channels, H rows, W columns
//   weight   [F, C, KH, KW]    F filters; each one spans ALL C input channels; KH ≠ KW is allowed
//   bias     [F]               one number per filter, added to every position of that filter's map
//   stride   S ≥ 1             the same in both directions
//   padding  P ≥ 0             zeros on EACH side: P rows above and below, P columns left and right
//   output   [N, F, OH, OW]    OH = (H + 2P − KH)/S + 1,  OW = (W + 2P − KW)/S + 1
//
//   y[n, f, i, j] = b[f] + Σ_c Σ_p Σ_q  weight[f, c, p, q] · xpad[n, c, i·S + p, j·S + q]
//
// This is CROSS-CORRELATION: the kernel is not flipped. Worked example: the 3×3 filter
// [[0, 1, −1], [1, 0, 1], [1, 2, 0]] over [[1, 2, 3], [4, 5, 6], [7, 8, 9]] gives 32, and one
// step right, over [[2, 3, 1], [5, 6, 3], [8, 9, 8]], it gives 36. A 32×32×3 image with six
// 5×5 filters and no padding gives 28×28×6.
//
// Pitfalls: sum over the channels (one output map per FILTER, not per channel); add the bias of
// THIS filter; multiply the output position by the stride; pad every side by P (not P in total).
// Stop with a precondition naming the shapes when the channels differ, the bias does not match,
// or (H + 2P − KH) or (W + 2P − KW) is not a multiple of S. Do not call ex5.1's function here:
// each task is graded on its own.

/// 2D cross-correlation of `x` [N, C, H, W] with `weight` [F, C, KH, KW] plus `bias` [F], with
/// `stride` and zero `padding` per side → [N, F, (H + 2P − KH)/S + 1, (W + 2P − KW)/S + 1].
public func conv2dForward(_ x: Tensor, weight: Tensor, bias: Tensor, stride: Int = 1, padding: Int = 0) -> Tensor {
    // BEGIN SOLUTION ex5.3
    precondition(x.rank == 4 && weight.rank == 4,
                 "conv2dForward: x \(x.shape) must be [N, C, H, W] and weight \(weight.shape) [F, C, KH, KW]")
    let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
    let (f, kh, kw) = (weight.shape[0], weight.shape[2], weight.shape[3])
    precondition(weight.shape[1] == c, "conv2dForward: x \(x.shape) has \(c) channels but weight \(weight.shape) expects \(weight.shape[1])")
    precondition(bias.shape == [f], "conv2dForward: bias \(bias.shape) should be [\(f)] for weight \(weight.shape)")
    precondition(stride >= 1 && padding >= 0, "conv2dForward: stride \(stride) must be ≥ 1 and padding \(padding) ≥ 0")
    let xpad = x.padded([(0, 0), (0, 0), (padding, padding), (padding, padding)])
    let (hp, wp) = (xpad.shape[2], xpad.shape[3])
    precondition(kh <= hp && kw <= wp && (hp - kh) % stride == 0 && (wp - kw) % stride == 0,
                 "conv2dForward: kernel \(kh)×\(kw) with stride \(stride) does not tile the padded input \(hp)×\(wp) (x \(x.shape), padding \(padding))")
    let oh = (hp - kh) / stride + 1
    let ow = (wp - kw) / stride + 1
    var y = Tensor.zeros([n, f, oh, ow])
    for image in 0..<n {
        for filter in 0..<f {
            for i in 0..<oh {
                for j in 0..<ow {
                    var sum = bias[filter]
                    for channel in 0..<c {
                        for p in 0..<kh {
                            for q in 0..<kw {
                                sum += weight[filter, channel, p, q] * xpad[image, channel, i * stride + p, j * stride + q]
                            }
                        }
                    }
                    y[image, filter, i, j] = sum
                }
            }
        }
    }
    return y
    // END SOLUTION
}

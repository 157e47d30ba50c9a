import TensorCore

// ex6.1 — The backward pass of a 2D convolution: dx, dW and db. Derive it first (on paper), then
// write it. Lecture L6 §6 derives the one-channel, stride-1 case; this task is the general one.
//
// The forward pass (given in Conv2DForward.swift) is, with xpad the input padded by P zeros per side,
//
//   y[n, f, oh, ow] = b[f] + Σ_c Σ_kh Σ_kw  w[f, c, kh, kw] · xpad[n, c, oh·S + kh, ow·S + kw]
//
// You receive dy = ∂L/∂y [N, F, OH, OW]. The chain rule gives, for any number θ the forward pass used,
//
//   ∂L/∂θ = Σ over every output element (n, f, oh, ow) of  dy[n, f, oh, ow] · ∂y[n, f, oh, ow]/∂θ .
//
// So for each of b[f], w[f, c, kh, kw] and a padded input pixel xpad[n, c, r, s], ask: which outputs
// contain it, and multiplied by what? Work it out for all three before writing code:
//
//   - db [F]            — b[f] appears in which outputs, with which coefficient?
//   - dW [F, C, KH, KW] — compare your formula with the forward pass: what plays the kernel's role?
//   - dx [N, C, H, W]   — a pixel can sit in several windows (and at several kernel positions);
//                         L6 shows the result is a full correlation with the rotated kernel, but you
//                         need not compute it that way: every output can also hand its share back
//                         to the pixels it read. Then remember that dx is for x, not for xpad.
//
// Check your derivation on L6's worked example (x 3×3, w 2×2, dy 2×2 → db = 2, dW = [[3, 7], [0, 2]])
// before you run the grader.
//
// Pitfalls the checks catch:
//   - the stride: window (oh, ow) starts at row oh·S, column ow·S, not at (oh, ow);
//   - db sums over the batch AND over every output position (N·OH·OW terms per filter);
//   - dW is a correlation of x with dy (never a flipped kernel), and its axes are [F, C, KH, KW]
//     like the weight;
//   - dx has the input's shape: the gradient that lands on padding zeros is dropped, and what
//     remains is shifted by P;
//   - overlapping windows (S < K) reach the same input more than once: every contribution counts.

/// Gradients of `conv2dForward(x, weight:, bias:, stride:, padding:)` given the upstream gradient
/// `dy` [N, F, OH, OW]: `dx` [N, C, H, W], `dWeight` [F, C, KH, KW], `dBias` [F].
public func conv2dBackward(_ dy: Tensor, x: Tensor, weight: Tensor, stride: Int = 1, padding: Int = 0) -> Conv2DGradients {
    // BEGIN SOLUTION ex6.1
    precondition(x.rank == 4 && weight.rank == 4 && dy.rank == 4,
                 "conv2dBackward: dy \(dy.shape), x \(x.shape) and weight \(weight.shape) must all have rank 4")
    let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
    let (f, kh, kw) = (weight.shape[0], weight.shape[2], weight.shape[3])
    precondition(weight.shape[1] == c, "conv2dBackward: x \(x.shape) has \(c) channels but weight \(weight.shape) expects \(weight.shape[1])")
    let oh = convOutputSize(input: h, kernel: kh, stride: stride, padding: padding)
    let ow = convOutputSize(input: w, kernel: kw, stride: stride, padding: padding)
    precondition(dy.shape == [n, f, oh, ow], "conv2dBackward: dy \(dy.shape) should be [\(n), \(f), \(oh), \(ow)]")

    let xpad = x.padded([(0, 0), (0, 0), (padding, padding), (padding, padding)])
    var dxpad = Tensor.zeros(xpad.shape)
    var dWeight = Tensor.zeros(weight.shape)
    var dBias = Tensor.zeros([f])
    for b in 0..<n {
        for filter in 0..<f {
            for i in 0..<oh {
                for j in 0..<ow {
                    let g = dy[b, filter, i, j]
                    dBias[filter] += g
                    let top = i * stride
                    let left = j * stride
                    for channel in 0..<c {
                        for p in 0..<kh {
                            for q in 0..<kw {
                                dWeight[filter, channel, p, q] += g * xpad[b, channel, top + p, left + q]
                                dxpad[b, channel, top + p, left + q] += g * weight[filter, channel, p, q]
                            }
                        }
                    }
                }
            }
        }
    }
    var dx = Tensor.zeros(x.shape)
    for b in 0..<n {
        for channel in 0..<c {
            for i in 0..<h {
                for j in 0..<w {
                    dx[b, channel, i, j] = dxpad[b, channel, i + padding, j + padding]
                }
            }
        }
    }
    return Conv2DGradients(dx: dx, dWeight: dWeight, dBias: dBias)
    // END SOLUTION
}

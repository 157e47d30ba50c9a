import TensorCore

// ex6.1 — The backward pass of a 2D convolution: dx, dW and db.
//
// The forward pass (given in Conv2DForward.swift) is, with xpad the input padded by P zeros per side,
//
//   y[n, f, oh, ow] = b[f] + Σ_c Σ_kh Σ_kw  w[f, c, kh, kw] · xpad[n, c, oh·S + kh, ow·S + kw]
//
// Given the upstream gradient dy = ∂L/∂y [N, F, OH, OW], every output element sends its gradient
// back along the products it was made of. Loop over n, f, oh, ow with g = dy[n, f, oh, ow]:
//
//   db[f]                                  += g
//   dW[f, c, kh, kw]                       += g · xpad[n, c, oh·S + kh, ow·S + kw]
//   dxpad[n, c, oh·S + kh, ow·S + kw]      += g · w[f, c, kh, kw]
//
// then crop the padding off dxpad: dx[n, c, i, j] = dxpad[n, c, i + P, j + P], shape [N, C, H, W].
//
// Pitfalls the checks catch:
//   - the stride: window (oh, ow) starts at row oh·S, column ow·S, not at (oh, ow);
//   - db sums over the batch AND over every output position (N·OH·OW terms per filter);
//   - dW is a correlation of x with dy (index x at oh·S + kh, never a flipped kernel),
//     and its axes are [F, C, KH, KW] like the weight;
//   - dx has the input's shape: the gradient that lands on padding zeros is dropped, and what
//     remains is shifted by P;
//   - overlapping windows (S < K) touch the same input twice: accumulate with +=.

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

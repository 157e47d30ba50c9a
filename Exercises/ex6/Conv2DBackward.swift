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
    todo("ex6.1")
}

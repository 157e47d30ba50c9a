import TensorCore

// ex6.4 — im2col, col2im, and convolution as one matrix product.
//
// im2col copies every receptive field of a padded input into one column of a matrix, so that a
// convolution becomes a single matmul (what cuDNN and most CPU libraries do).
//
// Column layout (exactly; the checks depend on it). For x [N, C, H, W], a KH × KW kernel,
// stride S and padding P per side, with OH, OW from convOutputSize:
//
//   cols has shape [C·KH·KW, N·OH·OW]
//   row    r = (c·KH + kh)·KW + kw        (channel slowest, then kernel row, kernel column fastest:
//                                          the order of weight.reshaped([F, C·KH·KW]))
//   column j = (n·OH + oh)·OW + ow        (example slowest, then output row, output column fastest)
//   cols[r, j] = xpad[n, c, oh·S + kh, ow·S + kw]     (0 where the window covers padding)
//
// col2im is the adjoint (transpose) of im2col, not its inverse: it sends every entry of a
// [C·KH·KW, N·OH·OW] matrix back to the input pixel it was copied from and ADDS it there
// (a pixel inside several windows receives several contributions; entries that came from
// padding are dropped). Writing with = instead of += loses all but one contribution. Exactly
// because it is the adjoint, ⟨im2col(x), c⟩ = ⟨x, col2im(c)⟩ for every x and c — the checks test
// this — and col2im is how a conv layer built on im2col computes dx.
//
// Convolution via im2col:
//   out = weight.reshaped([F, C·KH·KW]) · im2col(x)             [F, N·OH·OW]
//   add b[f] to row f, reshape to [F, N, OH, OW], and move the batch axis first → [N, F, OH, OW].
// Reshaping [F, N·OH·OW] straight to [N, F, OH, OW] mixes examples and filters (the checks use N ≥ 2).

/// The im2col matrix [C·KH·KW, N·OH·OW] of `x` [N, C, H, W] (layout above).
public func im2col(_ x: Tensor, kernelHeight: Int, kernelWidth: Int, stride: Int = 1, padding: Int = 0) -> Tensor {
    todo("ex6.4")
}

/// The adjoint of `im2col`: scatters `cols` [C·KH·KW, N·OH·OW] back onto an input of shape
/// `inputShape` [N, C, H, W], adding contributions that land on the same pixel.
public func col2im(_ cols: Tensor, inputShape: [Int], kernelHeight: Int, kernelWidth: Int, stride: Int = 1, padding: Int = 0) -> Tensor {
    todo("ex6.4")
}

/// 2D convolution computed as `weight.reshaped([F, C·KH·KW]) · im2col(x)`; the same result as
/// `conv2dForward` ([N, F, OH, OW]).
public func conv2dViaIm2col(_ x: Tensor, weight: Tensor, bias: Tensor, stride: Int = 1, padding: Int = 0) -> Tensor {
    todo("ex6.4")
}

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
    // BEGIN SOLUTION ex6.4
    precondition(x.rank == 4, "im2col: x \(x.shape) must be [N, C, H, W]")
    let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
    let (kh, kw) = (kernelHeight, kernelWidth)
    let oh = convOutputSize(input: h, kernel: kh, stride: stride, padding: padding)
    let ow = convOutputSize(input: w, kernel: kw, stride: stride, padding: padding)
    let xpad = x.padded([(0, 0), (0, 0), (padding, padding), (padding, padding)])
    var cols = Tensor.zeros([c * kh * kw, n * oh * ow])
    for channel in 0..<c {
        for p in 0..<kh {
            for q in 0..<kw {
                let r = (channel * kh + p) * kw + q
                for b in 0..<n {
                    for i in 0..<oh {
                        for j in 0..<ow {
                            cols[r, (b * oh + i) * ow + j] = xpad[b, channel, i * stride + p, j * stride + q]
                        }
                    }
                }
            }
        }
    }
    return cols
    // END SOLUTION
}

/// The adjoint of `im2col`: scatters `cols` [C·KH·KW, N·OH·OW] back onto an input of shape
/// `inputShape` [N, C, H, W], adding contributions that land on the same pixel.
public func col2im(_ cols: Tensor, inputShape: [Int], kernelHeight: Int, kernelWidth: Int, stride: Int = 1, padding: Int = 0) -> Tensor {
    // BEGIN SOLUTION ex6.4
    precondition(inputShape.count == 4, "col2im: inputShape \(inputShape) must be [N, C, H, W]")
    let (n, c, h, w) = (inputShape[0], inputShape[1], inputShape[2], inputShape[3])
    let (kh, kw) = (kernelHeight, kernelWidth)
    let oh = convOutputSize(input: h, kernel: kh, stride: stride, padding: padding)
    let ow = convOutputSize(input: w, kernel: kw, stride: stride, padding: padding)
    precondition(cols.shape == [c * kh * kw, n * oh * ow],
                 "col2im: cols \(cols.shape) should be [\(c * kh * kw), \(n * oh * ow)] for input \(inputShape)")
    var x = Tensor.zeros(inputShape)
    for channel in 0..<c {
        for p in 0..<kh {
            for q in 0..<kw {
                let r = (channel * kh + p) * kw + q
                for b in 0..<n {
                    for i in 0..<oh {
                        let row = i * stride + p - padding
                        if row < 0 || row >= h { continue }
                        for j in 0..<ow {
                            let column = j * stride + q - padding
                            if column < 0 || column >= w { continue }
                            x[b, channel, row, column] += cols[r, (b * oh + i) * ow + j]
                        }
                    }
                }
            }
        }
    }
    return x
    // END SOLUTION
}

/// 2D convolution computed as `weight.reshaped([F, C·KH·KW]) · im2col(x)`; the same result as
/// `conv2dForward` ([N, F, OH, OW]).
public func conv2dViaIm2col(_ x: Tensor, weight: Tensor, bias: Tensor, stride: Int = 1, padding: Int = 0) -> Tensor {
    // BEGIN SOLUTION ex6.4
    precondition(x.rank == 4 && weight.rank == 4,
                 "conv2dViaIm2col: x \(x.shape) must be [N, C, H, W] and weight \(weight.shape) must be [F, C, KH, KW]")
    let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
    let (f, kh, kw) = (weight.shape[0], weight.shape[2], weight.shape[3])
    precondition(weight.shape[1] == c, "conv2dViaIm2col: x \(x.shape) has \(c) channels but weight \(weight.shape) expects \(weight.shape[1])")
    precondition(bias.shape == [f], "conv2dViaIm2col: bias \(bias.shape) does not match \(f) filters")
    let oh = convOutputSize(input: h, kernel: kh, stride: stride, padding: padding)
    let ow = convOutputSize(input: w, kernel: kw, stride: stride, padding: padding)
    let cols = im2col(x, kernelHeight: kh, kernelWidth: kw, stride: stride, padding: padding)
    let out = weight.reshaped([f, c * kh * kw]).matmul(cols).addingColumnVector(bias)
    return out.reshaped([f, n, oh, ow]).permuted([1, 0, 2, 3])
    // END SOLUTION
}

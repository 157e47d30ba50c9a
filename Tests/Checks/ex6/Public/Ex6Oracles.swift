import TensorCore

// The forward passes the public checks of ex6 take numeric gradients of, written out here: the
// student's code is never the oracle (public checks never import DeepLearning).

/// Direct 2D convolution (cross-correlation), NCHW, reading zeros outside the input:
/// y[n, f, i, j] = b[f] + Σ_c Σ_p Σ_q w[f, c, p, q]·x[n, c, i·S + p − P, j·S + q − P].
func conv2dOracle(_ x: Tensor, _ w: Tensor, _ b: Tensor, stride s: Int = 1, padding p: Int = 0) -> Tensor {
    let (n, c, h, wd) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
    let (f, kh, kw) = (w.shape[0], w.shape[2], w.shape[3])
    let oh = (h + 2 * p - kh) / s + 1, ow = (wd + 2 * p - kw) / s + 1
    var y = Tensor.zeros([n, f, oh, ow])
    for i in 0..<n { for o in 0..<f { for r in 0..<oh { for q in 0..<ow {
        var v = b[o]
        for ch in 0..<c { for u in 0..<kh { for t in 0..<kw {
            let row = r * s + u - p, col = q * s + t - p
            if row >= 0 && row < h && col >= 0 && col < wd { v += w[o, ch, u, t] * x[i, ch, row, col] }
        } } }
        y[i, o, r, q] = v
    } } } }
    return y
}

/// The output shape of a convolution: [N, F, OH, OW].
func convOutputShape(_ x: [Int], _ w: [Int], stride s: Int, padding p: Int) -> [Int] {
    [x[0], w[0], (x[2] + 2 * p - w[2]) / s + 1, (x[3] + 2 * p - w[3]) / s + 1]
}

/// The output shape of a k×k pooling with stride s and no padding: [N, C, OH, OW].
func poolOutputShape(_ x: [Int], size k: Int, stride s: Int) -> [Int] {
    [x[0], x[1], (x[2] - k) / s + 1, (x[3] - k) / s + 1]
}

/// Pooling forward: `reduce` applied to each k×k window (read row-major), each channel on its own.
func poolForwardOracle(_ x: Tensor, size k: Int, stride s: Int, _ reduce: ([Double]) -> Double) -> Tensor {
    let outputShape = poolOutputShape(x.shape, size: k, stride: s)
    var y = Tensor.zeros(outputShape)
    for i in 0..<outputShape[0] { for ch in 0..<outputShape[1] { for r in 0..<outputShape[2] { for q in 0..<outputShape[3] {
        var window: [Double] = []
        for u in 0..<k { for t in 0..<k { window.append(x[i, ch, r * s + u, q * s + t]) } }
        y[i, ch, r, q] = reduce(window)
    } } } }
    return y
}

func maxOfWindow(_ window: [Double]) -> Double { window.max()! }
func minOfWindow(_ window: [Double]) -> Double { window.min()! }
func meanOfWindow(_ window: [Double]) -> Double { window.reduce(0, +) / Double(window.count) }

/// im2col: cols[(c·KH + kh)·KW + kw, (n·OH + oh)·OW + ow] = x[n, c, oh·S + kh − P, ow·S + kw − P] (0 in the padding).
func im2colOracle(_ x: Tensor, kernelHeight kh: Int, kernelWidth kw: Int, stride s: Int, padding p: Int) -> Tensor {
    let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
    let oh = (h + 2 * p - kh) / s + 1, ow = (w + 2 * p - kw) / s + 1
    var cols = Tensor.zeros([c * kh * kw, n * oh * ow])
    for ch in 0..<c { for u in 0..<kh { for t in 0..<kw { for i in 0..<n { for r in 0..<oh { for q in 0..<ow {
        let row = r * s + u - p, col = q * s + t - p
        if row >= 0 && row < h && col >= 0 && col < w { cols[(ch * kh + u) * kw + t, (i * oh + r) * ow + q] = x[i, ch, row, col] }
    } } } } } }
    return cols
}

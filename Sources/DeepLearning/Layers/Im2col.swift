@_spi(GemmEngine) import TensorCore

/// The sizes of one 2D convolution (or pooling) pass, NCHW: input `[N, C, H, W]`, kernel
/// `KH × KW`, strides and per-side paddings per axis, output `OH × OW`.
struct ConvolutionShape {
    let n, c, h, w: Int
    let kh, kw: Int
    let sh, sw: Int
    let ph, pw: Int
    let oh, ow: Int

    /// Validates the configuration (stopping with a message naming the sizes when the windows do not tile).
    init(_ layer: String, input: [Int], kernelHeight kh: Int, kernelWidth kw: Int,
         strideHeight sh: Int, strideWidth sw: Int, paddingHeight ph: Int, paddingWidth pw: Int) {
        requireThat(input.count == 4, "\(layer): input \(input) must be [N, C, H, W]")
        (n, c, h, w) = (input[0], input[1], input[2], input[3])
        (self.kh, self.kw, self.sh, self.sw, self.ph, self.pw) = (kh, kw, sh, sw, ph, pw)
        oh = ConvolutionGeometry.requireOutputSize("\(layer) (height of input \(input))", input: h, kernel: kh, stride: sh, padding: ph)
        ow = ConvolutionGeometry.requireOutputSize("\(layer) (width of input \(input))", input: w, kernel: kw, stride: sw, padding: pw)
    }

    /// Rows of the im2col matrix: `C·KH·KW`.
    var patch: Int { c * kh * kw }
    /// Output positions per example: `OH·OW`.
    var positions: Int { oh * ow }
    /// Scalars per input example: `C·H·W`.
    var inputPlane: Int { c * h * w }

    /// Rows and columns of one zero-padded input plane: `H + 2·PH`, `W + 2·PW`.
    var paddedHeight: Int { h + 2 * ph }
    var paddedWidth: Int { w + 2 * pw }

    /// Runs `body` with the example's input zero-padded (`[C, H + 2PH, W + 2PW]`; `x` itself when
    /// there is no padding), so that the copy loops below never test a bound. The padded copy is
    /// a temporary (on the stack when small), as large as the input plus its border.
    @inline(__always)
    private func withPadded<R>(_ x: UnsafePointer<Double>, _ body: (UnsafePointer<Double>) -> R) -> R {
        guard ph > 0 || pw > 0 else { return body(x) }
        let (hp, wp) = (paddedHeight, paddedWidth)
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: c * hp * wp) { buffer in
            let padded = buffer.baseAddress!
            padded.initialize(repeating: 0, count: c * hp * wp)
            for ch in 0..<c {
                for y in 0..<h {
                    let source = x + (ch * h + y) * w, target = padded + (ch * hp + y + ph) * wp + pw
                    for j in 0..<w { target[j] = source[j] }
                }
            }
            return body(padded)
        }
    }

    /// Writes the im2col block of one example (`x` points at its `[C, H, W]` scalars) into `cols`:
    /// row `r = (c·KH + kh)·KW + kw` starts at `cols + r·rowStride`, and holds the `OH·OW` values
    /// `xpad[c, oh·SH + kh, ow·SW + kw]` (0 over padding), converted to `T` as they are copied.
    ///
    /// Reads a zero-padded copy of the example, so each output row is one plain loop of `OW`
    /// copies (no bound tests, no memcpy call): rows are often a handful of scalars (4 in the
    /// digits net's second convolution), where per-row overhead is most of the cost.
    func im2col<T: GemmScalar>(_ x: UnsafePointer<Double>, _ cols: UnsafeMutablePointer<T>, rowStride: Int) {
        let (hp, wp) = (paddedHeight, paddedWidth)
        withPadded(x) { padded in
            for ch in 0..<c {
                for p in 0..<kh {
                    for q in 0..<kw {
                        var out = cols + ((ch * kh + p) * kw + q) * rowStride
                        var line = padded + (ch * hp + p) * wp + q   // line[j·SW] is xpad[ch, oh·SH + p, j·SW + q]
                        for _ in 0..<oh {
                            if sw == 1 {
                                for j in 0..<ow { out[j] = T(line[j]) }
                            } else {
                                for j in 0..<ow { out[j] = T(line[j &* sw]) }
                            }
                            out += ow
                            line += sh * wp
                        }
                    }
                }
            }
        }
    }

    /// The adjoint of `im2col` for one example: adds every entry of the block back onto the
    /// input pixel it was copied from (`dx` points at the example's `[C, H, W]` scalars, in
    /// `Double`); entries that came from padding are dropped. With padding, the entries are first
    /// summed into a zero-padded temporary (each pixel receives them in the same order), whose
    /// interior is then added onto `dx`.
    func col2im<T: GemmScalar>(_ cols: UnsafePointer<T>, _ dx: UnsafeMutablePointer<Double>, rowStride: Int) {
        let (hp, wp) = (paddedHeight, paddedWidth)
        func scatter(into target: UnsafeMutablePointer<Double>) {
            for ch in 0..<c {
                for p in 0..<kh {
                    for q in 0..<kw {
                        var source = cols + ((ch * kh + p) * kw + q) * rowStride
                        var line = target + (ch * hp + p) * wp + q
                        for _ in 0..<oh {
                            if sw == 1 {
                                for j in 0..<ow { line[j] += Double(source[j]) }
                            } else {
                                for j in 0..<ow { line[j &* sw] += Double(source[j]) }
                            }
                            source += ow
                            line += sh * wp
                        }
                    }
                }
            }
        }
        guard ph > 0 || pw > 0 else { return scatter(into: dx) }
        withUnsafeTemporaryAllocation(of: Double.self, capacity: c * hp * wp) { buffer in
            let padded = buffer.baseAddress!
            padded.initialize(repeating: 0, count: c * hp * wp)
            scatter(into: padded)
            for ch in 0..<c {
                for y in 0..<h {
                    let source = padded + (ch * hp + y + ph) * wp + pw, target = dx + (ch * h + y) * w
                    for j in 0..<w { target[j] += source[j] }
                }
            }
        }
    }
}

/// im2col (lecture L6, "convolution as one matrix product"): copies every receptive field of
/// `x` `[N, C, H, W]` into one column of a `[C·KH·KW, N·OH·OW]` matrix, so that a convolution is
/// `weight.reshaped([F, C·KH·KW]) · im2col(x)`.
///
/// Column layout (the one ex6 uses, as Caffe's):
///
///     row    r = (c·KH + kh)·KW + kw      channel slowest, kernel column fastest:
///                                          the order of weight.reshaped([F, C·KH·KW])
///     column j = (n·OH + oh)·OW + ow      example slowest, output column fastest
///     cols[r, j] = xpad[n, c, oh·S + kh, ow·S + kw]     (0 where the window covers padding)
///
/// `padding` is per side (PyTorch); `OH = (H + 2P − KH)/S + 1` must be exact (see
/// `ConvolutionGeometry`).
public func im2col(_ x: Tensor, kernelHeight: Int, kernelWidth: Int, stride: Int = 1, padding: Int = 0) -> Tensor {
    let g = ConvolutionShape("im2col", input: x.shape, kernelHeight: kernelHeight, kernelWidth: kernelWidth,
                             strideHeight: stride, strideWidth: stride, paddingHeight: padding, paddingWidth: padding)
    let columns = g.n * g.positions
    var cols = [Double](repeating: 0, count: g.patch * columns)
    x.scalars.withUnsafeBufferPointer { input in
        cols.withUnsafeMutableBufferPointer { out in
            for sample in 0..<g.n {
                g.im2col(input.baseAddress! + sample * g.inputPlane, out.baseAddress! + sample * g.positions, rowStride: columns)
            }
        }
    }
    return Tensor(shape: [g.patch, columns], scalars: cols)
}

/// col2im: the adjoint (transpose) of `im2col`, not its inverse. Sends every entry of `cols`
/// `[C·KH·KW, N·OH·OW]` back to the input pixel it was copied from and ADDS it there (a pixel
/// inside several windows receives several contributions; entries from padding are dropped), so
/// `⟨im2col(x), cols⟩ = ⟨x, col2im(cols)⟩`. Returns a tensor of shape `inputShape` `[N, C, H, W]`.
public func col2im(_ cols: Tensor, inputShape: [Int], kernelHeight: Int, kernelWidth: Int, stride: Int = 1, padding: Int = 0) -> Tensor {
    let g = ConvolutionShape("col2im", input: inputShape, kernelHeight: kernelHeight, kernelWidth: kernelWidth,
                             strideHeight: stride, strideWidth: stride, paddingHeight: padding, paddingWidth: padding)
    let columns = g.n * g.positions
    requireThat(cols.shape == [g.patch, columns],
                "col2im: cols \(cols.shape) should be [\(g.patch), \(columns)] for input \(inputShape), kernel \(kernelHeight)×\(kernelWidth)")
    var dx = [Double](repeating: 0, count: g.n * g.inputPlane)
    cols.scalars.withUnsafeBufferPointer { source in
        dx.withUnsafeMutableBufferPointer { out in
            for sample in 0..<g.n {
                g.col2im(source.baseAddress! + sample * g.positions, out.baseAddress! + sample * g.inputPlane, rowStride: columns)
            }
        }
    }
    return Tensor(shape: inputShape, scalars: dx)
}

import TensorCore

// The oracles of ex5's checks, written out here (public checks never import DeepLearning), and
// the one adapter that turns a thrown error into something a check can record.

/// What a call that may throw gave: its value, or the error it threw as
/// `ConvolutionError.doesNotTile(input: 7, kernel: 3, stride: 3, padding: 0)` — the type, the case
/// and its values, read by reflection. (`ConvolutionError` describes itself in prose, so
/// `StudentError.caseName` cannot name the case; `invalidArgument`'s message is left out.)
///
/// It runs the student's code: call it only inside `student { }`.
func outcome(_ body: () throws -> Int) -> (Int?, String?) {
    do { return (try body(), nil) } catch { return (nil, errorCase(error)) }
}

/// `Type.case(label: value, …)` of an error enum whose payload is integers; `Type.case` otherwise.
func errorCase(_ error: any Error) -> String {
    let type = String(describing: Swift.type(of: error))
    let mirror = Mirror(reflecting: error)
    guard mirror.displayStyle == .enum, let child = mirror.children.first, let name = child.label else {
        return "\(type) (\(error))"
    }
    let payload = Mirror(reflecting: child.value)
    if payload.displayStyle == .tuple, !payload.children.isEmpty,
       payload.children.allSatisfy({ $0.label != nil && $0.value is Int }) {
        return "\(type).\(name)(" + payload.children.map { "\($0.label!): \($0.value)" }.joined(separator: ", ") + ")"
    }
    return "\(type).\(name)"
}

/// Cross-correlation of `x` [L] with `w` [K], `before`/`after` zeros at the two ends, stride S.
func correlateOracle(_ x: Tensor, _ w: Tensor, stride: Int = 1, before: Int = 0, after: Int = 0) -> Tensor {
    let padded = [Double](repeating: 0, count: before) + x.scalars + [Double](repeating: 0, count: after)
    let outputs = (padded.count - w.count) / stride + 1
    return Tensor((0..<outputs).map { i in (0..<w.count).reduce(0.0) { $0 + padded[i * stride + $1] * w[$1] } })
}

/// True convolution: the correlation with the kernel reversed.
func convolveOracle(_ x: Tensor, _ w: Tensor, stride: Int = 1, before: Int = 0, after: Int = 0) -> Tensor {
    correlateOracle(x, Tensor(shape: w.shape, scalars: w.scalars.reversed()), stride: stride, before: before, after: after)
}

/// y[n, f, i, j] = b[f] + Σ_c Σ_p Σ_q w[f, c, p, q]·x[n, c, i·S + p − P, j·S + q − P] (zeros outside).
func conv2dOracle(_ x: Tensor, _ w: Tensor, _ b: Tensor, stride: Int = 1, padding: Int = 0) -> Tensor {
    let (n, c, h, wd) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
    let (f, kh, kw) = (w.shape[0], w.shape[2], w.shape[3])
    let oh = (h + 2 * padding - kh) / stride + 1, ow = (wd + 2 * padding - kw) / stride + 1
    var y = Tensor.zeros([n, f, oh, ow])
    for a in 0..<n { for o in 0..<f { for i in 0..<oh { for j in 0..<ow {
        var sum = b[o]
        for ch in 0..<c { for p in 0..<kh { for q in 0..<kw {
            let row = i * stride + p - padding, column = j * stride + q - padding
            if row >= 0 && row < h && column >= 0 && column < wd { sum += w[o, ch, p, q] * x[a, ch, row, column] }
        } } }
        y[a, o, i, j] = sum
    } } } }
    return y
}

/// The size of a convolution's output, or nil when the windows do not fit or do not tile.
func outputSizeOracle(input: Int, kernel: Int, stride: Int, padding: Int) -> Int? {
    let span = input + 2 * padding - kernel
    return span >= 0 && span % stride == 0 ? span / stride + 1 : nil
}

/// The parameters of a convolution layer: one kh×kw×ch_in kernel per output channel, plus its bias.
func convParameterOracle(inChannels: Int, outChannels: Int, kernelHeight: Int, kernelWidth: Int, includeBiases: Bool = true) -> Int {
    outChannels * inChannels * kernelHeight * kernelWidth + (includeBiases ? outChannels : 0)
}

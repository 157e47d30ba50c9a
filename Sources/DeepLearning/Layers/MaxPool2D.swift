import TensorCore

/// What max and min pooling keep for the backward pass: the input shape and, for every output
/// element, the flat row-major offset of the input element that was selected.
public struct PoolSelectionCache {
    public let inputShape: [Int]
    public let selected: [Int]
}

/// Max pooling (lecture L7), NCHW as PyTorch's `MaxPool2d`:
///
///     y[n, c, oh, ow] = max_{kh, kw < size} x[n, c, oh·S + kh, ow·S + kw]
///
/// - input `[N, C, H, W]`, output `[N, C, OH, OW]`, `OH = (H − size)/S + 1`; each channel on its
///   own; no parameters, no padding;
/// - `stride` defaults to `size` (non-overlapping windows, PyTorch's default); windows that do not
///   tile the input are rejected (`ConvolutionGeometry`) rather than floored;
/// - backward: each `dy` goes entirely to the element that was the maximum (overlapping windows
///   add their contributions). Tie rule: the FIRST maximum of the window in row-major order
///   (scan kh, then kw; replace only on a strictly larger value), so a window passes on exactly
///   `dy`, never split over ties.
///
/// Lecture examples: 3×3 over `[[1,2,3],[4,5,6],[7,8,9]]` → 9; 2×2 stride 2 over
/// `[[1,1,2,4],[5,6,7,8],[3,2,1,0],[1,2,3,4]]` → `[[6,8],[3,4]]`.
public struct MaxPool2D: Layer {
    public typealias Cache = PoolSelectionCache
    public let size: Int
    public let stride: Int

    public init(size: Int, stride: Int? = nil) {
        requireThat(size >= 1 && (stride ?? size) >= 1, "MaxPool2D: size \(size) and stride \(String(describing: stride)) must be ≥ 1")
        self.size = size
        self.stride = stride ?? size
    }

    public var name: String { "max pool \(size)×\(size) s\(stride)" }
    public var parameters: [Tensor] {
        get { [] }
        set { requireThat(newValue.isEmpty, "MaxPool2D has no parameters, got \(newValue.count)") }
    }
    public var parameterNames: [String] { [] }

    public func outputShape(for inputShape: [Int]) -> [Int] {
        let g = poolGeometry("MaxPool2D \(name)", inputShape, size, stride)
        return [g.n, g.c, g.oh, g.ow]
    }

    public func forward(_ input: Tensor, context: inout ForwardContext) -> (output: Tensor, cache: PoolSelectionCache) {
        selectionPool(input, poolGeometry("MaxPool2D \(name)", input.shape, size, stride), takeMaximum: true)
    }

    public func backward(_ outputGradient: Tensor, cache: PoolSelectionCache) -> (inputGradient: Tensor, parameterGradients: [Tensor]) {
        (selectionPoolBackward("MaxPool2D", outputGradient, cache), [])
    }
}

/// The window geometry of a pooling layer (no padding).
func poolGeometry(_ layer: String, _ inputShape: [Int], _ size: Int, _ stride: Int) -> ConvolutionShape {
    ConvolutionShape(layer, input: inputShape, kernelHeight: size, kernelWidth: size,
                     strideHeight: stride, strideWidth: stride, paddingHeight: 0, paddingWidth: 0)
}

/// Max (or min) pooling forward: the first extreme of each window in row-major order.
func selectionPool(_ x: Tensor, _ g: ConvolutionShape, takeMaximum: Bool) -> (output: Tensor, cache: PoolSelectionCache) {
    let outCount = g.n * g.c * g.positions
    var y = [Double](repeating: 0, count: outCount)
    var selected = [Int](repeating: 0, count: outCount)
    x.scalars.withUnsafeBufferPointer { xs in
        y.withUnsafeMutableBufferPointer { ys in
            selected.withUnsafeMutableBufferPointer { picks in
                // One output row at a time, kernel offset (p, q) outermost: each offset updates the
                // whole row's running extremes, so the windows of a row are independent chains
                // rather than one chain of compare-then-select per window. Each window still sees
                // its elements in row-major order (p, then q), and only a strictly better one
                // replaces the current pick: the first extreme wins ties.
                for plane in 0..<(g.n * g.c) {
                    let base = plane * g.h * g.w
                    for i in 0..<g.oh {
                        let values = ys.baseAddress! + (plane * g.oh + i) * g.ow
                        let best = picks.baseAddress! + (plane * g.oh + i) * g.ow
                        for p in 0..<g.kh {
                            let row = base + (i * g.sh + p) * g.w
                            for q in 0..<g.kw {
                                if p == 0 && q == 0 {
                                    for j in 0..<g.ow {
                                        values[j] = xs[row + j &* g.sw]
                                        best[j] = row + j &* g.sw
                                    }
                                    continue
                                }
                                for j in 0..<g.ow {
                                    let index = row + j &* g.sw + q
                                    let candidate = xs[index]
                                    let better = takeMaximum ? candidate > values[j] : candidate < values[j]
                                    values[j] = better ? candidate : values[j]
                                    best[j] = better ? index : best[j]
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    return (Tensor(shape: [g.n, g.c, g.oh, g.ow], scalars: y), PoolSelectionCache(inputShape: x.shape, selected: selected))
}

/// The direct loop `selectionPool` is tested against: each window on its own, scanned in
/// row-major order, keeping the first extreme. Returns the outputs and the selected offsets.
func naiveSelectionPool(_ x: Tensor, _ g: ConvolutionShape, takeMaximum: Bool) -> (output: [Double], selected: [Int]) {
    var output: [Double] = [], selected: [Int] = []
    for plane in 0..<(g.n * g.c) {
        for i in 0..<g.oh {
            for j in 0..<g.ow {
                var best = plane * g.h * g.w + i * g.sh * g.w + j * g.sw
                for p in 0..<g.kh {
                    for q in 0..<g.kw {
                        let index = plane * g.h * g.w + (i * g.sh + p) * g.w + j * g.sw + q
                        let candidate = x.scalars[index], current = x.scalars[best]
                        if takeMaximum ? candidate > current : candidate < current { best = index }
                    }
                }
                output.append(x.scalars[best])
                selected.append(best)
            }
        }
    }
    return (output, selected)
}

/// Max (or min) pooling backward: `dx[selected[k]] += dy[k]`.
func selectionPoolBackward(_ layer: String, _ dy: Tensor, _ cache: PoolSelectionCache) -> Tensor {
    requireThat(dy.count == cache.selected.count,
                "\(layer).backward: output gradient \(dy.shape) does not match the \(cache.selected.count) outputs of input \(cache.inputShape)")
    var dx = [Double](repeating: 0, count: cache.inputShape.reduce(1, *))
    dy.scalars.withUnsafeBufferPointer { d in
        for k in 0..<d.count { dx[cache.selected[k]] += d[k] }
    }
    return Tensor(shape: cache.inputShape, scalars: dx)
}

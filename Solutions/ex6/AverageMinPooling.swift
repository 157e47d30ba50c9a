import TensorCore

// ex6.3 — Average pooling and min pooling, forward and backward.
//
// Same shapes and windows as max pooling (ex6.2): x [N, C, H, W] → y [N, C, OH, OW], a
// size × size window moved by `stride` (default: the window size), no padding, windows that
// tile the input exactly (convOutputSize(input:kernel:stride:padding: 0)).
//
// Average pooling:  y = (1/(k·k)) · Σ over the window of x          (k = size)
//   backward: every element of the window receives dy / (k·k) — the 1/(k·k) of the forward
//   pass appears in the gradient too. Overlapping windows (stride < size) add up.
//
// Min pooling:      y = min over the window of x
//   backward: like max pooling, the whole dy goes to the FIRST minimum of the window in
//   row-major order (replace the running minimum only when a value is strictly smaller);
//   overlapping windows add up.
//
// On the lecture's 2×2, stride-2 example [[1,1,2,4],[5,6,7,8],[3,2,1,0],[1,2,3,4]] average pooling
// gives [[3.25, 5.25], [2, 2]] and min pooling [[1, 2], [1, 0]].

/// Average pooling, NCHW: the mean of each `size`×`size` window moved by `stride`.
public func avgPool2dForward(_ x: Tensor, size: Int, stride: Int? = nil) -> Tensor {
    // BEGIN SOLUTION ex6.3
    let s = stride ?? size
    precondition(x.rank == 4, "avgPool2dForward: x \(x.shape) must be [N, C, H, W]")
    let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
    let oh = convOutputSize(input: h, kernel: size, stride: s, padding: 0)
    let ow = convOutputSize(input: w, kernel: size, stride: s, padding: 0)
    let area = Double(size * size)
    var y = Tensor.zeros([n, c, oh, ow])
    for b in 0..<n {
        for channel in 0..<c {
            for i in 0..<oh {
                for j in 0..<ow {
                    var sum = 0.0
                    for p in 0..<size {
                        for q in 0..<size { sum += x[b, channel, i * s + p, j * s + q] }
                    }
                    y[b, channel, i, j] = sum / area
                }
            }
        }
    }
    return y
    // END SOLUTION
}

/// The gradient of `avgPool2dForward(x, size:, stride:)` with respect to its input of shape
/// `inputShape` [N, C, H, W], given `dy` [N, C, OH, OW].
public func avgPool2dBackward(_ dy: Tensor, inputShape: [Int], size: Int, stride: Int? = nil) -> Tensor {
    // BEGIN SOLUTION ex6.3
    let s = stride ?? size
    precondition(inputShape.count == 4, "avgPool2dBackward: inputShape \(inputShape) must be [N, C, H, W]")
    let (n, c, h, w) = (inputShape[0], inputShape[1], inputShape[2], inputShape[3])
    let oh = convOutputSize(input: h, kernel: size, stride: s, padding: 0)
    let ow = convOutputSize(input: w, kernel: size, stride: s, padding: 0)
    precondition(dy.shape == [n, c, oh, ow], "avgPool2dBackward: dy \(dy.shape) should be [\(n), \(c), \(oh), \(ow)]")
    let area = Double(size * size)
    var dx = Tensor.zeros(inputShape)
    for b in 0..<n {
        for channel in 0..<c {
            for i in 0..<oh {
                for j in 0..<ow {
                    let share = dy[b, channel, i, j] / area
                    for p in 0..<size {
                        for q in 0..<size { dx[b, channel, i * s + p, j * s + q] += share }
                    }
                }
            }
        }
    }
    return dx
    // END SOLUTION
}

/// Min pooling, NCHW: the minimum of each `size`×`size` window moved by `stride`.
public func minPool2dForward(_ x: Tensor, size: Int, stride: Int? = nil) -> Tensor {
    // BEGIN SOLUTION ex6.3
    let s = stride ?? size
    precondition(x.rank == 4, "minPool2dForward: x \(x.shape) must be [N, C, H, W]")
    let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
    let oh = convOutputSize(input: h, kernel: size, stride: s, padding: 0)
    let ow = convOutputSize(input: w, kernel: size, stride: s, padding: 0)
    var y = Tensor.zeros([n, c, oh, ow])
    for b in 0..<n {
        for channel in 0..<c {
            for i in 0..<oh {
                for j in 0..<ow {
                    var best = x[b, channel, i * s, j * s]
                    for p in 0..<size {
                        for q in 0..<size { best = Swift.min(best, x[b, channel, i * s + p, j * s + q]) }
                    }
                    y[b, channel, i, j] = best
                }
            }
        }
    }
    return y
    // END SOLUTION
}

/// The gradient of `minPool2dForward(x, size:, stride:)` with respect to `x`, given `dy`
/// [N, C, OH, OW]: each `dy` entry goes to the first minimum of its window; overlaps add up.
public func minPool2dBackward(_ dy: Tensor, x: Tensor, size: Int, stride: Int? = nil) -> Tensor {
    // BEGIN SOLUTION ex6.3
    let s = stride ?? size
    precondition(x.rank == 4, "minPool2dBackward: x \(x.shape) must be [N, C, H, W]")
    let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
    let oh = convOutputSize(input: h, kernel: size, stride: s, padding: 0)
    let ow = convOutputSize(input: w, kernel: size, stride: s, padding: 0)
    precondition(dy.shape == [n, c, oh, ow], "minPool2dBackward: dy \(dy.shape) should be [\(n), \(c), \(oh), \(ow)]")
    var dx = Tensor.zeros(x.shape)
    for b in 0..<n {
        for channel in 0..<c {
            for i in 0..<oh {
                for j in 0..<ow {
                    var bestRow = i * s, bestColumn = j * s
                    var bestValue = x[b, channel, bestRow, bestColumn]
                    for p in 0..<size {
                        for q in 0..<size {
                            let value = x[b, channel, i * s + p, j * s + q]
                            if value < bestValue { bestValue = value; bestRow = i * s + p; bestColumn = j * s + q }
                        }
                    }
                    dx[b, channel, bestRow, bestColumn] += dy[b, channel, i, j]
                }
            }
        }
    }
    return dx
    // END SOLUTION
}

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
    todo("ex6.3")
}

/// The gradient of `avgPool2dForward(x, size:, stride:)` with respect to its input of shape
/// `inputShape` [N, C, H, W], given `dy` [N, C, OH, OW].
public func avgPool2dBackward(_ dy: Tensor, inputShape: [Int], size: Int, stride: Int? = nil) -> Tensor {
    todo("ex6.3")
}

/// Min pooling, NCHW: the minimum of each `size`×`size` window moved by `stride`.
public func minPool2dForward(_ x: Tensor, size: Int, stride: Int? = nil) -> Tensor {
    todo("ex6.3")
}

/// The gradient of `minPool2dForward(x, size:, stride:)` with respect to `x`, given `dy`
/// [N, C, OH, OW]: each `dy` entry goes to the first minimum of its window; overlaps add up.
public func minPool2dBackward(_ dy: Tensor, x: Tensor, size: Int, stride: Int? = nil) -> Tensor {
    todo("ex6.3")
}

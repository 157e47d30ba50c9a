import TensorCore

// ex6.2 — Max pooling, forward and backward.
//
// Shapes: x [N, C, H, W] → y [N, C, OH, OW], each channel pooled on its own (pooling has no
// weights and never mixes channels). The window is size × size and moves by `stride` (default:
// the window size, i.e. no overlap); there is no padding. OH = (H − size)/stride + 1, and the
// windows must tile the input exactly: use convOutputSize(input:kernel:stride:padding: 0).
//
//   y[n, c, oh, ow] = max over kh, kw < size of x[n, c, oh·S + kh, ow·S + kw]
//
// Backward: the maximum is the only element of its window that influenced the output, so the
// whole upstream gradient dy[n, c, oh, ow] goes to that one element; the others get 0 from this
// window. When windows overlap (stride < size) an element can be the maximum of several windows:
// add (+=) every contribution.
//
// Ties (convention of this course): the gradient goes to the FIRST maximum of the window in
// row-major order (scan kh, then kw, and replace the running maximum only when a value is
// strictly larger). Never split it, and never give it to every tied element: the output changed
// by dy, so the inputs together must receive exactly dy.
//
// Lecture examples: 3×3 pooling of [[1,2,3],[4,5,6],[7,8,9]] → 9, of [[5,2,1],[5,7,1],[9,5,12]] → 12;
// 2×2, stride 2 on [[1,1,2,4],[5,6,7,8],[3,2,1,0],[1,2,3,4]] → [[6,8],[3,4]].

/// Max pooling, NCHW: `x` [N, C, H, W] → [N, C, OH, OW] with a `size`×`size` window moved by `stride`.
public func maxPool2dForward(_ x: Tensor, size: Int, stride: Int? = nil) -> Tensor {
    // BEGIN SOLUTION ex6.2
    let s = stride ?? size
    precondition(x.rank == 4, "maxPool2dForward: x \(x.shape) must be [N, C, H, W]")
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
                        for q in 0..<size {
                            best = Swift.max(best, x[b, channel, i * s + p, j * s + q])
                        }
                    }
                    y[b, channel, i, j] = best
                }
            }
        }
    }
    return y
    // END SOLUTION
}

/// The gradient of `maxPool2dForward(x, size:, stride:)` with respect to `x`, given `dy`
/// [N, C, OH, OW]: each `dy` entry goes to the first maximum of its window; overlaps add up.
public func maxPool2dBackward(_ dy: Tensor, x: Tensor, size: Int, stride: Int? = nil) -> Tensor {
    // BEGIN SOLUTION ex6.2
    let s = stride ?? size
    precondition(x.rank == 4, "maxPool2dBackward: x \(x.shape) must be [N, C, H, W]")
    let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
    let oh = convOutputSize(input: h, kernel: size, stride: s, padding: 0)
    let ow = convOutputSize(input: w, kernel: size, stride: s, padding: 0)
    precondition(dy.shape == [n, c, oh, ow], "maxPool2dBackward: dy \(dy.shape) should be [\(n), \(c), \(oh), \(ow)]")
    var dx = Tensor.zeros(x.shape)
    for b in 0..<n {
        for channel in 0..<c {
            for i in 0..<oh {
                for j in 0..<ow {
                    let g = dy[b, channel, i, j]
                    var bestRow = i * s, bestColumn = j * s
                    var bestValue = x[b, channel, bestRow, bestColumn]
                    for p in 0..<size {
                        for q in 0..<size {
                            let value = x[b, channel, i * s + p, j * s + q]
                            if value > bestValue { bestValue = value; bestRow = i * s + p; bestColumn = j * s + q }
                        }
                    }
                    dx[b, channel, bestRow, bestColumn] += g
                }
            }
        }
    }
    return dx
    // END SOLUTION
}

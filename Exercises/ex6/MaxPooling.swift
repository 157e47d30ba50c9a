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
    todo("ex6.2")
}

/// The gradient of `maxPool2dForward(x, size:, stride:)` with respect to `x`, given `dy`
/// [N, C, OH, OW]: each `dy` entry goes to the first maximum of its window; overlaps add up.
public func maxPool2dBackward(_ dy: Tensor, x: Tensor, size: Int, stride: Int? = nil) -> Tensor {
    todo("ex6.2")
}

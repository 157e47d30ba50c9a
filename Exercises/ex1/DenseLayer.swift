import TensorCore

// ex1.1 — A dense (fully connected) layer on a batch.
//
// Shapes: x is [N, D] (N examples of D features), weight is [D, M], bias is [M];
// the output is [N, M]. Row n of the output is the layer applied to example n:
//
//     y = x·W + b        (b added to every row)
//
// Use `matmul` and the explicit row-vector broadcast `addingRowVector`.
// Check the shapes first and stop with a message naming both shapes when they do not fit,
// e.g. "denseForward: x [2, 3] and weight [4, 5]: 3 features but 4 weight rows".

/// The forward pass of a dense layer: `x·W + b`, `x` [N, D], `weight` [D, M], `bias` [M] → [N, M].
public func denseForward(_ x: Tensor, weight: Tensor, bias: Tensor) -> Tensor {
    todo("ex1.1")
}

import TensorCore

// ex4.3 — The backward pass of a dense layer  Y = X·W + b.
//
// Shapes: x [N, D], weight W [D, M], upstream gradient dY = ∂L/∂Y [N, M]. Return
//
//     dX = dY · Wᵀ          [N, D]    (same shape as x)
//     dW = Xᵀ · dY          [D, M]    (same shape as W)
//     db = Σ_n dY[n, :]     [M]       (the bias is added to every row, so its gradient SUMS over the batch)
//
// A quick test for every formula: the gradient of a tensor has that tensor's shape.
// Pitfalls: dY·W (no transpose) or dYᵀ·X give the wrong shape (or, when D = M, the wrong
// values); the mean over the batch, or only row 0, is not the bias gradient. The 1/N of a
// mean loss is already inside dY: do not divide again.

/// The gradients of `Y = x·W + b` given the upstream gradient `outputGradient` dY [N, M]:
/// `dx = dY·Wᵀ` [N, D], `dWeight = xᵀ·dY` [D, M], `dBias = Σ_n dY` [M].
public func denseBackward(_ x: Tensor, weight: Tensor, outputGradient: Tensor) -> (dx: Tensor, dWeight: Tensor, dBias: Tensor) {
    todo("ex4.3")
}

import TensorCore

// ex4.2 — Two regression losses and their gradients with respect to the prediction q.
//
// Mean squared error, in the lecture's form with the ½, SUMMED over the features of an example
// and AVERAGED over the batch (N = the first axis; a rank-1 input is N scalars):
//
//     L = (1/N) · Σ_n ½ ‖y_n − q_n‖²                 ∂L/∂q = (q − y) / N
//
// The ½ is there so that the 2 of the derivative cancels. This is NOT PyTorch's MSELoss
// (which averages (q − y)² over every element, without the ½).
//
// Smooth L1, as PyTorch's SmoothL1Loss(beta: β) with reduction "mean": the AVERAGE over ALL
// M elements (every element of every example, M = prediction.count) of
//
//     ℓ(d) = ½ d² / β       if |d| < β          d = q − y
//          = |d| − ½ β      otherwise
//     ∂L/∂q = (d / β if |d| < β, else sign(d)) / M
//
// With β = 1 (the lecture's threshold and the default): ℓ(0.5) = 0.125, ℓ(3) = 2.5, ℓ(±1) = 0.5.
// Pitfalls: compare |d|, not d, with β (a large negative error is in the linear part too);
// the loss and the gradient share the same 1/N or 1/M.

/// The lecture's MSE `L = (1/N)·Σ_n ½‖y_n − q_n‖²` of `prediction` q and `target` y (same shape,
/// N = first axis) and its gradient `(q − y)/N`.
public func meanSquaredError(prediction: Tensor, target: Tensor) -> (loss: Double, gradient: Tensor) {
    todo("ex4.2")
}

/// Smooth L1 (PyTorch `SmoothL1Loss(beta:)`, reduction "mean"): the average over all elements of
/// `½d²/β` where `|d| < β`, else `|d| − ½β`, with `d = q − y`; and its gradient.
public func smoothL1(prediction: Tensor, target: Tensor, beta: Double = 1) -> (loss: Double, gradient: Tensor) {
    todo("ex4.2")
}

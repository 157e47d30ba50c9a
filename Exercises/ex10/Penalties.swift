import TensorCore

// ex10.1 — L2 and L1 weight penalties: value and gradient.
//
// A penalty is added to the data loss to prefer small weights:
//
//     L2:  Ω(w) = ½·λ·‖w‖² = ½·λ·Σ w²        ∂Ω/∂w = λ·w            (the ½ cancels the 2 of w²)
//     L1:  Ω(w) = λ·‖w‖₁   = λ·Σ |w|          ∂Ω/∂w = λ·sign(w)      (a subgradient; 0 at w = 0)
//
// In gradient descent the L2 term shrinks every weight by the factor (1 − ηλ) per step, which is
// why it is also called weight decay; L1 pulls every weight towards 0 by the same amount ηλ and
// so drives many of them to exactly 0 (sparsity).
//
// Conventions: λ ≥ 0; the L2 penalty carries the ½ (so its gradient is λw, not 2λw; PyTorch's
// weight_decay adds λw to the gradient, Keras's l2(λ) penalises λ·Σw² without the ½).
// sign(0) is 0, as PyTorch's torch.sign.

/// ½·λ·Σ w², over every element of `w` (any shape).
public func l2Penalty(_ w: Tensor, lambda: Double) -> Double {
    todo("ex10.1")
}

/// ∂(½λ‖w‖²)/∂w = λ·w, with the shape of `w`.
public func l2PenaltyGradient(_ w: Tensor, lambda: Double) -> Tensor {
    todo("ex10.1")
}

/// λ·Σ |w|, over every element of `w` (any shape).
public func l1Penalty(_ w: Tensor, lambda: Double) -> Double {
    todo("ex10.1")
}

/// The subgradient λ·sign(w) of λ‖w‖₁: +λ where w > 0, −λ where w < 0, 0 where w = 0.
public func l1PenaltyGradient(_ w: Tensor, lambda: Double) -> Tensor {
    todo("ex10.1")
}

import TensorCore

// ex9.4 — Gradient clipping, the "measure of last resort" against monster gradients (L4).
//
// Per element:  ḡᵢ = max(min(gᵢ, c), −c) for every entry of every tensor, independently.
//   It can change the gradient's direction (some entries clipped, others not).
//   PyTorch `clip_grad_value_`, Keras `clipvalue`.
//
// By GLOBAL norm: treat the whole list of gradient tensors as ONE long vector,
//     ‖g‖ = √(Σ over all tensors, all entries, of g²)
//     g ← g · maxNorm / max(‖g‖, maxNorm)          (the same scale for every tensor)
//   Below the threshold the scale is exactly 1: nothing changes. Above it every tensor shrinks
//   by the same factor, the direction is kept, and the new global norm is maxNorm.
//   `clipByGlobalNorm` returns the norm BEFORE clipping (worth logging).
//   PyTorch `clip_grad_norm_`, TensorFlow `clip_by_global_norm`.
// Pitfalls: one norm per tensor (clipping each tensor on its own); rescaling to maxNorm even
// when the norm is below it.

/// Every entry of every tensor clipped to [−limit, +limit].
public func clipByValue(_ gradients: [Tensor], limit: Double) -> [Tensor] {
    precondition(limit > 0, "clipByValue: limit \(limit) must be positive")
    todo("ex9.4")
}

/// The L2 norm of all the tensors together: √(Σ_tensors Σ_entries g²).
public func globalNorm(_ tensors: [Tensor]) -> Double {
    todo("ex9.4")
}

/// Scales all `gradients` by `maxNorm / max(‖g‖, maxNorm)` (‖g‖ the global norm) in place;
/// returns ‖g‖ before clipping.
@discardableResult
public func clipByGlobalNorm(_ gradients: inout [Tensor], maxNorm: Double) -> Double {
    precondition(maxNorm > 0, "clipByGlobalNorm: maximum norm \(maxNorm) must be positive")
    todo("ex9.4")
}

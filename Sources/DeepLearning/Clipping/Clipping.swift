import TensorCore

/// Gradient clipping (lecture L4): a guard against the "cliff" regions of a loss surface, where
/// one huge gradient would catapult the parameters far away.

/// Clips every gradient entry to `[−limit, +limit]` (per element, independently). Changes the
/// gradient's direction when some entries are clipped and others are not. Matches PyTorch's
/// `clip_grad_value_` and Keras's `clipvalue`.
public func clipByValue(_ gradients: [Tensor], limit: Double) -> [Tensor] {
    precondition(limit > 0, "clipByValue: limit \(limit) must be positive")
    return gradients.map { g in g.map { min(max($0, -limit), limit) } }
}

/// The global L2 norm of a list of tensors, as if they were one long vector:
/// `‖g‖ = √(Σ_tensors Σ_entries g²)`.
public func globalNorm(_ tensors: [Tensor]) -> Double {
    var sum = 0.0
    for t in tensors { for v in t.scalars { sum += v * v } }
    return sum.squareRoot()
}

/// Clips a list of gradients by their *global* norm (Pascanu et al. 2013), in place:
///
///     ‖g‖ = √(Σ over all tensors and entries of g²)
///     g ← g · maxNorm / max(‖g‖, maxNorm)
///
/// Below the threshold the scale is exactly 1 and nothing changes; above it every tensor is
/// scaled by the same factor, so the overall direction is kept and the new global norm is
/// `maxNorm`. One norm for all tensors (not one per tensor). The formula is exactly
/// TensorFlow's `tf.clip_by_global_norm` (which Keras's `global_clipnorm` uses). PyTorch's
/// `clip_grad_norm_` differs slightly: it scales by `min(1, maxNorm / (‖g‖ + 1e−6))`, so a clipped
/// gradient ends a little below `maxNorm` (by about `1e−6·maxNorm/‖g‖`), and it multiplies by
/// that factor even when it is 1.
///
/// - Returns: the global norm *before* clipping (useful to log).
@discardableResult
public func clipByGlobalNorm(_ gradients: inout [Tensor], maxNorm: Double) -> Double {
    precondition(maxNorm > 0, "clipByGlobalNorm: maximum norm \(maxNorm) must be positive")
    let norm = globalNorm(gradients)
    let scale = maxNorm / max(norm, maxNorm)
    if scale < 1 {
        for i in gradients.indices { gradients[i] = gradients[i] * scale }
    }
    return norm
}

/// The non-mutating form of `clipByGlobalNorm(_:maxNorm:)`: the clipped gradients and the
/// global norm before clipping.
public func clippedByGlobalNorm(_ gradients: [Tensor], maxNorm: Double) -> (gradients: [Tensor], norm: Double) {
    var copy = gradients
    let norm = clipByGlobalNorm(&copy, maxNorm: maxNorm)
    return (copy, norm)
}

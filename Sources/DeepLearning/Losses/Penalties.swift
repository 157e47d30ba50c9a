import TensorCore

/// L1 penalty (lecture L5, lasso): `λ Σ |w|` over every tensor, with the subgradient `λ·sign(w)`
/// (0 at w = 0). Drives small weights to exactly 0. Returns the value and one gradient per tensor.
public func l1Penalty(_ weights: [Tensor], lambda: Double) -> (value: Double, gradients: [Tensor]) {
    requireThat(lambda >= 0, "l1Penalty: lambda \(lambda) must be ≥ 0")
    let value = lambda * weights.reduce(0) { total, w in total + w.scalars.reduce(0) { $0 + abs($1) } }
    let gradients = weights.map { $0.map { w in w > 0 ? lambda : (w < 0 ? -lambda : 0) } }
    return (value, gradients)
}

/// L2 penalty (lecture L5, weight decay) WITH the ½: `½ λ Σ w²` over every tensor, gradient
/// `λ·w` (PyTorch's SGD `weight_decay=λ` adds exactly this gradient; Keras's `l2(λ)` regulariser
/// has no ½, so its gradient is `2λw`). Returns the value and one gradient per tensor.
public func l2Penalty(_ weights: [Tensor], lambda: Double) -> (value: Double, gradients: [Tensor]) {
    requireThat(lambda >= 0, "l2Penalty: lambda \(lambda) must be ≥ 0")
    let value = 0.5 * lambda * weights.reduce(0) { $0 + $1.dot($1) }
    return (value, weights.map { $0 * lambda })
}

/// `l1Penalty` of one tensor.
public func l1Penalty(_ weight: Tensor, lambda: Double) -> (value: Double, gradient: Tensor) {
    let (value, gradients) = l1Penalty([weight], lambda: lambda)
    return (value, gradients[0])
}

/// `l2Penalty` of one tensor.
public func l2Penalty(_ weight: Tensor, lambda: Double) -> (value: Double, gradient: Tensor) {
    let (value, gradients) = l2Penalty([weight], lambda: lambda)
    return (value, gradients[0])
}

import TensorCore

/// Smooth L1 (Huber-like) loss (lecture L2), as PyTorch's `SmoothL1Loss(beta=1.0)` with
/// reduction "mean" (averaged over ALL M elements):
///
///     ℓ(d) = ½ d²/β        if |d| < β          d = q − y
///          = |d| − ½ β     otherwise
///     ∂L/∂q = (d/β if |d| < β else sign(d)) / M
///
/// Quadratic near 0 (smooth), linear for large errors (robust to outliers). `beta` > 0, default 1.
/// For β = 1 it equals Keras's `Huber(delta=1)`.
public func smoothL1(prediction: Tensor, target: Tensor, beta: Double = 1) -> (loss: Double, gradient: Tensor) {
    requireThat(prediction.shape == target.shape,
                "smoothL1: prediction \(prediction.shape) and target \(target.shape) differ in shape")
    requireThat(beta > 0, "smoothL1: beta \(beta) must be positive")
    let m = Double(prediction.count)
    var loss = 0.0
    let gradient = prediction.zipMap(target) { q, y in
        let d = q - y
        if abs(d) < beta {
            loss += 0.5 * d * d / beta
            return d / beta / m
        }
        loss += abs(d) - 0.5 * beta
        return (d > 0 ? 1 : -1) / m
    }
    return (loss / m, gradient)
}

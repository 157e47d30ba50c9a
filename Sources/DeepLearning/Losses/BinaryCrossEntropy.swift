import Foundation
import TensorCore

/// Binary cross-entropy from probabilities, averaged over ALL elements (PyTorch's `BCELoss()`,
/// Keras's `BinaryCrossentropy()`):
///
///     L = −(1/M) Σ_i [ t_i·log p̃_i + (1 − t_i)·log(1 − p̃_i) ],   p̃ = clamp(p, ε, 1 − ε)
///     ∂L/∂p_i = (p̃_i − t_i) / (p̃_i (1 − p̃_i)) / M   (0 where p was clamped)
///
/// `probabilities` and `targets` of the same (any) shape, M elements, targets in [0, 1].
/// Clamping with ε = 1e−7 (Keras's epsilon; PyTorch instead clamps each log at −100) keeps
/// `log 0` out. Prefer `binaryCrossEntropy(logits:targets:)` when the logits are at hand.
public func binaryCrossEntropy(probabilities: Tensor, targets: Tensor, epsilon: Double = 1e-7) -> (loss: Double, gradient: Tensor) {
    requireThat(probabilities.shape == targets.shape,
                "binaryCrossEntropy: probabilities \(probabilities.shape) and targets \(targets.shape) differ in shape")
    let m = Double(probabilities.count)
    var loss = 0.0
    let gradient = probabilities.zipMap(targets) { p, t in
        let clamped = Swift.min(Swift.max(p, epsilon), 1 - epsilon)
        loss -= t * Foundation.log(clamped) + (1 - t) * Foundation.log(1 - clamped)
        return clamped == p ? (clamped - t) / (clamped * (1 - clamped)) / m : 0
    }
    return (loss / m, gradient)
}

/// Binary cross-entropy from logits z (PyTorch's `BCEWithLogitsLoss()`, Keras's
/// `from_logits=True`), mean over all M elements, in the stable form
///
///     ℓ(z, t) = max(z, 0) − z·t + log(1 + e^(−|z|))        (= −t log σ(z) − (1 − t) log(1 − σ(z)))
///     ∂L/∂z = (σ(z) − t) / M
///
/// finite for any finite z.
public func binaryCrossEntropy(logits: Tensor, targets: Tensor) -> (loss: Double, gradient: Tensor) {
    requireThat(logits.shape == targets.shape,
                "binaryCrossEntropy: logits \(logits.shape) and targets \(targets.shape) differ in shape")
    let m = Double(logits.count)
    var loss = 0.0
    let gradient = logits.zipMap(targets) { z, t in
        loss += Swift.max(z, 0) - z * t + Foundation.log1p(Foundation.exp(-Swift.abs(z)))
        return (sigmoid(z) - t) / m
    }
    return (loss / m, gradient)
}

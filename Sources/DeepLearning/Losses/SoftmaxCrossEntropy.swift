import Foundation
import TensorCore

/// Softmax cross-entropy from logits (lecture L2), averaged over the batch, as PyTorch's
/// `CrossEntropyLoss()` (reduction "mean") and Keras's `CategoricalCrossentropy(from_logits=True)`:
///
///     L = −(1/N) Σ_n log softmax(z_n)[y_n]
///       = (1/N) Σ_n (logsumexp(z_n) − z_n[y_n])          (stable log-sum-exp, shifted by the row max)
///     ∂L/∂z = (softmax(z) − onehot(y)) / N
///
/// `logits` `[N, C]`, `labels` N class indices in `0..<C`. Returns the loss and the gradient
/// with respect to the logits (`[N, C]`). Finite for logits around ±1000.
public func softmaxCrossEntropy(logits: Tensor, labels: [Int]) -> (loss: Double, gradient: Tensor) {
    requireThat(logits.rank == 2, "softmaxCrossEntropy: logits \(logits.shape) must be [N, C]")
    let (n, c) = (logits.shape[0], logits.shape[1])
    requireThat(labels.count == n, "softmaxCrossEntropy: \(labels.count) labels for logits \(logits.shape) (N = \(n))")
    if let bad = labels.first(where: { $0 < 0 || $0 >= c }) {
        failWith("softmaxCrossEntropy: label \(bad) is outside 0..<\(c) for logits \(logits.shape)")
    }
    var targets = [Double](repeating: 0, count: n * c)
    for (row, label) in labels.enumerated() { targets[row * c + label] = 1 }
    return softmaxCrossEntropy(logits: logits, targets: Tensor(shape: [n, c], scalars: targets))
}

/// Softmax cross-entropy against one-hot (or any probability) targets `[N, C]`, mean over the batch:
/// `L = −(1/N) Σ_n Σ_c t[n, c]·logSoftmax(z)[n, c]`, `∂L/∂z = (softmax(z)·Σ_c t[n, c] − t) / N`
/// (`= (softmax(z) − t)/N` when every row of `t` sums to 1).
public func softmaxCrossEntropy(logits: Tensor, targets: Tensor) -> (loss: Double, gradient: Tensor) {
    requireThat(logits.rank == 2 && logits.shape == targets.shape,
                "softmaxCrossEntropy: logits \(logits.shape) and targets \(targets.shape) must both be [N, C]")
    let (n, c) = (logits.shape[0], logits.shape[1])
    requireThat(n >= 1 && c >= 1, "softmaxCrossEntropy: logits \(logits.shape) must not be empty")
    let logProbabilities = logSoftmax(logits).scalars
    let t = targets.scalars
    var loss = 0.0
    var gradient = [Double](repeating: 0, count: n * c)
    for row in 0..<n {
        var mass = 0.0
        for i in row * c..<(row + 1) * c { mass += t[i]; loss -= t[i] * logProbabilities[i] }
        for i in row * c..<(row + 1) * c { gradient[i] = (Foundation.exp(logProbabilities[i]) * mass - t[i]) / Double(n) }
    }
    return (loss / Double(n), Tensor(shape: [n, c], scalars: gradient))
}

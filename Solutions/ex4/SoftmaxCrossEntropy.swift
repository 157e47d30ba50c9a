import Foundation
import TensorCore

// ex4.1 — Softmax cross-entropy from logits, averaged over the batch.
//
// Shapes: logits z [N, K] (N examples, K classes), labels: N class indices in 0..<K.
// For one example with logits z and label y:
//
//     q = softmax(z),   ℓ = −log q_y = logsumexp(z) − z_y,   logsumexp(z) = log Σ_k e^(z_k)
//
// The loss of the batch is the MEAN  L = (1/N) Σ_n ℓ_n  (PyTorch's CrossEntropyLoss, reduction
// "mean"), and its gradient with respect to the logits is
//
//     ∂L/∂z[n, k] = (softmax(z_n)[k] − onehot(y_n)[k]) / N          [N, K]
//
// Pitfalls:
// - e^1000 is infinite in Double. Compute logsumexp(z) = m + log Σ_k e^(z_k − m) with m the
//   row's maximum: every exponent is then ≤ 0. The checks use logits ≈ ±1000.
// - Never take log(softmax(z)[y]): when q_y underflows to 0 that is log 0 = −∞. Use z_y − logsumexp(z).
// - The 1/N belongs to the gradient too (the loss is a mean).

/// Mean softmax cross-entropy of `logits` [N, K] against integer `labels` (N of them, each in
/// `0..<K`), and its gradient `(softmax(logits) − onehot(labels)) / N` [N, K]. Stable for logits
/// of any size (log-sum-exp shifted by each row's maximum).
public func softmaxCrossEntropy(logits: Tensor, labels: [Int]) -> (loss: Double, gradient: Tensor) {
    // BEGIN SOLUTION ex4.1
    precondition(logits.rank == 2, "softmaxCrossEntropy: logits must be [N, K], got \(logits.shape)")
    let (n, k) = (logits.shape[0], logits.shape[1])
    precondition(n >= 1 && k >= 1, "softmaxCrossEntropy: logits \(logits.shape) must not be empty")
    precondition(labels.count == n, "softmaxCrossEntropy: \(labels.count) labels for logits \(logits.shape) (N = \(n))")
    precondition(labels.allSatisfy { $0 >= 0 && $0 < k }, "softmaxCrossEntropy: labels \(labels) must lie in 0..<\(k)")
    var loss = 0.0
    var gradient = Tensor.zeros([n, k])
    for row in 0..<n {
        var rowMax = -Double.infinity
        for column in 0..<k { rowMax = Swift.max(rowMax, logits[row, column]) }
        var sum = 0.0
        for column in 0..<k { sum += exp(logits[row, column] - rowMax) }
        let logSumExp = rowMax + log(sum)
        loss += logSumExp - logits[row, labels[row]]
        for column in 0..<k {
            let probability = exp(logits[row, column] - logSumExp)
            let target: Double = column == labels[row] ? 1 : 0
            gradient[row, column] = (probability - target) / Double(n)
        }
    }
    return (loss / Double(n), gradient)
    // END SOLUTION
}

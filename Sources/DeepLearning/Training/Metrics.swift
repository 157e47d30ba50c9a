import TensorCore

/// Classification metrics. Scores are `[N, K]` (logits or probabilities: only their order
/// matters), labels are class indices in `0..<K`.
public enum Metrics {
    /// The fraction of predictions equal to their label, in [0, 1].
    public static func accuracy(predictions: [Int], labels: [Int]) -> Double {
        precondition(predictions.count == labels.count,
                     "accuracy: \(predictions.count) predictions but \(labels.count) labels")
        precondition(!labels.isEmpty, "accuracy: no examples")
        let correct = zip(predictions, labels).filter { $0 == $1 }.count
        return Double(correct) / Double(labels.count)
    }

    /// Accuracy of the arg-max class of each row of `scores` `[N, K]`. Ties go to the lowest
    /// class index.
    public static func accuracy(scores: Tensor, labels: [Int]) -> Double {
        accuracy(predictions: predictions(scores), labels: labels)
    }

    /// The arg-max class of each row of `scores` `[N, K]` (lowest index on ties).
    public static func predictions(_ scores: Tensor) -> [Int] {
        precondition(scores.rank == 2, "predictions: scores of shape \(scores.shape) are not [N, K]")
        let n = scores.shape[0], k = scores.shape[1]
        let s = scores.scalars
        return (0..<n).map { i in
            var best = 0
            for j in 1..<max(k, 1) where s[i * k + j] > s[i * k + best] { best = j }
            return best
        }
    }

    /// The top-k predictions: for each row of `scores` `[N, K]`, the indices of the `k` highest
    /// scores, best first; equal scores are ranked by class index (lower first), the order
    /// `topKAccuracy` uses. A classifier "shows its top three" with `topK(scores, k: 3)`.
    public static func topK(_ scores: Tensor, k: Int) -> [[Int]] {
        precondition(scores.rank == 2, "topK: scores of shape \(scores.shape) are not [N, K]")
        let n = scores.shape[0], classes = scores.shape[1]
        precondition(k >= 1 && k <= classes, "topK: k = \(k) is outside 1...\(classes)")
        let s = scores.scalars
        return (0..<n).map { i in
            let row = s[(i * classes)..<((i + 1) * classes)]
            let order = (0..<classes).sorted { a, b in
                let (va, vb) = (row[row.startIndex + a], row[row.startIndex + b])
                return va > vb || (va == vb && a < b)
            }
            return Array(order.prefix(k))
        }
    }

    /// Top-k accuracy: the fraction of rows whose label is among the `k` highest scores.
    /// A label tied with the k-th score counts as inside only if the lower index wins the tie
    /// (ranking by score, then by class index), so the result never exceeds what k slots allow.
    public static func topKAccuracy(scores: Tensor, labels: [Int], k: Int) -> Double {
        precondition(scores.rank == 2, "topKAccuracy: scores of shape \(scores.shape) are not [N, K]")
        let n = scores.shape[0], classes = scores.shape[1]
        precondition(labels.count == n, "topKAccuracy: \(n) rows of scores but \(labels.count) labels")
        precondition(k >= 1 && k <= classes, "topKAccuracy: k = \(k) is outside 1...\(classes)")
        let s = scores.scalars
        var hits = 0
        for i in 0..<n {
            let label = labels[i]
            precondition(label >= 0 && label < classes, "topKAccuracy: label \(label) at row \(i) is outside 0..<\(classes)")
            let own = s[i * classes + label]
            // Rank = number of classes ordered before the label.
            var ahead = 0
            for j in 0..<classes where j != label {
                let v = s[i * classes + j]
                if v > own || (v == own && j < label) { ahead += 1 }
            }
            if ahead < k { hits += 1 }
        }
        return Double(hits) / Double(n)
    }

    /// The confusion matrix `C[true][predicted]`: row = the label, column = the prediction
    /// (scikit-learn's orientation). The diagonal counts the correct predictions.
    public static func confusionMatrix(predictions: [Int], labels: [Int], classCount: Int) -> [[Int]] {
        precondition(predictions.count == labels.count,
                     "confusionMatrix: \(predictions.count) predictions but \(labels.count) labels")
        var matrix = [[Int]](repeating: [Int](repeating: 0, count: classCount), count: classCount)
        for (p, y) in zip(predictions, labels) {
            precondition(p >= 0 && p < classCount && y >= 0 && y < classCount,
                         "confusionMatrix: prediction \(p) or label \(y) is outside 0..<\(classCount)")
            matrix[y][p] += 1
        }
        return matrix
    }

    /// The confusion matrix as aligned text, rows labelled "true", columns "predicted".
    public static func renderConfusionMatrix(_ matrix: [[Int]]) -> String {
        let width = max(3, (matrix.flatMap { $0 }.map { String($0).count }.max() ?? 1) + 1)
        func pad(_ s: String) -> String { String(repeating: " ", count: max(0, width - s.count)) + s }
        var lines = ["true\\pred " + matrix.indices.map { pad(String($0)) }.joined()]
        for (i, row) in matrix.enumerated() {
            let head = String(i)
            lines.append(String(repeating: " ", count: 10 - head.count) + head + row.map { pad(String($0)) }.joined())
        }
        return lines.joined(separator: "\n")
    }
}

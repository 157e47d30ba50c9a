import Testing
import Foundation
import TensorCore
import CheckSupport
import Ex1

/// The oracle: softmax of each row, computed the stable way.
func oracleSoftmax(_ logits: Tensor) -> Tensor {
    var out = logits
    for n in 0..<logits.shape[0] {
        let row = (0..<logits.shape[1]).map { logits[n, $0] }
        let top = row.max() ?? 0
        let total = row.reduce(0) { $0 + exp($1 - top) }
        for k in row.indices { out[n, k] = exp(row[k] - top) / total }
    }
    return out
}

/// ex1.4: softmax.
@Suite struct SoftmaxChecks {
    @Test func knownValues() {
        let p = student { Ex1.softmax(Tensor([[1, 2, 3], [0, 0, 0]])) }
        let e1 = exp(1.0), e2 = exp(2.0), e3 = exp(3.0), s = e1 + e2 + e3
        expectClose(p, Tensor([[e1 / s, e2 / s, e3 / s], [1.0 / 3, 1.0 / 3, 1.0 / 3]]), tolerance: 1e-12, "softmax of [[1, 2, 3], [0, 0, 0]]")
    }

    @Test func rowsSumToOne() {
        var generator = checkGenerator(41)
        let logits = Tensor.normal([4, 7], standardDeviation: 3, using: &generator)
        let p = student { Ex1.softmax(logits) }
        guard expectShape(p, [4, 7], "softmax of [4, 7] logits") else { return }
        expectClose(p.sum(axis: 1), Tensor(shape: [4], repeating: 1), tolerance: 1e-12, "row sums of softmax (each row is one example)")
        expectClose(p, oracleSoftmax(logits), tolerance: 1e-12, "softmax of [4, 7] logits")
    }

    /// e^1000 overflows; subtracting the row maximum first avoids it.
    @Test func largeLogits() {
        // The third row spans −1000…1000: only the maximum keeps every exponent ≤ 0 there.
        let p = student { Ex1.softmax(Tensor([[1000, 1001, 1002], [-1000, -1000, -1000], [-1000, 0, 1000]])) }
        let e1 = exp(-2.0), e2 = exp(-1.0), s = e1 + e2 + 1
        expectClose(p, Tensor([[e1 / s, e2 / s, 1 / s], [1.0 / 3, 1.0 / 3, 1.0 / 3], [exp(-2000.0), exp(-1000.0), 1]]), tolerance: 1e-12,
                    "softmax of logits near ±1000, rows [1000, 1001, 1002], [−1000, −1000, −1000], [−1000, 0, 1000] (subtract each row's maximum before exp, not its minimum)")
    }
}

import XCTest
import Foundation
import TensorCore
import CheckSupport
import Ex1

/// ex1.4: softmax.
final class SoftmaxChecks: XCTestCase {
    func testKnownValues() {
        let p = Ex1.softmax(Tensor([[1, 2, 3], [0, 0, 0]]))
        let e1 = exp(1.0), e2 = exp(2.0), e3 = exp(3.0), s = e1 + e2 + e3
        expectClose(p, Tensor([[e1 / s, e2 / s, e3 / s], [1.0 / 3, 1.0 / 3, 1.0 / 3]]), tolerance: 1e-12, "softmax of [[1, 2, 3], [0, 0, 0]]")
    }

    func testRowsSumToOne() {
        var generator = checkGenerator(41)
        let logits = Tensor.normal([4, 7], standardDeviation: 3, using: &generator)
        let p = Ex1.softmax(logits)
        guard expectShape(p, [4, 7], "softmax of [4, 7] logits") else { return }
        expectClose(p.sum(axis: 1), Tensor(shape: [4], repeating: 1), tolerance: 1e-12, "row sums of softmax (each row is one example)")
    }

    /// e^1000 overflows; subtracting the row maximum first avoids it.
    func testLargeLogits() {
        let p = Ex1.softmax(Tensor([[1000, 1001, 1002], [-1000, -1000, -1000]]))
        let e1 = exp(-2.0), e2 = exp(-1.0), s = e1 + e2 + 1
        expectClose(p, Tensor([[e1 / s, e2 / s, 1 / s], [1.0 / 3, 1.0 / 3, 1.0 / 3]]), tolerance: 1e-12,
                    "softmax of logits near ±1000 (subtract each row's maximum before exp)")
    }
}

import XCTest
import Foundation
import TensorCore
import CheckSupport
import Ex4

/// ex4.1: softmax cross-entropy from logits, mean over the batch.
final class CrossEntropyChecks: XCTestCase {
    /// Worked by hand: row 1 logits [1, 2, 3] with label 2, row 2 logits [0, 0, 0] with label 1.
    func testWorkedExample() {
        let logits = Tensor([[1, 2, 3], [0, 0, 0]])
        let (loss, gradient) = student { () -> (Double, Tensor) in
            let r = Ex4.softmaxCrossEntropy(logits: logits, labels: [2, 1])
            return (r.loss, r.gradient)
        }
        let e1 = exp(1.0), e2 = exp(2.0), e3 = exp(3.0), s = e1 + e2 + e3
        // ℓ₁ = log(e + e² + e³) − 3 ≈ 0.4076, ℓ₂ = log 3 ≈ 1.0986; the loss is their mean.
        let expectedLoss = ((log(s) - 3) + log(3.0)) / 2
        guard expectClose(loss, expectedLoss, tolerance: 1e-12,
                          "loss of logits [[1, 2, 3], [0, 0, 0]] with labels [2, 1] (the mean of the two examples' losses)") else { return }
        let third = 1.0 / 3
        let rows: [[Double]] = [[e1 / s / 2, e2 / s / 2, (e3 / s - 1) / 2],
                                [third / 2, (third - 1) / 2, third / 2]]
        expectClose(gradient, Tensor(rows), tolerance: 1e-12,
                    "gradient (softmax − onehot) / N with N = 2 for the same logits")
    }

    /// The loss, and its gradient against centred differences of the check's own loss, on a batch of 5 examples and 4 classes.
    func testGradientAgainstNumeric() {
        var generator = checkGenerator(411)
        let logits = Tensor.normal([5, 4], standardDeviation: 2, using: &generator)
        let labels = [3, 0, 1, 3, 2]
        let (loss, analytic) = student { () -> (Double, Tensor) in
            let r = Ex4.softmaxCrossEntropy(logits: logits, labels: labels)
            return (r.loss, r.gradient)
        }
        guard expectClose(loss, referenceLoss(logits, labels), tolerance: 1e-12,
                          "loss of the same logits [5, 4] (the mean cross-entropy this gradient differentiates)") else { return }
        expectGradient(analytic, matches: numericGradient(at: logits) { referenceLoss($0, labels) },
                       parameter: "logits [5, 4]", tolerance: 1e-6, batchSize: 5)
    }

    /// e^1000 is infinite: the loss must be computed with log-sum-exp shifted by each row's maximum.
    func testLargeLogits() {
        let logits = Tensor([[1000, 1001, 1002], [-1000, -1000, -1000]])
        let (loss, gradient) = student { () -> (Double, Tensor) in
            let r = Ex4.softmaxCrossEntropy(logits: logits, labels: [0, 2])
            return (r.loss, r.gradient)
        }
        let a = exp(-2.0), b = exp(-1.0), s = a + b + 1
        // ℓ₁ = logsumexp − 1000 = 2 + log(e⁻² + e⁻¹ + 1), ℓ₂ = log 3.
        guard expectClose(loss, ((2 + log(s)) + log(3.0)) / 2, tolerance: 1e-12,
                          "loss of logits ≈ ±1000 (subtract each row's maximum before exp)") else { return }
        let third = 1.0 / 3
        let rows: [[Double]] = [[(a / s - 1) / 2, b / s / 2, 1 / s / 2],
                                [third / 2, third / 2, (third - 1) / 2]]
        expectClose(gradient, Tensor(rows), tolerance: 1e-12, "gradient for logits ≈ ±1000")
    }
}

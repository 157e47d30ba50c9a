import XCTest
import Foundation
import TensorCore
import CheckSupport
import Ex4

/// ex4.2: the lecture's MSE (with the ½, mean over the batch) and smooth L1 (β = 1, mean over all elements).
final class RegressionLossChecks: XCTestCase {
    /// The lecture's example y = [1, 0], q = [0.8, 0.3]: L = ½(0.04 + 0.09) = 0.065, gradient [−0.2, 0.3].
    func testMeanSquaredErrorLecture() {
        let (loss, gradient, batchLoss, batchGradient) = student { () -> (Double, Tensor, Double, Tensor) in
            let one = Ex4.meanSquaredError(prediction: Tensor([[0.8, 0.3]]), target: Tensor([[1, 0]]))
            let batch = Ex4.meanSquaredError(prediction: Tensor([[0.8, 0.3], [1, 1]]), target: Tensor([[1, 0], [0, 1]]))
            return (one.loss, one.gradient, batch.loss, batch.gradient)
        }
        guard expectClose(loss, 0.065, tolerance: 1e-12, "MSE of q = [0.8, 0.3] against y = [1, 0] (½·Σ(y − q)², one example)") else { return }
        guard expectClose(gradient, Tensor([[-0.2, 0.3]]), tolerance: 1e-12, "MSE gradient q − y for one example") else { return }
        // Two examples: the second one alone costs ½(1 + 0) = 0.5, and the batch loss is the mean.
        guard expectClose(batchLoss, (0.065 + 0.5) / 2, tolerance: 1e-12,
                          "MSE of a batch of 2 examples: (1/N)·Σ_n ½‖y_n − q_n‖² (summed over features, averaged over examples)") else { return }
        expectClose(batchGradient, Tensor([[-0.1, 0.15], [0.5, 0]]), tolerance: 1e-12, "MSE gradient (q − y)/N for N = 2")
    }

    /// The loss, and its gradient against centred differences of the check's own MSE.
    func testMeanSquaredErrorGradient() {
        var generator = checkGenerator(421)
        let q = Tensor.normal([4, 3], using: &generator)
        let y = Tensor.normal([4, 3], using: &generator)
        let (loss, analytic) = student { () -> (Double, Tensor) in
            let r = Ex4.meanSquaredError(prediction: q, target: y)
            return (r.loss, r.gradient)
        }
        // The gradient must be that of the MSE itself: the loss it differentiates is checked too.
        guard expectClose(loss, referenceMeanSquaredError(q, y), tolerance: 1e-12,
                          "MSE of the same [4, 3] batch (the loss this gradient differentiates: (1/N)·Σ_n ½‖y_n − q_n‖²)") else { return }
        expectGradient(analytic, matches: numericGradient(at: q) { referenceMeanSquaredError($0, y) },
                       parameter: "prediction [4, 3] of the MSE", tolerance: 1e-7, batchSize: 4)
    }

    /// ℓ(0.5) = 0.125, ℓ(3) = 2.5, ℓ(±1) = 0.5, ℓ(−3) = 2.5; the loss is their mean.
    func testSmoothL1Lecture() {
        let q = Tensor([[0.5, 3], [-1, -3]])
        let (loss, gradient, singleLoss, singleGradient) = student { () -> (Double, Tensor, Double, Tensor) in
            let r = Ex4.smoothL1(prediction: q, target: Tensor.zeros([2, 2]))
            let single = Ex4.smoothL1(prediction: Tensor([[-1.5]]), target: Tensor([[0]]))
            return (r.loss, r.gradient, single.loss, single.gradient)
        }
        guard expectClose(loss, (0.125 + 2.5 + 0.5 + 2.5) / 4, tolerance: 1e-12,
                          "smooth L1 of errors [[0.5, 3], [−1, −3]] (mean of ℓ over all 4 elements; ℓ(−3) = |−3| − ½)") else { return }
        guard expectClose(gradient, Tensor([[0.125, 0.25], [-0.25, -0.25]]), tolerance: 1e-12,
                          "smooth L1 gradient: d inside |d| < 1, sign(d) outside, divided by the 4 elements") else { return }
        // A single element is a valid input (M = 1): ℓ(−1.5) = 1.5 − ½ = 1, gradient sign(−1.5) = −1.
        guard expectClose(singleLoss, 1, tolerance: 1e-12, "smooth L1 of a single element [[−1.5]] against [[0]] (M = 1: at least one element is enough)") else { return }
        expectClose(singleGradient, Tensor([[-1]]), tolerance: 1e-12, "smooth L1 gradient of a single element [[−1.5]] against [[0]]")
    }

    /// The loss (default β = 1), and its gradient against centred differences of the check's own smooth L1.
    func testSmoothL1Gradient() {
        var generator = checkGenerator(422)
        // Errors spread over both branches, none within 1e-3 of the switch at |d| = 1.
        let y = Tensor.normal([3, 5], using: &generator)
        let d = Tensor.uniform([3, 5], in: -3...3, using: &generator).map { abs(abs($0) - 1) < 1e-3 ? $0 + 0.01 : $0 }
        let q = y + d
        let (loss, analytic) = student { () -> (Double, Tensor) in
            let r = Ex4.smoothL1(prediction: q, target: y)
            return (r.loss, r.gradient)
        }
        guard expectClose(loss, referenceSmoothL1(q, y, beta: 1), tolerance: 1e-12,
                          "smooth L1 (default β = 1) of the same [3, 5] errors (the loss this gradient differentiates)") else { return }
        expectGradient(analytic, matches: numericGradient(at: q) { referenceSmoothL1($0, y, beta: 1) },
                       parameter: "prediction [3, 5] of smooth L1", tolerance: 1e-6)
    }
}

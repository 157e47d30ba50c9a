import XCTest
import Foundation
import TensorCore
import CheckSupport
import Ex4

/// ex4.2: the lecture's MSE (with the ½, mean over the batch) and smooth L1 (β = 1, mean over all elements).
final class RegressionLossChecks: XCTestCase {
    /// The lecture's example y = [1, 0], q = [0.8, 0.3]: L = ½(0.04 + 0.09) = 0.065, gradient [−0.2, 0.3].
    func testMeanSquaredErrorLecture() {
        let (loss, gradient) = Ex4.meanSquaredError(prediction: Tensor([[0.8, 0.3]]), target: Tensor([[1, 0]]))
        guard expectClose(loss, 0.065, tolerance: 1e-12, "MSE of q = [0.8, 0.3] against y = [1, 0] (½·Σ(y − q)², one example)") else { return }
        guard expectClose(gradient, Tensor([[-0.2, 0.3]]), tolerance: 1e-12, "MSE gradient q − y for one example") else { return }
        // Two examples: the second one alone costs ½(1 + 0) = 0.5, and the batch loss is the mean.
        let (batchLoss, batchGradient) = Ex4.meanSquaredError(prediction: Tensor([[0.8, 0.3], [1, 1]]),
                                                              target: Tensor([[1, 0], [0, 1]]))
        guard expectClose(batchLoss, (0.065 + 0.5) / 2, tolerance: 1e-12,
                          "MSE of a batch of 2 examples: (1/N)·Σ_n ½‖y_n − q_n‖² (summed over features, averaged over examples)") else { return }
        expectClose(batchGradient, Tensor([[-0.1, 0.15], [0.5, 0]]), tolerance: 1e-12, "MSE gradient (q − y)/N for N = 2")
    }

    func testMeanSquaredErrorGradient() {
        var generator = checkGenerator(421)
        let q = Tensor.normal([4, 3], using: &generator)
        let y = Tensor.normal([4, 3], using: &generator)
        let (_, analytic) = Ex4.meanSquaredError(prediction: q, target: y)
        let numeric = numericGradient(at: q) { Ex4.meanSquaredError(prediction: $0, target: y).loss }
        expectGradient(analytic, matches: numeric, parameter: "prediction [4, 3] of the MSE", tolerance: 1e-7, batchSize: 4)
    }

    /// ℓ(0.5) = 0.125, ℓ(3) = 2.5, ℓ(±1) = 0.5, ℓ(−3) = 2.5; the loss is their mean.
    func testSmoothL1Lecture() {
        let q = Tensor([[0.5, 3], [-1, -3]])
        let (loss, gradient) = Ex4.smoothL1(prediction: q, target: Tensor.zeros([2, 2]))
        guard expectClose(loss, (0.125 + 2.5 + 0.5 + 2.5) / 4, tolerance: 1e-12,
                          "smooth L1 of errors [[0.5, 3], [−1, −3]] (mean of ℓ over all 4 elements; ℓ(−3) = |−3| − ½)") else { return }
        expectClose(gradient, Tensor([[0.125, 0.25], [-0.25, -0.25]]), tolerance: 1e-12,
                    "smooth L1 gradient: d inside |d| < 1, sign(d) outside, divided by the 4 elements")
    }

    func testSmoothL1Gradient() {
        var generator = checkGenerator(422)
        // Errors spread over both branches, none within 1e-3 of the switch at |d| = 1.
        let y = Tensor.normal([3, 5], using: &generator)
        let d = Tensor.uniform([3, 5], in: -3...3, using: &generator).map { abs(abs($0) - 1) < 1e-3 ? $0 + 0.01 : $0 }
        let q = y + d
        let (_, analytic) = Ex4.smoothL1(prediction: q, target: y)
        let numeric = numericGradient(at: q) { Ex4.smoothL1(prediction: $0, target: y).loss }
        expectGradient(analytic, matches: numeric, parameter: "prediction [3, 5] of smooth L1", tolerance: 1e-6)
    }
}

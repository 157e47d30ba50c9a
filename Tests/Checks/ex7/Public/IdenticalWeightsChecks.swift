import XCTest
import Foundation
import TensorCore
import CheckSupport
import Ex7

/// ex7.5: the tiny 2-layer net, and what identical initial weights do to it.
final class IdenticalWeightsChecks: XCTestCase {
    private func batch(_ salt: UInt64, n: Int = 5, d: Int = 3, k: Int = 2) -> (x: Tensor, t: Tensor) {
        var generator = checkGenerator(salt)
        return (Tensor.normal([n, d], using: &generator), Tensor.normal([n, k], using: &generator))
    }

    private func randomParameters(_ salt: UInt64, d: Int = 3, h: Int = 4, k: Int = 2) -> Ex7.TwoLayerParameters {
        var generator = checkGenerator(salt)
        return Ex7.TwoLayerParameters(w1: Tensor.normal([d, h], standardDeviation: 0.8, using: &generator),
                                      b1: Tensor.normal([h], standardDeviation: 0.3, using: &generator),
                                      w2: Tensor.normal([h, k], standardDeviation: 0.8, using: &generator),
                                      b2: Tensor.normal([k], standardDeviation: 0.3, using: &generator))
    }

    /// Largest difference between any column of `t` [R, C] and its first column.
    private func columnSpread(_ t: Tensor) -> Double {
        var worst = 0.0
        for i in 0..<t.shape[0] { for j in 1..<t.shape[1] { worst = max(worst, abs(t[i, j] - t[i, 0])) } }
        return worst
    }

    /// Every gradient against centred differences of the loss (N = 5, D = 3, H = 4, K = 2).
    func testGradients() {
        let (x, t) = batch(111)
        let p = randomParameters(112)
        let g = Ex7.twoLayerGradients(p, x: x, target: t).gradients
        func loss(_ q: Ex7.TwoLayerParameters) -> Double { Ex7.twoLayerGradients(q, x: x, target: t).loss }
        guard expectGradient(g.w1, matches: numericGradient(at: p.w1) { var q = p; q.w1 = $0; return loss(q) }, parameter: "w1", tolerance: 1e-7) else { return }
        guard expectGradient(g.b1, matches: numericGradient(at: p.b1) { var q = p; q.b1 = $0; return loss(q) }, parameter: "b1", tolerance: 1e-7, batchSize: 5) else { return }
        guard expectGradient(g.w2, matches: numericGradient(at: p.w2) { var q = p; q.w2 = $0; return loss(q) }, parameter: "w2", tolerance: 1e-7) else { return }
        expectGradient(g.b2, matches: numericGradient(at: p.b2) { var q = p; q.b2 = $0; return loss(q) }, parameter: "b2", tolerance: 1e-7, batchSize: 5)
    }

    /// The loss value itself: (1/N)·½Σ(y − t)² on a net small enough to do by hand.
    func testLossValue() {
        // One example, one hidden unit: z = 1·0.5 = 0.5, h = tanh(0.5), y = 2h + 0.1, t = 1.
        let p = Ex7.TwoLayerParameters(w1: Tensor([[0.5]]), b1: Tensor([0]), w2: Tensor([[2]]), b2: Tensor([0.1]))
        let y = 2 * tanh(0.5) + 0.1
        expectClose(Ex7.twoLayerGradients(p, x: Tensor([[1]]), target: Tensor([[1]])).loss, 0.5 * (y - 1) * (y - 1), tolerance: 1e-12,
                    "loss of the 1-1-1 net (½(y − t)², mean over the batch)")
    }

    /// All weights 0.3, biases 0: every hidden unit gets the same gradient. Random weights: they differ.
    func testIdenticalWeightsGiveIdenticalGradients() {
        let (x, t) = batch(113)
        let p = Ex7.constantParameters(inputs: 3, hidden: 4, outputs: 2, value: 0.3)
        guard expectShape(p.w1, [3, 4], "constantParameters(inputs: 3, hidden: 4, outputs: 2).w1") else { return }
        let g = Ex7.twoLayerGradients(p, x: x, target: t).gradients
        guard expectTrue(g.w1.count == 12 && columnSpread(g.w1) < 1e-12,
                         "with identical weights every column of dW1 (one per hidden unit) should be the same; columns differ by up to \(format(columnSpread(g.w1))): dW1 = \(preview(g.w1))") else { return }
        guard expectTrue(g.b1.max() - g.b1.min() < 1e-12, "with identical weights every entry of db1 should be the same; observed \(preview(g.b1))") else { return }
        guard expectTrue(columnSpread(g.w2.transposed()) < 1e-12,
                         "with identical weights every row of dW2 (one per hidden unit) should be the same; observed \(preview(g.w2))") else { return }
        guard expectTrue(g.w1.norm > 1e-6, "dW1 is all zeros: the gradient must be computed even when the units agree") else { return }
        let random = Ex7.twoLayerGradients(randomParameters(114), x: x, target: t).gradients
        expectTrue(columnSpread(random.w1) > 1e-3,
                   "with random weights the columns of dW1 should differ (symmetry broken); largest difference \(format(columnSpread(random.w1)))")
    }

    /// Training from identical weights keeps the hidden units identical; from random weights it does not.
    func testSymmetrySurvivesTraining() {
        let (x, t) = batch(115, n: 8)
        let start = Ex7.constantParameters(inputs: 3, hidden: 4, outputs: 2, value: 0.25)
        let trained = Ex7.trainTwoLayer(start, x: x, target: t, learningRate: 0.2, steps: 50)
        guard expectTrue(maxAbsoluteDifference(trained.w1, start.w1) > 1e-3,
                         "trainTwoLayer did not change w1 in 50 steps of learning rate 0.2") else { return }
        guard expectTrue(columnSpread(trained.w1) < 1e-10 && columnSpread(trained.w2.transposed()) < 1e-10,
                         "after 50 steps from identical weights, the hidden units should still be identical (columns of w1, rows of w2); they differ by up to \(format(max(columnSpread(trained.w1), columnSpread(trained.w2.transposed()))))") else { return }
        let before = Ex7.twoLayerGradients(randomParameters(116), x: x, target: t).loss
        let fromRandom = Ex7.trainTwoLayer(randomParameters(116), x: x, target: t, learningRate: 0.2, steps: 50)
        let after = Ex7.twoLayerGradients(fromRandom, x: x, target: t).loss
        expectTrue(after < before && columnSpread(fromRandom.w1) > 1e-3,
                   "50 steps from random weights should lower the loss (\(format(before)) → \(format(after))) and keep the hidden units different")
    }
}

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

    private func randomParameters(_ salt: UInt64, d: Int = 3, h: Int = 4, k: Int = 2) -> Ex7Net {
        var generator = checkGenerator(salt)
        return Ex7Net(w1: Tensor.normal([d, h], standardDeviation: 0.8, using: &generator),
                      b1: Tensor.normal([h], standardDeviation: 0.3, using: &generator),
                      w2: Tensor.normal([h, k], standardDeviation: 0.8, using: &generator),
                      b2: Tensor.normal([k], standardDeviation: 0.3, using: &generator))
    }

    /// Every gradient against centred differences of the loss (N = 5, D = 3, H = 4, K = 2); the
    /// numeric gradients are of the check's own forward pass.
    func testGradients() {
        let (x, t) = batch(111)
        let p = randomParameters(112)
        let (w1, b1, w2, b2) = student { () -> (Tensor, Tensor, Tensor, Tensor) in
            let g = Ex7.twoLayerGradients(ex7StudentParameters(p), x: x, target: t).gradients
            return (g.w1, g.b1, g.w2, g.b2)
        }
        func loss(_ q: Ex7Net) -> Double { ex7OracleTwoLayer(q, x: x, target: t).loss }
        guard expectGradient(w1, matches: numericGradient(at: p.w1) { var q = p; q.w1 = $0; return loss(q) }, parameter: "w1", tolerance: 1e-7) else { return }
        guard expectGradient(b1, matches: numericGradient(at: p.b1) { var q = p; q.b1 = $0; return loss(q) }, parameter: "b1", tolerance: 1e-7, batchSize: 5) else { return }
        guard expectGradient(w2, matches: numericGradient(at: p.w2) { var q = p; q.w2 = $0; return loss(q) }, parameter: "w2", tolerance: 1e-7) else { return }
        expectGradient(b2, matches: numericGradient(at: p.b2) { var q = p; q.b2 = $0; return loss(q) }, parameter: "b2", tolerance: 1e-7, batchSize: 5)
    }

    /// The loss value itself: (1/N)·½Σ(y − t)² on a net small enough to do by hand.
    func testLossValue() {
        // One example, one hidden unit: z = 1·0.5 = 0.5, h = tanh(0.5), y = 2h + 0.1, t = 1.
        let loss = student {
            Ex7.twoLayerGradients(Ex7.TwoLayerParameters(w1: Tensor([[0.5]]), b1: Tensor([0]), w2: Tensor([[2]]), b2: Tensor([0.1])),
                                  x: Tensor([[1]]), target: Tensor([[1]])).loss
        }
        let y = 2 * tanh(0.5) + 0.1
        expectClose(loss, 0.5 * (y - 1) * (y - 1), tolerance: 1e-12, "loss of the 1-1-1 net (½(y − t)², mean over the batch)")
    }

    /// All weights 0.3, biases 0: every hidden unit gets the same gradient. Random weights: they differ.
    /// Both sets of gradients are also compared with the oracle's.
    func testIdenticalWeightsGiveIdenticalGradients() {
        let (x, t) = batch(113)
        let random = randomParameters(114)
        let (w1, gw1, gb1, gw2, randomW1) = student { () -> (Tensor, Tensor, Tensor, Tensor, Tensor) in
            let p = Ex7.constantParameters(inputs: 3, hidden: 4, outputs: 2, value: 0.3)
            let g = Ex7.twoLayerGradients(p, x: x, target: t).gradients
            let r = Ex7.twoLayerGradients(ex7StudentParameters(random), x: x, target: t).gradients
            return (p.w1, g.w1, g.b1, g.w2, r.w1)
        }
        guard expectShape(w1, [3, 4], "constantParameters(inputs: 3, hidden: 4, outputs: 2).w1"),
              expectShape(gw1, [3, 4], "dW1 from constantParameters(inputs: 3, hidden: 4, outputs: 2, value: 0.3)"),
              expectShape(gb1, [4], "db1 from constantParameters(inputs: 3, hidden: 4, outputs: 2, value: 0.3)"),
              expectShape(gw2, [4, 2], "dW2 from constantParameters(inputs: 3, hidden: 4, outputs: 2, value: 0.3)") else { return }
        guard expectTrue(ex7ColumnSpread(gw1) < 1e-12,
                         "with identical weights every column of dW1 (one per hidden unit) should be the same; columns differ by up to \(format(ex7ColumnSpread(gw1))): dW1 = \(preview(gw1))") else { return }
        guard expectTrue(ex7Spread(gb1) < 1e-12, "with identical weights every entry of db1 should be the same; observed \(preview(gb1))") else { return }
        guard expectTrue(ex7ColumnSpread(gw2.transposed()) < 1e-12,
                         "with identical weights every row of dW2 (one per hidden unit) should be the same; observed \(preview(gw2))") else { return }
        guard expectTrue(gw1.norm > 1e-6, "dW1 is all zeros: the gradient must be computed even when the units agree") else { return }
        lazy var constant = ex7OracleTwoLayer(Ex7Net.constant(inputs: 3, hidden: 4, outputs: 2, value: 0.3), x: x, target: t).gradients
        guard expectClose(gw1, constant.w1, tolerance: 1e-12, "dW1 with every weight 0.3 and the biases 0 (N = 5, D = 3, H = 4, K = 2)"),
              expectClose(gb1, constant.b1, tolerance: 1e-12, "db1 with every weight 0.3 and the biases 0"),
              expectClose(gw2, constant.w2, tolerance: 1e-12, "dW2 with every weight 0.3 and the biases 0") else { return }
        guard expectShape(randomW1, [3, 4], "dW1 from random weights [3, 4]") else { return }
        guard expectTrue(ex7ColumnSpread(randomW1) > 1e-3,
                         "with random weights the columns of dW1 should differ (symmetry broken); largest difference \(format(ex7ColumnSpread(randomW1)))") else { return }
        expectClose(randomW1, ex7OracleTwoLayer(random, x: x, target: t).gradients.w1, tolerance: 1e-12, "dW1 with random weights (N = 5, D = 3, H = 4, K = 2)")
    }

    /// Training from identical weights keeps the hidden units identical; from random weights it does not.
    /// The trained parameters and the losses are also compared with the oracle's 50 steps of descent.
    func testSymmetrySurvivesTraining() {
        let (x, t) = batch(115, n: 8)
        let random = randomParameters(116)
        let (trainedW1, trainedB1, trainedW2, trainedB2, before, fromRandomW1, after) = student { () -> (Tensor, Tensor, Tensor, Tensor, Double, Tensor, Double) in
            let start = Ex7.constantParameters(inputs: 3, hidden: 4, outputs: 2, value: 0.25)
            let trained = Ex7.trainTwoLayer(start, x: x, target: t, learningRate: 0.2, steps: 50)
            let before = Ex7.twoLayerGradients(ex7StudentParameters(random), x: x, target: t).loss
            let fromRandom = Ex7.trainTwoLayer(ex7StudentParameters(random), x: x, target: t, learningRate: 0.2, steps: 50)
            let after = Ex7.twoLayerGradients(fromRandom, x: x, target: t).loss
            return (trained.w1, trained.b1, trained.w2, trained.b2, before, fromRandom.w1, after)
        }
        let start = Ex7Net.constant(inputs: 3, hidden: 4, outputs: 2, value: 0.25)
        guard expectShape(trainedW1, [3, 4], "w1 after trainTwoLayer from constantParameters(inputs: 3, hidden: 4, outputs: 2)"),
              expectShape(trainedW2, [4, 2], "w2 after trainTwoLayer from constantParameters(inputs: 3, hidden: 4, outputs: 2)") else { return }
        guard expectTrue(maxAbsoluteDifference(trainedW1, start.w1) > 1e-3,
                         "trainTwoLayer did not change w1 in 50 steps of learning rate 0.2") else { return }
        guard expectTrue(ex7ColumnSpread(trainedW1) < 1e-10 && ex7ColumnSpread(trainedW2.transposed()) < 1e-10,
                         "after 50 steps from identical weights, the hidden units should still be identical (columns of w1, rows of w2); they differ by up to \(format(Swift.max(ex7ColumnSpread(trainedW1), ex7ColumnSpread(trainedW2.transposed()))))") else { return }
        lazy var trained = ex7OracleTrain(start, x: x, target: t, learningRate: 0.2, steps: 50)
        guard expectClose(trainedW1, trained.w1, tolerance: 1e-10, "w1 after 50 steps (learning rate 0.2) from every weight 0.25, biases 0"),
              expectClose(trainedB1, trained.b1, tolerance: 1e-10, "b1 after 50 steps from every weight 0.25, biases 0"),
              expectClose(trainedW2, trained.w2, tolerance: 1e-10, "w2 after 50 steps from every weight 0.25, biases 0"),
              expectClose(trainedB2, trained.b2, tolerance: 1e-10, "b2 after 50 steps from every weight 0.25, biases 0") else { return }
        guard expectShape(fromRandomW1, [3, 4], "w1 after trainTwoLayer from random weights") else { return }
        guard expectTrue(after < before && ex7ColumnSpread(fromRandomW1) > 1e-3,
                         "50 steps from random weights should lower the loss (\(format(before)) → \(format(after))) and keep the hidden units different") else { return }
        lazy var fromRandom = ex7OracleTrain(random, x: x, target: t, learningRate: 0.2, steps: 50)
        guard expectClose(before, ex7OracleTwoLayer(random, x: x, target: t).loss, tolerance: 1e-12, "loss of the random 3-4-2 net on 8 examples before training"),
              expectClose(fromRandomW1, fromRandom.w1, tolerance: 1e-10, "w1 after 50 steps (learning rate 0.2) from random weights") else { return }
        expectClose(after, ex7OracleTwoLayer(fromRandom, x: x, target: t).loss, tolerance: 1e-10, "loss after 50 steps from random weights")
    }
}

import XCTest
import Foundation
import TensorCore
import CheckSupport
import Ex4

/// Hidden checks for ex4: random inputs of awkward shapes against oracles written out here.
final class Ex4HiddenChecks: XCTestCase {
    // MARK: ex4.1

    func testCrossEntropyOracle() {
        var generator = checkGenerator(4101)
        let logits = Tensor.normal([7, 5], standardDeviation: 3, using: &generator)
        let labels = (0..<7).map { _ in generator.integer(below: 5) }
        let (loss, gradient, singleLoss, farLoss, farGradient) = student { () -> (Double, Tensor, Double, Double, Tensor) in
            let r = Ex4.softmaxCrossEntropy(logits: logits, labels: labels)
            let single = Ex4.softmaxCrossEntropy(logits: Tensor([[4.5]]), labels: [0])
            let far = Ex4.softmaxCrossEntropy(logits: Tensor([[-1000, 0, 1000], [1000, 0, -1000]]), labels: [0, 0])
            return (r.loss, r.gradient, single.loss, far.loss, far.gradient)
        }
        var expectedLoss = 0.0
        var expected = Tensor.zeros([7, 5])
        for n in 0..<7 {
            let row = logits.row(n)
            let m = row.max()
            let lse = m + log(row.map { exp($0 - m) }.sum())
            expectedLoss += (lse - row[labels[n]]) / 7
            for k in 0..<5 { expected[n, k] = (exp(row[k] - lse) - (k == labels[n] ? 1 : 0)) / 7 }
        }
        guard expectClose(loss, expectedLoss, tolerance: 1e-10, "loss for random logits [7, 5]") else { return }
        guard expectClose(gradient, expected, tolerance: 1e-10, "gradient for random logits [7, 5]") else { return }
        // One example, K = 1: the loss is 0 and so is the gradient.
        guard expectClose(singleLoss, 0, tolerance: 1e-12, "loss with a single class") else { return }
        // The right class far below the others: the loss is ≈ 2000, large but finite (log q_y would be log 0).
        guard expectClose(farLoss, 1000, tolerance: 1e-12,
                          "loss when one example's label has logit −1000 and another 1000 (use z_y − logsumexp(z), never log(softmax))") else { return }
        expectClose(farGradient, Tensor([[-0.5, 0, 0.5], [0, 0, 0]]), tolerance: 1e-12, "gradient for logits ±1000")
    }

    // MARK: ex4.2

    func testRegressionLossesOracle() {
        var generator = checkGenerator(4201)
        // MSE on a rank-3 batch [3, 4, 2]: ½ Σ over each example's 8 values, mean over the 3 examples.
        let q = Tensor.normal([3, 4, 2], using: &generator)
        let y = Tensor.normal([3, 4, 2], using: &generator)
        let (mse, mseGradient, vectorLoss, vectorGradient) = student { () -> (Double, Tensor, Double, Tensor) in
            let r = Ex4.meanSquaredError(prediction: q, target: y)
            let vector = Ex4.meanSquaredError(prediction: Tensor([1, 2, 4, 0, -1]), target: Tensor([0, 2, 1, 1, 1]))
            return (r.loss, r.gradient, vector.loss, vector.gradient)
        }
        let d = q - y
        guard expectClose(mse, 0.5 * (d * d).sum() / 3, tolerance: 1e-12, "MSE of a [3, 4, 2] batch (N = 3 examples of 8 values)") else { return }
        guard expectClose(mseGradient, d / 3, tolerance: 1e-12, "MSE gradient of a [3, 4, 2] batch") else { return }
        // A rank-1 input is N scalar examples.
        guard expectClose(vectorLoss, 0.5 * (1 + 0 + 9 + 1 + 4) / 5, tolerance: 1e-12, "MSE of 5 scalar examples") else { return }
        guard expectClose(vectorGradient, Tensor([0.2, 0, 0.6, -0.2, -0.4]), tolerance: 1e-12, "MSE gradient of 5 scalar examples") else { return }
        // Smooth L1 with β = 0.5 on [2, 3, 2], errors on both sides of ±β.
        let p = Tensor.normal([2, 3, 2], using: &generator)
        let t = p - Tensor.uniform([2, 3, 2], in: -2...2, using: &generator)
        let beta = 0.5
        var expectedLoss = 0.0
        let expectedGradient = p.zipMap(t) { a, b in
            let e = a - b
            if abs(e) < beta { expectedLoss += 0.5 * e * e / beta; return e / beta / 12 }
            expectedLoss += abs(e) - 0.5 * beta
            return (e > 0 ? 1 : -1) / 12
        }
        let (l1, l1Gradient) = student { () -> (Double, Tensor) in
            let r = Ex4.smoothL1(prediction: p, target: t, beta: beta)
            return (r.loss, r.gradient)
        }
        guard expectClose(l1, expectedLoss / 12, tolerance: 1e-12, "smooth L1 with β = 0.5 on a [2, 3, 2] batch (mean over all 12 elements)") else { return }
        expectClose(l1Gradient, expectedGradient, tolerance: 1e-12, "smooth L1 gradient with β = 0.5")
    }

    // MARK: ex4.3

    func testDenseBackwardOracle() {
        var generator = checkGenerator(4301)
        for (n, d, m) in [(1, 1, 1), (7, 2, 9), (4, 4, 4), (2, 6, 3)] {
            let x = Tensor.normal([n, d], using: &generator)
            let w = Tensor.normal([d, m], using: &generator)
            let dy = Tensor.normal([n, m], using: &generator)
            var dx = Tensor.zeros([n, d]), dw = Tensor.zeros([d, m]), db = Tensor.zeros([m])
            for i in 0..<n {
                for j in 0..<m {
                    db[j] += dy[i, j]
                    for k in 0..<d {
                        dx[i, k] += dy[i, j] * w[k, j]
                        dw[k, j] += x[i, k] * dy[i, j]
                    }
                }
            }
            let (observedDx, observedDw, observedDb) = student { () -> (Tensor, Tensor, Tensor) in
                let r = Ex4.denseBackward(x, weight: w, outputGradient: dy)
                return (r.dx, r.dWeight, r.dBias)
            }
            let shape = "x [\(n), \(d)], weight [\(d), \(m)]"
            guard expectClose(observedDx, dx, tolerance: 1e-12, "dx with \(shape)") else { return }
            guard expectClose(observedDw, dw, tolerance: 1e-12, "dWeight with \(shape)") else { return }
            guard expectClose(observedDb, db, tolerance: 1e-12, "dBias with \(shape)") else { return }
        }
    }

    // MARK: ex4.4

    /// Another spiral and another initialisation; the net must reach 90% again.
    func testSpiralOtherSeed() {
        let (points, labels) = checkSpiral(seed: 7)
        let (w1, b1, w2, b2, losses) = student { () -> (Tensor, Tensor, Tensor, Tensor, [Double]) in
            let (net, losses) = Ex4.trainTwoLayerNet(points: points, labels: labels, classes: 3, hidden: 100,
                                                     learningRate: 1, steps: 1200, seed: 3)
            return (net.w1, net.b1, net.w2, net.b2, losses)
        }
        guard expectTrue(losses.allSatisfy(\.isFinite), "the loss became NaN or infinite during training") else { return }
        // The trained parameters, run through the check's own forward pass, decide.
        guard expectShape(w1, [2, 100], "trained w1"), expectShape(b1, [100], "trained b1"),
              expectShape(w2, [100, 3], "trained w2"), expectShape(b2, [3], "trained b2") else { return }
        let accuracy = oracleAccuracy(twoLayerScores(points, w1: w1, b1: b1, w2: w2, b2: b2), labels)
        expectTrue(accuracy >= 0.9, "training accuracy on a spiral drawn with seed 7 (initialisation seed 3): expected at least 90%, observed \(format(100 * accuracy))%")
    }
}

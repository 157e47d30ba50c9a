import XCTest
import Foundation
import TensorCore
import CheckSupport
import Ex4

/// ex4.4: a dense → ReLU → dense → softmax cross-entropy network, trained on the spiral.
/// The oracles (Ex4Oracles.swift) are the check's own forward pass, loss and accuracy.
final class TwoLayerNetChecks: XCTestCase {
    /// All four gradients against centred differences of the check's own loss (N = 6, D = 3, H = 5, K = 4).
    func testGradientsAgainstNumeric() {
        var generator = checkGenerator(441)
        let x = Tensor.normal([6, 3], using: &generator)
        let w1 = Tensor.normal([3, 5], using: &generator), b1 = Tensor.normal([5], standardDeviation: 0.5, using: &generator)
        let w2 = Tensor.normal([5, 4], using: &generator), b2 = Tensor.normal([4], using: &generator)
        let labels = [0, 3, 1, 2, 3, 1]
        // The check needs some hidden units on and some off, none near the kink.
        let a = x.matmul(w1).addingRowVector(b1)
        guard expectTrue(a.scalars.contains { $0 < 0 } && a.scalars.contains { $0 > 0 } && a.scalars.allSatisfy { abs($0) > 1e-3 },
                         "internal: the check's inputs should put hidden units on both sides of 0") else { return }
        let (observedScores, loss, dW1, db1, dW2, db2) = student { () -> (Tensor, Double, Tensor, Tensor, Tensor, Tensor) in
            let net = Ex4.TwoLayerNet(w1: w1, b1: b1, w2: w2, b2: b2)
            let (loss, g) = net.lossAndGradients(x, labels: labels)
            return (net.scores(x), loss, g.dW1, g.db1, g.dW2, g.db2)
        }
        func lossAt(w1: Tensor = w1, b1: Tensor = b1, w2: Tensor = w2, b2: Tensor = b2) -> Double {
            referenceLoss(twoLayerScores(x, w1: w1, b1: b1, w2: w2, b2: b2), labels)
        }
        let scores = twoLayerScores(x, w1: w1, b1: b1, w2: w2, b2: b2)
        guard expectClose(observedScores, scores, tolerance: 1e-12, "scores relu(x·W1 + b1)·W2 + b2 of a [6, 3] batch") else { return }
        guard expectClose(loss, referenceLoss(scores, labels), tolerance: 1e-10, "loss of the network (mean softmax cross-entropy of its scores)") else { return }
        guard expectGradient(dW2, matches: numericGradient(at: w2) { lossAt(w2: $0) }, parameter: "w2 [5, 4]", batchSize: 6) else { return }
        guard expectGradient(db2, matches: numericGradient(at: b2) { lossAt(b2: $0) }, parameter: "b2 [4]", batchSize: 6) else { return }
        guard expectGradient(dW1, matches: numericGradient(at: w1) { lossAt(w1: $0) }, parameter: "w1 [3, 5] (through the ReLU: no gradient where x·W1 + b1 ≤ 0)", batchSize: 6) else { return }
        guard expectGradient(db1, matches: numericGradient(at: b1) { lossAt(b1: $0) }, parameter: "b1 [5] (through the ReLU)", batchSize: 6) else { return }
        expectReluKink()
    }

    /// The ReLU's backward pass at its kink: hidden pre-activations of exactly 0 pass no gradient
    /// (relu′(0) = 0, as PyTorch). Centred differences cannot judge a kink, so the oracle is the
    /// backward pass written out here, with the mask a > 0.
    private func expectReluKink() {
        // Dyadic numbers, so x·W1 + b1 is exact: a[0, 0] = 1·1 + 2·0.5 − 2 = 0 and a[1, 2] = −1·0.5 + 0.5·(−1) + 1 = 0.
        let x = Tensor([[1, 2], [-1, 0.5]])
        let w1 = Tensor([[1, -1, 0.5], [0.5, 1, -1]]), b1 = Tensor([-2, 0.5, 1])
        let w2 = Tensor([[1, -0.5, 0.25], [-1, 0.5, 2], [0.5, 1, -1]]), b2 = Tensor([0.1, 0, -0.1])
        let labels = [2, 0]
        let a = x.matmul(w1).addingRowVector(b1)
        guard expectTrue(a[0, 0] == 0 && a[1, 2] == 0 && a.scalars.contains { $0 > 0 },
                         "internal: the check's inputs should put two hidden pre-activations at exactly 0") else { return }
        let (dW1, db1) = student { () -> (Tensor, Tensor) in
            let (_, g) = Ex4.TwoLayerNet(w1: w1, b1: b1, w2: w2, b2: b2).lossAndGradients(x, labels: labels)
            return (g.dW1, g.db1)
        }
        // dScores = (softmax − onehot)/N, dH = dScores·W2ᵀ, dA = dH where a > 0 (else 0), dW1 = xᵀ·dA, db1 = Σ_n dA.
        let scores = twoLayerScores(x, w1: w1, b1: b1, w2: w2, b2: b2)
        var dScores = Tensor.zeros(scores.shape)
        for n in 0..<labels.count {
            let row = scores.row(n), m = row.max()
            let total = row.map { exp($0 - m) }.sum()
            for k in 0..<scores.shape[1] { dScores[n, k] = (exp(row[k] - m) / total - (k == labels[n] ? 1 : 0)) / Double(labels.count) }
        }
        let dA = dScores.matmul(w2.transposed()).zipMap(a) { g, pre in pre > 0 ? g : 0 }
        let what = "at x = [[1, 2], [−1, 0.5]], whose hidden pre-activations a[0, 0] and a[1, 2] are exactly 0 (relu′(0) = 0, as PyTorch: zero dH where a ≤ 0, not only where a < 0)"
        guard expectClose(dW1, x.transposed().matmul(dA), tolerance: 1e-12, "dW1 of the backward pass through the ReLU \(what)") else { return }
        expectClose(db1, dA.sum(axis: 0), tolerance: 1e-12, "db1 of the backward pass through the ReLU \(what)")
    }

    /// One SGD step moves every parameter by −learningRate × its gradient.
    func testSGDStep() {
        var generator = checkGenerator(442)
        let w1 = Tensor.normal([2, 3], using: &generator), b1 = Tensor.normal([3], using: &generator)
        let w2 = Tensor.normal([3, 2], using: &generator), b2 = Tensor.normal([2], using: &generator)
        let dW1 = Tensor.normal([2, 3], using: &generator), db1 = Tensor.normal([3], using: &generator)
        let dW2 = Tensor.normal([3, 2], using: &generator), db2 = Tensor.normal([2], using: &generator)
        let (newW1, newB1, newW2, newB2) = student { () -> (Tensor, Tensor, Tensor, Tensor) in
            var net = Ex4.TwoLayerNet(w1: w1, b1: b1, w2: w2, b2: b2)
            net.sgdStep(Ex4.TwoLayerGradients(dW1: dW1, db1: db1, dW2: dW2, db2: db2), learningRate: 0.3)
            return (net.w1, net.b1, net.w2, net.b2)
        }
        guard expectClose(newW1, w1 - 0.3 * dW1, tolerance: 1e-12, "w1 after sgdStep with learning rate 0.3") else { return }
        guard expectClose(newB1, b1 - 0.3 * db1, tolerance: 1e-12, "b1 after sgdStep with learning rate 0.3") else { return }
        guard expectClose(newW2, w2 - 0.3 * dW2, tolerance: 1e-12, "w2 after sgdStep with learning rate 0.3") else { return }
        expectClose(newB2, b2 - 0.3 * db2, tolerance: 1e-12, "b2 after sgdStep with learning rate 0.3")
    }

    /// The CS231n spiral (3 classes × 100 points): at least 90% training accuracy, measured by the
    /// check's own forward pass on the trained parameters.
    func testFitsSpiral() {
        let (points, labels) = checkSpiral(seed: 0)
        let (w1, b1, w2, b2, losses) = student { () -> (Tensor, Tensor, Tensor, Tensor, [Double]) in
            let (net, losses) = Ex4.trainTwoLayerNet(points: points, labels: labels, classes: 3, hidden: 100,
                                                     learningRate: 1, steps: 1200, seed: 1)
            return (net.w1, net.b1, net.w2, net.b2, losses)
        }
        guard expectEqual(losses.count, 1200, "number of recorded losses (one per step)") else { return }
        guard expectTrue(losses.allSatisfy(\.isFinite), "the loss became NaN or infinite during training: a step too large, or a sign error?") else { return }
        guard expectClose(losses[0], log(3.0), tolerance: 1e-2,
                          "loss of the first step (small initial weights give scores ≈ 0, so the loss ≈ log 3)") else { return }
        let initial = initialTwoLayer(inputs: 2, hidden: 100, classes: 3, seed: 1)
        let initialLoss = referenceLoss(twoLayerScores(points, w1: initial.w1, b1: initial.b1, w2: initial.w2, b2: initial.b2), labels)
        guard expectTrue(losses[losses.count - 1] < 0.5 * initialLoss,
                         "the loss should at least halve: first \(format(losses[0])) (the initial network's loss is \(format(initialLoss))), last \(format(losses[losses.count - 1]))") else { return }
        guard expectShape(w1, [2, 100], "trained w1"), expectShape(b1, [100], "trained b1"),
              expectShape(w2, [100, 3], "trained w2"), expectShape(b2, [3], "trained b2") else { return }
        let accuracy = oracleAccuracy(twoLayerScores(points, w1: w1, b1: b1, w2: w2, b2: b2), labels)
        expectTrue(accuracy >= 0.9, "training accuracy on the spiral: expected at least 90%, observed \(format(100 * accuracy))% (last loss \(format(losses[losses.count - 1])))")
    }
}

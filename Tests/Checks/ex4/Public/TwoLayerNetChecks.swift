import XCTest
import Foundation
import TensorCore
import CheckSupport
import Ex4

/// ex4.4: a dense → ReLU → dense → softmax cross-entropy network, trained on the spiral.
final class TwoLayerNetChecks: XCTestCase {
    /// All four gradients against centred differences of the loss (N = 6, D = 3, H = 5, K = 4).
    func testGradientsAgainstNumeric() {
        var generator = checkGenerator(441)
        let x = Tensor.normal([6, 3], using: &generator)
        let net = Ex4.TwoLayerNet(w1: Tensor.normal([3, 5], using: &generator), b1: Tensor.normal([5], standardDeviation: 0.5, using: &generator),
                                  w2: Tensor.normal([5, 4], using: &generator), b2: Tensor.normal([4], using: &generator))
        let labels = [0, 3, 1, 2, 3, 1]
        // The check needs some hidden units on and some off, none near the kink.
        let a = x.matmul(net.w1).addingRowVector(net.b1)
        guard expectTrue(a.scalars.contains { $0 < 0 } && a.scalars.contains { $0 > 0 } && a.scalars.allSatisfy { abs($0) > 1e-3 },
                         "internal: the check's inputs should put hidden units on both sides of 0") else { return }
        let (loss, g) = net.lossAndGradients(x, labels: labels)
        func lossWith(_ change: (inout Ex4.TwoLayerNet) -> Void) -> Double {
            var probe = net
            change(&probe)
            return probe.lossAndGradients(x, labels: labels).loss
        }
        let scores = relu(a).matmul(net.w2).addingRowVector(net.b2)
        guard expectClose(net.scores(x), scores, tolerance: 1e-12, "scores relu(x·W1 + b1)·W2 + b2 of a [6, 3] batch") else { return }
        guard expectClose(loss, referenceLoss(scores, labels), tolerance: 1e-10, "loss of the network (mean softmax cross-entropy of its scores)") else { return }
        guard expectGradient(g.dW2, matches: numericGradient(at: net.w2) { w in lossWith { $0.w2 = w } }, parameter: "w2 [5, 4]", batchSize: 6) else { return }
        guard expectGradient(g.db2, matches: numericGradient(at: net.b2) { b in lossWith { $0.b2 = b } }, parameter: "b2 [4]", batchSize: 6) else { return }
        guard expectGradient(g.dW1, matches: numericGradient(at: net.w1) { w in lossWith { $0.w1 = w } }, parameter: "w1 [3, 5] (through the ReLU: no gradient where x·W1 + b1 ≤ 0)", batchSize: 6) else { return }
        expectGradient(g.db1, matches: numericGradient(at: net.b1) { b in lossWith { $0.b1 = b } }, parameter: "b1 [5] (through the ReLU)", batchSize: 6)
    }

    /// One SGD step moves every parameter by −learningRate × its gradient.
    func testSGDStep() {
        var generator = checkGenerator(442)
        let original = Ex4.TwoLayerNet(w1: Tensor.normal([2, 3], using: &generator), b1: Tensor.normal([3], using: &generator),
                                       w2: Tensor.normal([3, 2], using: &generator), b2: Tensor.normal([2], using: &generator))
        let g = Ex4.TwoLayerGradients(dW1: Tensor.normal([2, 3], using: &generator), db1: Tensor.normal([3], using: &generator),
                                      dW2: Tensor.normal([3, 2], using: &generator), db2: Tensor.normal([2], using: &generator))
        var net = original
        net.sgdStep(g, learningRate: 0.3)
        guard expectClose(net.w1, original.w1 - 0.3 * g.dW1, tolerance: 1e-12, "w1 after sgdStep with learning rate 0.3") else { return }
        guard expectClose(net.b1, original.b1 - 0.3 * g.db1, tolerance: 1e-12, "b1 after sgdStep with learning rate 0.3") else { return }
        guard expectClose(net.w2, original.w2 - 0.3 * g.dW2, tolerance: 1e-12, "w2 after sgdStep with learning rate 0.3") else { return }
        expectClose(net.b2, original.b2 - 0.3 * g.db2, tolerance: 1e-12, "b2 after sgdStep with learning rate 0.3")
    }

    /// The CS231n spiral (3 classes × 100 points): at least 90% training accuracy.
    func testFitsSpiral() {
        let (points, labels) = spiral(seed: 0)
        let (net, losses) = Ex4.trainTwoLayerNet(points: points, labels: labels, classes: 3, hidden: 100,
                                                 learningRate: 1, steps: 1200, seed: 1)
        guard expectEqual(losses.count, 1200, "number of recorded losses (one per step)") else { return }
        guard expectTrue(losses.allSatisfy(\.isFinite), "the loss became NaN or infinite during training: a step too large, or a sign error?") else { return }
        guard expectClose(losses[0], log(3.0), tolerance: 1e-2,
                          "loss of the first step (small initial weights give scores ≈ 0, so the loss ≈ log 3)") else { return }
        guard expectTrue(losses[losses.count - 1] < 0.5 * losses[0],
                         "the loss should at least halve: first \(format(losses[0])), last \(format(losses[losses.count - 1]))") else { return }
        let accuracy = trainingAccuracy(net, points, labels)
        expectTrue(accuracy >= 0.9, "training accuracy on the spiral: expected at least 90%, observed \(format(100 * accuracy))% (last loss \(format(losses[losses.count - 1])))")
    }
}

// MARK: - The check's own oracle and data (independent of the student's code)

private func relu(_ x: Tensor) -> Tensor { x.map { max(0, $0) } }

private func referenceLoss(_ scores: Tensor, _ labels: [Int]) -> Double {
    var total = 0.0
    for n in 0..<labels.count {
        let row = scores.row(n)
        let m = row.max()
        total += m + log(row.map { exp($0 - m) }.sum()) - row[labels[n]]
    }
    return total / Double(labels.count)
}

private func trainingAccuracy(_ net: Ex4.TwoLayerNet, _ points: Tensor, _ labels: [Int]) -> Double {
    let scores = relu(points.matmul(net.w1).addingRowVector(net.b1)).matmul(net.w2).addingRowVector(net.b2)
    var correct = 0
    for n in 0..<labels.count where scores.row(n).argmax() == labels[n] { correct += 1 }
    return Double(correct) / Double(labels.count)
}

/// The CS231n spiral, 3 arms of 100 points.
private func spiral(seed: UInt64) -> (Tensor, [Int]) {
    var generator = SeededGenerator(seed: seed)
    var values: [Double] = []
    var labels: [Int] = []
    for j in 0..<3 {
        for i in 0..<100 {
            let r = Double(i) / 99
            let t = 4 * Double(j) + 4 * r + 0.2 * generator.normal()
            values += [r * sin(t), r * cos(t)]
            labels.append(j)
        }
    }
    return (Tensor(shape: [300, 2], scalars: values), labels)
}

import Foundation
import TensorCore

// ex4.4 — A two-layer network trained with plain gradient descent on the spiral data.
//
//     h      = relu(x·W1 + b1)          x [N, D], W1 [D, H], b1 [H] → h [N, H]
//     scores = h·W2 + b2                W2 [H, K], b2 [K]            → scores [N, K]
//     L      = softmaxCrossEntropy(scores, labels)                    (ex4.1, mean over the batch)
//
// Backward, stage by stage, from dScores = ∂L/∂scores (ex4.1 returns it):
//     (dH, dW2, db2) = denseBackward(h, W2, dScores)                  (ex4.3)
//     dA             = dH where a = x·W1 + b1 > 0, else 0              (ReLU: no gradient where it was off)
//     (_, dW1, db1)  = denseBackward(x, W1, dA)
//
// Training (`trainTwoLayerNet`): start from `TwoLayerNet(inputs:hidden:classes:using:)` with a
// `SeededGenerator(seed:)`, then repeat `steps` times on the WHOLE training set (one batch of
// all N points): loss and gradients, then the SGD step θ ← θ − learningRate·∂L/∂θ for all four
// parameters. Record the loss of every step (measured before its update).
//
// The CS231n spiral (`spiralData`, given below): K = 3 arms of 100 points each, not linearly
// separable — a linear classifier gets about 50%, this network well above 90%.
// This task uses your softmaxCrossEntropy (ex4.1) and denseBackward (ex4.3): finish them first.

/// A dense → ReLU → dense classifier: `w1` [D, H], `b1` [H], `w2` [H, K], `b2` [K].
public struct TwoLayerNet: Sendable {
    public var w1: Tensor
    public var b1: Tensor
    public var w2: Tensor
    public var b2: Tensor

    public init(w1: Tensor, b1: Tensor, w2: Tensor, b2: Tensor) {
        precondition(w1.rank == 2 && w2.rank == 2 && w1.shape[1] == w2.shape[0],
                     "TwoLayerNet: w1 \(w1.shape) and w2 \(w2.shape) do not chain")
        precondition(b1.shape == [w1.shape[1]] && b2.shape == [w2.shape[1]],
                     "TwoLayerNet: b1 \(b1.shape) and b2 \(b2.shape) should be [\(w1.shape[1])] and [\(w2.shape[1])]")
        self.w1 = w1
        self.b1 = b1
        self.w2 = w2
        self.b2 = b2
    }

    /// Weights drawn from N(0, 0.01²) (first w1, then w2, row by row), zero biases — as CS231n's
    /// spiral example.
    public init(inputs: Int, hidden: Int, classes: Int, using generator: inout SeededGenerator) {
        self.init(w1: Tensor.normal([inputs, hidden], standardDeviation: 0.01, using: &generator),
                  b1: Tensor.zeros([hidden]),
                  w2: Tensor.normal([hidden, classes], standardDeviation: 0.01, using: &generator),
                  b2: Tensor.zeros([classes]))
    }
}

/// The gradients of the loss with respect to the four parameters, each with its parameter's shape.
public struct TwoLayerGradients: Sendable {
    public var dW1: Tensor
    public var db1: Tensor
    public var dW2: Tensor
    public var db2: Tensor

    public init(dW1: Tensor, db1: Tensor, dW2: Tensor, db2: Tensor) {
        self.dW1 = dW1
        self.db1 = db1
        self.dW2 = dW2
        self.db2 = db2
    }
}

extension TwoLayerNet {
    /// The class scores (logits) `relu(x·W1 + b1)·W2 + b2` of `x` [N, D] → [N, K].
    public func scores(_ x: Tensor) -> Tensor {
        // BEGIN SOLUTION ex4.4
        let hidden = x.matmul(w1).addingRowVector(b1).map { Swift.max(0, $0) }
        return hidden.matmul(w2).addingRowVector(b2)
        // END SOLUTION
    }

    /// The mean softmax cross-entropy of the scores of `x` [N, D] against `labels`, and the
    /// gradients with respect to `w1`, `b1`, `w2`, `b2`.
    public func lossAndGradients(_ x: Tensor, labels: [Int]) -> (loss: Double, gradients: TwoLayerGradients) {
        // BEGIN SOLUTION ex4.4
        let preActivation = x.matmul(w1).addingRowVector(b1)
        let hidden = preActivation.map { Swift.max(0, $0) }
        let scores = hidden.matmul(w2).addingRowVector(b2)
        let (loss, dScores) = softmaxCrossEntropy(logits: scores, labels: labels)
        let second = denseBackward(hidden, weight: w2, outputGradient: dScores)
        let dPreActivation = second.dx.zipMap(preActivation) { gradient, a in a > 0 ? gradient : 0 }
        let first = denseBackward(x, weight: w1, outputGradient: dPreActivation)
        return (loss, TwoLayerGradients(dW1: first.dWeight, db1: first.dBias, dW2: second.dWeight, db2: second.dBias))
        // END SOLUTION
    }

    /// One step of gradient descent: every parameter θ ← θ − learningRate·∂L/∂θ.
    public mutating func sgdStep(_ gradients: TwoLayerGradients, learningRate: Double) {
        // BEGIN SOLUTION ex4.4
        w1 -= learningRate * gradients.dW1
        b1 -= learningRate * gradients.db1
        w2 -= learningRate * gradients.dW2
        b2 -= learningRate * gradients.db2
        // END SOLUTION
    }
}

/// Trains a `TwoLayerNet(inputs: D, hidden:, classes:, using: &generator)` with
/// `generator = SeededGenerator(seed: seed)` on `points` [N, D] and `labels` by `steps` full-batch
/// gradient-descent steps. Returns the trained network and the loss of every step (before its update).
public func trainTwoLayerNet(points: Tensor, labels: [Int], classes: Int, hidden: Int = 100,
                             learningRate: Double = 1, steps: Int = 1200, seed: UInt64 = 0) -> (net: TwoLayerNet, losses: [Double]) {
    // BEGIN SOLUTION ex4.4
    precondition(points.rank == 2 && points.shape[0] == labels.count,
                 "trainTwoLayerNet: points \(points.shape) and \(labels.count) labels do not match")
    var generator = SeededGenerator(seed: seed)
    var net = TwoLayerNet(inputs: points.shape[1], hidden: hidden, classes: classes, using: &generator)
    var losses: [Double] = []
    losses.reserveCapacity(steps)
    for _ in 0..<steps {
        let (loss, gradients) = net.lossAndGradients(points, labels: labels)
        losses.append(loss)
        net.sgdStep(gradients, learningRate: learningRate)
    }
    return (net, losses)
    // END SOLUTION
}

/// The CS231n spiral, seeded: `classes` arms of `pointsPerClass` points, ordered class by class.
/// For arm j and i = 0…n−1: r = i/(n−1), t = 4j + 4·i/(n−1) + noise·N(0, 1), point (r·sin t, r·cos t).
/// Given: nothing to write here.
public func spiralData(classes: Int = 3, pointsPerClass: Int = 100, noise: Double = 0.2, seed: UInt64 = 0) -> (points: Tensor, labels: [Int]) {
    precondition(classes >= 1 && pointsPerClass >= 2, "spiralData: need at least one class of two points")
    var generator = SeededGenerator(seed: seed)
    var values: [Double] = []
    var labels: [Int] = []
    for j in 0..<classes {
        for i in 0..<pointsPerClass {
            let radius = Double(i) / Double(pointsPerClass - 1)
            let angle = 4 * Double(j) + 4 * radius + noise * generator.normal()
            values += [radius * sin(angle), radius * cos(angle)]
            labels.append(j)
        }
    }
    return (Tensor(shape: [classes * pointsPerClass, 2], scalars: values), labels)
}

/// The fraction of rows of `scores` [N, K] whose largest entry is at the label. Given.
public func accuracy(scores: Tensor, labels: [Int]) -> Double {
    precondition(scores.rank == 2 && scores.shape[0] == labels.count && !labels.isEmpty,
                 "accuracy: scores \(scores.shape) and \(labels.count) labels do not match")
    var correct = 0
    for row in 0..<labels.count where scores.row(row).argmax() == labels[row] { correct += 1 }
    return Double(correct) / Double(labels.count)
}

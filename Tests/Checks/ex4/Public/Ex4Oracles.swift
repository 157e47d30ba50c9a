import Foundation
import TensorCore

// The check's own oracles for ex4, independent of the student's code (nothing here calls Ex4).

func oracleRelu(_ x: Tensor) -> Tensor { x.map { max(0, $0) } }

/// Mean softmax cross-entropy of `scores` [N, K], by log-sum-exp shifted by each row's maximum.
func referenceLoss(_ scores: Tensor, _ labels: [Int]) -> Double {
    var total = 0.0
    for n in 0..<labels.count {
        let row = scores.row(n)
        let m = row.max()
        total += m + log(row.map { exp($0 - m) }.sum()) - row[labels[n]]
    }
    return total / Double(labels.count)
}

/// (1/N)·Σ_n ½‖q_n − y_n‖², N = the first axis.
func referenceMeanSquaredError(_ q: Tensor, _ y: Tensor) -> Double {
    let d = q - y
    return 0.5 * (d * d).sum() / Double(q.shape[0])
}

/// The mean over all elements of ½d²/β (|d| < β) or |d| − ½β, d = q − y.
func referenceSmoothL1(_ q: Tensor, _ y: Tensor, beta: Double = 1) -> Double {
    var total = 0.0
    for (a, b) in zip(q.scalars, y.scalars) {
        let d = a - b
        total += abs(d) < beta ? 0.5 * d * d / beta : abs(d) - 0.5 * beta
    }
    return total / Double(q.count)
}

/// relu(x·W1 + b1)·W2 + b2.
func twoLayerScores(_ x: Tensor, w1: Tensor, b1: Tensor, w2: Tensor, b2: Tensor) -> Tensor {
    oracleRelu(x.matmul(w1).addingRowVector(b1)).matmul(w2).addingRowVector(b2)
}

/// The fraction of rows whose largest score is at the label.
func oracleAccuracy(_ scores: Tensor, _ labels: [Int]) -> Double {
    var correct = 0
    for n in 0..<labels.count where scores.row(n).argmax() == labels[n] { correct += 1 }
    return Double(correct) / Double(labels.count)
}

/// The CS231n spiral, 3 arms of 100 points.
func checkSpiral(seed: UInt64) -> (Tensor, [Int]) {
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

/// The documented initialisation of a two-layer net: W1 then W2 from N(0, 0.01²), in that order, zero biases.
func initialTwoLayer(inputs: Int, hidden: Int, classes: Int, seed: UInt64) -> (w1: Tensor, b1: Tensor, w2: Tensor, b2: Tensor) {
    var generator = SeededGenerator(seed: seed)
    let w1 = Tensor.normal([inputs, hidden], standardDeviation: 0.01, using: &generator)
    let w2 = Tensor.normal([hidden, classes], standardDeviation: 0.01, using: &generator)
    return (w1, Tensor.zeros([hidden]), w2, Tensor.zeros([classes]))
}

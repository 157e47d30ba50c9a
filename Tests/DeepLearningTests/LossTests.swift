import XCTest
import Foundation
import TensorCore
@testable import DeepLearning

final class LossTests: XCTestCase {
    private let logits = randomTensor([4, 3], seed: 71, standardDeviation: 2)
    private let labels = [2, 0, 1, 2]

    func testSoftmaxCrossEntropy() {
        let (loss, gradient) = softmaxCrossEntropy(logits: logits, labels: labels)
        let p = softmax(logits)
        let expected = -labels.enumerated().map { Foundation.log(p[$0.offset, $0.element]) }.reduce(0, +) / 4
        XCTAssertEqual(loss, expected, accuracy: 1e-12)
        let numeric = numericGradient(at: logits) { softmaxCrossEntropy(logits: $0, labels: self.labels).loss }
        XCTAssertLessThan(relativeError(gradient, numeric), 1e-6)
        var onehot = Tensor.zeros([4, 3])
        for (row, label) in labels.enumerated() { onehot[row, label] = 1 }
        XCTAssertEqual(softmaxCrossEntropy(logits: logits, targets: onehot).loss, loss, accuracy: 1e-14)
        assertClose(gradient, (p - onehot) / 4, tolerance: 1e-15, "(softmax − onehot)/N")
        XCTAssertEqual(softmaxCrossEntropy(logits: Tensor([[0, 0, 0, 0]]), labels: [1]).loss, Foundation.log(4), accuracy: 1e-15)
    }

    func testCrossEntropyAtLargeLogits() {
        let (loss, gradient) = softmaxCrossEntropy(logits: Tensor([[1000, 0, -1000], [1000, 1000, 0]]), labels: [1, 0])
        XCTAssertTrue(loss.isFinite && gradient.isFinite)
        XCTAssertEqual(loss, (1000 + Foundation.log(2)) / 2, accuracy: 1e-9)
    }

    func testBinaryCrossEntropy() {
        var g = SeededGenerator(seed: 72)
        let probabilities = Tensor.uniform([3, 4], in: 0.05...0.95, using: &g)
        let targets = Tensor.uniform([3, 4], in: 0...1, using: &g).map { $0 > 0.5 ? 1 : 0 }
        let (loss, gradient) = binaryCrossEntropy(probabilities: probabilities, targets: targets)
        let numeric = numericGradient(at: probabilities) { binaryCrossEntropy(probabilities: $0, targets: targets).loss }
        XCTAssertLessThan(relativeError(gradient, numeric), 1e-7)
        let z = probabilities.map { Foundation.log($0 / (1 - $0)) }
        let fromLogits = binaryCrossEntropy(logits: z, targets: targets)
        XCTAssertEqual(fromLogits.loss, loss, accuracy: 1e-12)
        let numericZ = numericGradient(at: z) { binaryCrossEntropy(logits: $0, targets: targets).loss }
        XCTAssertLessThan(relativeError(fromLogits.gradient, numericZ), 1e-7)
        XCTAssertTrue(binaryCrossEntropy(probabilities: Tensor([0, 1]), targets: Tensor([1, 0])).loss.isFinite, "clamped")
        let extreme = binaryCrossEntropy(logits: Tensor([-1000, 1000]), targets: Tensor([1, 0]))
        XCTAssertEqual(extreme.loss, 1000, accuracy: 1e-9)
    }

    func testMeanSquaredErrorHalfSumAveragedOverBatch() {
        let q = Tensor([[1, 2], [3, 5]]), y = Tensor([[0, 2], [1, 1]])
        let (loss, gradient) = meanSquaredError(prediction: q, target: y)
        XCTAssertEqual(loss, (0.5 * (1 + 0) + 0.5 * (4 + 16)) / 2)
        XCTAssertEqual(gradient, Tensor([[0.5, 0], [1, 2]]))
        let p = randomTensor([3, 5], seed: 73), t = randomTensor([3, 5], seed: 74)
        let numeric = numericGradient(at: p) { meanSquaredError(prediction: $0, target: t).loss }
        XCTAssertLessThan(relativeError(meanSquaredError(prediction: p, target: t).gradient, numeric), 1e-8)
    }

    func testSmoothL1() {
        let (loss, gradient) = smoothL1(prediction: Tensor([0.5, 3, -2]), target: Tensor([0, 0, 0]))
        XCTAssertEqual(loss, (0.125 + 2.5 + 1.5) / 3, accuracy: 1e-15)
        assertClose(gradient, Tensor([0.5, 1, -1]) / 3, tolerance: 1e-15)
        let p = randomTensor([4, 3], seed: 75, standardDeviation: 2), t = randomTensor([4, 3], seed: 76)
        let numeric = numericGradient(at: p) { smoothL1(prediction: $0, target: t, beta: 0.7).loss }
        XCTAssertLessThan(relativeError(smoothL1(prediction: p, target: t, beta: 0.7).gradient, numeric), 1e-6)
    }

    func testPenalties() {
        let w = [Tensor([[1, -2], [0.5, 0]]), Tensor([3])]
        let l1 = l1Penalty(w, lambda: 0.1)
        XCTAssertEqual(l1.value, 0.1 * 6.5, accuracy: 1e-15)
        XCTAssertEqual(l1.gradients[0], Tensor([[0.1, -0.1], [0.1, 0]]))
        let l2 = l2Penalty(w, lambda: 0.1)
        XCTAssertEqual(l2.value, 0.5 * 0.1 * (1 + 4 + 0.25 + 9), accuracy: 1e-15)
        assertClose(l2.gradients[1], Tensor([0.3]), tolerance: 1e-15, "λw")
        let v = randomTensor([3, 2], seed: 77)
        let numeric = numericGradient(at: v) { l2Penalty($0, lambda: 0.3).value }
        XCTAssertLessThan(relativeError(l2Penalty(v, lambda: 0.3).gradient, numeric), 1e-8)
        let numericL1 = numericGradient(at: v) { l1Penalty($0, lambda: 0.3).value }
        XCTAssertLessThan(relativeError(l1Penalty(v, lambda: 0.3).gradient, numericL1), 1e-8)
    }
}

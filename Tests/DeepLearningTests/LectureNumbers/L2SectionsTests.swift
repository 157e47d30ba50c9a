import XCTest
import Foundation
import TensorCore
@testable import DeepLearning

/// L2's cross-entropy erratum, the graph figure's paragraph and the end-of-note questions.
final class L2SectionsTests: XCTestCase {
    let note = lecture("L2")

    func testCrossEntropyErratum() {
        // Lowest (0) when the output matches, growing without bound as q_c → 0.
        let right = softmaxCrossEntropy(logits: Tensor(shape: [1, 3], scalars: [60, 0, 0]), labels: [0]).loss
        let wrong = softmaxCrossEntropy(logits: Tensor(shape: [1, 3], scalars: [-60, 0, 0]), labels: [0]).loss
        XCTAssertEqual(right, 0, accuracy: 1e-20)
        XCTAssertGreaterThan(wrong, 60)
        assertQuoted("> **Errata (when cross-entropy is highest).** *The seed's claim:*", in: note)
        assertQuoted("non-negative and *lowest* — exactly 0 — when the output matches the target ($q_c = 1$)", in: note)
        XCTAssertTrue(note.contains("](figures/computation-graph.svg)"))
    }

    func testQuestions() {
        // 1. Cross-entropy of q = [0.7, 0.2, 0.1] for class 1: logits log q give exactly q.
        let q = [0.7, 0.2, 0.1]
        let (loss, gradient) = softmaxCrossEntropy(logits: Tensor(shape: [1, 3], scalars: q.map { Foundation.log($0) }), labels: [1])
        assertQuoted("1. $L = -\\ln 0.2 = \(fixed(loss, 4))$; $q - y = " + bracketed(gradient.scalars.map { ($0 * 1e12).rounded() / 1e12 }) + "$.", in: note)
        // 2. MSE with the ½ on one example.
        let (mse, dq) = meanSquaredError(prediction: Tensor(shape: [1, 2], scalars: [1.5, 0]), target: Tensor(shape: [1, 2], scalars: [2, -1]))
        assertQuoted("2. $L = \\tfrac12(0.25 + 1) = \(short(mse))$; $\\partial L/\\partial q = q - y = \(bracketed(dq.scalars))$.", in: note)
        // 3. ∂f/∂w2 = f(1 − f) for the classic inputs.
        let nodes = Dictionary(uniqueKeysWithValues: LectureFigures.sigmoidNeuronGraph().map { ($0.name, $0) })
        let f = nodes["f"]!.value
        XCTAssertEqual(nodes["w2"]!.gradient, f * (1 - f), accuracy: 1e-12)
        assertQuoted("3. $\(fixed(nodes["w2"]!.gradient, 4))$: $w_2$ enters", in: note)
        assertQuoted("$f(1-f) = \(fixed(f, 4))\\cdot\(fixed(1 - f, 4))$", in: note)
        // 4. (x + 2)³ with a shared node, at x = 1, by the reference autodiff.
        let x = Value(1)
        let u = x + 2.0
        let cube = u * u * u
        cube.backward()
        assertQuoted("4. $3u^2 = 3\\cdot3^2 = \(short(x.grad))$", in: note)
        XCTAssertEqual(u.data * u.data, 9)
        // 5. Centred difference of x³ at 1 with h = 1e−5.
        let h = 1e-5
        let numeric = numericGradient(at: Tensor([1]), h: h) { t in pow(t.scalars[0], 3) }.scalars[0]
        XCTAssertEqual(numeric - 3, h * h, accuracy: 1e-10, "3 + h², up to rounding")
        assertQuoted("= 3 + h^2$, so $\(String(format: "%.10f", 3 + h * h))$: an error of $\(powerOfTen(h * h))$", in: note)
    }
}

import XCTest
import TensorCore
@testable import DeepLearning

final class GradientCheckTests: XCTestCase {
    private let x = randomTensor([4, 3], seed: 91)
    private let w = randomTensor([3, 3], seed: 92)

    /// f(X, W) = Σ G ⊙ (X·W) / N with G fixed: ∂f/∂W = Xᵀ·G / N.
    private func setting() -> (f: ([Tensor]) -> Double, gradient: Tensor) {
        let g = randomTensor([4, 3], seed: 93)
        let f: ([Tensor]) -> Double = { $0[0].matmul($0[1]).dot(g) / 4 }
        return (f, x.transposed().matmul(g) / 4)
    }

    func testCorrectGradientPasses() {
        let (f, gradient) = setting()
        let report = gradientCheck(of: f, at: [x, w], analytic: [Tensor.zeros(x.shape) + (randomTensor([4, 3], seed: 93).matmul(w.transposed()) / 4), gradient],
                                   names: ["x", "weight"], batchSize: 4)
        XCTAssertTrue(report.passed(threshold: GradientCheckThreshold.smooth), "\(report)")
        XCTAssertNil(report.worst?.diagnosis)
    }

    func testDiagnoses() {
        let (f, gradient) = setting()
        func diagnosis(_ wrong: Tensor) -> GradientComparison {
            let report = gradientCheck(of: { f([self.x, $0[0]]) }, at: [w], analytic: [wrong], names: ["weight"], batchSize: 4)
            XCTAssertFalse(report.passed(threshold: GradientCheckThreshold.withKinks))
            return report.worst!
        }
        let timesN = diagnosis(gradient * 4)
        XCTAssertEqual(timesN.name, "weight")
        XCTAssertTrue(timesN.diagnosis?.contains("1/N") == true, "\(timesN)")
        XCTAssertTrue(diagnosis(-gradient).diagnosis?.contains("sign flipped") == true)
        XCTAssertTrue(diagnosis(gradient.transposed()).diagnosis?.contains("transposed") == true)
        XCTAssertTrue(diagnosis(Tensor.zeros(gradient.shape)).diagnosis?.contains("missing") == true)
        let worst = diagnosis(gradient * 4)
        XCTAssertEqual(worst.analytic / worst.numeric, 4, accuracy: 1e-6)
        XCTAssertEqual(worst.worstIndex.count, 2)
        // Non-square transposed shapes.
        XCTAssertTrue(diagnoseGradient(analytic: x.transposed(), numeric: x)?.contains("transposed") == true)
    }

    func testWorstIndexLocatesTheBug() {
        var analytic = randomTensor([3, 4], seed: 94)
        let numeric = analytic
        analytic[2, 1] += 0.5
        let comparison = compareGradients(analytic: analytic, numeric: numeric, name: "bias")
        XCTAssertEqual(comparison.worstIndex, [2, 1])
        XCTAssertEqual(comparison.numeric, numeric[2, 1])
    }

    func testCentredDifferenceIsSecondOrder() {
        XCTAssertEqual(numericDerivative(at: 1) { $0 * $0 * $0 }, 3, accuracy: 1e-9)
        let grads = numericGradients(at: [Tensor([1, 2]), Tensor([3])]) { $0[0].dot($0[0]) * $0[1][0] }
        assertClose(grads[0], Tensor([6, 12]), tolerance: 1e-8)
        assertClose(grads[1], Tensor([5]), tolerance: 1e-8)
    }
}

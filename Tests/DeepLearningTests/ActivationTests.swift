import XCTest
import Foundation
import TensorCore
@testable import DeepLearning

final class ActivationTests: XCTestCase {
    /// Away from 0 so the kinked activations are differentiable at every sample point.
    private let x = Tensor([[-2.3, -0.7, 0.4, 1.9], [0.9, -1.4, 2.2, -0.2], [-0.05, 0.3, -3.1, 1.1]])

    func testDerivativesMatchCentredDifferences() {
        let cases: [(String, (Tensor) -> Tensor, (Tensor) -> Tensor)] = [
            ("sigmoid", sigmoid, sigmoidDerivative),
            ("tanh", tanh, tanhDerivative),
            ("relu", relu, reluDerivative),
            ("leaky relu", { leakyReLU($0) }, { leakyReLUDerivative($0) }),
            ("swish β=1.7", { swish($0, beta: 1.7) }, { swishDerivative($0, beta: 1.7) }),
        ]
        for (name, f, derivative) in cases {
            let numeric = x.map { v in numericDerivative(at: v) { f(Tensor([$0])).scalars[0] } }
            XCTAssertLessThan(relativeError(derivative(x), numeric), 1e-8, name)
        }
        let numericBeta = x.map { v in numericDerivative(at: 1.7) { swish(Tensor([v]), beta: $0).scalars[0] } }
        XCTAssertLessThan(relativeError(swishBetaDerivative(x, beta: 1.7), numericBeta), 1e-7, "swish dβ")
    }

    func testValues() {
        XCTAssertEqual(sigmoid(0), 0.5)
        XCTAssertEqual(sigmoid(Tensor([-1000, 1000])).scalars, [0, 1])
        XCTAssertTrue(sigmoid(Tensor([-800, -50, 50, 800])).isFinite)
        XCTAssertEqual(sigmoid(-40), Foundation.exp(-40) / (1 + Foundation.exp(-40)), accuracy: 1e-30)
        XCTAssertEqual(relu(Tensor([-1, 0, 2])).scalars, [0, 0, 2])
        XCTAssertEqual(leakyReLU(Tensor([-1, 3])).scalars, [-0.01, 3])
        XCTAssertEqual(LeakyReLU().slope, 0.01)
        XCTAssertEqual(swish(Tensor([2]), beta: 0).scalars, [1], "β = 0 gives x/2")
        assertClose(swish(Tensor([-3, 2]), beta: 200), Tensor([0, 2]), tolerance: 1e-12, "β → ∞ gives relu")
    }

    func testSoftmaxIsStable() {
        let logits = Tensor([[1000, 1001, 999], [-1000, -1000, -1000]])
        let p = softmax(logits)
        XCTAssertTrue(p.isFinite)
        assertClose(p.sum(axis: 1), Tensor([1, 1]), tolerance: 1e-15, "rows sum to 1")
        assertClose(p.row(0), softmax(Tensor([[0, 1, -1]])).row(0), tolerance: 1e-15, "shift invariance")
        let logP = logSoftmax(logits)
        XCTAssertTrue(logP.isFinite)
        assertClose(logP, p.map { Foundation.log($0) }, tolerance: 1e-12, "log softmax = log(softmax)")
        XCTAssertTrue(logSoftmax(Tensor([[0, 2000]])).isFinite, "no log(0)")
    }

    func testLayerGradientChecks() {
        assertLayerGradientCheck(Sigmoid(), input: x, threshold: 1e-8)
        assertLayerGradientCheck(Tanh(), input: x, threshold: 1e-8)
        assertLayerGradientCheck(ReLU(), input: x, threshold: 1e-8)
        assertLayerGradientCheck(LeakyReLU(slope: 0.1), input: x, threshold: 1e-8)
        assertLayerGradientCheck(Swish(beta: 1.3), input: x, threshold: 1e-8)
        assertLayerGradientCheck(Swish(beta: 0.8, trainable: false), input: x, threshold: 1e-8)
        assertLayerGradientCheck(Softmax(), input: x, threshold: 1e-7)
        assertLayerGradientCheck(LogSoftmax(), input: x, threshold: 1e-7)
        assertLayerGradientCheck(Softmax(), input: randomTensor([2, 3, 4], seed: 61), threshold: 1e-7)
        XCTAssertEqual(Swish().parameterNames, ["beta"])
    }
}

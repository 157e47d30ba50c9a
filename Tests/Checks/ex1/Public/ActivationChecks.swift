import XCTest
import Foundation
import TensorCore
import CheckSupport
import Ex1

/// ex1.3: activations and their derivatives.
final class ActivationChecks: XCTestCase {
    let points = Tensor([-3, -1, -0.25, 0.5, 2])

    func testSigmoid() {
        expectClose(Ex1.sigmoid(Tensor([0, 2, -2])), Tensor([0.5, 0.8807970779778823, 0.11920292202211755]),
                    tolerance: 1e-12, "sigmoid at [0, 2, −2]")
        let extreme = Ex1.sigmoid(Tensor([-1000, 1000]))
        expectClose(extreme, Tensor([0, 1]), tolerance: 1e-12, "sigmoid at ±1000 (must not overflow to NaN)")
    }

    func testTanhAndRelu() {
        expectClose(Ex1.tanhActivation(Tensor([0, 1])), Tensor([0, 0.7615941559557649]), tolerance: 1e-12, "tanhActivation at [0, 1]")
        expectClose(Ex1.relu(Tensor([-2, 0, 3])), Tensor([0, 0, 3]), "relu at [−2, 0, 3]")
        expectClose(Ex1.leakyRelu(Tensor([-2, 3]), slope: 0.1), Tensor([-0.2, 3]), tolerance: 1e-12, "leakyRelu at [−2, 3] with slope 0.1")
        expectClose(Ex1.swish(Tensor([1]), beta: 1), Tensor([0.7310585786300049]), tolerance: 1e-12, "swish(1) with β = 1")
    }

    /// Each derivative against centred differences at points away from the kinks.
    func testDerivatives() {
        let cases: [(String, (Tensor) -> Tensor, (Tensor) -> Tensor)] = [
            ("sigmoid", Ex1.sigmoid, Ex1.sigmoidDerivative),
            ("tanh", Ex1.tanhActivation, Ex1.tanhDerivative),
            ("relu", Ex1.relu, Ex1.reluDerivative),
            ("leakyRelu (slope 0.2)", { Ex1.leakyRelu($0, slope: 0.2) }, { Ex1.leakyReluDerivative($0, slope: 0.2) }),
            ("swish (β = 1)", { Ex1.swish($0, beta: 1) }, { Ex1.swishDerivative($0, beta: 1) }),
        ]
        for (name, f, derivative) in cases {
            let analytic = derivative(points)
            // Element-wise functions: the derivative at each point is d/dx of that element alone.
            let numeric = numericGradient(at: points) { f($0).sum() }
            guard expectGradient(analytic, matches: numeric, parameter: "x, derivative of \(name)", tolerance: 1e-7) else { return }
        }
    }

    /// β scales the input of σ, so it appears twice in the derivative.
    func testSwishBeta() {
        let beta = 2.5
        let analytic = Ex1.swishDerivative(points, beta: beta)
        let numeric = numericGradient(at: points) { Ex1.swish($0, beta: beta).sum() }
        expectGradient(analytic, matches: numeric, parameter: "x, derivative of swish with β = 2.5", tolerance: 1e-7)
        // Large β: swish approaches relu.
        expectClose(Ex1.swish(Tensor([-2, -0.5, 0.5, 2]), beta: 200), Tensor([0, 0, 0.5, 2]), tolerance: 1e-12,
                    "swish with β = 200 (should be close to relu)")
    }
}

import Testing
import Foundation
import TensorCore
import CheckSupport
import Ex1

/// The activations of ex1.3, each with its oracle: the formula, written out here.
enum Activation: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sigmoid, tanh, relu, leakyRelu, swish

    var testDescription: String { rawValue }

    /// What the derivative is checked as, in words.
    var name: String {
        switch self {
        case .leakyRelu: return "leakyRelu (slope 0.2)"
        case .swish: return "swish (default β = 1)"
        default: return rawValue
        }
    }

    /// The oracle forward pass, one scalar at a time.
    func oracle(_ z: Double) -> Double {
        switch self {
        case .sigmoid: return 1 / (1 + exp(-z))
        case .tanh: return Foundation.tanh(z)
        case .relu: return max(0, z)
        case .leakyRelu: return z > 0 ? z : 0.2 * z
        case .swish: return z / (1 + exp(-z))
        }
    }

    /// The student's derivative at `x`.
    func studentDerivative(_ x: Tensor) -> Tensor {
        switch self {
        case .sigmoid: return Ex1.sigmoidDerivative(x)
        case .tanh: return Ex1.tanhDerivative(x)
        case .relu: return Ex1.reluDerivative(x)
        case .leakyRelu: return Ex1.leakyReluDerivative(x, slope: 0.2)
        case .swish: return Ex1.swishDerivative(x)
        }
    }
}

/// ex1.3: activations and their derivatives.
@Suite struct ActivationChecks {
    let points = Tensor([-3, -1, -0.25, 0.5, 2])

    @Test func sigmoidValues() {
        let (values, extreme) = student { (Ex1.sigmoid(Tensor([0, 2, -2])), Ex1.sigmoid(Tensor([-1000, 1000]))) }
        expectClose(values, Tensor([0.5, 0.8807970779778823, 0.11920292202211755]), tolerance: 1e-12, "sigmoid at [0, 2, −2]")
        expectClose(extreme, Tensor([0, 1]), tolerance: 1e-12, "sigmoid at ±1000 (must not overflow to NaN)")
    }

    @Test func tanhReluLeakySwishValues() {
        // leakyRelu and swish are called once without their defaulted argument: the defaults are documented.
        let (tanh, relu, leaky, leakyDefault, swish) = student {
            (Ex1.tanhActivation(Tensor([0, 1])), Ex1.relu(Tensor([-2, 0, 3])),
             Ex1.leakyRelu(Tensor([-2, 0.5, 3]), slope: 0.1), Ex1.leakyRelu(Tensor([-2, 0.5, 3])),
             Ex1.swish(Tensor([1, -2, 0.5])))
        }
        expectClose(tanh, Tensor([0, 0.7615941559557649]), tolerance: 1e-12, "tanhActivation at [0, 1]")
        expectClose(relu, Tensor([0, 0, 3]), "relu at [−2, 0, 3]")
        expectClose(leaky, Tensor([-0.2, 0.5, 3]), tolerance: 1e-12, "leakyRelu at [−2, 0.5, 3] with slope 0.1")
        expectClose(leakyDefault, Tensor([-0.02, 0.5, 3]), tolerance: 1e-12,
                    "leakyRelu at [−2, 0.5, 3] without a slope (the default slope is 0.01)")
        expectClose(swish, Tensor([1, -2, 0.5]).map { $0 / (1 + exp(-$0)) }, tolerance: 1e-12,
                    "swish at [1, −2, 0.5] without β (the default β is 1: x·σ(x))")
    }

    /// Each derivative against centred differences of the formula, at points away from the kinks:
    /// a parameterized test, one case per activation, every case of which must pass.
    @Test(arguments: Activation.allCases)
    func derivative(of activation: Activation) {
        let analytic = student { activation.studentDerivative(points) }
        // Element-wise functions: the derivative at each point is d/dx of that element alone.
        expectGradient(analytic, matches: numericGradient(at: points) { $0.map(activation.oracle).sum() },
                       parameter: "x, derivative of \(activation.name)", tolerance: 1e-7)
    }

    /// β scales the input of σ, so it appears twice in the derivative.
    @Test func swishBeta() {
        let beta = 2.5
        let (analytic, sharp) = student {
            (Ex1.swishDerivative(points, beta: beta), Ex1.swish(Tensor([-2, -0.5, 0.5, 2]), beta: 200))
        }
        expectGradient(analytic, matches: numericGradient(at: points) { $0.map { z in z / (1 + exp(-beta * z)) }.sum() },
                       parameter: "x, derivative of swish with β = 2.5", tolerance: 1e-7)
        // Large β: swish approaches relu.
        expectClose(sharp, Tensor([0, 0, 0.5, 2]), tolerance: 1e-12, "swish with β = 200 (should be close to relu)")
    }
}

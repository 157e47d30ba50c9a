import XCTest
import Foundation
import TensorCore
import CheckSupport
import Ex2

/// ex2.4: centred differences and the relative error.
final class NumericGradientChecks: XCTestCase {
    /// For a quadratic the centred difference is exact whatever h is; a forward difference is off by c·h.
    func testQuadraticIsExact() {
        var generator = checkGenerator(41)
        let c = Tensor.uniform([2, 3], in: 1...3, using: &generator)
        let d = Tensor.normal([2, 3], using: &generator)
        let x = Tensor.normal([2, 3], using: &generator)
        let f: (Tensor) -> Double = { (c * $0 * $0 + d * $0).sum() }
        let numeric = student { Ex2.centredDifferenceGradient(of: f, at: x, h: 0.1) }
        guard expectShape(numeric, [2, 3], "centredDifferenceGradient of a function of a [2, 3] tensor") else { return }
        expectClose(numeric, 2 * c * x + d, tolerance: 1e-9,
                    "centred difference (h = 0.1) of Σ c·x² + d·x, which is exact for a quadratic (an error near c·h = 0.1–0.3 means a forward difference)")
    }

    /// The classic sigmoid neuron, differentiated numerically with respect to w.
    func testSigmoidNeuron() {
        let x = [-1.0, -2.0]
        let f: (Tensor) -> Double = { w in 1 / (1 + exp(-(w[0] * x[0] + w[1] * x[1] + w[2]))) }
        let analytic = Tensor([-0.19661193324148188, -0.39322386648296376, 0.19661193324148188])
        let (numeric, relativeError) = student {
            let numeric = Ex2.centredDifferenceGradient(of: f, at: Tensor([2, -3, -3]))
            return (numeric, Ex2.maxGradientRelativeError(analytic, numeric))
        }
        guard expectClose(numeric, analytic, tolerance: 1e-9, "centred difference (h = 1e−5) of the classic neuron with respect to w") else { return }
        expectTrue(relativeError < 1e-8,
                   "maxGradientRelativeError(backprop, numeric) for the classic neuron should be below 1e−8, observed \(format(relativeError))")
    }

    func testRelativeError() {
        let (oneThree, opposite, zeros, tiny, worst) = student {
            (Ex2.gradientRelativeError(1, 3), Ex2.gradientRelativeError(-2, 2), Ex2.gradientRelativeError(0, 0),
             Ex2.gradientRelativeError(1e-12, 0),
             Ex2.maxGradientRelativeError(Tensor([[1, 0], [5, -1]]), Tensor([[1, 0], [4, -3]])))
        }
        expectClose(oneThree, 0.5, tolerance: 1e-12, "gradientRelativeError(1, 3) = |1 − 3| / (1 + 3)")
        expectClose(opposite, 1, tolerance: 1e-12, "gradientRelativeError(−2, 2) = 4 / 4 (opposite signs give 1)")
        expectClose(zeros, 0, tolerance: 0,
                    "gradientRelativeError(0, 0) (the floor max(1e−8, …) keeps 0/0 from giving NaN)")
        expectClose(tiny, 1e-4, tolerance: 1e-9,
                    "gradientRelativeError(1e−12, 0) = 1e−12 / max(1e−8, 1e−12)")
        expectClose(worst, 0.5, tolerance: 1e-12,
                    "maxGradientRelativeError: the worst of [0, 0, 1/9, 2/4]")
    }
}

import XCTest
import Foundation
import TensorCore
import CheckSupport
import Ex2

/// Hidden checks for ex2: seeded random inputs with the formulas as the oracle.
final class Ex2HiddenChecks: XCTestCase {
    func testForwardRandom() {
        var generator = checkGenerator(201)
        for trial in 0..<4 {
            let w = Tensor.normal([3], standardDeviation: 2, using: &generator)
            let x = Tensor.normal([2], standardDeviation: 2, using: &generator)
            let o = student { stageValues(Ex2.neuronForward(w: w, x: x)) }
            let e = HandStages(w, x)
            let what = "neuronForward, trial \(trial), w = \(preview(w)), x = \(preview(x))"
            guard expectEqual(o.count, 8, "\(what): number of stages"),
                  expectClose(o[0], e.t0, tolerance: 1e-12, "\(what): t0"),
                  expectClose(o[1], e.t1, tolerance: 1e-12, "\(what): t1"),
                  expectClose(o[2], e.t01, tolerance: 1e-12, "\(what): t01"),
                  expectClose(o[3], e.dot, tolerance: 1e-12, "\(what): dot"),
                  expectClose(o[4], e.negated, tolerance: 1e-12, "\(what): negated"),
                  expectClose(o[5], e.exponential, tolerance: 1e-12, "\(what): exponential"),
                  expectClose(o[6], e.denominator, tolerance: 1e-12, "\(what): denominator"),
                  expectClose(o[7], e.f, tolerance: 1e-12, "\(what): f")
            else { return }
        }
    }

    func testBackwardRandom() {
        var generator = checkGenerator(202)
        for trial in 0..<4 {
            let w = Tensor.normal([3], using: &generator)
            let x = Tensor.normal([2], using: &generator)
            let upstream = generator.uniform(in: -3 ... -0.3)
            let s = HandStages(w, x)
            let (dDenominator, dExponential, dNegated, dDotO, dw, dx) = student {
                let g = Ex2.neuronBackward(s.studentStages, w: w, x: x, upstream: upstream)
                return (g.dDenominator, g.dExponential, g.dNegated, g.dDot, g.dw, g.dx)
            }
            let what = "neuronBackward, trial \(trial), upstream \(format(upstream))"
            let dDot = upstream * s.f * (1 - s.f)
            guard expectClose(dDenominator, -upstream / (s.denominator * s.denominator), tolerance: 1e-12, "\(what): dDenominator"),
                  expectClose(dExponential, -upstream / (s.denominator * s.denominator), tolerance: 1e-12, "\(what): dExponential"),
                  expectClose(dNegated, -dDot, tolerance: 1e-12, "\(what): dNegated"),
                  expectClose(dDotO, dDot, tolerance: 1e-12, "\(what): dDot (= upstream·f·(1 − f))"),
                  expectClose(dw, Tensor([x[0] * dDot, x[1] * dDot, dDot]), tolerance: 1e-12, "\(what): dw"),
                  expectClose(dx, Tensor([w[0] * dDot, w[1] * dDot]), tolerance: 1e-12, "\(what): dx")
            else { return }
        }
    }

    func testForkRandom() {
        var generator = checkGenerator(203)
        for x in [-3.7, -2.0, 0.4, 2.5] {
            let upstream = generator.uniform(in: 0.2...2.5)
            let (f, dx, contributions) = student {
                let r = Ex2.cubeThroughFork(x, upstream: upstream)
                return (r.f, r.dx, r.contributions)
            }
            let a = x + 2
            guard expectClose(f, a * a * a, tolerance: 1e-12, "f = (x + 2)³ at x = \(format(x))"),
                  expectEqual(contributions.count, 3, "number of contributions at x = \(format(x))"),
                  expectClose(Tensor(contributions), Tensor(shape: [3], repeating: a * a * upstream), tolerance: 1e-12,
                              "contributions to ∂L/∂a at x = \(format(x)), upstream \(format(upstream)) (each is a²·upstream)"),
                  expectClose(dx, 3 * a * a * upstream, tolerance: 1e-12,
                              "∂L/∂x at x = \(format(x)), upstream \(format(upstream)) (3(x + 2)²·upstream)")
            else { return }
        }
    }

    /// Strong curvature (e^(3x)): a forward difference is off by about 1.5e−5 relative, a centred one by 1e−10.
    func testCurvature() {
        var generator = checkGenerator(204)
        let x = Tensor.uniform([3, 2], in: -1...1, using: &generator)
        let numeric = student { Ex2.centredDifferenceGradient(of: { $0.map { exp(3 * $0) }.sum() }, at: x) }
        expectGradient(x.map { 3 * exp(3 * $0) }, matches: numeric, parameter: "x of Σ e^(3x) on a [3, 2] tensor, h = 1e−5 (analytic vs your numeric gradient)", tolerance: 1e-8)
    }

    /// The centred difference of x³ with step h is exactly 3x² + h²: the step must be the one passed.
    func testStepIsUsed() {
        var generator = checkGenerator(205)
        let x = Tensor.uniform([4], in: -2...2, using: &generator)
        let h = 0.01
        let numeric = student { Ex2.centredDifferenceGradient(of: { ($0 * $0 * $0).sum() }, at: x, h: h) }
        expectClose(numeric, x.map { 3 * $0 * $0 + h * h }, tolerance: 1e-9,
                    "centred difference of Σ x³ with h = 0.01 (exactly 3x² + h²; is h the one passed?)")
    }

    func testRelativeErrorRandom() {
        var generator = checkGenerator(206)
        let a = Tensor.normal([3, 4], using: &generator)
        let n = a + Tensor.normal([3, 4], standardDeviation: 0.1, using: &generator)
        let (errors, worstObserved, zeros, tiny) = student {
            (zip(a.scalars, n.scalars).map { Ex2.gradientRelativeError($0, $1) },
             Ex2.maxGradientRelativeError(a, n),
             Ex2.maxGradientRelativeError(Tensor.zeros([2, 3]), Tensor.zeros([2, 3])),
             Ex2.gradientRelativeError(3e-9, -1e-9))
        }
        var worst = 0.0
        guard expectEqual(errors.count, a.count, "number of gradientRelativeError results") else { return }
        for ((p, q), observed) in zip(zip(a.scalars, n.scalars), errors) {
            let e = abs(p - q) / max(1e-8, abs(p) + abs(q))
            guard expectClose(observed, e, tolerance: 1e-12, "gradientRelativeError(\(format(p)), \(format(q)))") else { return }
            worst = max(worst, e)
        }
        expectClose(worstObserved, worst, tolerance: 1e-12, "maxGradientRelativeError on [3, 4] gradients")
        expectClose(zeros, 0, tolerance: 0,
                    "maxGradientRelativeError of two zero gradients (0, not NaN)")
        expectClose(tiny, 0.4, tolerance: 1e-9, "gradientRelativeError(3e−9, −1e−9) = 4e−9 / max(1e−8, 4e−9)")
    }
}

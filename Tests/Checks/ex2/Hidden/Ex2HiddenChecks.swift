import XCTest
import Foundation
import TensorCore
import CheckSupport
import Ex2

fileprivate func stagesByHand(_ w: Tensor, _ x: Tensor) -> NeuronStages {
    let t0 = w[0] * x[0], t1 = w[1] * x[1]
    let dot = t0 + t1 + w[2]
    let e = exp(-dot)
    return NeuronStages(t0: t0, t1: t1, t01: t0 + t1, dot: dot, negated: -dot, exponential: e, denominator: e + 1, f: 1 / (e + 1))
}

/// Hidden checks for ex2: seeded random inputs with the formulas as the oracle.
final class Ex2HiddenChecks: XCTestCase {
    func testForwardRandom() {
        var generator = checkGenerator(201)
        for trial in 0..<4 {
            let w = Tensor.normal([3], standardDeviation: 2, using: &generator)
            let x = Tensor.normal([2], standardDeviation: 2, using: &generator)
            let o = Ex2.neuronForward(w: w, x: x), e = stagesByHand(w, x)
            let what = "neuronForward, trial \(trial), w = \(preview(w)), x = \(preview(x))"
            guard expectClose(o.t0, e.t0, tolerance: 1e-12, "\(what): t0"),
                  expectClose(o.t1, e.t1, tolerance: 1e-12, "\(what): t1"),
                  expectClose(o.t01, e.t01, tolerance: 1e-12, "\(what): t01"),
                  expectClose(o.dot, e.dot, tolerance: 1e-12, "\(what): dot"),
                  expectClose(o.negated, e.negated, tolerance: 1e-12, "\(what): negated"),
                  expectClose(o.exponential, e.exponential, tolerance: 1e-12, "\(what): exponential"),
                  expectClose(o.denominator, e.denominator, tolerance: 1e-12, "\(what): denominator"),
                  expectClose(o.f, e.f, tolerance: 1e-12, "\(what): f")
            else { return }
        }
    }

    func testBackwardRandom() {
        var generator = checkGenerator(202)
        for trial in 0..<4 {
            let w = Tensor.normal([3], using: &generator)
            let x = Tensor.normal([2], using: &generator)
            let upstream = generator.uniform(in: -3 ... -0.3)
            let s = stagesByHand(w, x)
            let g = Ex2.neuronBackward(s, w: w, x: x, upstream: upstream)
            let what = "neuronBackward, trial \(trial), upstream \(format(upstream))"
            let dDot = upstream * s.f * (1 - s.f)
            guard expectClose(g.dDenominator, -upstream / (s.denominator * s.denominator), tolerance: 1e-12, "\(what): dDenominator"),
                  expectClose(g.dExponential, -upstream / (s.denominator * s.denominator), tolerance: 1e-12, "\(what): dExponential"),
                  expectClose(g.dNegated, -dDot, tolerance: 1e-12, "\(what): dNegated"),
                  expectClose(g.dDot, dDot, tolerance: 1e-12, "\(what): dDot (= upstream·f·(1 − f))"),
                  expectClose(g.dw, Tensor([x[0] * dDot, x[1] * dDot, dDot]), tolerance: 1e-12, "\(what): dw"),
                  expectClose(g.dx, Tensor([w[0] * dDot, w[1] * dDot]), tolerance: 1e-12, "\(what): dx")
            else { return }
        }
    }

    func testForkRandom() {
        var generator = checkGenerator(203)
        for x in [-3.7, -2.0, 0.4, 2.5] {
            let upstream = generator.uniform(in: 0.2...2.5)
            let r = Ex2.cubeThroughFork(x, upstream: upstream)
            let a = x + 2
            guard expectClose(r.f, a * a * a, tolerance: 1e-12, "f = (x + 2)³ at x = \(format(x))"),
                  expectEqual(r.contributions.count, 3, "number of contributions at x = \(format(x))"),
                  expectClose(Tensor(r.contributions), Tensor(shape: [3], repeating: a * a * upstream), tolerance: 1e-12,
                              "contributions to ∂L/∂a at x = \(format(x)), upstream \(format(upstream)) (each is a²·upstream)"),
                  expectClose(r.dx, 3 * a * a * upstream, tolerance: 1e-12,
                              "∂L/∂x at x = \(format(x)), upstream \(format(upstream)) (3(x + 2)²·upstream)")
            else { return }
        }
    }

    /// Strong curvature (e^(3x)): a forward difference is off by about 1.5e−5 relative, a centred one by 1e−10.
    func testCurvature() {
        var generator = checkGenerator(204)
        let x = Tensor.uniform([3, 2], in: -1...1, using: &generator)
        let numeric = Ex2.centredDifferenceGradient(of: { $0.map { exp(3 * $0) }.sum() }, at: x)
        expectGradient(x.map { 3 * exp(3 * $0) }, matches: numeric, parameter: "x of Σ e^(3x) on a [3, 2] tensor, h = 1e−5 (analytic vs your numeric gradient)", tolerance: 1e-8)
    }

    /// The centred difference of x³ with step h is exactly 3x² + h²: the step must be the one passed.
    func testStepIsUsed() {
        var generator = checkGenerator(205)
        let x = Tensor.uniform([4], in: -2...2, using: &generator)
        let h = 0.01
        let numeric = Ex2.centredDifferenceGradient(of: { ($0 * $0 * $0).sum() }, at: x, h: h)
        expectClose(numeric, x.map { 3 * $0 * $0 + h * h }, tolerance: 1e-9,
                    "centred difference of Σ x³ with h = 0.01 (exactly 3x² + h²; is h the one passed?)")
    }

    func testRelativeErrorRandom() {
        var generator = checkGenerator(206)
        let a = Tensor.normal([3, 4], using: &generator)
        let n = a + Tensor.normal([3, 4], standardDeviation: 0.1, using: &generator)
        var worst = 0.0
        for (p, q) in zip(a.scalars, n.scalars) {
            let e = abs(p - q) / max(1e-8, abs(p) + abs(q))
            guard expectClose(Ex2.gradientRelativeError(p, q), e, tolerance: 1e-12, "gradientRelativeError(\(format(p)), \(format(q)))") else { return }
            worst = max(worst, e)
        }
        expectClose(Ex2.maxGradientRelativeError(a, n), worst, tolerance: 1e-12, "maxGradientRelativeError on [3, 4] gradients")
        expectClose(Ex2.maxGradientRelativeError(Tensor.zeros([2, 3]), Tensor.zeros([2, 3])), 0, tolerance: 0,
                    "maxGradientRelativeError of two zero gradients (0, not NaN)")
        expectClose(Ex2.gradientRelativeError(3e-9, -1e-9), 0.4, tolerance: 1e-9, "gradientRelativeError(3e−9, −1e−9) = 4e−9 / max(1e−8, 4e−9)")
    }
}

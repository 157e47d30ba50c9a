import XCTest
import Foundation
import TensorCore
import CheckSupport
import Ex2

/// The stages of the sigmoid neuron, computed here by hand so that the ex2.2 checks do not
/// depend on the student's ex2.1.
fileprivate func stagesByHand(_ w: Tensor, _ x: Tensor) -> NeuronStages {
    let t0 = w[0] * x[0], t1 = w[1] * x[1]
    let dot = t0 + t1 + w[2]
    let e = exp(-dot)
    return NeuronStages(t0: t0, t1: t1, t01: t0 + t1, dot: dot, negated: -dot, exponential: e, denominator: e + 1, f: 1 / (e + 1))
}

/// Compares every stage, naming the first one that is wrong.
@discardableResult
fileprivate func expectStages(_ observed: NeuronStages, _ expected: NeuronStages, tolerance: Double, _ what: String,
                              file: StaticString = #filePath, line: UInt = #line) -> Bool {
    let pairs: [(String, Double, Double)] = [
        ("t0 = w0·x0", observed.t0, expected.t0), ("t1 = w1·x1", observed.t1, expected.t1),
        ("t01 = t0 + t1", observed.t01, expected.t01), ("dot = t01 + w2", observed.dot, expected.dot),
        ("negated = −dot", observed.negated, expected.negated), ("exponential = e^negated", observed.exponential, expected.exponential),
        ("denominator = exponential + 1", observed.denominator, expected.denominator), ("f = 1/denominator", observed.f, expected.f),
    ]
    for (stage, o, e) in pairs {
        guard expectClose(o, e, tolerance: tolerance, "\(what), stage \(stage)", file: file, line: line) else { return false }
    }
    return true
}

/// ex2.1 (staged forward) and ex2.2 (staged backward) of f(w, x) = σ(w0·x0 + w1·x1 + w2).
final class NeuronChecks: XCTestCase {
    let classicW = Tensor([2, -3, -3]), lectureW = Tensor([0, -3, -3]), x = Tensor([-1, -2])

    // MARK: ex2.1

    func testClassicStages() {
        let stages = Ex2.neuronForward(w: classicW, x: x)
        let e = exp(-1.0)
        let expected = NeuronStages(t0: -2, t1: 6, t01: 4, dot: 1, negated: -1, exponential: e, denominator: 1 + e, f: 1 / (1 + e))
        guard expectStages(stages, expected, tolerance: 1e-12, "neuronForward at w = [2, −3, −3], x = [−1, −2]") else { return }
        expectClose(stages.f, 0.7311, tolerance: 1e-4, "f at the classic inputs (the lecture's 0.7311)")
    }

    func testLectureStages() {
        let stages = Ex2.neuronForward(w: lectureW, x: x)
        let e = exp(-3.0)
        let expected = NeuronStages(t0: 0, t1: 6, t01: 6, dot: 3, negated: -3, exponential: e, denominator: 1 + e, f: 1 / (1 + e))
        guard expectStages(stages, expected, tolerance: 1e-12, "neuronForward at w = [0, −3, −3], x = [−1, −2]") else { return }
        expectClose(stages.f, 0.9526, tolerance: 1e-4, "f at the lectures' inputs (0.9526)")
    }

    // MARK: ex2.2

    func testClassicGradients() {
        let g = Ex2.neuronBackward(stagesByHand(classicW, x), w: classicW, x: x)
        let e = exp(-1.0), denominator = 1 + e
        let dDenominator = -1 / (denominator * denominator)
        guard expectClose(g.dDenominator, dDenominator, tolerance: 1e-12, "dDenominator = −1/denominator² (classic inputs)"),
              expectClose(g.dExponential, dDenominator, tolerance: 1e-12, "dExponential (the +1 passes the gradient on unchanged)"),
              expectClose(g.dNegated, e * dDenominator, tolerance: 1e-12, "dNegated = e^negated · dExponential"),
              expectClose(g.dDot, -e * dDenominator, tolerance: 1e-12, "dDot = −dNegated (the negation flips the sign)")
        else { return }
        expectClose(g.dDot, 0.1966, tolerance: 1e-4, "dDot = f(1 − f) at the classic inputs (0.1966)")
        expectClose(g.dw, Tensor([-0.19661193324148188, -0.39322386648296376, 0.19661193324148188]), tolerance: 1e-12,
                    "∂f/∂w at w = [2, −3, −3], x = [−1, −2] (the lecture's [−0.197, −0.393, 0.197])")
        expectClose(g.dx, Tensor([0.39322386648296376, -0.5898357997244457]), tolerance: 1e-12,
                    "∂f/∂x at w = [2, −3, −3], x = [−1, −2] (the lecture's [0.393, −0.590])")
    }

    func testLectureGradients() {
        let g = Ex2.neuronBackward(stagesByHand(lectureW, x), w: lectureW, x: x)
        expectClose(g.dDenominator, -0.9073974670915214, tolerance: 1e-12, "dDenominator at the lectures' inputs (−0.9074)")
        expectClose(g.dDot, 0.045176659730912144, tolerance: 1e-12, "dDot at the lectures' inputs (0.0452)")
        expectClose(g.dw, Tensor([-0.045176659730912144, -0.09035331946182429, 0.045176659730912144]), tolerance: 1e-12,
                    "∂f/∂w at w = [0, −3, −3], x = [−1, −2] ([−0.0452, −0.0904, 0.0452])")
        expectClose(g.dx, Tensor([0, -0.13552997919273643]), tolerance: 1e-12,
                    "∂f/∂x at w = [0, −3, −3], x = [−1, −2] ([0, −0.1355]; ∂f/∂x0 is 0 because w0 = 0)")
    }

    /// A random neuron and a random upstream gradient, against centred differences of upstream·f.
    func testGradientsAgainstNumeric() {
        var generator = checkGenerator(21)
        for _ in 0..<3 {
            let w = Tensor.normal([3], using: &generator)
            let x = Tensor.normal([2], standardDeviation: 1.5, using: &generator)
            let upstream = generator.uniform(in: 0.5...2) * (generator.bernoulli(probability: 0.5) ? 1 : -1)
            let g = Ex2.neuronBackward(stagesByHand(w, x), w: w, x: x, upstream: upstream)
            let numericW = numericGradient(at: w) { upstream * stagesByHand($0, x).f }
            let numericX = numericGradient(at: x) { upstream * stagesByHand(w, $0).f }
            guard expectGradient(g.dw, matches: numericW, parameter: "w (upstream \(format(upstream)), w = \(preview(w)), x = \(preview(x)))", tolerance: 1e-7),
                  expectGradient(g.dx, matches: numericX, parameter: "x (upstream \(format(upstream)), w = \(preview(w)), x = \(preview(x)))", tolerance: 1e-7)
            else { return }
        }
    }
}

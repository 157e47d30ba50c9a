import XCTest
import Foundation
import TensorCore
import CheckSupport
import Ex2

/// Compares every stage the student's code returned (`stageValues`, in the order of
/// `HandStages.named`) with the oracle's, naming the first one that is wrong.
@discardableResult
func expectStages(_ observed: [Double], _ expected: HandStages, tolerance: Double, _ what: String,
                  file: StaticString = #filePath, line: UInt = #line) -> Bool {
    let pairs = expected.named
    guard expectEqual(observed.count, pairs.count, "\(what): number of stages", file: file, line: line) else { return false }
    for ((stage, e), o) in zip(pairs, observed) {
        guard expectClose(o, e, tolerance: tolerance, "\(what), stage \(stage)", file: file, line: line) else { return false }
    }
    return true
}

/// ex2.1 (staged forward) and ex2.2 (staged backward) of f(w, x) = σ(w0·x0 + w1·x1 + w2).
final class NeuronChecks: XCTestCase {
    let classicW = Tensor([2, -3, -3]), lectureW = Tensor([0, -3, -3]), x = Tensor([-1, -2])

    // MARK: ex2.1

    func testClassicStages() {
        let stages = student { stageValues(Ex2.neuronForward(w: classicW, x: x)) }
        let e = exp(-1.0)
        let expected = HandStages(t0: -2, t1: 6, t01: 4, dot: 1, negated: -1, exponential: e, denominator: 1 + e, f: 1 / (1 + e))
        guard expectStages(stages, expected, tolerance: 1e-12, "neuronForward at w = [2, −3, −3], x = [−1, −2]") else { return }
        expectClose(stages[7], 0.7311, tolerance: 1e-4, "f at the classic inputs (the lecture's 0.7311)")
    }

    func testLectureStages() {
        let stages = student { stageValues(Ex2.neuronForward(w: lectureW, x: x)) }
        let e = exp(-3.0)
        let expected = HandStages(t0: 0, t1: 6, t01: 6, dot: 3, negated: -3, exponential: e, denominator: 1 + e, f: 1 / (1 + e))
        guard expectStages(stages, expected, tolerance: 1e-12, "neuronForward at w = [0, −3, −3], x = [−1, −2]") else { return }
        expectClose(stages[7], 0.9526, tolerance: 1e-4, "f at the lectures' inputs (0.9526)")
    }

    // MARK: ex2.2

    func testClassicGradients() {
        let stages = HandStages(classicW, x)
        let (dDenominatorO, dExponentialO, dNegatedO, dDotO, dw, dx) = student {
            let g = Ex2.neuronBackward(stages.studentStages, w: classicW, x: x)
            return (g.dDenominator, g.dExponential, g.dNegated, g.dDot, g.dw, g.dx)
        }
        let e = exp(-1.0), denominator = 1 + e
        let dDenominator = -1 / (denominator * denominator)
        guard expectClose(dDenominatorO, dDenominator, tolerance: 1e-12, "dDenominator = −1/denominator² (classic inputs)"),
              expectClose(dExponentialO, dDenominator, tolerance: 1e-12, "dExponential (the +1 passes the gradient on unchanged)"),
              expectClose(dNegatedO, e * dDenominator, tolerance: 1e-12, "dNegated = e^negated · dExponential"),
              expectClose(dDotO, -e * dDenominator, tolerance: 1e-12, "dDot = −dNegated (the negation flips the sign)")
        else { return }
        expectClose(dDotO, 0.1966, tolerance: 1e-4, "dDot = f(1 − f) at the classic inputs (0.1966)")
        expectClose(dw, Tensor([-0.19661193324148188, -0.39322386648296376, 0.19661193324148188]), tolerance: 1e-12,
                    "∂f/∂w at w = [2, −3, −3], x = [−1, −2] (the lecture's [−0.197, −0.393, 0.197])")
        expectClose(dx, Tensor([0.39322386648296376, -0.5898357997244457]), tolerance: 1e-12,
                    "∂f/∂x at w = [2, −3, −3], x = [−1, −2] (the lecture's [0.393, −0.590])")
    }

    func testLectureGradients() {
        let stages = HandStages(lectureW, x)
        let (dDenominator, dDot, dw, dx) = student {
            let g = Ex2.neuronBackward(stages.studentStages, w: lectureW, x: x)
            return (g.dDenominator, g.dDot, g.dw, g.dx)
        }
        expectClose(dDenominator, -0.9073974670915214, tolerance: 1e-12, "dDenominator at the lectures' inputs (−0.9074)")
        expectClose(dDot, 0.045176659730912144, tolerance: 1e-12, "dDot at the lectures' inputs (0.0452)")
        expectClose(dw, Tensor([-0.045176659730912144, -0.09035331946182429, 0.045176659730912144]), tolerance: 1e-12,
                    "∂f/∂w at w = [0, −3, −3], x = [−1, −2] ([−0.0452, −0.0904, 0.0452])")
        expectClose(dx, Tensor([0, -0.13552997919273643]), tolerance: 1e-12,
                    "∂f/∂x at w = [0, −3, −3], x = [−1, −2] ([0, −0.1355]; ∂f/∂x0 is 0 because w0 = 0)")
    }

    /// A random neuron and a random upstream gradient, against centred differences of upstream·f
    /// (f from the check's own staged forward pass).
    func testGradientsAgainstNumeric() {
        var generator = checkGenerator(21)
        for _ in 0..<3 {
            let w = Tensor.normal([3], using: &generator)
            let x = Tensor.normal([2], standardDeviation: 1.5, using: &generator)
            let upstream = generator.uniform(in: 0.5...2) * (generator.bernoulli(probability: 0.5) ? 1 : -1)
            let stages = HandStages(w, x)
            let (dw, dx) = student {
                let g = Ex2.neuronBackward(stages.studentStages, w: w, x: x, upstream: upstream)
                return (g.dw, g.dx)
            }
            guard expectGradient(dw, matches: numericGradient(at: w) { upstream * HandStages($0, x).f },
                                 parameter: "w (upstream \(format(upstream)), w = \(preview(w)), x = \(preview(x)))", tolerance: 1e-7),
                  expectGradient(dx, matches: numericGradient(at: x) { upstream * HandStages(w, $0).f },
                                 parameter: "x (upstream \(format(upstream)), w = \(preview(w)), x = \(preview(x)))", tolerance: 1e-7)
            else { return }
        }
    }
}

import XCTest
import Foundation
import TensorCore
@testable import DeepLearning

/// Every number quoted in lectures/L2-losses-and-backprop.md.
final class L2LectureNumbersTests: XCTestCase {
    let note = lecture("L2")

    /// §1 worked example: softmax cross-entropy of z = [2, 1, 0.1], true class 0.
    func testCrossEntropyExample() {
        let z = Tensor([[2, 1, 0.1]])
        let q = softmax(z).scalars
        let (loss, gradient) = softmaxCrossEntropy(logits: z, labels: [0])
        let qs = q.map { fixed($0, 4) }
        assertQuoted("normalise: $q = [" + qs.joined(separator: ", ") + "]$", in: note)
        assertQuoted("$L = -\\ln \(qs[0]) = \(fixed(loss, 4))$", in: note)
        let g = gradient.scalars.map { fixed($0, 4) }
        assertQuoted("$q - y = [\(qs[0]) - 1,\\; \(qs[1]),\\; \(qs[2])] = [" + g.joined(separator: ",\\; ") + "]$", in: note)
    }

    /// §1: MSE example and the residual of 3.
    func testMeanSquaredError() {
        let (loss, gradient) = meanSquaredError(prediction: Tensor([[0.8, 0.3]]), target: Tensor([[1, 0]]))
        let squares = [0.8 - 1, 0.3 - 0].map { short($0 * $0) }
        assertQuoted("gives $L = \\tfrac12(\(squares[0]) + \(squares[1])) = \(short(loss))$", in: note)
        assertQuoted("gradient $[" + gradient.scalars.map { short($0) }.joined(separator: ",\\; ") + "]$", in: note)
        let residual3 = meanSquaredError(prediction: Tensor([3]), target: Tensor([0])).loss
        assertQuoted("(a residual of 3 costs \(short(residual3)))", in: note)
    }

    /// §1: smooth L1 values and continuity at the switch.
    func testSmoothL1() {
        func l(_ d: Double) -> Double { smoothL1(prediction: Tensor([d]), target: Tensor([0])).loss }
        assertQuoted("$\\ell(0.5) = \(short(l(0.5)))$", in: note)
        assertQuoted("$\\ell(3) = \(short(l(3)))$ (instead of \(short(meanSquaredError(prediction: Tensor([3]), target: Tensor([0])).loss)))", in: note)
        // ±1: both branches give ½.
        XCTAssertEqual(l(1), 0.5 * 1 * 1)
        XCTAssertEqual(l(-1), 1 - 0.5)
        XCTAssertEqual(l(1 - 1e-12), 0.5, accuracy: 1e-9)
        assertQuoted("$\\ell(\\pm1) = \(short(l(1)))$ from both", in: note)
        // The threshold is 1 (the default β), as PyTorch's beta = 1.
        assertQuoted("(with threshold \(short(smoothL1(prediction: Tensor([0]), target: Tensor([0])).loss + 1))):", in: note)
    }

    /// The staged sigmoid neuron, built from `Value` nodes so every intermediate gradient is read
    /// off the reference autodiff.
    struct Neuron {
        let t0, t1, t01, t012, nt, e, denom, f: Value
        let w: [Value], x: [Value]
        init(w ws: [Double], x xs: [Double]) {
            w = ws.map { Value($0) }
            x = xs.map { Value($0) }
            t0 = w[0] * x[0]
            t1 = w[1] * x[1]
            t01 = t0 + t1
            t012 = t01 + w[2]
            nt = -t012
            e = nt.exp()
            denom = e + 1
            f = 1 / denom
            f.backward()
        }
        static func function(_ w: [Double], _ x: [Double]) -> Double {
            1 / (1 + exp(-(w[0] * x[0] + w[1] * x[1] + w[2])))
        }
    }

    /// §2: the classic inputs w = [2, −3, −3], x = [−1, −2].
    func testClassicSigmoidNeuron() {
        let n = Neuron(w: [2, -3, -3], x: [-1, -2])
        assertQuoted("$t_0 = 2\\cdot(-1) = \(short(n.t0.data))$", in: note)
        assertQuoted("$t_1 = (-3)(-2) = \(short(n.t1.data))$", in: note)
        assertQuoted("$t_{01} = \(short(n.t01.data))$", in: note)
        assertQuoted("$t_{012} = 4 - 3 = \(short(n.t012.data))$", in: note)
        assertQuoted("$n_t = \(short(n.nt.data))$", in: note)
        assertQuoted("$e = e^{-1} = \(fixed(n.e.data, 4))$", in: note)
        assertQuoted("$\\text{denom} = \(fixed(n.denom.data, 4))$", in: note)
        assertQuoted("$f = 1/\(fixed(n.denom.data, 4)) = \\mathbf{\(fixed(n.f.data, 4))}$", in: note)
        // Backward, in reverse order.
        assertQuoted("$d\\,\\text{denom} = -1/\(fixed(n.denom.data, 4))^2 = \(fixed(n.denom.grad, 4))$", in: note)
        assertQuoted("$de = \(fixed(n.e.grad, 4))$", in: note)
        assertQuoted("$dn_t = e^{-1}\\cdot(\(fixed(n.e.grad, 4))) = \(fixed(n.nt.grad, 4))$", in: note)
        assertQuoted("$dt_{012} = +\(fixed(n.t012.grad, 4))$", in: note)
        XCTAssertEqual(n.w[2].grad, n.t01.grad)
        XCTAssertEqual(n.t0.grad, n.t1.grad)
        XCTAssertEqual(n.t0.grad, n.t01.grad)
        assertQuoted("$dw_2 = dt_{01} = dt_0 = dt_1 = \(fixed(n.w[2].grad, 4))$", in: note)
        assertQuoted("$dw_0 = x_0\\,dt_0 = (-1)(\(fixed(n.t0.grad, 4))) = \(fixed(n.w[0].grad, 4))$", in: note)
        assertQuoted("$dx_0 = w_0\\,dt_0 = 2(\(fixed(n.t0.grad, 4))) = \(fixed(n.x[0].grad, 4))$", in: note)
        assertQuoted("$dw_1 = x_1\\,dt_1 = (-2)(\(fixed(n.t1.grad, 4))) = \(fixed(n.w[1].grad, 4))$", in: note)
        assertQuoted("$dx_1 = w_1\\,dt_1 = (-3)(\(fixed(n.t1.grad, 4))) = \(fixed(n.x[1].grad, 4))$", in: note)
        let dw = n.w.map { fixed($0.grad, 3) }, dx = n.x.map { fixed($0.grad, 3) }
        assertQuoted("$\\partial f/\\partial w = [" + dw.joined(separator: ", ") + "]$", in: note)
        assertQuoted("$\\partial f/\\partial x = [" + dx.joined(separator: ", ") + "]$", in: note)
        let f = n.f.data
        assertQuoted("$f(1-f) = \(fixed(f, 4)) \\cdot \(fixed(1 - f, 4)) = \(fixed(f * (1 - f), 4))$", in: note)
        XCTAssertEqual(f * (1 - f), n.t012.grad, accuracy: 1e-15)

        // The ASCII diagram: values (3 decimals, typographic minus) and input gradients in parentheses.
        let inputs: [(String, Double, Double)] = [("w0 =  2", 2, n.w[0].grad), ("x0 = −1", -1, n.x[0].grad),
                                                  ("w1 = −3", -3, n.w[1].grad), ("x1 = −2", -2, n.x[1].grad)]
        for (label, _, gradient) in inputs {
            assertQuoted("\(label) ──(\(gradient < 0 ? "" : " ")\(fixedU(gradient, 3)))──", in: note)
        }
        assertQuoted("w2 = −3 ──────────( \(fixed(n.w[2].grad, 3)))────", in: note)
        let forwardRow = [n.e.data, n.denom.data, n.f.data].map { fixed($0, 3) }
        assertQuoted("    \(short(n.t012.data))          \(unicodeMinus(short(n.nt.data)))          "
                     + forwardRow.joined(separator: "        "), in: note)
        let backwardRow = [n.nt.grad, n.e.grad, n.denom.grad].map { fixedU($0, 3) }
        assertQuoted("\(fixedU(n.t012.grad, 3))     \(backwardRow[0])      \(backwardRow[1])       \(backwardRow[2])        \(short(n.f.grad))", in: note)
    }

    /// §2: the lectures' inputs w = [0, −3, −3], x = [−1, −2] (the table).
    func testLecturesSigmoidNeuron() {
        let n = Neuron(w: [0, -3, -3], x: [-1, -2])
        assertQuoted("| $t_0 = 0\\cdot(-1)$ | \(short(n.t0.data)) |", in: note)
        assertQuoted("| $t_1 = (-3)(-2)$ | \(short(n.t1.data)) |", in: note)
        assertQuoted("| $t_{01}$ | \(short(n.t01.data)) |", in: note)
        assertQuoted("| $t_{012} = 6 - 3$ | \(short(n.t012.data)) |", in: note)
        assertQuoted("| $n_t$ | \(short(n.nt.data, maxDigits: 0).replacingOccurrences(of: "-", with: "−")) |", in: note)
        assertQuoted("| $e = e^{-3}$ | \(fixed(n.e.data, 4)) |", in: note)
        assertQuoted("| denom | \(fixed(n.denom.data, 4)) |", in: note)
        assertQuoted("| $f$ | **\(fixed(n.f.data, 4))** |", in: note)
        assertQuoted("-1/\\text{denom}^2$ | \(fixedU(n.denom.grad, 4)) |", in: note)
        assertQuoted("| $de$ | \(fixedU(n.e.grad, 4)) |", in: note)
        assertQuoted("| $dn_t = e\\cdot de$ | \(fixedU(n.nt.grad, 4)) |", in: note)
        XCTAssertEqual(n.t012.grad, n.w[2].grad)
        XCTAssertEqual(n.t012.grad, n.t0.grad)
        XCTAssertEqual(n.t012.grad, n.t1.grad)
        assertQuoted("| $dt_{012} = dw_2 = dt_0 = dt_1$ | \(fixedU(n.t012.grad, 4)) |", in: note)
        assertQuoted("| $dw_0 = x_0\\,dt_0$ | \(fixedU(n.w[0].grad, 4)) |", in: note)
        assertQuoted("| $dw_1 = x_1\\,dt_1$ | \(fixedU(n.w[1].grad, 4)) |", in: note)
        assertQuoted("| $dx_0 = w_0\\,dt_0$ | \(fixedU(n.x[0].grad, 4)) |", in: note)
        assertQuoted("| $dx_1 = w_1\\,dt_1$ | \(fixedU(n.x[1].grad, 4)) |", in: note)
        assertQuoted("So $f = \(fixed(n.f.data, 4))$", in: note)
        assertQuoted("$\\partial f/\\partial w = [" + n.w.map { fixed($0.grad, 4) }.joined(separator: ", ") + "]$", in: note)
        assertQuoted("$\\partial f/\\partial x = [" + n.x.map { fixed($0.grad, 4) }.joined(separator: ", ") + "]$", in: note)
        assertQuoted("again $f(1-f) = \(fixed(n.f.data * (1 - n.f.data), 4))$", in: note)
        XCTAssertEqual(n.x[0].grad, 0, "exactly zero because w0 = 0")
        // "every gradient is about four times smaller than in the classic case"
        let classic = Neuron(w: [2, -3, -3], x: [-1, -2])
        let ratio = classic.t012.grad / n.t012.grad
        XCTAssertEqual(ratio.rounded(), 4)
        assertQuoted("about \(["three", "four", "five"][Int(ratio.rounded()) - 3]) times\nsmaller", in: note)
    }

    /// §3: (x + 2)³ at x = 1 with one shared node.
    func testGradientsAddAtForks() {
        let x = Value(1)
        let a = x + 2
        let b = a * a
        let f = b * a
        f.backward()
        assertQuoted("forward: $a = \(short(a.data))$, $b = \(short(b.data))$, $f = \(short(f.data))$", in: note)
        assertQuoted("$db = a\\cdot df = \(short(b.grad))$", in: note)
        let fromF = b.data * f.grad                 // the first contribution to da
        let fromB = a.data * b.grad                  // each of the two inputs of a·a
        assertQuoted("$da \\mathrel{+}= b\\cdot df = \(short(fromF))$", in: note)
        assertQuoted("$3\\cdot3 = \(short(fromB))$", in: note)
        XCTAssertEqual(fromF + 2 * fromB, a.grad)
        assertQuoted("total $da = \(short(fromF)) + \(short(fromB)) + \(short(fromB)) = \(short(a.grad))$", in: note)
        assertQuoted("$dx = da = \(short(x.grad)) = 3(x+2)^2$", in: note)
        // Overwriting instead of accumulating keeps only the last contribution: 9.
        assertQuoted("you get \(short(fromB)) — a third of the truth", in: note)
        assertQuoted("gives \(short(fromB)) instead of\n  \(short(x.grad)))", in: note)
    }

    /// §5: relative error, step, thresholds, and the gradient checks of the two neurons.
    func testGradientCheckNumbers() {
        // The floor of the relative error and the default step.
        XCTAssertEqual(relativeError(1e-9, 0), 1e-9 / 1e-8, accuracy: 1e-15)
        assertQuoted("\\max(\(powerOfTen(1e-8)),\\ |a| + |n|)", in: note)
        assertQuoted("the floor of $\(powerOfTen(1e-8))$ keeps", in: note)
        assertQuoted("with $h \\approx \(powerOfTen(defaultGradientCheckStep))$", in: note)
        assertQuoted("agrees to $\(powerOfTen(GradientCheckThreshold.smooth))$ or better", in: note)
        assertQuoted("around $\(powerOfTen(GradientCheckThreshold.withKinks))$ is suspicious", in: note)
        assertQuoted("above\n$10^{-2}$ something is wrong", in: note)
        XCTAssertGreaterThan(1e-2, GradientCheckThreshold.withKinks)

        func check(_ w: [Double]) -> (numeric: Double, error: Double) {
            let x = [-1.0, -2.0]
            let analytic = Neuron(w: w, x: x).w[0].grad
            let numeric = numericDerivative(at: w[0], h: defaultGradientCheckStep) { w0 in Neuron.function([w0, w[1], w[2]], x) }
            return (numeric, relativeError(analytic, numeric))
        }
        let classic = check([2, -3, -3])
        assertQuoted("$h = \(powerOfTen(defaultGradientCheckStep))$ gives\n$\\partial f/\\partial w_0 \\approx \(fixed(classic.numeric, 11))$", in: note)
        assertQuoted("a relative error of $\(sci(classic.error, 1))$ against", in: note)
        let lectures = check([0, -3, -3])
        assertQuoted("for the lectures' inputs $\(sci(lectures.error, 1))$", in: note)
        // Pitfalls: h = 1e−10 drowns in round-off; 1e−5 to 1e−6 is a good range.
        let tooSmall = numericDerivative(at: 2, h: 1e-10) { w0 in Neuron.function([w0, -3, -3], [-1, -2]) }
        XCTAssertGreaterThan(relativeError(Neuron(w: [2, -3, -3], x: [-1, -2]).w[0].grad, tooSmall), 100 * classic.error)
        assertQuoted("$h = 10^{-10}$ drowns in\n  round-off; $10^{-5}$–$10^{-6}$ is a good range", in: note)
    }
}

import XCTest
import Foundation
import TensorCore
@testable import DeepLearning

/// Every number quoted in lectures/L2-losses-and-backprop.md.
final class L2LectureNumbersTests: XCTestCase {
    let note = lecture("L2")

    /// §1: cross-entropy is 0 when the true class gets probability 1; log(softmax) gives −∞ once
    /// q_c underflows, log-softmax does not.
    func testCrossEntropyLimits() {
        let sure = Tensor([[1000, 0]])
        let loss = softmaxCrossEntropy(logits: sure, labels: [0]).loss
        let p = softmax(sure).scalars[0]
        XCTAssertEqual(p, 1)
        XCTAssertEqual(loss, 0)
        assertQuoted("$L = \(short(loss))$ when the network puts probability \(short(p)) on the right\nclass", in: note)
        let hopeless = Tensor([[-1000, 0]])
        let qc = softmax(hopeless).scalars[0]
        XCTAssertEqual(qc, 0, "q_c underflows")
        XCTAssertEqual(log(qc), -.infinity)
        XCTAssertEqual(logSoftmax(hopeless).scalars[0], -1000, "log-softmax stays finite")
        assertQuoted("the latter gives $\\log \(short(qc)) = -\\infty$ as soon as $q_c$ underflows", in: note)
    }

    /// §1 worked example: softmax cross-entropy of z = [2, 1, 0.1], true class 0.
    func testCrossEntropyExample() {
        let z = Tensor([[2, 1, 0.1]])
        let label = 0
        assertQuoted("Logits $z = [" + z.scalars.map { short($0) }.joined(separator: ", ") + "]$, true class \(label).", in: note)
        let q = softmax(z).scalars
        let (loss, gradient) = softmaxCrossEntropy(logits: z, labels: [label])
        let qs = q.map { fixed($0, 4) }
        assertQuoted("normalise: $q = [" + qs.joined(separator: ", ") + "]$", in: note)
        assertQuoted("$L = -\\ln \(qs[0]) = \(fixed(loss, 4))$", in: note)
        let g = gradient.scalars.map { fixed($0, 4) }
        assertQuoted("$q - y = [\(qs[0]) - 1,\\; \(qs[1]),\\; \(qs[2])] = [" + g.joined(separator: ",\\; ") + "]$", in: note)
    }

    /// §1: MSE example and the residual of 3.
    func testMeanSquaredError() {
        let (y, q) = ([1.0, 0], [0.8, 0.3])
        assertQuoted("Example: $y = [\(short(y[0])),\n\(short(y[1]))]$, $q = [\(short(q[0])), \(short(q[1]))]$ gives", in: note)
        let (loss, gradient) = meanSquaredError(prediction: Tensor([q]), target: Tensor([y]))
        let squares = zip(q, y).map { short(($0 - $1) * ($0 - $1)) }
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
        // The threshold is the default β: the smallest residual where the default gradient stops
        // growing (d below it, sign(d) above), found by bisection.
        var (lo, hi) = (0.0, 100.0)
        for _ in 0..<100 {
            let mid = (lo + hi) / 2
            if smoothL1(prediction: Tensor([mid]), target: Tensor([0])).gradient.scalars[0] < 1 { lo = mid } else { hi = mid }
        }
        let threshold = short(hi)
        for d in stride(from: -3.0, through: 3.0, by: 0.25) {
            XCTAssertEqual(l(d), smoothL1(prediction: Tensor([d]), target: Tensor([0]), beta: hi).loss, accuracy: 1e-12)
        }
        assertQuoted("(with threshold \(threshold)):", in: note)
        assertQuoted("& |d| < \(threshold)\\\\ |d| - \\tfrac12 & |d| \\ge \(threshold)\\end{cases}", in: note)
        assertQuoted("d & |d|<\(threshold) \\\\ \\operatorname{sign}(d) & |d|\\ge \(threshold)\\end{cases}", in: note)
        // Conventions: the same threshold, PyTorch's `beta`.
        assertQuoted("**Smooth L1** uses threshold \(threshold), as PyTorch's `SmoothL1Loss` with `beta = \(threshold)`", in: note)
    }

    /// Conventions: MSE is ½Σ_k (y_k − q_k)² per example, gradient q − y; PyTorch's and Keras's
    /// MSE average (y − q)² over the D outputs without the ½, which is a factor 2/D apart.
    func testMeanSquaredErrorConventions() {
        let q = Tensor([[0.2, -1.5, 3.0]]), y = Tensor([[1, 0.5, 2]])
        let (loss, gradient) = meanSquaredError(prediction: q, target: y)
        let d = (q - y).scalars
        let sumOfSquares = d.map { $0 * $0 }.reduce(0, +)
        let factor = loss / sumOfSquares
        XCTAssertEqual(factor, 0.5, accuracy: 1e-15)
        XCTAssertEqual(gradient.scalars, d, "gradient q − y for one example")
        // Per example: a batch of two examples gives the mean of their two losses.
        let other = (Tensor([[0.0, 0, 0]]), Tensor([[1.0, 2, 3]]))
        let pair = meanSquaredError(prediction: Tensor([q.scalars, other.0.scalars]), target: Tensor([y.scalars, other.1.scalars])).loss
        XCTAssertEqual(pair, (loss + meanSquaredError(prediction: other.0, target: other.1).loss) / 2, accuracy: 1e-12)
        assertQuoted("**MSE** follows the lecture: $\(factor == 0.5 ? "\\tfrac12" : short(factor))\\sum_k (y_k - q_k)^2$ per example, gradient $q - y$", in: note)
        // PyTorch / Keras: the mean of (y − q)² over the D outputs, no ½.
        let outputs = Double(d.count)
        let theirs = sumOfSquares / outputs
        assertQuoted("differ by a factor $\(short(theirs / loss * outputs))/D$ for $D$ outputs", in: note)
        assertCited("average $(y-q)^2$ *without* the ½", source: "PyTorch's `MSELoss`", in: note)
        assertCited("average $(y-q)^2$ *without* the ½", source: "Keras's `mean_squared_error`", in: note)
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
        let (ws, xs) = ([2.0, -3, -3], [-1.0, -2])
        assertQuoted("**The classic inputs** $w = \(bracketed(ws))$, $x = \(bracketed(xs))$. Forward:", in: note)
        assertQuoted("w = \(unicodeMinus(bracketed(ws))), x = \(unicodeMinus(bracketed(xs)))\n", in: note)
        let n = Neuron(w: ws, x: xs)
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
        // The internal edges of the two products and the first sum: value above, gradient below.
        assertQuoted("──┐  \(unicodeMinus(short(n.t0.data)))\n", in: note)
        assertQuoted("──┘  \(fixed(n.t0.grad, 3))   │    \(short(n.t01.data))\n", in: note)
        assertQuoted("──┐   \(short(n.t1.data))      │  \(fixed(n.t01.grad, 3))  │    \(short(n.t012.data))", in: note)
        assertQuoted("──┘  \(fixed(n.t1.grad, 3))             │  \(fixed(n.t012.grad, 3))", in: note)
    }

    /// §2: the lectures' inputs w = [0, −3, −3], x = [−1, −2] (the table).
    func testLecturesSigmoidNeuron() {
        let (ws, xs) = ([0.0, -3, -3], [-1.0, -2])
        assertQuoted("**The lectures' inputs** $w = \(bracketed(ws))$, $x = \(bracketed(xs))$ (same procedure", in: note)
        let n = Neuron(w: ws, x: xs)
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
        assertQuoted("$\\partial f/\\partial x_0 = \(short(n.x[0].grad))$ exactly, because the weight\n$w_0$", in: note)
        // "every gradient is about four times smaller than in the classic case"
        let classic = Neuron(w: [2, -3, -3], x: [-1, -2])
        let ratio = classic.t012.grad / n.t012.grad
        XCTAssertEqual(ratio.rounded(), 4)
        assertQuoted("about \(["three", "four", "five"][Int(ratio.rounded()) - 3]) times\nsmaller", in: note)
    }

    /// §3: (x + 2)³ at x = 1 with one shared node.
    func testGradientsAddAtForks() {
        let shift = 2.0
        let x = Value(1)
        let a = x + shift
        let b = a * a
        let f = b * a
        f.backward()
        // a feeds b twice and f once: f = a³.
        let uses = [b, f].flatMap(\.children).filter { $0 === a }.count
        XCTAssertEqual(f.data, pow(a.data, Double(uses)))
        let number = ["zero", "one", "two", "three", "four"]
        let power = "$(x+\(short(shift)))^\(uses)$"
        assertQuoted("**Worked example — \(power) with one shared node.** Stage it as $a = x + \(short(shift))$", in: note)
        assertQuoted("the node $a$ is used \(number[uses]) times. At $x = \(short(x.data))$:", in: note)
        assertQuoted("backward: $df = \(short(f.grad))$; from $f = b\\cdot a$", in: note)
        assertQuoted("forward: $a = \(short(a.data))$, $b = \(short(b.data))$, $f = \(short(f.data))$", in: note)
        assertQuoted("$db = a\\cdot df = \(short(b.grad))$", in: note)
        let fromF = b.data * f.grad                 // the first contribution to da
        let fromB = a.data * b.grad                  // each of the two inputs of a·a
        assertQuoted("$da \\mathrel{+}= b\\cdot df = \(short(fromF))$", in: note)
        assertQuoted("$3\\cdot3 = \(short(fromB))$", in: note)
        XCTAssertEqual(fromF + 2 * fromB, a.grad)
        assertQuoted("total $da = \(short(fromF)) + \(short(fromB)) + \(short(fromB)) = \(short(a.grad))$", in: note)
        assertQuoted("$dx = da = \(short(x.grad)) = 3(x+2)^2$", in: note)
        // Overwriting instead of accumulating keeps only the last contribution: 9, a third of 27.
        let share = ["", "", "half", "third", "quarter"][Int((a.grad / fromB).rounded())]
        XCTAssertEqual(a.grad / fromB, 3)
        assertQuoted("you get \(short(fromB)) — a \(share) of the truth", in: note)
        assertQuoted("the \(power) example gives \(short(fromB)) instead of\n  \(short(x.grad)))", in: note)
        assertQuoted("the \(power) fork", in: note)
    }

    /// §5: relative error, step, thresholds, and the gradient checks of the two neurons.
    func testGradientCheckNumbers() {
        // The floor of the relative error (read off a tiny value against 0) and the default step.
        let floor = 1e-20 / relativeError(1e-20, 0)
        assertQuoted("\\max(\(powerOfTen(floor)),\\ |a| + |n|)", in: note)
        assertQuoted("the floor of $\(powerOfTen(floor))$ keeps", in: note)
        assertQuoted("with $h \\approx \(powerOfTen(defaultGradientCheckStep))$", in: note)
        assertQuoted("agrees to $\(powerOfTen(GradientCheckThreshold.smooth))$ or better", in: note)
        assertQuoted("around $\(powerOfTen(GradientCheckThreshold.withKinks))$ is suspicious", in: note)
        // CS231n's rule of thumb; typical mistakes (sign flipped, a factor ½ confused) land far above it.
        assertCited("above\n$10^{-2}$ something is wrong", source: "CS231n", in: note)
        XCTAssertGreaterThan(1e-2, GradientCheckThreshold.withKinks)
        XCTAssertGreaterThan(relativeError(0.3, -0.3), 1e-2)
        XCTAssertGreaterThan(relativeError(0.6, 0.3), 1e-2)

        func check(_ w: [Double], h: Double = defaultGradientCheckStep) -> (numeric: Double, error: Double) {
            let x = [-1.0, -2.0]
            let analytic = Neuron(w: w, x: x).w[0].grad
            let numeric = numericDerivative(at: w[0], h: h) { w0 in Neuron.function([w0, w[1], w[2]], x) }
            return (numeric, relativeError(analytic, numeric))
        }
        let classic = check([2, -3, -3])
        assertQuoted("$h = \(powerOfTen(defaultGradientCheckStep))$ gives\n$\\partial f/\\partial w_0 \\approx \(fixed(classic.numeric, 11))$", in: note)
        assertQuoted("a relative error of $\(sci(classic.error, 1))$ against", in: note)
        let lectures = check([0, -3, -3])
        assertQuoted("for the lectures' inputs $\(sci(lectures.error, 1))$", in: note)
        // Pitfalls: h = 1e−10 drowns in round-off; for both neurons the two best powers of ten
        // among 10^-1 … 10^-12 are 1e−5 and 1e−6.
        let tooSmall = 1e-10
        XCTAssertGreaterThan(check([2, -3, -3], h: tooSmall).error, 100 * classic.error)
        let best = [[2.0, -3, -3], [0.0, -3, -3]].map { w in
            Set((1...12).sorted { check(w, h: pow(10, -Double($0))).error < check(w, h: pow(10, -Double($1))).error }.prefix(2))
        }
        XCTAssertEqual(best[0], best[1])
        let range = best[0].sorted().map { powerOfTen(pow(10, -Double($0))) }
        assertQuoted("$h = \(powerOfTen(tooSmall))$ drowns in\n  round-off; $\(range[0])$–$\(range[1])$ is a good range", in: note)
    }

    /// §5: the centred difference has an error of order h², the one-sided one of order h: shrinking
    /// h tenfold divides the error by 100 and by 10 (classic neuron, ∂f/∂w0).
    func testDifferenceOrders() {
        let (w, x) = ([2.0, -3, -3], [-1.0, -2])
        let analytic = Neuron(w: w, x: x).w[0].grad
        func f(_ w0: Double) -> Double { Neuron.function([w0, w[1], w[2]], x) }
        func order(_ error: (Double) -> Double) -> Int { Int(log10(error(1e-2) / error(1e-3)).rounded()) }
        let centred = order { h in abs(numericDerivative(at: w[0], h: h, of: f) - analytic) }
        let oneSided = order { h in abs((f(w[0] + h) - f(w[0])) / h - analytic) }
        func power(_ k: Int) -> String { k == 1 ? "$h$" : "$h^\(k)$" }
        assertQuoted("has an error of order \(power(centred)) (the one-sided version only \(power(oneSided)))", in: note)
    }

    /// Pitfalls: softmax overflow at logits ≈ 1000 — exp overflows a Double past ≈ 710, whose order
    /// of magnitude is 1000; the naive formula gives NaN there.
    func testSoftmaxOverflowPitfall() {
        let logit = 1000.0
        XCTAssertEqual(pow(10, log10(log(Double.greatestFiniteMagnitude)).rounded()), logit)
        XCTAssertTrue(exp(logit).isInfinite)
        let e = [logit, logit + 1].map { exp($0) }
        XCTAssertTrue((e[0] / (e[0] + e[1])).isNaN)
        XCTAssertTrue(softmax(Tensor([[logit, logit + 1]])).scalars.allSatisfy(\.isFinite))
        assertQuoted("**Softmax overflow at logits ≈ \(short(logit))**", in: note)
    }
}

import XCTest
import Foundation
import TensorCore
@testable import DeepLearning

/// Every number quoted in lectures/L1-dense-networks.md.
final class L1LectureNumbersTests: XCTestCase {
    let note = lecture("L1")

    /// §3 worked example: a dense net on a 400×400 RGB image (and the pitfall and the exercise
    /// list that repeat it).
    func testDenseNetOnAColourImage() throws {
        // The premises: an RGB image (3 channels) of 400×400, 1,000 hidden units, 10 outputs.
        let (channels, side, hiddenUnits, outputs) = (3, 400, 1000, 10)
        assertQuoted("Take a \(side)×\(side) RGB image, flatten it, feed\nit to a hidden layer of "
                     + "\(grouped(hiddenUnits)) units and then to \(outputs) outputs", in: note)
        let inputs = Flatten().outputShape(for: [1, channels, side, side])[1]
        let hiddenLayer = try LayerSpec.dense(outFeatures: hiddenUnits, bias: false).walk([inputs])
        let outputLayer = try LayerSpec.dense(outFeatures: outputs, bias: false).walk(hiddenLayer.shape)
        let (hidden, output) = (hiddenLayer.parameters, outputLayer.parameters)
        let hiddenBiases = try LayerSpec.dense(outFeatures: hiddenUnits).walk([inputs]).parameters - hidden
        let outputBiases = try LayerSpec.dense(outFeatures: outputs).walk(hiddenLayer.shape).parameters - output
        let withBiases = hidden + output + hiddenBiases + outputBiases
        XCTAssertEqual(hiddenLayer.shape, [hiddenUnits])
        // The table, row by row: the computation (its operands) and the value.
        assertQuoted("| inputs | $\(channels) \\cdot \(side) \\cdot \(side)$ | \(grouped(inputs)) |", in: note)
        assertQuoted("| input → hidden | $\(groupedTeX(inputs)) \\cdot \(groupedTeX(hiddenUnits))$ | \(grouped(hidden)) |", in: note)
        assertQuoted("| hidden → output | $\(groupedTeX(hiddenUnits)) \\cdot \(groupedTeX(outputs))$ | \(grouped(output)) |", in: note)
        assertQuoted("| **total weights** | $\(groupedTeX(hidden)) + \(groupedTeX(output))$ | **\(grouped(hidden + output))** |", in: note)
        assertQuoted("(With the \(grouped(hiddenBiases)) + \(grouped(outputBiases)) biases it would be \(grouped(withBiases)).)", in: note)
        // "Almost half a billion": the nearest half billion, from below.
        XCTAssertEqual((Double(hidden + output) / 5e8).rounded(), 1)
        XCTAssertLessThan(Double(hidden + output), 5e8)
        assertQuoted("Almost half a billion numbers for one\nsmall hidden layer", in: note)
        // Pitfalls repeat both counts, the exercise list the weight count.
        assertQuoted("(\(grouped(hidden + output))\n  vs \(grouped(withBiases)))", in: note)
        assertQuoted("parameter count (\(grouped(hidden + output))), activations", in: note)
    }

    /// §4 table: the ranges of sigmoid and tanh, and the ReLU row.
    func testActivationTable() {
        let grid = (-3000...3000).map { Double($0) / 100 }
        let s = sigmoid(Tensor(grid)).scalars
        XCTAssertTrue(s.allSatisfy { $0 > 0 && $0 < 1 }, "σ stays strictly inside (0, 1)")
        let (sLow, sHigh) = (sigmoid(-40.0), sigmoid(40.0))   // the limits the open interval names
        assertQuoted("outputs in (\(short(sLow)), \(short(sHigh))), always positive; $h' \\le", in: note)
        let t = DeepLearning.tanh(Tensor(grid.map { $0 / 2 })).scalars
        XCTAssertTrue(t.allSatisfy { $0 > -1 && $0 < 1 }, "tanh stays strictly inside (−1, 1)")
        XCTAssertEqual(Foundation.tanh(0.0), 0, "centred: tanh(0) = 0")
        XCTAssertEqual(t, t.reversed().map { -$0 }, "centred: tanh is odd")
        let (tLow, tHigh) = (Foundation.tanh(-40.0), Foundation.tanh(40.0))
        assertQuoted("outputs in (\(unicodeMinus(short(tLow))), \(short(tHigh))), centred", in: note)
        // ReLU: max(0, x), derivative 1 for x > 0 and 0 below.
        XCTAssertEqual(relu(Tensor(grid)).scalars, grid.map { max(0, $0) })
        let d = reluDerivative(Tensor([2, -2])).scalars
        assertQuoted("| ReLU | $\\max(\(short(relu(Tensor([-2])).scalars[0])), x)$ | $\(short(d[0]))$ if $x>0$, else $\(short(d[1]))$ |", in: note)
    }

    /// §4: sigmoid and tanh saturation numbers.
    func testSaturation() {
        let dSigmoid = sigmoidDerivative(Tensor([0, 5])).scalars
        assertQuoted("$\\sigma'(0) = \(short(dSigmoid[0]))$", in: note)
        assertQuoted("$\\sigma'(5) \\approx \(fixed(dSigmoid[1], 4))$", in: note)
        assertQuoted("$0.25^{10} \\approx \(sci(pow(dSigmoid[0], 10), 1))$", in: note)
        // The bounds in the table: max σ' = 0.25 (at 0), max tanh' = 1 (at 0).
        let grid = Tensor((-400...400).map { Double($0) / 100 })
        assertQuoted("$h' \\le \(short(sigmoidDerivative(grid).max()))$", in: note)
        assertQuoted("$h' \\le \(short(tanhDerivative(grid).max()))$", in: note)
        let dTanh = tanhDerivative(Tensor([0, 3])).scalars
        assertQuoted("$\\tanh'(0) = \(short(dTanh[0]))$", in: note)
        assertQuoted("$\\tanh'(3) \\approx \(fixed(dTanh[1], 4))$", in: note)
        // ReLU passes gradients of exactly 1 for positive inputs.
        XCTAssertEqual(reluDerivative(Tensor([0.5, 3])).scalars, [1, 1])
        assertQuoted("ReLU passes gradients of exactly \(short(reluDerivative(Tensor([2])).scalars[0]))", in: note)
    }

    /// §4: the minimum of swish with β = 1, found from the reference derivative.
    func testSwishMinimum() {
        // Bisection on swish'(x) = 0 over [−3, 0] (swish' < 0 left of the minimum).
        var (lo, hi) = (-3.0, 0.0)
        for _ in 0..<80 {
            let mid = (lo + hi) / 2
            if swishDerivative(Tensor([mid])).scalars[0] < 0 { lo = mid } else { hi = mid }
        }
        let xMin = (lo + hi) / 2
        let value = swish(Tensor([xMin])).scalars[0]
        assertQuoted("minimum ≈ \(fixedU(value, 3)) near $x \\approx \(fixed(xMin, 2))$", in: note)
    }

    /// §4: swish's default β (learned or fixed, SiLU) and its step-function limit.
    func testSwishDefaultAndLimit() {
        let layer = Swish()
        XCTAssertTrue(layer.trainable, "β may be learned")
        let xs = Tensor([-2, -0.5, 0.5, 2])
        XCTAssertEqual(swish(xs).scalars, swish(xs, beta: layer.beta).scalars, "the function and the layer share the default")
        assertQuoted("fixed at \(short(layer.beta)) (then it is also called SiLU). With $\\beta = \(short(layer.beta))$ it dips", in: note)
        // σ(βx) for a large β: 0 for x < 0, 1 for x > 0.
        let step = sigmoid(Tensor([-1, 1]) * 10_000).scalars
        assertQuoted("a step function — \(short(step[0])) for $x<0$, \(short(step[1])) for $x>0$", in: note)
    }

    /// §4: the swish table for β = 1, 10, 200 and ReLU.
    func testSwishTable() {
        let xs = Tensor([-1, -0.1, 0.1, 1])
        assertQuoted("| $x$ | " + xs.scalars.map { unicodeMinus(short($0)) }.joined(separator: " | ") + " |", in: note)
        for beta in [1.0, 10, 200] {
            let row = swish(xs, beta: beta).scalars.map { fixedU($0, 4) }
            assertQuoted("| swish, β = \(short(beta)) | " + row.joined(separator: " | ") + " |", in: note)
        }
        let reluRow = relu(xs).scalars.map { short($0) }
        assertQuoted("| ReLU | " + reluRow.joined(separator: " | ") + " |", in: note)
    }

    /// §5: softmax outputs are probabilities, each in [0, 1] (both ends reached in Double) and
    /// summing to 1.
    func testSoftmaxIsADistribution() {
        let rows = Tensor([[2, 1, 0.1], [1000, 1001, 1002], [-3, 0, 40], [0, -1000, 5]])
        let q = softmax(rows).scalars
        XCTAssertTrue(q.allSatisfy { $0 >= 0 && $0 <= 1 })
        let sums = (0..<4).map { r in q[3 * r..<3 * r + 3].reduce(0, +) }
        for sum in sums { XCTAssertEqual(sum, 1, accuracy: 1e-12) }
        let extremes = softmax(Tensor([[0, -1000]])).scalars   // [1, 0]: the interval is closed
        assertQuoted("each in\n$[\(short(extremes[1])), \(short(extremes[0]))]$ and summing to \(short(sums[0]))", in: note)
    }

    /// The textbook formula e^z / Σ e^z, without the shift (what the note warns against).
    private func naiveSoftmax(_ z: [Double]) -> (numerators: [Double], denominator: Double, result: [Double]) {
        let e = z.map { exp($0) }
        let sum = e.reduce(0, +)
        return (e, sum, e.map { $0 / sum })
    }

    /// §5 worked example: softmax of logits near 1000 and the stable log-sum-exp (and the pitfall).
    func testSoftmaxNear1000() {
        let z = Tensor([[1000, 1001, 1002]])
        assertQuoted("For $z = [" + z.scalars.map { short($0) }.joined(separator: ", ") + "]$, `exp(\(short(z.scalars[0])))` overflows a\n`Double`", in: note)
        XCTAssertTrue(exp(z.scalars[0]).isInfinite, "the naive formula overflows")
        XCTAssertTrue(naiveSoftmax(z.scalars).result.allSatisfy(\.isNaN), "∞/∞ = NaN for every entry")
        let shiftedValues = (z - z.max()).scalars
        let shifted = shiftedValues.map { short($0) }
        assertQuoted("$z - \(short(z.max())) = [" + shifted.joined(separator: ", ") + "]$", in: note)
        assertQuoted("every exponent is now $\\le \(short(shiftedValues.max()!))$", in: note)
        // The exponentials written out: e^{0} is 1 in the denominator.
        let powers = shiftedValues.map { "e^{\(short($0))}" }
        let denominator = shiftedValues.map { $0 == 0 ? short(exp($0)) : "e^{\(short($0))}" }
        assertQuoted("\\frac{[" + powers.joined(separator: ", ") + "]}{" + denominator.joined(separator: "+") + "}", in: note)
        let q = softmax(z).scalars.map { fixed($0, 4) }
        assertQuoted("= [" + q.joined(separator: ",\\; ") + "].$$", in: note)
        // log-sum-exp = z − logSoftmax(z), the same for every entry.
        let lse = z.scalars[0] - logSoftmax(z).scalars[0]
        assertQuoted("= \(fixed(lse, 4))$ here", in: note)
        // Pitfalls: the naive formula gives NaN at logits ≈ 1000, and 0/0 at logits ≈ −1000.
        let negative = naiveSoftmax(z.scalars.map { -$0 })
        XCTAssertTrue(negative.result.allSatisfy(\.isNaN))
        XCTAssertTrue(softmax(-z).scalars.allSatisfy(\.isFinite))
        assertQuoted("NaN at logits ≈ \(short(z.scalars[0])) (and \(short(negative.numerators[0]))/\(short(negative.denominator)) "
                     + "at logits ≈ \(unicodeMinus(short(-z.scalars[0]))))", in: note)
    }

    /// "Conventions in this course": the reference defaults.
    func testConventions() {
        let slope = -leakyReLU(Tensor([-1])).scalars[0]
        XCTAssertEqual(slope, LeakyReLU().slope)
        assertQuoted("We use $s = \(short(slope))$", in: note)
        assertQuoted("$\\beta = \(short(Swish().beta))$ by default", in: note)
        XCTAssertEqual(reluDerivative(Tensor([0])).scalars[0], 0)
        assertQuoted("The derivative at exactly $x = 0$ is taken as \(short(reluDerivative(Tensor([0])).scalars[0]))", in: note)
        // Dense's default initialiser is Glorot uniform: every weight within ±√(6/(D_in + D_out)).
        var generator = SeededGenerator(seed: 1)
        let dense = Dense(inputSize: 30, outputSize: 20, using: &generator)
        let limit = (6.0 / 50).squareRoot()
        XCTAssertLessThanOrEqual(dense.weight.scalars.map(abs).max()!, limit)
        XCTAssertGreaterThan(dense.weight.scalars.map(abs).max()!, 0.9 * limit)
        XCTAssertEqual(dense.bias.scalars, [Double](repeating: 0, count: 20))
        // Other libraries' defaults, which have no counterpart here.
        assertCited("Kaiming uniform with $a=\\sqrt5$", source: "PyTorch's layers default", in: note)
        // (The conventions list is one paragraph, so the source is pinned next to the layer's name.)
        assertCited("`LeakyReLU` defaults to 0.3", source: "Keras's\n  `LeakyReLU`", in: note)
    }

}

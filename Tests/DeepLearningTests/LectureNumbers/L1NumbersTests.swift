import XCTest
import Foundation
import TensorCore
@testable import DeepLearning

/// Every number quoted in lectures/L1-dense-networks.md.
final class L1LectureNumbersTests: XCTestCase {
    let note = lecture("L1")

    /// §3 worked example: a dense net on a 400×400 RGB image (and the pitfall that repeats it).
    func testDenseNetOnAColourImage() throws {
        let inputs = 3 * 400 * 400
        let hidden = try LayerSpec.dense(outFeatures: 1000, bias: false).walk([inputs]).parameters
        let output = try LayerSpec.dense(outFeatures: 10, bias: false).walk([1000]).parameters
        let withBiases = try LayerSpec.dense(outFeatures: 1000).walk([inputs]).parameters
            + LayerSpec.dense(outFeatures: 10).walk([1000]).parameters
        XCTAssertEqual(Flatten().outputShape(for: [1, 3, 400, 400]), [1, inputs])
        assertQuoted("| \(grouped(inputs)) |", in: note)
        assertQuoted("| \(grouped(hidden)) |", in: note)
        assertQuoted("| \(grouped(output)) |", in: note)
        assertQuoted("**\(grouped(hidden + output))**", in: note)
        assertQuoted("it would be \(grouped(withBiases))", in: note)
        // Pitfalls repeat both counts.
        assertQuoted("(\(grouped(hidden + output))\n  vs \(grouped(withBiases)))", in: note)
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

    /// §4: the swish table for β = 1, 10, 200 and ReLU.
    func testSwishTable() {
        let xs = Tensor([-1, -0.1, 0.1, 1])
        for beta in [1.0, 10, 200] {
            let row = swish(xs, beta: beta).scalars.map { fixedU($0, 4) }
            assertQuoted("| swish, β = \(short(beta)) | " + row.joined(separator: " | ") + " |", in: note)
        }
        let reluRow = relu(xs).scalars.map { short($0) }
        assertQuoted("| ReLU | " + reluRow.joined(separator: " | ") + " |", in: note)
    }

    /// §5 worked example: softmax of logits near 1000 and the stable log-sum-exp.
    func testSoftmaxNear1000() {
        let z = Tensor([[1000, 1001, 1002]])
        XCTAssertTrue(exp(1000.0).isInfinite, "the naive formula overflows")
        XCTAssertTrue((exp(1000.0) / (exp(1000.0) + exp(1001.0))).isNaN, "∞/∞ = NaN")
        let shifted = (z - z.max()).scalars.map { short($0) }
        assertQuoted("$z - 1002 = [" + shifted.joined(separator: ", ") + "]$", in: note)
        let q = softmax(z).scalars.map { fixed($0, 4) }
        assertQuoted("= [" + q.joined(separator: ",\\; ") + "].$$", in: note)
        // log-sum-exp = z − logSoftmax(z), the same for every entry.
        let lse = z.scalars[0] - logSoftmax(z).scalars[0]
        assertQuoted("= \(fixed(lse, 4))$ here", in: note)
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
    }
}

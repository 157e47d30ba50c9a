import XCTest
import Foundation
import TensorCore
@testable import DeepLearning

/// The numbers of L6's errata boxes for the seeds' notation and invariance claims, the
/// locally connected layer, the backward-pass derivation and the end-of-note questions.
final class L6SectionsTests: XCTestCase {
    let note = lecture("L6")

    private func conv(_ kernel: [[Double]]) -> Conv2D {
        let (h, w) = (kernel.count, kernel[0].count)
        return Conv2D(weight: Tensor(shape: [1, 1, h, w], scalars: kernel.flatMap { $0 }), bias: Tensor([0]))
    }

    private func image(_ rows: [[Double]]) -> Tensor { Tensor(shape: [1, 1, rows.count, rows[0].count], scalars: rows.flatMap { $0 }) }

    private func matrix(_ t: Tensor) -> [[Double]] {
        let (h, w) = (t.shape[t.rank - 2], t.shape[t.rank - 1])
        return (0..<h).map { i in Array(t.scalars[(i * w)..<((i + 1) * w)]) }
    }

    /// The notation erratum: with i + m the worked example gives 32, with i − m (the flip) 18.
    func testNotationErratum() {
        let patch = Tensor(shape: [1, 1, 3, 3], scalars: (1...9).map(Double.init))
        let correlation = conv(LectureFigures.workedKernel).naiveForward(patch).scalars[0]
        let flipped = conv(LectureFigures.workedKernel.reversed().map { $0.reversed() }).naiveForward(patch).scalars[0]
        assertQuoted("> **Errata (notation for convolution).** *The seed's claim:*", in: note)
        assertQuoted("the index written $i - m$ in one line and $i + m$ in the next", in: note)
        assertQuoted("Another (the class plan) writes $(x \\star w)[t] = \\sum_\\tau x[\\tau]\\,w[t-\\tau]$,\n> using $\\star$ for the flipped sum.", in: note)
        // That sum flips the kernel: it is convolve1D, not correlate1D, on a non-symmetric kernel.
        let x = Tensor([1, 2, 4]), w = Tensor([1, -1])
        let flippedSum = (1..<3).map { t in (0...t).filter { t - $0 < 2 }.map { x[$0] * w[t - $0] }.reduce(0, +) }
        XCTAssertEqual(convolve1D(x, kernel: w).scalars, flippedSum)
        XCTAssertNotEqual(correlate1D(x, kernel: w).scalars, flippedSum)
        assertQuoted("on the worked example the two give \(Int(correlation)) and \(Int(flipped)), so one symbol cannot stand for both", in: note)
    }

    /// The invariance erratum: a shift of the input shifts a stride-1 feature map by the same amount.
    func testEquivarianceErratum() {
        let x: [[Double]] = [[0, 1, 2, 0, 0], [0, 3, 1, 0, 0], [0, 0, 2, 0, 0]]
        let shifted = x.map { [0] + $0.dropLast() }
        let layer = conv([[1, -1], [2, 0]])
        let y = matrix(layer.naiveForward(image(x))), ys = matrix(layer.naiveForward(image(shifted)))
        XCTAssertNotEqual(y, ys, "the output is not invariant")
        for i in y.indices { XCTAssertEqual(Array(ys[i].dropFirst()), Array(y[i].dropLast()), "row \(i) moves by one") }
        assertQuoted("> **Errata (invariance vs equivariance).** *The seed's claim:*", in: note)
        assertQuoted("output is *equivariant* — it moves with the input", in: note)
    }

    /// Locally connected vs convolution vs dense.
    func testLocallyConnectedCounts() throws {
        let (inputs, patch) = (5, 2)
        let outputs = try ConvolutionGeometry.outputSize(input: inputs, kernel: patch)
        XCTAssertEqual(outputs, 4)
        let dense = try LayerSpec.dense(outFeatures: outputs, bias: false).walk([inputs]).parameters
        assertQuoted("On a 1D input of \(inWords(inputs)) values with patches\nof \(inWords(patch)) (\(outputs) outputs, no bias)", in: note)
        assertQuoted("| dense | all \(inputs) inputs, its own weights | $\(inputs)\\cdot\(outputs) = \(dense)$ |", in: note)
        assertQuoted("| locally connected | \(patch) neighbours, its own weights | $\(outputs)\\cdot\(patch) = \(outputs * patch)$ |", in: note)
        assertQuoted("| convolution | \(patch) neighbours, the same weights | $\(ConvolutionGeometry.parameterCount(inChannels: 1, outChannels: 1, kernel: 1, bias: false) * patch)$ |", in: note)
        let per = ConvolutionGeometry.parameterCount(inChannels: 3, outChannels: 6, kernel: 5)
        let side = try ConvolutionGeometry.outputSize(input: 32, kernel: 5)
        assertQuoted("the convolution has \(per) parameters;", in: note)
        assertQuoted("$\(side)\\cdot\(side)\\cdot\(per) = \(groupedTeX(side * side * per))$", in: note)
    }

    /// §6 worked example: db, dw and dx from the reference backward pass (and the naive one).
    func testBackwardWorkedExample() {
        let x: [[Double]] = [[1, 2, 0], [0, 1, 3], [2, 1, 1]], w: [[Double]] = [[1, -1], [2, 0]], dy: [[Double]] = [[1, 0], [-1, 2]]
        let layer = conv(w)
        let y = matrix(layer.naiveForward(image(x)))
        let (dx, grads) = layer.backward(image(dy), cache: image(x))
        let (dxNaive, gradsNaive) = layer.naiveBackward(image(dy), input: image(x))
        XCTAssertEqual(dx.scalars, dxNaive.scalars)
        XCTAssertEqual(grads[0].scalars, gradsNaive[0].scalars)
        assertQuoted("$x = \(bmatrix(x))$,\n$w = \(bmatrix(w))$, $b = 0$", in: note)
        assertQuoted("$y = \(bmatrix(y))$. With $dy = \(bmatrix(dy))$:", in: note)
        assertQuoted("$db = 1 + 0 - 1 + 2 = \(short(grads[1].scalars[0]))$", in: note)
        assertQuoted("$dw = \(bmatrix(matrix(grads[0])))$", in: note)
        let dw00 = x[0][0] * dy[0][0] + x[0][1] * dy[0][1] + x[1][0] * dy[1][0] + x[1][1] * dy[1][1]
        XCTAssertEqual(dw00, grads[0].scalars[0])
        assertQuoted("$dw[0,0] = 1\\cdot1 + 0\\cdot2 - 1\\cdot0 + 2\\cdot1 = \(short(dw00))$", in: note)
        assertQuoted("$dx = \(bmatrix(matrix(dx)))$", in: note)
        // dx is the full correlation of dy, padded by K − 1, with the kernel rotated by 180°.
        let padded = [[0, 0, 0, 0]] + dy.map { [0] + $0 + [0] } + [[0, 0, 0, 0]]
        let full = conv(w.reversed().map { $0.reversed() }).naiveForward(image(padded))
        XCTAssertEqual(full.scalars, dx.scalars)
        assertQuoted("pad $dy$ with\n$K - 1$ zeros on every side and cross-correlate it with the kernel rotated by 180°", in: note)
    }

    /// The end-of-note questions, each answer computed.
    func testQuestions() throws {
        // 1. 32×32×3, 10 filters 5×5, stride 1, padding 2.
        let m = try ConvolutionGeometry.outputSize(input: 32, kernel: 5, stride: 1, padding: 2)
        let p = ConvolutionGeometry.parameterCount(inChannels: 3, outChannels: 10, kernel: 5)
        assertQuoted("$(32 + 2\\cdot2 - 5)/1 + 1 = \(m)$, so **\(m)×\(m)×10**; $10\\cdot3\\cdot25 + 10 = \(p)$ parameters.", in: note)
        // 2. 9×9, 3×3: stride 2 tiles, stride 4 does not.
        let s2 = try ConvolutionGeometry.outputSize(input: 9, kernel: 3, stride: 2)
        XCTAssertThrowsError(try ConvolutionGeometry.outputSize(input: 9, kernel: 3, stride: 4))
        assertQuoted("Stride 2: $(9 - 3)/2 + 1 = \(s2)$, a \(s2)×\(s2) output. Stride 4: $(9 - 3)/4 + 1 = \(short(6.0 / 4 + 1))$ — **does not tile**.", in: note)
        // 3. Correlation and convolution of [1, 2, 3, 4] with [1, 0, −1].
        let x = Tensor([1, 2, 3, 4]), w = Tensor([1, 0, -1])
        let corr = correlate1D(x, kernel: w).scalars, convolution = convolve1D(x, kernel: w).scalars
        assertQuoted("Cross-correlation: $[1 - 3,\\ 2 - 4] = \(bracketed(corr))$. Convolution flips the kernel to $[-1, 0, 1]$: $\(bracketed(convolution))$.", in: note)
        // 4. Receptive field of four 3×3 layers, weights against one 9×9.
        let field = 1 + 4 * (3 - 1)
        assertQuoted("$1 + 4\\cdot(3 - 1) = \(field)$, the receptive field of one \(field)×\(field) convolution; $4\\cdot9C^2 = \(4 * 9)C^2$ weights\n   against $\(field * field)C^2$", in: note)
        // 5. dy of ones: db = 4, dw = the window sums of x.
        let xs: [[Double]] = [[1, 2, 0], [0, 1, 3], [2, 1, 1]]
        let (_, grads) = conv([[1, -1], [2, 0]]).backward(image([[1, 1], [1, 1]]), cache: image(xs))
        assertQuoted("$db = \(short(grads[1].scalars[0]))$ (the sum of $dy$)", in: note)
        assertQuoted("$dw = \(bmatrix(matrix(grads[0])))$.", in: note)
    }

    /// Every figure of the note's mechanisms is embedded.
    func testFiguresAreEmbedded() {
        for name in ["conv-sliding-window.svg", "conv-padding-stride.svg", "im2col.svg"] {
            XCTAssertTrue(note.contains("](figures/\(name))"), name)
        }
    }
}

import XCTest
import Foundation
import TensorCore
@testable import DeepLearning

/// Every number quoted in lectures/L6-convolution.md.
final class L6LectureNumbersTests: XCTestCase {
    let note = lecture("L6")

    /// The introduction repeats L1's dense-layer count.
    func testDenseCountFromL1() throws {
        let weights = try LayerSpec.dense(outFeatures: 1000, bias: false).walk([3 * 400 * 400]).parameters
            + LayerSpec.dense(outFeatures: 10, bias: false).walk([1000]).parameters
        assertQuoted("needing \(grouped(weights)) weights", in: note)
    }

    /// §2 worked example: 5 inputs padded to 6, kernel [+1, −1], stride 2.
    func testOneDimensionalExample() throws {
        let size = try ConvolutionGeometry.outputSize(input: 6, kernel: 2, stride: 2)
        assertQuoted("$(6 - 2)/2 + 1 = \\mathbf \(size)$", in: note)
        let x = Tensor([3, 3, 3, 0, 0]), k = Tensor([1, -1])
        let correlation = correlate1D(x, kernel: k, stride: 2, padding: (0, 1)).scalars
        let convolution = convolve1D(x, kernel: k, stride: 2, padding: (0, 1)).scalars
        assertQuoted("| 0 | $[3, 3]$ | $3 - 3 = \(short(correlation[0]))$ | \(short(convolution[0])) |", in: note)
        assertQuoted("| 1 | $[3, 0]$ | $3 - 0 = \(short(correlation[1]))$ | \(unicodeMinus(short(convolution[1]))) |", in: note)
        assertQuoted("| 2 | $[0, 0]$ | $\(short(correlation[2]))$ | \(short(convolution[2])) |", in: note)
        XCTAssertEqual(correlation.count, size)
        // Padding 1 per side: 7 inputs, (7 − 2)/2 + 1 = 3.5 does not tile.
        XCTAssertThrowsError(try ConvolutionGeometry.outputSize(input: 5, kernel: 2, stride: 2, padding: 1))
        assertQuoted("padding 1 would give 7 inputs and $(7 - 2)/2 + 1 = \(short(Double(7 - 2) / 2 + 1))$", in: note)
    }

    /// §3 worked example: 32 and 36 (and 18, 16 for true convolution), with Conv2D.
    func testTwoDimensionalExample() {
        let kernel: [[Double]] = [[0, 1, -1], [1, 0, 1], [1, 2, 0]]
        let image: [[Double]] = [[1, 2, 3, 1], [4, 5, 6, 3], [7, 8, 9, 8]]   // P1 = columns 0–2, P2 = columns 1–3
        let conv = Conv2D(weight: Tensor([[kernel]]), bias: Tensor([0]))
        let y = conv.inference(Tensor([[image]])).scalars
        let flipped = Conv2D(weight: Tensor([[kernel.reversed().map { Array($0.reversed()) }]]), bias: Tensor([0]))
        let trueConvolution = flipped.inference(Tensor([[image]])).scalars
        assertQuoted("2 - 3 + 4 + 6 + 7 + 16 = \\mathbf{\(short(y[0]))}", in: note)
        assertQuoted("3 - 1 + 5 + 3 + 8 + 18 = \\mathbf{\(short(y[1]))}", in: note)
        assertQuoted("would give \(short(trueConvolution[0])) and \(short(trueConvolution[1])) on the same patches", in: note)
        assertQuoted("the\n  worked example gives \(short(trueConvolution[0])) instead of \(short(y[0]))", in: note)
    }

    /// §4: output sizes, paddings and parameter counts.
    func testOutputSizes() throws {
        let m = try ConvolutionGeometry.outputSize(input: 32, kernel: 5)
        let params = ConvolutionGeometry.parameterCount(inChannels: 3, outChannels: 6, kernel: 5)
        assertQuoted("$32 - 5 + 1 = \(m)$, so the output is\n**\(m)×\(m)×6** (with $6\\cdot3\\cdot25 + 6 = \(params)$ parameters)", in: note)

        let s1 = try ConvolutionGeometry.outputSize(input: 7, kernel: 3, stride: 1)
        let s2 = try ConvolutionGeometry.outputSize(input: 7, kernel: 3, stride: 2)
        let s3p1 = try ConvolutionGeometry.outputSize(input: 7, kernel: 3, stride: 3, padding: 1)
        XCTAssertThrowsError(try ConvolutionGeometry.outputSize(input: 7, kernel: 3, stride: 3))
        assertQuoted("| 1 | 0 | $(7 - 3)/1 + 1$ | \(s1)×\(s1) |", in: note)
        assertQuoted("| 2 | 0 | $(7 - 3)/2 + 1$ | \(s2)×\(s2) |", in: note)
        assertQuoted("| 3 | 0 | $(7 - 3)/3 + 1 = \(fixed(Double(7 - 3) / 3 + 1, 2))\\ldots$ | **does not tile** |", in: note)
        assertQuoted("| 3 | 1 (\(7 + 2)×\(7 + 2) padded) | $(9 - 3)/3 + 1$ | \(s3p1)×\(s3p1) |", in: note)
        // Windows of stride 3 start at 0 and 3; a third at 6 would hang over by two pixels.
        let overhang = 2 * 3 + 3 - 7
        assertQuoted("a third would start at \(2 * 3) and hang over the\nedge by \(["one", "two", "three"][overhang - 1]) pixels", in: note)
        assertQuoted("makes the\npadded width \(7 + 2)", in: note)

        let z = try ConvolutionGeometry.padding(input: 7, output: 3, kernel: 3, stride: 3)
        assertQuoted("$Z = ((3-1)\\cdot3 + 3 - 7)/2 = (6 + 3 - 7)/2 = \\mathbf \(z)$", in: note)
        let same3 = try ConvolutionGeometry.padding(input: 32, output: 32, kernel: 3)
        let same5 = try ConvolutionGeometry.padding(input: 32, output: 32, kernel: 5)
        assertQuoted("F = 3 \\Rightarrow Z = \(same3),\\qquad F = 5 \\Rightarrow Z = \(same5)", in: note)
        assertQuoted("one zero per side for a\n> 3×3 kernel, two for 5×5", in: note)
        XCTAssertEqual([same3, same5], [1, 2])

        // The puzzle.
        let p1 = try ConvolutionGeometry.outputSize(input: 7, kernel: 3, stride: 1, padding: 1)
        let p2 = try ConvolutionGeometry.outputSize(input: 7, kernel: 3, stride: 2, padding: 1)
        assertQuoted("$(7 + 2 - 3)/1 + 1 = \(p1)$, i.e. \(p1)×\(p1)×5", in: note)
        assertQuoted("$(7 + 2 - 3)/2 + 1 = \(p2)$, i.e. \(p2)×\(p2)×5", in: note)
        let rgb = ConvolutionGeometry.parameterCount(inChannels: 3, outChannels: 5, kernel: 3)
        assertQuoted("$5\\cdot3\\cdot9 + 5 = \(rgb)$ parameters", in: note)
        var generator = SeededGenerator(seed: 0)
        let layer = Conv2D(inChannels: 3, outChannels: 5, kernelSize: 3, stride: 2, padding: 1, using: &generator)
        XCTAssertEqual(layer.parameterCount, rgb)
        XCTAssertEqual(layer.outputShape(for: [1, 3, 7, 7]), [1, 5, p2, p2])
    }

    /// §5: dense versus convolution cost, receptive fields and weights of stacked 3×3 layers.
    func testWhyConvolutionsWork() {
        let pixels = 256 * 256
        let dense = pixels * pixels
        let conv = 9 * pixels
        assertQuoted("$\(grouped(pixels).replacingOccurrences(of: ",", with: "{,}"))^2 = \(grouped(dense).replacingOccurrences(of: ",", with: "{,}"))$", in: note)
        assertQuoted("$9\\cdot65{,}536 = \(grouped(conv).replacingOccurrences(of: ",", with: "{,}"))$", in: note)
        assertQuoted("about\n\(grouped(Int((Double(dense) / Double(conv)).rounded()))) times fewer", in: note)
        // Receptive field 1 + L(k − 1): walk a 1×… input backwards through L stride-1 3×3 layers.
        let fields = (1...3).map { layers -> Int in
            var size = 1
            for _ in 0..<layers { size = size + 3 - 1 }   // each stride-1 k×k layer adds k − 1
            return size
        }
        XCTAssertEqual(fields, (1...3).map { 1 + $0 * (3 - 1) })
        // Cross-check with the geometry: an input of that size shrinks to exactly one output.
        for (layers, field) in zip(1...3, fields) {
            var size = field
            for _ in 0..<layers { size = try! ConvolutionGeometry.outputSize(input: size, kernel: 3) }
            XCTAssertEqual(size, 1)
        }
        assertQuoted(fields.map(String.init).joined(separator: ", ") + " pixels for one, two, three 3×3 layers", in: note)
        let c = 8
        let three3x3 = 3 * ConvolutionGeometry.parameterCount(inChannels: c, outChannels: c, kernel: 3, bias: false)
        let one7x7 = ConvolutionGeometry.parameterCount(inChannels: c, outChannels: c, kernel: 7, bias: false)
        assertQuoted("with $\(three3x3 / (c * c))C^2$ instead of $\(one7x7 / (c * c))C^2$ weights", in: note)
    }
}

import XCTest
import Foundation
import TensorCore
@testable import DeepLearning

/// Every number quoted in lectures/L6-convolution.md.
final class L6LectureNumbersTests: XCTestCase {
    let note = lecture("L6")

    /// The introduction repeats L1's dense-layer count (a 400×400 colour image).
    func testDenseCountFromL1() throws {
        let side = 400, colour = CIFAR10Net.inputShape[0]
        let weights = try LayerSpec.dense(outFeatures: 1000, bias: false).walk([colour * side * side]).parameters
            + LayerSpec.dense(outFeatures: 10, bias: false).walk([1000]).parameters
        assertQuoted("a dense layer on a \(side)×\(side) colour image needing \(grouped(weights)) weights", in: note)
    }

    /// §2: the moving-average kernel ½, ¼, ⅛, … — the impulse response of `convolve1D` gives each
    /// past sample its weight, halving with every step into the past.
    func testMovingAverageKernel() {
        let weights = (1...3).map { pow(0.5, Double($0)) }
        let k = weights.count
        var impulse = [Double](repeating: 0, count: 2 * k); impulse[k - 1] = 1
        // Causal: pad K − 1 zeros before, so y[t] = Σ_j w[j]·x[t − j] (true convolution).
        let response = convolve1D(Tensor(impulse), kernel: Tensor(weights), padding: (k - 1, 0)).scalars
        XCTAssertEqual(Array(response[..<(k - 1)]), [Double](repeating: 0, count: k - 1))   // nothing before the sample
        let past = Array(response[(k - 1)..<(2 * k - 1)])                                     // the sample, then its past
        XCTAssertEqual(past, weights)
        for (newer, older) in zip(past, past.dropFirst()) { XCTAssertEqual(older / newer, 0.5) }
        let fractions = past.map { "\\tfrac1\(Int((1 / $0).rounded()))" }.joined(separator: ", ")
        assertQuoted("a kernel of weights such as $\(fractions), \\dots$ blends each\nsample with its recent past", in: note)
    }

    /// §2: a dense neuron that detects a step at inputs 3 and 4 only, the shared 2-tap filter
    /// [+1, −1] that detects it everywhere (N − 1 positions), and the opposite filter [−1, +1].
    func testStepDetector() {
        let x = [3.0, 3, 3, 0, 0]
        let filter = Tensor([1, -1])
        let correlation = correlate1D(Tensor(x), kernel: filter).scalars
        // The step lies between inputs 3 and 4 (counted from 1): where the shared filter fires.
        let at = correlation.firstIndex(of: correlation.max()!)!
        XCTAssertEqual(correlation.count, x.count - (filter.count - 1))
        // A dense neuron with the filter's weights at those two inputs sees it, and only there.
        var w = [Double](repeating: 0, count: x.count); w[at] = filter.scalars[0]; w[at + 1] = filter.scalars[1]
        let neuron = Dense(weight: Tensor(shape: [x.count, 1], scalars: w), bias: Tensor([0]))
        XCTAssertEqual(neuron.inference(Tensor([x])).scalars, [correlation[at]])
        let shiftedStep = Array(x.dropFirst()) + [0]
        XCTAssertEqual(neuron.inference(Tensor([shiftedStep])).scalars, [0])
        XCTAssertEqual(correlate1D(Tensor(shiftedStep), kernel: filter).scalars.max(), correlation[at])
        assertQuoted("weights $[\\dots, \(signedList(filter.scalars).dropFirst().dropLast()), \\dots]$ on inputs\n\(at + 1) and \(at + 2) detects",
                     in: note)
        assertQuoted("2-tap filter $\(signedList(filter.scalars))$ applied at every position", in: note)
        // A filter of size F fits in N − (F − 1) positions; for F = 2 that is N − 1.
        for n in 2...9 { XCTAssertEqual(try ConvolutionGeometry.outputSize(input: n, kernel: filter.count), n - (filter.count - 1)) }
        assertQuoted("(a \(filter.count)-tap filter fits in $N - \(filter.count - 1)$ positions)", in: note)
        // The second filter is the first negated: it fires on the opposite (dark-to-light) change.
        let second = Tensor(filter.scalars.map { -$0 })
        XCTAssertEqual(correlate1D(Tensor(x), kernel: second).scalars, correlation.map { -$0 })
        XCTAssertEqual(correlate1D(Tensor(Array(x.reversed())), kernel: second).scalars.max(), correlation[at])
        assertQuoted("a second filter $\(signedList(second.scalars))$ would detect the opposite change", in: note)
    }

    /// §2 worked example: 5 inputs padded to 6, kernel [+1, −1], stride 2.
    func testOneDimensionalExample() throws {
        let x = [3.0, 3, 3, 0, 0], k = Tensor([1, -1]), stride = 2, padding = (before: 0, after: 1)
        let padded = x.count + padding.before + padding.after
        assertQuoted("**Worked example — \(x.count) inputs, padded to \(padded), kernel $\(signedList(k.scalars))$, stride \(stride).**",
                     in: note)
        let size = try ConvolutionGeometry.outputSize(input: padded, kernel: k.count, stride: stride)
        assertQuoted("$(\(padded) - \(k.count))/\(stride) + 1 = \\mathbf \(size)$", in: note)
        assertQuoted("With the input $x = [\(x.map { short($0) }.joined(separator: ", "))]$ and \(inWords(padding.after)) zero appended", in: note)
        let correlation = correlate1D(Tensor(x), kernel: k, stride: stride, padding: padding).scalars
        let convolution = convolve1D(Tensor(x), kernel: k, stride: stride, padding: padding).scalars
        XCTAssertEqual(correlation.count, size)
        let xpad = [Double](repeating: 0, count: padding.before) + x + [Double](repeating: 0, count: padding.after)
        for i in 0..<size {
            let window = Array(xpad[(i * stride)..<(i * stride + k.count)])
            let (a, b) = (short(window[0]), short(window[1]))
            let cell = window == [0, 0] ? "$\(short(correlation[i]))$" : "$\(a) - \(b) = \(short(correlation[i]))$"
            assertQuoted("| \(i) | $[\(a), \(b)]$ | \(cell) | \(unicodeMinus(short(convolution[i]))) |", in: note)
        }
        // The step lights up the output whose window straddles it.
        let lit = correlation.firstIndex(of: correlation.max()!)!
        let window = Array(xpad[(lit * stride)..<(lit * stride + k.count)])
        assertQuoted("The step from light (\(short(window[0]))) to dark (\(short(window[1]))) lights up output \(lit).", in: note)
        XCTAssertEqual(convolution, correlation.map { -$0 })   // "the same map with the opposite sign"
        // The padding is one zero on one end; per side, padding 1 gives 7 inputs and 3.5 outputs.
        assertQuoted("\(inWords(padding.after)) zero on *one* end (total padding \(padding.before + padding.after))", in: note)
        let perSide = padding.before + padding.after
        XCTAssertThrowsError(try ConvolutionGeometry.outputSize(input: x.count, kernel: k.count, stride: stride, padding: perSide))
        let widened = x.count + 2 * perSide
        assertQuoted("padding \(perSide) would give \(widened) inputs and $(\(widened) - \(k.count))/\(stride) + 1 = \(short(Double(widened - k.count) / Double(stride) + 1))$",
                     in: note)
    }

    /// §3 worked example: 32 and 36 (and 18, 16 for true convolution), with Conv2D and im2col.
    func testTwoDimensionalExample() {
        let kernel: [[Double]] = [[0, 1, -1], [1, 0, 1], [1, 2, 0]]
        let image: [[Double]] = [[1, 2, 3, 1], [4, 5, 6, 3], [7, 8, 9, 8]]   // P1 = columns 0–2, P2 = columns 1–3
        let conv = Conv2D(weight: Tensor([[kernel]]), bias: Tensor([0]))       // default stride
        let y = conv.inference(Tensor([[image]])).scalars
        XCTAssertEqual(y.count, 2)
        assertQuoted("**Worked example — \(short(y[0])) and \(short(y[1])).**", in: note)
        // The patches, as im2col copies them: one column per output position.
        let cols = im2col(Tensor([[image]]), kernelHeight: 3, kernelWidth: 3)
        let patches = (0..<cols.shape[1]).map { j in (0..<cols.shape[0]).map { cols.scalars[$0 * cols.shape[1] + j] } }
        assertQuoted("$$K = \(bmatrix(kernel)),\\qquad\nP_1 = \(bmatrix(rows(patches[0]))).$$", in: note)
        assertQuoted("One step to the right (stride \(conv.stride)) the patch is $P_2 = \(bmatrix(rows(patches[1])))$:", in: note)
        for (patch, value) in zip(patches, y) {
            let terms = zip(kernel.joined(), patch).filter { $0.0 != 0 }
            XCTAssertEqual(terms.reduce(0) { $0 + $1.0 * $1.1 }, value)
            let factors = terms.map { "\($0.0 < 0 ? "(\(short($0.0)))" : short($0.0))\\cdot\(short($0.1))" }.joined(separator: " + ")
            let products = terms.map { $0.0 * $0.1 }
            let sum = short(products[0]) + products.dropFirst().map { $0 < 0 ? " - \(short(-$0))" : " + \(short($0))" }.joined()
            assertQuoted("$\(factors) = \(sum) = \\mathbf{\(short(value))}$", in: note)
        }
        // True convolution flips the kernel in both axes — a rotation by two quarter turns.
        let flippedKernel = kernel.reversed().map { Array($0.reversed()) }
        func quarterTurn(_ m: [[Double]]) -> [[Double]] { (0..<m[0].count).map { j in m.reversed().map { $0[j] } } }
        var rotated = kernel, quarterTurns = 0
        repeat { rotated = quarterTurn(rotated); quarterTurns += 1 } while rotated != flippedKernel && quarterTurns < 4
        XCTAssertEqual(rotated, flippedKernel)
        assertQuoted("True convolution (kernel rotated by\n\(quarterTurns * 360 / 4)°)", in: note)
        let flipped = Conv2D(weight: Tensor([[flippedKernel]]), bias: Tensor([0]))
        let trueConvolution = flipped.inference(Tensor([[image]])).scalars
        assertQuoted("would give \(short(trueConvolution[0])) and \(short(trueConvolution[1])) on the same patches", in: note)
        assertQuoted("the\n  worked example gives \(short(trueConvolution[0])) instead of \(short(y[0]))", in: note)
    }

    /// §3 channels and filters: a 3×3 filter on a colour image spans all 3 input channels.
    func testFilterSpansChannels() {
        let colour = CIFAR10Net.inputShape[0], k = 3
        var generator = SeededGenerator(seed: 0)
        let layer = Conv2D(inChannels: colour, outChannels: 4, kernelSize: k, using: &generator)
        let w = layer.weight.shape   // [F, C, KH, KW]
        assertQuoted("A colour image has \(colour) input channels, so a \"\(k)×\(k) filter\" is really $\(w[2])\\times\(w[3])\\times\(w[1])$",
                     in: note)
    }

    /// §4: output sizes, paddings and parameter counts.
    func testOutputSizes() throws {
        // Without padding, stride 1: M = N − F + 1, each layer trims F − 1 pixels.
        var offsets = Set<Int>()
        for n in 5...12 { for f in 1...5 { offsets.insert(try ConvolutionGeometry.outputSize(input: n, kernel: f) - (n - f)) } }
        XCTAssertEqual(offsets.count, 1)
        let c = offsets.first!
        assertQuoted("that is $N - F + \(c)$: each layer trims $F - \(c)$ pixels", in: note)

        // 32×32×3, six 5×5 filters, no padding.
        let n = 32, channels = 3, filters = 6, f = 5
        let m = try ConvolutionGeometry.outputSize(input: n, kernel: f)
        let params = ConvolutionGeometry.parameterCount(inChannels: channels, outChannels: filters, kernel: f)
        assertQuoted("**Worked example — \(n)×\(n)×\(channels), \(inWords(filters)) \(f)×\(f) filters, no padding:** $\(n) - \(f) + 1 = \(m)$",
                     in: note)
        assertQuoted("so the output is\n**\(m)×\(m)×\(filters)** (with $\(filters)\\cdot\(channels)\\cdot\(f * f) + \(filters) = \(params)$ parameters)",
                     in: note)

        // 7×7 input, 3×3 kernel.
        let n7 = 7, k = 3
        assertQuoted("**Worked example — \(n7)×\(n7) input, \(k)×\(k) kernel:**", in: note)
        for s in 1...2 {
            let size = try ConvolutionGeometry.outputSize(input: n7, kernel: k, stride: s)
            assertQuoted("| \(s) | 0 | $(\(n7) - \(k))/\(s) + 1$ | \(size)×\(size) |", in: note)
        }
        let s3 = 3
        XCTAssertThrowsError(try ConvolutionGeometry.outputSize(input: n7, kernel: k, stride: s3))
        assertQuoted("| \(s3) | 0 | $(\(n7) - \(k))/\(s3) + 1 = \(fixed(Double(n7 - k) / Double(s3) + 1, 2))\\ldots$ | **does not tile** |", in: note)
        let ring = 1
        let s3p1 = try ConvolutionGeometry.outputSize(input: n7, kernel: k, stride: s3, padding: ring)
        let widened = n7 + 2 * ring
        assertQuoted("| \(s3) | \(ring) (\(widened)×\(widened) padded) | $(\(widened) - \(k))/\(s3) + 1$ | \(s3p1)×\(s3p1) |", in: note)
        // Windows of stride 3 start at 0 and 3; a third at 6 would hang over by two pixels.
        let starts = Array(stride(from: 0, through: n7 - k, by: s3))
        let next = starts.count * s3
        assertQuoted("With stride \(s3) the windows start at columns \(starts.map(String.init).joined(separator: " and ")); a third would start at \(next) and hang over the\nedge by \(inWords(next + k - n7)) pixels",
                     in: note)
        // Flooring (as `LayerSpec` does, like PyTorch) would report the number of windows that fit.
        let floored = try LayerSpec.conv(outChannels: 1, kernel: k, stride: s3).walk([1, n7, n7]).shape[1]
        XCTAssertEqual(floored, starts.count)
        assertQuoted("The size is not \"\(floored), rounded down\"", in: note)
        assertQuoted("makes the\npadded width \(widened)", in: note)
        assertQuoted("instead of rejecting \(n7)×\(n7) / \(k)×\(k) / stride \(s3)", in: note)

        // Padding for a wanted output size.
        let wanted = 3
        let z = try ConvolutionGeometry.padding(input: n7, output: wanted, kernel: k, stride: s3)
        assertQuoted("For $N = \(n7)$, $F = \(k)$, $S = \(s3)$, $M = \(wanted)$: $Z = ((\(wanted)-1)\\cdot\(s3) + \(k) - \(n7))/2 = (\((wanted - 1) * s3) + \(k) - \(n7))/2 = \\mathbf \(z)$",
                     in: note)
        let same3 = try ConvolutionGeometry.padding(input: 32, output: 32, kernel: 3)
        let same5 = try ConvolutionGeometry.padding(input: 32, output: 32, kernel: 5)
        assertQuoted("F = 3 \\Rightarrow Z = \(same3),\\qquad F = 5 \\Rightarrow Z = \(same5)", in: note)
        assertQuoted("\(inWords(same3)) zero per side for a\n> 3×3 kernel, \(inWords(same5)) for 5×5", in: note)
    }

    /// §4 erratum 5: the stride-1 "same" padding is (F − 1)/2; the slides' "F − S/2" only matches
    /// when read as (F − S)/2.
    func testSamePaddingErratum() throws {
        var offsets = Set<Int>()
        let s = 1
        for n in 5...12 {
            for f in stride(from: 1, through: 5, by: 2) {
                let z = try ConvolutionGeometry.padding(input: n, output: n, kernel: f, stride: s)
                // Z = ((M − 1)·S + F − N)/2 with M = N: the "−1" comes from (N − 1)·S.
                offsets.insert(f - 2 * z)
                XCTAssertEqual(z, (f - s) / 2)                                    // (F − S)/2
                XCTAssertNotEqual(Double(z), Double(f) - Double(s) / 2)          // F − S/2 as printed
            }
        }
        XCTAssertEqual(offsets.count, 1)
        let c = offsets.first!
        assertQuoted("(\"when S = \(s), F − S/2\"). Setting $S = \(s)$ and $M = N$", in: note)
        assertQuoted("$Z = (N - \(c) + F - N)/2 = (F - \(c))/2$", in: note)
        assertQuoted("$$Z = \\frac{F - \(c)}{2}:", in: note)
    }

    /// §4 puzzle: 7×7 single-channel input, 5 filters of 3×3, padding 1; then an RGB input.
    func testPuzzle() throws {
        let n = 7, filters = 5, k = 3, padding = 1
        assertQuoted("A \(n)×\(n) single-channel input, \(filters) filters of \(k)×\(k), padding \(padding):", in: note)
        for s in 1...2 {
            let m = try ConvolutionGeometry.outputSize(input: n, kernel: k, stride: s, padding: padding)
            let gap = s == 1 ? "\n" : " "   // the note breaks the line after the first "gives"
            assertQuoted("stride \(s) gives\(gap)$(\(n) + \(2 * padding) - \(k))/\(s) + 1 = \(m)$, i.e. \(m)×\(m)×\(filters)", in: note)
        }
        var generator = SeededGenerator(seed: 0)
        let grey = Conv2D(inChannels: 1, outChannels: filters, kernelSize: k, stride: 2, padding: padding, using: &generator)
        let rgb = Conv2D(inChannels: 3, outChannels: filters, kernelSize: k, stride: 2, padding: padding, using: &generator)
        let count = ConvolutionGeometry.parameterCount(inChannels: 3, outChannels: filters, kernel: k)
        XCTAssertEqual(rgb.parameterCount, count)
        let w = rgb.weight.shape
        assertQuoted("RGB input each filter is \(w[2])×\(w[3])×\(w[1]) and the layer has $\(filters)\\cdot\(w[1])\\cdot\(k * k) + \(filters) = \(count)$ parameters",
                     in: note)
        // "The output shape does not change."
        XCTAssertEqual(grey.outputShape(for: [1, 1, n, n]).dropFirst(), rgb.outputShape(for: [1, 3, n, n]).dropFirst())
    }

    /// §5: dense versus convolution cost, equivariance, receptive fields and weights of stacked 3×3 layers.
    func testWhyConvolutionsWork() throws {
        let side = 256, k = 3
        // Same-sized map: the "same" padding keeps 256.
        let same = try ConvolutionGeometry.resolve(.same, input: side, kernel: k)
        XCTAssertEqual(try ConvolutionGeometry.outputSize(input: side, kernel: k, padding: same), side)
        assertQuoted("For a \(side)×\(side) single-channel image mapped to a same-sized map", in: note)
        let pixels = side * side
        let dense = try LayerSpec.dense(outFeatures: pixels, bias: false).walk([pixels]).parameters
        let conv = ConvolutionGeometry.parameterCount(inChannels: 1, outChannels: 1, kernel: k, bias: false) * pixels
        assertQuoted("$\(groupedTeX(pixels))^2 = \(groupedTeX(dense))$", in: note)
        assertQuoted("a \(k)×\(k) convolution $\(k * k)\\cdot\(groupedTeX(pixels)) = \(groupedTeX(conv))$", in: note)
        assertQuoted("about\n\(grouped(Int((Double(dense) / Double(conv)).rounded()))) times fewer", in: note)

        // Equivariance: shifting the input by one shifts the output by one — for stride 1 only.
        var generator = SeededGenerator(seed: 6)
        let x = Tensor.uniform([13], in: -1...1, using: &generator).scalars
        let w = Tensor.uniform([k], in: -1...1, using: &generator)
        let shifted = [0] + x.dropLast()
        let equivariant = (1...2).filter { s in
            let y = correlate1D(Tensor(x), kernel: w, stride: s).scalars
            let ys = correlate1D(Tensor(shifted), kernel: w, stride: s).scalars
            return (1..<ys.count).allSatisfy { abs(ys[$0] - y[$0 - 1]) < 1e-12 }   // away from the left border
        }
        XCTAssertEqual(equivariant.count, 1)
        assertQuoted("(exactly for stride \(equivariant[0]), away from the\nborders)", in: note)

        // Receptive field 1 + L(k − 1): walk a 1×… input backwards through L stride-1 k×k layers.
        let fields = (1...3).map { layers -> Int in
            var size = 1
            for _ in 0..<layers { size = size + k - 1 }   // each stride-1 k×k layer adds k − 1
            return size
        }
        // Cross-check with the geometry: an input of that size shrinks to exactly one output.
        for (layers, field) in zip(1...3, fields) {
            var size = field
            for _ in 0..<layers { size = try ConvolutionGeometry.outputSize(input: size, kernel: k) }
            XCTAssertEqual(size, 1)
        }
        assertQuoted("$1 + L(k - 1)$: " + fields.map(String.init).joined(separator: ", ") + " pixels for one, two, three \(k)×\(k) layers", in: note)
        assertQuoted("\(inWords(fields.count).capitalized) \(k)×\(k) layers thus see as much\nas one \(fields[2])×\(fields[2]) layer", in: note)
        let c = 8
        let stacked = fields.count * ConvolutionGeometry.parameterCount(inChannels: c, outChannels: c, kernel: k, bias: false)
        let one = ConvolutionGeometry.parameterCount(inChannels: c, outChannels: c, kernel: fields[2], bias: false)
        assertQuoted("with $\(stacked / (c * c))C^2$ instead of $\(one / (c * c))C^2$ weights", in: note)
    }

    /// Conventions and pitfalls: padding is counted per side; Keras's "valid" is no padding.
    func testPaddingConventions() throws {
        let p = 1
        let (left, right) = zerosAdded(padding: p)
        XCTAssertEqual(left, right)
        // The Int overload of correlate1D is the per-side one.
        let x = Tensor([1, 2, 3, 4]), k = Tensor([1, 1, 1])
        XCTAssertEqual(correlate1D(x, kernel: k, padding: p).scalars, correlate1D(x, kernel: k, padding: (p, p)).scalars)
        assertQuoted("`padding: \(p)` adds \(inWords(left)) zero on each side, as PyTorch's\n  `padding=\(p)`", in: note)
        let valid = try ConvolutionGeometry.resolve(.valid, input: 7, kernel: 3)
        assertQuoted("Keras offers only `\"valid\"` (\(valid)) and `\"same\"`", in: note)
        // P = 2 read as a total (one zero per side) or per side (two zeros per side).
        let total = 2
        let asTotal = zerosAdded(padding: total / 2).left, asPerSide = zerosAdded(padding: total).left
        assertQuoted("$P = \(total)$ meaning \(inWords(asTotal)) zero per side or \(inWords(asPerSide)).", in: note)
    }

    /// How many zeros `Conv2D(padding:)` puts on the left and right of a row: a 1×1 identity
    /// kernel copies the padded input, so the zeros show in the output.
    private func zerosAdded(padding: Int) -> (left: Int, right: Int) {
        let n = 4
        let identity = Conv2D(weight: Tensor([[[[1]]]]), bias: Tensor([0]), padding: padding)
        let y = identity.inference(Tensor(shape: [1, 1, n, n], repeating: 1))
        let width = y.shape[3], middle = y.shape[2] / 2
        let row = Array(y.scalars[(middle * width)..<((middle + 1) * width)])
        return (row.prefix { $0 == 0 }.count, row.reversed().prefix { $0 == 0 }.count)
    }
}


/// A kernel with explicit signs, "[+1, -1]".
private func signedList(_ values: [Double]) -> String {
    "[" + values.map { ($0 > 0 ? "+" : "") + short($0) }.joined(separator: ", ") + "]"
}


/// A flat row-major 3×3 patch as rows.
private func rows(_ flat: [Double]) -> [[Double]] {
    stride(from: 0, to: flat.count, by: 3).map { Array(flat[$0..<($0 + 3)]) }
}

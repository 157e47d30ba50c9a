import XCTest
import TensorCore
@testable import DeepLearning

final class ConvolutionGeometryTests: XCTestCase {
    func testSevenBySevenSizes() throws {
        XCTAssertEqual(try ConvolutionGeometry.outputSize(input: 7, kernel: 3, stride: 1, padding: 0), 5)
        XCTAssertEqual(try ConvolutionGeometry.outputSize(input: 7, kernel: 3, stride: 2, padding: 0), 3)
        XCTAssertEqual(try ConvolutionGeometry.outputSize(input: 7, kernel: 3, stride: 3, padding: 1), 3)
        XCTAssertThrowsError(try ConvolutionGeometry.outputSize(input: 7, kernel: 3, stride: 3, padding: 0)) { error in
            XCTAssertEqual(error as? ConvolutionGeometryError, .doesNotTile(input: 7, kernel: 3, stride: 3, padding: 0))
            let message = "\(error)"
            XCTAssertTrue(message.contains("not a multiple of stride 3") && message.contains("do not tile"), message)
            XCTAssertTrue(message.contains("padding 1 gives 3"), message)
        }
        XCTAssertNil(ConvolutionGeometry.outputSizeIfValid(input: 7, kernel: 3, stride: 3))
        XCTAssertThrowsError(try ConvolutionGeometry.outputSize(input: 2, kernel: 5))
        XCTAssertThrowsError(try ConvolutionGeometry.outputSize(input: 7, kernel: 3, stride: 0))
    }

    func testPaddingForWantedOutput() throws {
        XCTAssertEqual(try ConvolutionGeometry.padding(input: 7, output: 3, kernel: 3, stride: 3), 1)   // Z = 1
        XCTAssertEqual(try ConvolutionGeometry.padding(input: 32, output: 32, kernel: 5), 2)           // (F − 1)/2
        XCTAssertThrowsError(try ConvolutionGeometry.padding(input: 32, output: 32, kernel: 4))         // 3/2
        XCTAssertThrowsError(try ConvolutionGeometry.padding(input: 7, output: 2, kernel: 3, stride: 1)) // negative
        XCTAssertEqual(try ConvolutionGeometry.resolve(.same, input: 28, kernel: 5), 2)
        XCTAssertEqual(try ConvolutionGeometry.resolve(.valid, input: 28, kernel: 5), 0)
        XCTAssertEqual(try ConvolutionGeometry.resolve(.explicit(3), input: 28, kernel: 5), 3)
    }

    func testParameterCounts() {
        XCTAssertEqual(ConvolutionGeometry.parameterCount(inChannels: 3, outChannels: 16, kernel: 5), 1_216)
        XCTAssertEqual(ConvolutionGeometry.parameterCount(inChannels: 16, outChannels: 20, kernel: 5), 8_020)
        XCTAssertEqual(ConvolutionGeometry.parameterCount(inChannels: 3, outChannels: 6, kernel: 5, bias: false), 450)
        var g = SeededGenerator(seed: 1)
        XCTAssertEqual(Conv2D(inChannels: 20, outChannels: 20, kernelSize: 5, using: &g).parameterCount, 10_020)
    }
}

final class Conv1DTests: XCTestCase {
    func testPaddedToSixStrideTwo() {
        let x = Tensor([1, 4, 2, 7, 3])
        let y = correlate1D(x, kernel: Tensor([1, -1]), stride: 2, padding: (before: 0, after: 1))
        assertClose(y, Tensor([-3, -5, 3]), "5 padded to 6, [+1, −1], stride 2")
    }

    func testConvolutionFlipsTheKernel() {
        let x = Tensor([1, 2, 3, 4])
        assertClose(correlate1D(x, kernel: Tensor([1, 0, -1])), Tensor([-2, -2]))
        assertClose(convolve1D(x, kernel: Tensor([1, 0, -1])), Tensor([2, 2]))
        assertClose(convolve1D(x, kernel: Tensor([1, 2, 1])), correlate1D(x, kernel: Tensor([1, 2, 1])), "symmetric kernel")
        assertClose(correlate1D(x, kernel: Tensor([1, 1]), padding: 1), Tensor([1, 3, 5, 7, 4]))
    }

    func testConv1DLayerGradients() {
        var g = SeededGenerator(seed: 11)
        for (stride, padding) in [(1, 0), (2, 1)] {
            var layer = Conv1D(inChannels: 3, outChannels: 2, kernelSize: 3, stride: stride, padding: padding, using: &g)
            layer.bias = Tensor.normal([2], using: &g)
            let x = Tensor.normal([2, 3, 9], using: &g)
            XCTAssertEqual(layer.outputShape(for: x.shape), [2, 2, (9 + 2 * padding - 3) / stride + 1])
            assertLayerGradientCheck(layer, input: x)
            // Each (example, filter) row equals the sum over channels of correlate1D.
            let y = layer.inference(x)
            var expected = Tensor.zeros([y.shape[2]])
            for c in 0..<3 {
                let row = Tensor((0..<9).map { x[1, c, $0] })
                let kernel = Tensor((0..<3).map { layer.weight[1, c, $0] })
                expected += correlate1D(row, kernel: kernel, stride: stride, padding: padding)
            }
            assertClose(Tensor((0..<y.shape[2]).map { y[1, 1, $0] }), expected + layer.bias[1], tolerance: 1e-12, "conv1d row")
        }
    }
}

final class Conv2DTests: XCTestCase {
    func testCrossCorrelationWorkedExample() {
        let filter = Tensor([[[[0, 1, -1], [1, 0, 1], [1, 2, 0]]]])
        let layer = Conv2D(weight: filter, bias: Tensor([0]))
        XCTAssertEqual(layer.inference(Tensor([[[[1, 2, 3], [4, 5, 6], [7, 8, 9]]]])).scalars, [32])
        XCTAssertEqual(layer.inference(Tensor([[[[2, 3, 1], [5, 6, 3], [8, 9, 8]]]])).scalars, [36])
        let wide = Tensor([[[[1, 2, 3, 1], [4, 5, 6, 3], [7, 8, 9, 8]]]])
        XCTAssertEqual(layer.inference(wide).scalars, [32, 36], "one step right")
    }

    func testSixFiltersOnCIFARImage() {
        var g = SeededGenerator(seed: 2)
        let layer = Conv2D(inChannels: 3, outChannels: 6, kernelSize: 5, using: &g)
        XCTAssertEqual(layer.outputShape(for: [1, 3, 32, 32]), [1, 6, 28, 28])
        XCTAssertEqual(layer.parameterCount, 6 * 3 * 25 + 6)
        XCTAssertEqual(layer.name, "conv 5×5×6 s1 p0")
    }

    func testIm2colMatchesNaive() {
        var g = SeededGenerator(seed: 3)
        let configurations = [(3, 3, 1, 0), (3, 3, 2, 1), (2, 3, 1, 1), (3, 2, 2, 0), (1, 1, 1, 0), (5, 5, 1, 2)]
        for (kh, kw, stride, padding) in configurations {
            let h = 7 + (kh == 2 ? 1 : 0), w = 7 + (kw == 2 ? 1 : 0)
            let x = Tensor.normal([3, 2, h, w], using: &g)
            let layer = Conv2D(weight: Tensor.normal([4, 2, kh, kw], using: &g), bias: Tensor.normal([4], using: &g),
                               stride: stride, padding: padding)
            var context = ForwardContext(training: true)
            let (y, cache) = layer.forward(x, context: &context)
            assertClose(y, layer.naiveForward(x), tolerance: 1e-12, "forward \(kh)×\(kw) s\(stride) p\(padding)")
            let dy = Tensor.normal(y.shape, using: &g)
            let fast = layer.backward(dy, cache: cache), naive = layer.naiveBackward(dy, input: x)
            assertClose(fast.inputGradient, naive.inputGradient, tolerance: 1e-12, "dx")
            assertClose(fast.parameterGradients[0], naive.parameterGradients[0], tolerance: 1e-11, "dW")
            assertClose(fast.parameterGradients[1], naive.parameterGradients[1], tolerance: 1e-11, "db")
        }
    }

    /// `precision = .float` runs the same kernels in Float: norm-wise relative error ≤ 1e−5
    /// against the Double naive loops, forward and backward, on the same configurations.
    func testFloatPrecisionMatchesNaiveNormWise() {
        var g = SeededGenerator(seed: 5)
        for (kh, kw, stride, padding) in [(3, 3, 1, 0), (3, 3, 2, 1), (2, 3, 1, 1), (5, 5, 1, 2)] {
            let h = 7 + (kh == 2 ? 1 : 0)
            let x = Tensor.normal([3, 2, h, 7], using: &g)
            var layer = Conv2D(weight: Tensor.normal([4, 2, kh, kw], using: &g), bias: Tensor.normal([4], using: &g),
                               stride: stride, padding: padding)
            layer.precision = .float
            var context = ForwardContext(training: true)
            let (y, cache) = layer.forward(x, context: &context)
            let label = "\(kh)×\(kw) s\(stride) p\(padding)"
            XCTAssertEqual(y.shape, layer.naiveForward(x).shape)
            XCTAssertLessThanOrEqual(normwiseDifference(y, layer.naiveForward(x)), 1e-5, "forward \(label)")
            XCTAssertGreaterThan(normwiseDifference(y, layer.naiveForward(x)), 0, "forward \(label): Float should round somewhere")
            let dy = Tensor.normal(y.shape, using: &g)
            let fast = layer.backward(dy, cache: cache), naive = layer.naiveBackward(dy, input: x)
            XCTAssertLessThanOrEqual(normwiseDifference(fast.inputGradient, naive.inputGradient), 1e-5, "dx \(label)")
            XCTAssertLessThanOrEqual(normwiseDifference(fast.parameterGradients[0], naive.parameterGradients[0]), 1e-5, "dW \(label)")
            XCTAssertLessThanOrEqual(normwiseDifference(fast.parameterGradients[1], naive.parameterGradients[1]), 1e-5, "db \(label)")
        }
    }

    /// Every way of splitting the batch (one chunk or several, more chunks than examples, batches
    /// that do not divide a chunk) gives the naive loops' results: within 1e−12 in Double, and
    /// norm-wise within 1e−5 in Float.
    func testEveryPlanMatchesNaive() {
        var g = SeededGenerator(seed: 7)
        let plans = [(1, 1), (1, 7), (2, 3), (3, 2), (7, 1), (9, 2)].map { ConvolutionPlan(chunks: $0.0, batch: $0.1) }
        for (kh, kw, stride, padding) in [(3, 3, 1, 1), (3, 2, 2, 0), (1, 1, 1, 0)] {
            let x = Tensor.normal([7, 2, 7, 6], using: &g)
            let layer = Conv2D(weight: Tensor.normal([3, 2, kh, kw], using: &g), bias: Tensor.normal([3], using: &g),
                               stride: stride, padding: padding)
            let shape = layer.geometry(x.shape)
            let y = layer.naiveForward(x)
            let dy = Tensor.normal(y.shape, using: &g)
            let naive = layer.naiveBackward(dy, input: x)
            for plan in plans {
                let label = "\(kh)×\(kw) s\(stride) p\(padding), \(plan.chunks) chunks of batches of \(plan.batch)"
                assertClose(convolutionForward(shape, x, layer.weight, layer.bias, plan: plan), y, tolerance: 1e-12, "forward " + label)
                let (dx, dw, db) = convolutionBackward(shape, dy, x, layer.weight, plan: plan)
                assertClose(dx, naive.inputGradient, tolerance: 1e-12, "dx " + label)
                assertClose(dw, naive.parameterGradients[0], tolerance: 1e-11, "dW " + label)
                assertClose(db, naive.parameterGradients[1], tolerance: 1e-11, "db " + label)
                let yFloat = convolutionForward(shape, x, layer.weight, layer.bias, precision: .float, plan: plan)
                let (dxFloat, dwFloat, _) = convolutionBackward(shape, dy, x, layer.weight, precision: .float, plan: plan)
                XCTAssertLessThanOrEqual(normwiseDifference(yFloat, y), 1e-5, "Float forward " + label)
                XCTAssertLessThanOrEqual(normwiseDifference(dxFloat, naive.inputGradient), 1e-5, "Float dx " + label)
                XCTAssertLessThanOrEqual(normwiseDifference(dwFloat, naive.parameterGradients[0]), 1e-5, "Float dW " + label)
            }
        }
    }

    /// The split depends on the sizes only: the benchmark's convolution runs in 8 chunks of single
    /// examples (each im2col block, 75 × 1024, is over the budget), the digits net's second
    /// convolution in 2 chunks of 16, its first (too little work to split) in one batch of 32.
    func testPlanForTheCoursesConvolutions() {
        func plan(_ input: [Int], filters: Int, kernel: Int, padding: Int) -> ConvolutionPlan {
            ConvolutionPlan(ConvolutionShape("test", input: input, kernelHeight: kernel, kernelWidth: kernel, strideHeight: 1,
                                             strideWidth: 1, paddingHeight: padding, paddingWidth: padding), filters: filters)
        }
        XCTAssertEqual(plan([64, 3, 32, 32], filters: 16, kernel: 5, padding: 2), ConvolutionPlan(chunks: 8, batch: 1))
        XCTAssertEqual(plan([32, 16, 4, 4], filters: 32, kernel: 3, padding: 1), ConvolutionPlan(chunks: 2, batch: 16))
        XCTAssertEqual(plan([32, 1, 8, 8], filters: 16, kernel: 3, padding: 1), ConvolutionPlan(chunks: 1, batch: 32))
        XCTAssertEqual(plan([3, 1, 8, 8], filters: 16, kernel: 3, padding: 1), ConvolutionPlan(chunks: 1, batch: 3))
        XCTAssertEqual(ConvolutionPlan(chunks: 3, batch: 2).batches(of: 2..<7).map { [$0.first, $0.count] }, [[2, 2], [4, 2], [6, 1]])
        XCTAssertEqual((0..<3).map { ConvolutionPlan(chunks: 3, batch: 1).examples(ofChunk: $0, of: 7) }, [0..<2, 2..<4, 4..<7])
    }

    func testGradientCheckStridesPaddingsAsymmetricKernels() {
        var g = SeededGenerator(seed: 4)
        for (kh, kw, stride, padding) in [(3, 3, 1, 0), (3, 3, 2, 1), (2, 3, 1, 2), (3, 1, 2, 0)] {
            let h = kh == 2 ? 6 : 7
            let x = Tensor.normal([2, 3, h, 7], using: &g)
            let layer = Conv2D(weight: Tensor.normal([4, 3, kh, kw], using: &g), bias: Tensor.normal([4], using: &g),
                               stride: stride, padding: padding)
            assertLayerGradientCheck(layer, input: x)
        }
    }

    func testIm2colLayoutAndAdjoint() {
        let x = Tensor(shape: [2, 1, 3, 3], scalars: (0..<18).map(Double.init))
        let cols = im2col(x, kernelHeight: 2, kernelWidth: 2)
        XCTAssertEqual(cols.shape, [4, 8])
        XCTAssertEqual((0..<8).map { cols[0, $0] }, [0, 1, 3, 4, 9, 10, 12, 13], "row (c, kh, kw) = (0, 0, 0)")
        XCTAssertEqual((0..<4).map { cols[$0, 5] }, [10, 11, 13, 14], "column (n, oh, ow) = (1, 0, 1)")
        var g = SeededGenerator(seed: 5)
        let input = Tensor.normal([2, 3, 5, 6], using: &g)
        let c = im2col(input, kernelHeight: 3, kernelWidth: 2, stride: 2, padding: 1)
        let other = Tensor.normal(c.shape, using: &g)
        let back = col2im(other, inputShape: input.shape, kernelHeight: 3, kernelWidth: 2, stride: 2, padding: 1)
        XCTAssertEqual(c.dot(other), input.dot(back), accuracy: 1e-10, "⟨im2col(x), c⟩ = ⟨x, col2im(c)⟩")
        // Convolution as one matrix product.
        let weight = Tensor.normal([4, 3, 3, 2], using: &g)
        let layer = Conv2D(weight: weight, bias: Tensor.zeros([4]), stride: 2, padding: 1)
        let product = weight.reshaped([4, 18]).matmul(c).reshaped([4, 2, 3, 4]).permuted([1, 0, 2, 3])
        assertClose(product, layer.naiveForward(input), tolerance: 1e-12, "W·im2col(x)")
    }

    func testBenchmarkSizedConvolutionRuns() {
        var g = SeededGenerator(seed: 6)
        let layer = Conv2D(inChannels: 3, outChannels: 16, kernelSize: 5, padding: 2, using: &g)
        let x = Tensor.normal([16, 3, 32, 32], using: &g)   // the benchmark's N = 64 in release builds
        var context = ForwardContext(training: true)
        let start = Date()
        let (y, cache) = layer.forward(x, context: &context)
        let (dx, grads) = layer.backward(Tensor.ones(y.shape), cache: cache)
        let seconds = Date().timeIntervalSince(start)
        XCTAssertEqual(y.shape, [16, 16, 32, 32])
        XCTAssertEqual(dx.shape, x.shape)
        XCTAssertEqual(grads[1].scalars, [Double](repeating: 16 * 32 * 32, count: 16))
        print("conv2d N=16 3→16 32×32 5×5 p2 forward+backward: \(String(format: "%.3f", seconds)) s")
    }
}

/// `‖a − b‖ / ‖b‖` over all scalars (Frobenius), relative to the reference `b` alone (TensorCore's
/// `normwiseRelativeError` divides by `‖a‖ + ‖b‖`, half as strict for the bounds here); infinite
/// when the shapes differ, so a wrong shape fails the assertion rather than comparing a prefix.
func normwiseDifference(_ a: Tensor, _ b: Tensor) -> Double {
    guard a.shape == b.shape else { return .infinity }
    let difference = zip(a.scalars, b.scalars).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
    let norm = b.scalars.reduce(0.0) { $0 + $1 * $1 }
    return (difference / max(norm, 1e-300)).squareRoot()
}

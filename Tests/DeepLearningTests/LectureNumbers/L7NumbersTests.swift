import XCTest
import Foundation
import TensorCore
@testable import DeepLearning

/// Every number quoted in lectures/L7-pooling-and-architectures.md.
final class L7LectureNumbersTests: XCTestCase {
    let note = lecture("L7")

    /// Introduction and §7: the depths ResNet reached are the ResNet paper's, not computed here.
    func testCitedDepths() {
        assertCited("networks of 100+ layers trainable", source: "He et al., 2016", in: note)
        assertCited("ResNets reached 152 layers", source: "He et al., 2016", in: note)
    }

    /// §1: max pooling "typically 2×2 with stride 2" — the most common pooling of the reference
    /// architectures, and `MaxPool2D`'s default stride (the window size).
    func testTypicalPooling() {
        var counts: [[Int]: Int] = [:]
        for layers in [LeNet5.layers, CIFAR10Net.layers, AlexNet.lectureLayers, VGG16.layers, ResNet18.layers] {
            for case let .pool(.max, size, stride, _) in layers { counts[[size, stride], default: 0] += 1 }
        }
        let typical = counts.max { $0.value < $1.value }!.key
        XCTAssertEqual(MaxPool2D(size: typical[0]).stride, typical[1])
        assertQuoted("typically \(typical[0])×\(typical[0])\n  with stride \(MaxPool2D(size: typical[0]).stride))", in: note)
    }

    /// §1: 3×3 pooling of two windows (max, average, min).
    func testThreeByThreePooling() {
        let windows: [[[Double]]] = [[[1, 2, 3], [4, 5, 6], [7, 8, 9]], [[5, 2, 1], [5, 7, 1], [9, 5, 12]]]
        let pool = MaxPool2D(size: 3, stride: 3)
        XCTAssertGreaterThanOrEqual(pool.stride, pool.size)   // without overlap
        assertQuoted("**Worked example — \(pool.size)×\(pool.size) max pooling without overlap (stride \(pool.stride)).** \(inWords(windows.count).capitalized) windows:",
                     in: note)
        let input = Tensor([windows])                               // [1, 2, 3, 3]: one window per channel
        let maxima = pool.inference(input).scalars
        let means = AveragePool2D(size: 3, stride: 3).inference(input).scalars
        let minima = MinPool2D(size: 3, stride: 3).inference(input).scalars
        assertQuoted("$$\\max\(bmatrix(windows[0], compact: true)) = \\mathbf \(short(maxima[0])), \\qquad\n\\max\(bmatrix(windows[1], compact: true)) = \\mathbf{\(short(maxima[1]))}.$$",
                     in: note)
        let sums = windows.map { $0.joined().reduce(0, +) }
        let area = pool.size * pool.size
        assertQuoted("$\(short(sums[0]))/\(area) = \(short(means[0]))$ and $\(short(sums[1]))/\(area) = \(fixed(means[1], 4))$", in: note)
        assertQuoted("min pooling \(short(minima[0])) and \(short(minima[1]))", in: note)
    }

    /// §1: 2×2 pooling with stride 2 on the 4×4 map; the windows as im2col copies them.
    func testTwoByTwoPooling() throws {
        let rows: [[Double]] = [[1, 1, 2, 4], [5, 6, 7, 8], [3, 2, 1, 0], [1, 2, 3, 4]]
        let x = Tensor([[rows]])
        let pool = MaxPool2D(size: 2)
        let n = x.shape[2]
        assertQuoted("**Worked example — \(pool.size)×\(pool.size) max pooling, stride \(pool.stride), on a \(n)×\(x.shape[3]) map.**",
                     in: note)
        assertQuoted("$$X = \\begin{bmatrix} " + rows.map { $0.map { short($0) }.joined(separator: "&") }.joined(separator: "\\\\ ") + "\\end{bmatrix}$$",
                     in: note)
        let size = try ConvolutionGeometry.outputSize(input: n, kernel: pool.size, stride: pool.stride)
        let cols = im2col(x, kernelHeight: pool.size, kernelWidth: pool.size, stride: pool.stride)
        let windows = (0..<cols.shape[1]).map { j in (0..<cols.shape[0]).map { cols.scalars[$0 * cols.shape[1] + j] } }
        assertQuoted("Output size $(\(n) - \(pool.size))/\(pool.stride) + 1 = \(size)$ per axis. The \(inWords(windows.count)) windows:", in: note)
        let maxima = pool.inference(x).scalars
        let means = AveragePool2D(size: 2).inference(x).scalars
        let minima = MinPool2D(size: 2).inference(x).scalars
        for (i, name) in ["top-left", "top-right", "bottom-left", "bottom-right"].enumerated() {
            XCTAssertEqual([windows[i].max()!, windows[i].reduce(0, +) / Double(windows[i].count), windows[i].min()!], [maxima[i], means[i], minima[i]])
            let values = windows[i].map { short($0) }.joined(separator: ", ")
            assertQuoted("| \(name) | \(values) | \(short(maxima[i])) | \(short(means[i])) | \(short(minima[i])) |", in: note)
        }
        func matrix(_ v: [Double]) -> String { bmatrix([[v[0], v[1]], [v[2], v[3]]], compact: true) }
        assertQuoted("max pooling gives $\(matrix(maxima))$", in: note)
        assertQuoted("(average $\(matrix(means))$, min\n$\(matrix(minima))$)", in: note)
        // Average pooling's backward spreads 1/F² to each input: the same exponent for F = 2 and 3.
        let exponents = Set([2, 3].map { f -> Int in
            let (dx, _) = AveragePool2D(size: f).backward(Tensor(shape: [1, 1, 1, 1], repeating: 1), cache: [1, 1, f, f])
            XCTAssertEqual(Set(dx.scalars).count, 1)   // equally
            return Int((log(1 / dx.scalars[0]) / log(Double(f))).rounded())
        })
        XCTAssertEqual(exponents.count, 1)
        assertQuoted("spreads it equally, $1/F^\(exponents.first!)$ to each input", in: note)
    }

    /// §3: LeNet-5, every row from `LeNet5.layers`; the paper's own count is cited.
    func testLeNet5() {
        let input = LeNet5.inputShape
        XCTAssertEqual(input[0], 1)   // grey
        assertQuoted("LeCun's network for \(input[1])×\(input[2]) grey digits", in: note)
        assertQuoted("| input | \(shape(input)) | |", in: note)
        var total = 0
        for step in walked(input, LeNet5.layers) {
            total += step.parameters
            switch step.spec {
            case let .conv(f, k, s, p, _):
                XCTAssertEqual([s, p], [1, 0])
                assertQuoted("| conv \(f)@\(k)×\(k) | \(shape(step.output)) | $\(f)\\cdot\(step.input[0])\\cdot\(k * k) + \(f) = \(groupedTeX(step.parameters))$ |",
                             in: note)
            case let .pool(.max, k, s, _):
                assertQuoted("| max pool \(k)/\(s) | \(shape(step.output)) | \(step.parameters) |", in: note)
            case .flatten:
                assertQuoted("| flatten | \(step.output[0]) | |", in: note)
            case let .dense(d, _):
                assertQuoted("| dense \(d) | \(d) | $\(step.input[0])\\cdot\(d) + \(d) = \(groupedTeX(step.parameters))$ |", in: note)
            default:
                XCTAssertEqual(step.parameters, 0)
            }
        }
        XCTAssertEqual(total, LeNet5.table().totalParameters)
        assertQuoted("| **total** | | **\(grouped(total))** |", in: note)
        assertCited("reports about 60,000", source: "LeCun et al., 1998", in: note)
    }

    /// §4: the small CIFAR-10 network, every row from `CIFAR10Net.layers`, and the dense comparison.
    func testCIFAR10Net() throws {
        let input = CIFAR10Net.inputShape
        let table = CIFAR10Net.table()
        assertQuoted("\(input[1])×\(input[2]) colour images, \(table.outputShape[0]) classes", in: note)
        assertQuoted("| input | \(shape(input)) | |", in: note)
        let steps = walked(input, CIFAR10Net.layers)
        var convolutions = Set<[Int]>(), pools = Set<[Int]>(), counts: [Int] = []
        for step in steps {
            switch step.spec {
            case let .conv(f, k, s, p, _):
                convolutions.insert([k, s, p]); counts.append(step.parameters)
                XCTAssertEqual(step.output[1], step.input[1])   // keeps the size
                assertQuoted("| conv \(f)@\(k)×\(k), pad \(p) | \(shape(step.output)) | $\(f)\\cdot\(k)\\cdot\(k)\\cdot\(step.input[0]) + \(f) = \\mathbf{\(groupedTeX(step.parameters))}$ |",
                             in: note)
            case let .pool(.max, k, s, _):
                pools.insert([k, s])
                assertQuoted("| pool \(k)/\(s) | \(shape(step.output)) | \(step.parameters) |", in: note)
            case .flatten:
                assertQuoted("| flatten | $\(step.input.map(String.init).joined(separator: "\\cdot")) = \(step.output[0])$ | |", in: note)
            case let .dense(d, _):
                counts.append(step.parameters)
                assertQuoted("| dense \(d) (+ softmax) | \(d) | $\(d)\\cdot\(step.input[0]) + \(d) = \\mathbf{\(groupedTeX(step.parameters))}$ |", in: note)
            default:
                XCTAssertEqual(step.parameters, 0)
            }
        }
        XCTAssertEqual(counts, table.parameterCounts)
        assertQuoted("$" + counts.map(groupedTeX).joined(separator: " + ") + " = \\mathbf{\(groupedTeX(table.totalParameters))}$", in: note)
        // Every convolution has the same kernel, stride and padding; every pool the same window.
        XCTAssertEqual(convolutions.count, 1)
        XCTAssertEqual(pools.count, 1)
        let (k, s, p) = (convolutions.first![0], convolutions.first![1], convolutions.first![2])
        let (window, poolStride) = (pools.first![0], pools.first![1])
        let z = try ConvolutionGeometry.padding(input: input[1], output: input[1], kernel: k)
        XCTAssertEqual(z, p)
        assertQuoted("Every convolution\nis \(k)×\(k) with stride \(s) and **padding \(p)** (so it keeps the size, $Z = (\(k)-1)/2 = \(z)$), followed by ReLU\nand \(window)×\(window) max pooling with stride \(poolStride).",
                     in: note)
        // A single dense layer on the same input.
        let pixels = input.reduce(1, *), hidden = 1000
        let denseWeights = try LayerSpec.dense(outFeatures: hidden, bias: false).walk([pixels]).parameters
        assertQuoted("Compare: \(grouped(table.totalParameters)) parameters for a \(grouped(pixels))-pixel input, while a *single* dense layer from \(grouped(pixels))\ninputs to \(grouped(hidden)) hidden units would already have \(grouped(denseWeights)) weights",
                     in: note)
        // Pitfall: forgetting the bias gives 1,200 instead of 1,216.
        let first = steps.first!
        guard case let .conv(f, k1, _, _, _) = first.spec else { return XCTFail("the first layer is not a convolution") }
        let withoutBias = ConvolutionGeometry.parameterCount(inChannels: input[0], outChannels: f, kernel: k1, bias: false)
        assertQuoted("(\(grouped(withoutBias)) instead of \(grouped(first.parameters)))", in: note)
    }

    /// §5: AlexNet's shape walk (every label and computation from `AlexNet.lectureLayers`),
    /// parameter counts, erratum 4, and the historical facts cited from the paper.
    func testAlexNet() throws {
        let table = AlexNet.lectureTable()
        let input = AlexNet.lectureInputShape
        func hwc(_ s: [Int]) -> String { "\(s[1])×\(s[2])×\(s[0])" }
        assertQuoted("| input | | \(hwc(input)) |", in: note)
        let spatial = walked(input, AlexNet.lectureLayers).filter {
            if case .conv = $0.spec { return true }
            if case .pool = $0.spec { return true }
            return false
        }
        XCTAssertEqual(spatial.count, 8)
        var convIndex = 0, poolIndex = 0, poolShapes = Set<[Int]>()
        for step in spatial {
            let (n, m) = (step.input[1], step.output[1])
            let out = hwc(step.output)
            switch step.spec {
            case let .conv(f, k, s, p, _):
                convIndex += 1
                let label = "conv\(convIndex) \(f)@\(k)×\(k)"
                switch convIndex {
                case 1:
                    XCTAssertEqual(p, 0)
                    assertQuoted("| \(label), stride \(s) | $(\(n) - \(k))/\(s) + 1 = \(m)$ | \(out) |", in: note)
                case 2:
                    assertQuoted("| \(label), pad \(p) | $(\(n) + \(2 * p) - \(k))/\(s) + 1 = \(m)$ | \(out) |", in: note)
                case 3:
                    XCTAssertEqual(s, 1)
                    assertQuoted("| \(label), pad \(p) | $(\(n) + \(2 * p) - \(k)) + 1 = \(m)$ | \(out) |", in: note)
                default:
                    assertQuoted("| \(label), pad \(p) | \(m) | \(out) |", in: note)
                }
            case let .pool(.max, k, s, p):
                poolIndex += 1
                poolShapes.insert([k, s])
                XCTAssertEqual(p, 0)
                let label = poolIndex == 1 ? "max pool \(k)×\(k), stride \(s)" : "max pool \(k)/\(s)"
                assertQuoted("| \(label) | $(\(n) - \(k))/\(s) + 1 = \(m)$ | \(out) |", in: note)
            default:
                XCTFail("unexpected layer \(step.spec)")
            }
        }
        // The pools overlap: window 3, stride 2.
        XCTAssertEqual(poolShapes.count, 1)
        let pool = poolShapes.first!
        XCTAssertLessThan(pool[1], pool[0])
        assertQuoted("The pools are *overlapping* (window \(pool[0]), stride \(pool[1]))", in: note)

        let convolutions = table.rows.filter { $0.name.hasPrefix("conv") }.count
        let denseLayers = table.rows.filter { $0.name.hasPrefix("dense") }.count
        assertQuoted("\(convolutions + denseLayers) learned layers (\(convolutions) convolutional, \(denseLayers) dense)", in: note)
        let lastPool = spatial.last!.output
        let flatten = table.rows.first { $0.name == "flatten" }!.outputShape[0]
        assertQuoted("| flatten | $\(lastPool[1])\\cdot\(lastPool[2])\\cdot\(lastPool[0])$ | **\(grouped(flatten))** |", in: note)
        let dense = table.rows.filter { $0.name.hasPrefix("dense") }
        assertQuoted("| FC6 | weight matrix \(grouped(dense[0].outputShape[0]))×\(grouped(flatten)) | \(grouped(dense[0].outputShape[0])) |", in: note)
        assertQuoted("| FC7 | | \(grouped(dense[1].outputShape[0])) |", in: note)
        assertQuoted("| FC8 + softmax | | \(grouped(dense[2].outputShape[0])) |", in: note)
        assertQuoted("single-tower form the network has \(grouped(table.totalParameters)) parameters, \(grouped(dense[0].parameters)) of them in FC6 alone",
                     in: note)
        // Conventions: shapes written H×W×C where the lectures did.
        assertQuoted("(e.g. \(hwc(spatial[0].output)))", in: note)
        // Historical facts, from the paper.
        assertCited("The 2012 ImageNet winner", source: "Krizhevsky et al., 2012", in: note)
        assertCited("trained on two GPUs", source: "Krizhevsky et al., 2012", in: note)
        assertCited("after the first two blocks", source: "Krizhevsky et al., 2012", in: note)

        // Erratum 4: the slides' 224×224 input (torchvision's) into conv1 without padding.
        guard case let .conv(f96, k, s, _, _) = spatial[0].spec else { return XCTFail("conv1") }
        let slides = AlexNet.torchvisionInputShape[1], side = input[1], m = spatial[0].output[1]
        XCTAssertThrowsError(try ConvolutionGeometry.outputSize(input: slides, kernel: k, stride: s))
        assertQuoted("The slides feed a **\(slides)×\(slides)** image into the\n> \(k)×\(k) stride-\(s) convolution and get \(m)×\(m).", in: note)
        assertQuoted("$(\(slides) - \(k))/\(s) + 1 = \(short(Double(slides - k) / Double(s) + 1))$ is not an integer. Either the input is **\(side)×\(side)**, giving\n> $(\(side) - \(k))/\(s) + 1 = \(try ConvolutionGeometry.outputSize(input: side, kernel: k, stride: s))$ exactly",
                     in: note)
        let torchvision = AlexNet.table()
        guard case let .conv(f64, _, _, pad, _) = AlexNet.torchvisionLayers[0] else { return XCTFail("torchvision conv1") }
        let floored = torchvision.rows[0].outputShape[1] - 1   // LayerSpec floors, as PyTorch
        XCTAssertEqual(floored, (slides + 2 * pad - k) / s)
        assertQuoted("or the \(slides)×\(slides) input is padded by \(pad) per side and the size\n> floored: $\\lfloor(\(slides) + \(2 * pad) - \(k))/\(s)\\rfloor + 1 = \(floored) + 1 = \(floored + 1)$",
                     in: note)
        assertQuoted("with \(f64)\n> filters instead of \(f96); \(grouped(torchvision.totalParameters)) parameters", in: note)
        assertQuoted("**AlexNet on \(slides)×\(slides) without padding**", in: note)
    }

    /// §6: VGG-16, from `VGG16.blocks` and `VGG16.layers`; VGG-19's depth is cited.
    func testVGG16() throws {
        let table = VGG16.table()
        var kernels = Set<Int>(), paddings = Set<Int>(), pools = Set<[Int]>()
        for layer in VGG16.layers {
            if case let .conv(_, k, _, p, _) = layer { kernels.insert(k); paddings.insert(p) }
            if case let .pool(.max, size, stride, _) = layer { pools.insert([size, stride]) }
        }
        XCTAssertEqual([kernels.count, paddings.count, pools.count], [1, 1, 1])
        XCTAssertEqual(pools.first![0], pools.first![1])
        assertQuoted("only \(kernels.first!)×\(kernels.first!) convolutions with\npadding \(paddings.first!) and \(pools.first![0])×\(pools.first![0]) max pools",
                     in: note)
        let convolutions = table.rows.filter { $0.name.hasPrefix("conv") }.count
        let learned = table.rows.filter { $0.name.hasPrefix("conv") || $0.name.hasPrefix("dense") }.count
        assertQuoted("(\(learned) or 19 learned layers)", in: note)
        assertCited("16 or 19 learned layers", source: "Simonyan & Zisserman, 2015", in: note)
        // Two stacked 3×3 layers see 5×5, three see 7×7: the input that shrinks to one output.
        let k = kernels.first!
        var fields: [Int] = []
        for layers in 2...3 {
            let field = 1 + layers * (k - 1)
            var size = field
            for _ in 0..<layers { size = try ConvolutionGeometry.outputSize(input: size, kernel: k) }
            XCTAssertEqual(size, 1)
            fields.append(field)
        }
        assertQuoted("Two stacked \(k)×\(k) layers\nsee a \(fields[0])×\(fields[0]) region and three see \(fields[1])×\(fields[1]) (L6)", in: note)
        // Blocks and the size walk.
        XCTAssertEqual(VGG16.blocks.reduce(0) { $0 + $1.convolutions }, convolutions)
        let channels = VGG16.blocks.map { String($0.channels) }.joined(separator: ", ")
        let poolRows = table.rows.filter { $0.name.hasPrefix("maxpool") }
        XCTAssertEqual(poolRows.map { $0.outputShape[0] }, VGG16.blocks.map(\.channels))
        let sizes = [VGG16.inputShape[1]] + poolRows.map { $0.outputShape[1] }
        let dense = table.rows.filter { $0.name.hasPrefix("dense") }
        let flattenRow = table.rows.firstIndex { $0.name == "flatten" }!
        let beforeFlatten = table.rows[flattenRow - 1].outputShape
        let chain = ([table.rows[flattenRow].outputShape[0]] + dense.map { $0.outputShape[0] }).map(groupedTeX)
        assertQuoted("VGG-16 has \(convolutions) convolutions in \(inWords(VGG16.blocks.count)) blocks of \(channels) channels\n($"
                     + sizes.map(String.init).joined(separator: " \\to ") + "$), then\n$"
                     + beforeFlatten.map(String.init).joined(separator: "\\cdot") + " = " + chain.joined(separator: " \\to ") + "$",
                     in: note)
        let denseTotal = dense.reduce(0) { $0 + $1.parameters }
        let share = Int((Double(denseTotal) / Double(table.totalParameters) * 100).rounded())
        assertQuoted("Total \(grouped(table.totalParameters)) parameters,\nabout \(share) % of them in the \(inWords(dense.count)) dense layers (\(grouped(dense[0].parameters)) in the first)",
                     in: note)
    }

    /// §7: ResNet-18's blocks, shortcut and final layer.
    func testResNet18() {
        let table = ResNet18.table()
        var bodyConvolutions = Set<Int>(), shortcuts = Set<[Int]>()
        for case let .residual(_, body, shortcut) in ResNet18.layers {
            let convs = body.filter { if case .conv = $0 { return true }; return false }.count
            let norms = body.filter { $0 == .batchNorm }.count
            XCTAssertEqual(norms, convs)   // each convolution with batch norm
            bodyConvolutions.insert(convs)
            for case let .conv(_, k, s, _, _) in shortcut { shortcuts.insert([k, s]) }
        }
        XCTAssertEqual(bodyConvolutions.count, 1)
        assertQuoted("each residual function contains \(inWords(bodyConvolutions.first!)) convolutions\nwith batch norm", in: note)
        XCTAssertEqual(shortcuts.count, 1)
        let shortcut = shortcuts.first!
        assertQuoted("the shortcut is a \(shortcut[0])×\(shortcut[0])\nstride-\(shortcut[1]) convolution instead of the identity", in: note)
        let last = table.rows.last!
        let features = table.rows[table.rows.count - 2].outputShape[0]
        let classes = last.outputShape[0]
        assertQuoted("ResNet-18 has \(grouped(table.totalParameters)) parameters, of\nwhich only $\(features)\\cdot\(groupedTeX(classes)) + \(groupedTeX(classes)) = \(groupedTeX(last.parameters))$",
                     in: note)
    }

    /// Conventions: "pad 2" on a 5×5 convolution (the CIFAR-10 net's) means two zeros on each side.
    func testPaddingPerSide() {
        guard case let .conv(_, k, _, p, _) = CIFAR10Net.layers[0] else { return XCTFail("the first layer is not a convolution") }
        // A 1×1 identity kernel copies the padded input, so the added zeros show in the output.
        let n = 4
        let identity = Conv2D(weight: Tensor([[[[1]]]]), bias: Tensor([0]), padding: p)
        let y = identity.inference(Tensor(shape: [1, 1, n, n], repeating: 1))
        let width = y.shape[3], middle = y.shape[2] / 2
        let row = Array(y.scalars[(middle * width)..<((middle + 1) * width)])
        let (left, right) = (row.prefix { $0 == 0 }.count, row.reversed().prefix { $0 == 0 }.count)
        XCTAssertEqual(left, right)
        assertQuoted("so \"pad \(p)\" on a \(k)×\(k) convolution means \(inWords(left)) zeros on each side", in: note)
    }
}

/// One step of a layer walk: the spec, its input and output shapes and its parameter count,
/// from `LayerSpec.walk`; activations are left out.
private func walked(_ input: [Int], _ layers: [LayerSpec]) -> [(spec: LayerSpec, input: [Int], output: [Int], parameters: Int)] {
    var shape = input
    var steps: [(spec: LayerSpec, input: [Int], output: [Int], parameters: Int)] = []
    for layer in layers {
        let (out, count) = try! layer.walk(shape)
        if layer != .relu { steps.append((layer, shape, out, count)) }
        shape = out
    }
    return steps
}




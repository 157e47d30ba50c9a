import XCTest
import Foundation
import TensorCore
@testable import DeepLearning

/// Every number quoted in lectures/L7-pooling-and-architectures.md.
final class L7LectureNumbersTests: XCTestCase {
    let note = lecture("L7")

    /// §1: 3×3 pooling of two windows (max, average, min).
    func testThreeByThreePooling() {
        let windows: [[[Double]]] = [[[1, 2, 3], [4, 5, 6], [7, 8, 9]], [[5, 2, 1], [5, 7, 1], [9, 5, 12]]]
        let input = Tensor([windows])                               // [1, 2, 3, 3]: one window per channel
        let maxima = MaxPool2D(size: 3, stride: 3).inference(input).scalars
        let means = AveragePool2D(size: 3, stride: 3).inference(input).scalars
        let minima = MinPool2D(size: 3, stride: 3).inference(input).scalars
        assertQuoted("= \\mathbf \(short(maxima[0])), \\qquad", in: note)
        assertQuoted("= \\mathbf{\(short(maxima[1]))}.$$", in: note)
        let sums = windows.map { $0.joined().reduce(0, +) }
        assertQuoted("$\(short(sums[0]))/9 = \(short(means[0]))$ and $\(short(sums[1]))/9 = \(fixed(means[1], 4))$", in: note)
        assertQuoted("min pooling \(short(minima[0])) and \(short(minima[1]))", in: note)
    }

    /// §1: 2×2 pooling with stride 2 on the 4×4 map.
    func testTwoByTwoPooling() throws {
        let x = Tensor([[[[1, 1, 2, 4], [5, 6, 7, 8], [3, 2, 1, 0], [1, 2, 3, 4]]]])
        let size = try ConvolutionGeometry.outputSize(input: 4, kernel: 2, stride: 2)
        assertQuoted("Output size $(4 - 2)/2 + 1 = \(size)$ per axis", in: note)
        let maxima = MaxPool2D(size: 2).inference(x).scalars
        let means = AveragePool2D(size: 2).inference(x).scalars
        let minima = MinPool2D(size: 2).inference(x).scalars
        for (i, name) in ["top-left", "top-right", "bottom-left", "bottom-right"].enumerated() {
            assertQuoted("| \(short(maxima[i])) | \(short(means[i])) | \(short(minima[i])) |", in: note)
            XCTAssertTrue(note.contains("| \(name) |"))
        }
        func matrix(_ v: [Double]) -> String { "\\begin{bmatrix}\(short(v[0]))&\(short(v[1]))\\\\\(short(v[2]))&\(short(v[3]))\\end{bmatrix}" }
        assertQuoted("max pooling gives $\(matrix(maxima))$", in: note)
        assertQuoted("(average $\(matrix(means))$, min\n$\(matrix(minima))$)", in: note)
        // Average pooling's backward spreads 1/F² to each input.
        let (dx, _) = AveragePool2D(size: 2).backward(Tensor(shape: [1, 1, 2, 2], repeating: 1), cache: [1, 1, 4, 4])
        XCTAssertEqual(dx.scalars, [Double](repeating: 0.25, count: 16))
    }

    /// §3: LeNet-5.
    func testLeNet5() {
        let table = LeNet5.table()
        let rows = table.rows
        func row(_ label: String, _ index: Int) -> ArchitectureTable.Row { rows.filter { $0.name.hasPrefix(label) }[index] }
        let conv1 = row("conv", 0), pool1 = row("maxpool", 0), conv2 = row("conv", 1), pool2 = row("maxpool", 1)
        let flatten = row("flatten", 0)
        let dense = rows.filter { $0.name.hasPrefix("dense") }
        assertQuoted("| conv 6@5×5 | \(shape(conv1.outputShape)) | $6\\cdot1\\cdot25 + 6 = \(conv1.parameters)$ |", in: note)
        assertQuoted("| max pool 2/2 | \(shape(pool1.outputShape)) | 0 |", in: note)
        assertQuoted("| conv 16@5×5 | \(shape(conv2.outputShape)) | $16\\cdot6\\cdot25 + 16 = \(grouped(conv2.parameters).replacingOccurrences(of: ",", with: "{,}"))$ |", in: note)
        assertQuoted("| max pool 2/2 | \(shape(pool2.outputShape)) | 0 |", in: note)
        assertQuoted("| flatten | \(flatten.outputShape[0]) | |", in: note)
        assertQuoted("| dense 120 | 120 | $400\\cdot120 + 120 = \(grouped(dense[0].parameters).replacingOccurrences(of: ",", with: "{,}"))$ |", in: note)
        assertQuoted("| dense 84 | 84 | $120\\cdot84 + 84 = \(grouped(dense[1].parameters).replacingOccurrences(of: ",", with: "{,}"))$ |", in: note)
        assertQuoted("| dense 10 | 10 | $84\\cdot10 + 10 = \(dense[2].parameters)$ |", in: note)
        assertQuoted("| **total** | | **\(grouped(table.totalParameters))** |", in: note)
    }

    /// §4: the small CIFAR-10 network, and the dense comparison.
    func testCIFAR10Net() throws {
        let table = CIFAR10Net.table()
        let counts = table.parameterCounts
        let shapes = table.rows.filter { !$0.name.hasPrefix("relu") }.map { shape($0.outputShape) }
        XCTAssertEqual(shapes, ["16×32×32", "16×16×16", "20×16×16", "20×8×8", "20×8×8", "20×4×4", "320", "10"])
        assertQuoted("| conv 16@5×5, pad 2 | \(shapes[0]) | $16\\cdot5\\cdot5\\cdot3 + 16 = \\mathbf{\(grouped(counts[0]).replacingOccurrences(of: ",", with: "{,}"))}$ |", in: note)
        assertQuoted("| pool 2/2 | \(shapes[1]) | 0 |", in: note)
        assertQuoted("| conv 20@5×5, pad 2 | \(shapes[2]) | $20\\cdot5\\cdot5\\cdot16 + 20 = \\mathbf{\(grouped(counts[1]).replacingOccurrences(of: ",", with: "{,}"))}$ |", in: note)
        assertQuoted("| pool 2/2 | \(shapes[3]) | 0 |", in: note)
        assertQuoted("| conv 20@5×5, pad 2 | \(shapes[4]) | $20\\cdot5\\cdot5\\cdot20 + 20 = \\mathbf{\(grouped(counts[2]).replacingOccurrences(of: ",", with: "{,}"))}$ |", in: note)
        assertQuoted("| pool 2/2 | \(shapes[5]) | 0 |", in: note)
        assertQuoted("| flatten | $20\\cdot4\\cdot4 = \(shapes[6])$ | |", in: note)
        assertQuoted("$10\\cdot320 + 10 = \\mathbf{\(grouped(counts[3]).replacingOccurrences(of: ",", with: "{,}"))}$", in: note)
        let total = grouped(table.totalParameters).replacingOccurrences(of: ",", with: "{,}")
        assertQuoted("$1{,}216 + 8{,}020 + 10{,}020 + 3{,}210 = \\mathbf{\(total)}$", in: note)
        assertQuoted("Compare: \(grouped(table.totalParameters)) parameters for a \(grouped(3 * 32 * 32))-pixel input", in: note)
        let denseWeights = (try? LayerSpec.dense(outFeatures: 1000, bias: false).walk([3 * 32 * 32]).parameters) ?? 0
        assertQuoted("would already have \(grouped(denseWeights)) weights", in: note)
        XCTAssertEqual(try ConvolutionGeometry.padding(input: 32, output: 32, kernel: 5), 2)
        assertQuoted("$Z = (5-1)/2 = \(try ConvolutionGeometry.padding(input: 32, output: 32, kernel: 5))$", in: note)
        // Pitfall: forgetting the bias gives 1,200 instead of 1,216.
        assertQuoted("(\(grouped(ConvolutionGeometry.parameterCount(inChannels: 3, outChannels: 16, kernel: 5, bias: false))) instead of \(grouped(counts[0])))", in: note)
    }

    /// §5: AlexNet's shape walk, parameter counts and erratum 4.
    func testAlexNet() throws {
        let table = AlexNet.lectureTable()
        let spatial = table.rows.filter { $0.outputShape.count == 3 && !$0.name.hasPrefix("relu") }
        let walk = spatial.map { "\($0.outputShape[1])×\($0.outputShape[2])×\($0.outputShape[0])" }
        XCTAssertEqual(walk.count, 8)
        let computations = ["$(227 - 11)/4 + 1 = ", "$(55 - 3)/2 + 1 = ", "$(27 + 4 - 5)/1 + 1 = ", "$(27 - 3)/2 + 1 = ",
                            "$(13 + 2 - 3) + 1 = ", "| 13 | ", "| 13 | ", "$(13 - 3)/2 + 1 = "]
        for (i, prefix) in computations.enumerated() {
            let size = spatial[i].outputShape[1]
            assertQuoted(prefix.hasPrefix("$") ? "\(prefix)\(size)$ | \(walk[i]) |" : "| \(size) | \(walk[i]) |", in: note)
        }
        let convolutions = table.rows.filter { $0.name.hasPrefix("conv") }.count
        let denseLayers = table.rows.filter { $0.name.hasPrefix("dense") }.count
        assertQuoted("\(convolutions + denseLayers) learned layers (\(convolutions) convolutional, \(denseLayers) dense)", in: note)
        let flatten = table.rows.first { $0.name == "flatten" }!.outputShape[0]
        assertQuoted("| flatten | $6\\cdot6\\cdot256$ | **\(grouped(flatten))** |", in: note)
        let dense = table.rows.filter { $0.name.hasPrefix("dense") }
        assertQuoted("| FC6 | weight matrix \(grouped(dense[0].outputShape[0]))×\(grouped(flatten)) | \(grouped(dense[0].outputShape[0])) |", in: note)
        assertQuoted("| FC7 | | \(grouped(dense[1].outputShape[0])) |", in: note)
        assertQuoted("| FC8 + softmax | | \(grouped(dense[2].outputShape[0])) |", in: note)
        assertQuoted("the\nnetwork has \(grouped(table.totalParameters)) parameters, \(grouped(dense[0].parameters)) of them in FC6 alone", in: note)
        // Erratum 4.
        XCTAssertThrowsError(try ConvolutionGeometry.outputSize(input: 224, kernel: 11, stride: 4))
        assertQuoted("$(224 - 11)/4 + 1 = \(short(Double(224 - 11) / 4 + 1))$ is not an integer", in: note)
        assertQuoted("giving\n> $(227 - 11)/4 + 1 = \(try ConvolutionGeometry.outputSize(input: 227, kernel: 11, stride: 4))$ exactly", in: note)
        let floored = (224 + 4 - 11) / 4
        let torchvision = AlexNet.table()
        XCTAssertEqual(torchvision.rows[0].outputShape, [64, floored + 1, floored + 1])
        assertQuoted("$\\lfloor(224 + 4 - 11)/4\\rfloor + 1 = \(floored) + 1 = \(floored + 1)$", in: note)
        assertQuoted("with \(torchvision.rows[0].outputShape[0])\n> filters instead of 96; \(grouped(torchvision.totalParameters)) parameters", in: note)
    }

    /// §6: VGG-16.
    func testVGG16() throws {
        let table = VGG16.table()
        let pools = table.rows.filter { $0.name.hasPrefix("maxpool") }.map { $0.outputShape[1] }
        let sizes = [VGG16.inputShape[1]] + pools
        assertQuoted("($" + sizes.map(String.init).joined(separator: " \\to ").replacingOccurrences(of: " \\to 28", with: " \\to 28\n")
                     .replacingOccurrences(of: "28\n \\to", with: "28\n\\to") + "$)", in: note)
        let dense = table.rows.filter { $0.name.hasPrefix("dense") }
        let flatten = table.rows.first { $0.name == "flatten" }!.outputShape[0]
        let chain = ([flatten] + dense.map { $0.outputShape[0] }).map { grouped($0).replacingOccurrences(of: ",", with: "{,}") }
        assertQuoted("$512\\cdot7\\cdot7 = " + chain.joined(separator: " \\to ") + "$", in: note)
        let denseTotal = dense.reduce(0) { $0 + $1.parameters }
        let share = Int((Double(denseTotal) / Double(table.totalParameters) * 100).rounded())
        assertQuoted("Total\n\(grouped(table.totalParameters)) parameters, about \(share) % of them in the three dense layers (\(grouped(dense[0].parameters)) in the first)", in: note)
        XCTAssertEqual(table.rows.filter { $0.name.hasPrefix("conv") }.count, 13)
        assertQuoted("VGG-16 has\n13 convolutions", in: note)
        XCTAssertEqual(table.rows.filter { $0.name.hasPrefix("conv") || $0.name.hasPrefix("dense") }.count, 16)
        assertQuoted("(16 or 19 learned layers)", in: note)
        // Two stacked 3×3 layers see 5×5, three see 7×7: the input that shrinks to one output.
        XCTAssertEqual(try ConvolutionGeometry.outputSize(input: 3, kernel: 3), 1)
        XCTAssertEqual(try ConvolutionGeometry.outputSize(input: try ConvolutionGeometry.outputSize(input: 5, kernel: 3), kernel: 3), 1)
        assertQuoted("Two stacked 3×3 layers see a 5×5 region and three\nsee 7×7", in: note)
    }

    /// §7: ResNet-18.
    func testResNet18() {
        let table = ResNet18.table()
        let last = table.rows.last!
        assertQuoted("ResNet-18 has \(grouped(table.totalParameters)) parameters", in: note)
        assertQuoted("$512\\cdot1{,}000 + 1{,}000 = \(grouped(last.parameters).replacingOccurrences(of: ",", with: "{,}"))$", in: note)
    }
}

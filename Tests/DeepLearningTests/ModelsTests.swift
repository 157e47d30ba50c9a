import XCTest
@testable import DeepLearning

final class ModelsTests: XCTestCase {
    func testLeNet5Is61706() {
        let table = LeNet5.table()
        XCTAssertEqual(table.parameterCounts, [156, 2_416, 48_120, 10_164, 850])
        XCTAssertEqual(table.totalParameters, 61_706)
        let mnist = try! ArchitectureTable(name: "LeNet-5 28", inputShape: LeNet5.mnistInputShape, layers: LeNet5.mnistLayers)
        XCTAssertEqual(mnist.totalParameters, 61_706, "padding 2 on 28×28 gives the same maps")
        XCTAssertEqual(table.rows.first { $0.name == "flatten" }?.outputShape, [400])
    }

    func testCIFAR10NetMatchesTheLecture() {
        let table = CIFAR10Net.table()
        XCTAssertEqual(table.parameterCounts, [1_216, 8_020, 10_020, 3_210])
        XCTAssertEqual(table.totalParameters, 22_466)
        let pools = table.rows.filter { $0.name.hasPrefix("maxpool") }.map(\.outputShape)
        XCTAssertEqual(pools, [[16, 16, 16], [20, 8, 8], [20, 4, 4]])
    }

    func testAlexNetWalkAndTotals() {
        let table = AlexNet.table()
        XCTAssertEqual(table.totalParameters, 61_100_840)
        let sizes = table.rows.filter { $0.name.hasPrefix("conv") || $0.name.hasPrefix("maxpool") }.map { $0.outputShape[1] }
        XCTAssertEqual(sizes, [55, 27, 27, 13, 13, 13, 13, 6])
        XCTAssertEqual(table.rows.first { $0.name == "flatten" }?.outputShape, [9_216])
        let lecture = AlexNet.lectureTable()
        XCTAssertEqual(lecture.rows.filter { $0.name.hasPrefix("conv") }.map(\.outputShape),
                       [[96, 55, 55], [256, 27, 27], [384, 13, 13], [384, 13, 13], [256, 13, 13]])
        XCTAssertEqual(lecture.rows.first { $0.name == "flatten" }?.outputShape, [9_216])
        XCTAssertEqual(lecture.totalParameters, 62_378_344)
        XCTAssertEqual(Array(lecture.rows.filter { $0.name.hasPrefix("dense") }.map { $0.outputShape[0] }), [4_096, 4_096, 1_000])
    }

    func testAlexNetErratum224DoesNotTileWithoutPadding() {
        // ⌊(224 − 11)/4⌋ + 1 = 54, not 55.
        let (shape, _) = try! LayerSpec.conv(outChannels: 96, kernel: 11, stride: 4).walk([3, 224, 224])
        XCTAssertEqual(shape, [96, 54, 54])
    }

    func testVGG16Total() {
        let table = VGG16.table()
        XCTAssertEqual(table.totalParameters, 138_357_544)
        XCTAssertEqual(table.rows.first { $0.name == "flatten" }?.outputShape, [25_088])
        XCTAssertEqual(table.parameterCounts.first, 1_792)
    }

    func testResNet18Total() {
        let table = ResNet18.table()
        XCTAssertEqual(table.totalParameters, 11_689_512)
        XCTAssertEqual(table.outputShape, [1_000])
        XCTAssertEqual(table.rows.first { $0.name == "layer4.1.add + relu" }?.outputShape, [512, 7, 7])
        XCTAssertEqual(table.rows.first { $0.name.hasPrefix("maxpool") }?.outputShape, [64, 56, 56])
    }

    func testTableRendering() {
        let text = CIFAR10Net.table().description
        XCTAssertTrue(text.contains("conv 5×5×16 p2"), text)
        XCTAssertTrue(text.contains("1,216"), text)
        XCTAssertTrue(text.hasSuffix("22,466"), text)
        let widths = Set(text.split(separator: "\n").dropFirst().map { $0.count })
        XCTAssertEqual(widths.count, 1, "aligned: every line of the table has the same width\n\(text)")
    }

    func testShapeErrorsAreSentences() {
        XCTAssertThrowsError(try ArchitectureTable(name: "bad", inputShape: [3, 8, 8], layers: [.dense(outFeatures: 10)])) { error in
            XCTAssertEqual("\(error)", "dense 10: the input [3, 8, 8] is not flat; add a flatten layer first.")
        }
        XCTAssertThrowsError(try ArchitectureTable(name: "bad", inputShape: [3, 4, 4], layers: [.conv(outChannels: 2, kernel: 5)]))
    }
}

final class DigitsNetSpecTests: XCTestCase {
    func testDigitsNetTable() {
        let table = DigitsNet.table()
        XCTAssertEqual(table.parameterCounts, [160, 4_640, 8_256, 650])
        XCTAssertEqual(table.totalParameters, 13_706)
        XCTAssertEqual(table.rows.first { $0.name == "flatten" }?.outputShape, [128])
    }
}

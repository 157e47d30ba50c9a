import XCTest
import TensorCore
@testable import DeepLearning

final class DenseTests: XCTestCase {
    func testForwardAndGradients() {
        var g = SeededGenerator(seed: 101)
        var layer = Dense(inputSize: 3, outputSize: 5, using: &g)
        layer.bias = Tensor.normal([5], using: &g)
        let x = Tensor.normal([4, 3], using: &g)
        assertClose(layer.inference(x), x.matmul(layer.weight).addingRowVector(layer.bias), tolerance: 0, "xW + b")
        XCTAssertEqual(layer.parameterCount, 3 * 5 + 5)
        XCTAssertEqual(layer.name, "dense 3→5")
        assertLayerGradientCheck(layer, input: x, threshold: 1e-8)
        let limit = (6.0 / 8).squareRoot()
        XCTAssertTrue(layer.weight.scalars.allSatisfy { abs($0) <= limit }, "Glorot uniform range")
    }

    func testLectureParameterCount() {
        // 400×400×3 image → 1000 → 1000 → 10, weights only.
        XCTAssertEqual(3 * 400 * 400 * 1000 + 1000 * 10, 480_010_000)
        let shapes = [(4, 3), (3, 2)]
        var g = SeededGenerator(seed: 102)
        let net = Sequential(shapes.map { AnyLayer(Dense(inputSize: $0.0, outputSize: $0.1, using: &g)) })
        XCTAssertEqual(net.parameterCount, 4 * 3 + 3 + 3 * 2 + 2)
    }
}

final class SequentialTests: XCTestCase {
    private func smallCNN(_ g: inout SeededGenerator) -> Sequential {
        var bn = BatchNorm(featureCount: 4)
        bn.gamma = Tensor.uniform([4], in: 0.5...1.5, using: &g)
        return Sequential(
            AnyLayer(Conv2D(inChannels: 2, outChannels: 4, kernelSize: 3, padding: 1, using: &g)),
            AnyLayer(Tanh()),
            AnyLayer(bn),
            AnyLayer(AveragePool2D(size: 2)),
            AnyLayer(Flatten()),
            AnyLayer(Dense(inputSize: 16, outputSize: 3, using: &g)))
    }

    func testShapeTable() {
        var g = SeededGenerator(seed: 103)
        let net = smallCNN(&g)
        let table = net.shapeTable(inputShape: [5, 2, 4, 4])
        XCTAssertEqual(table.rows.map(\.outputShape), [[5, 4, 4, 4], [5, 4, 4, 4], [5, 4, 4, 4], [5, 4, 2, 2], [5, 16], [5, 3]])
        XCTAssertEqual(table.rows.map(\.parameterCount), [76, 0, 8, 0, 0, 51])
        XCTAssertEqual(table.totalParameters, net.parameterCount)
        XCTAssertTrue(table.description.contains("conv 3×3×4 s1 p1"), table.description)
        XCTAssertEqual(net.parameterNames.prefix(3), ["0.weight", "0.bias", "2.gamma"])
    }

    func testCIFARNetParameterWalk() {
        var g = SeededGenerator(seed: 104)
        let net = Sequential(
            AnyLayer(Conv2D(inChannels: 3, outChannels: 16, kernelSize: 5, padding: 2, using: &g)), AnyLayer(ReLU()), AnyLayer(MaxPool2D(size: 2)),
            AnyLayer(Conv2D(inChannels: 16, outChannels: 20, kernelSize: 5, padding: 2, using: &g)), AnyLayer(ReLU()), AnyLayer(MaxPool2D(size: 2)),
            AnyLayer(Conv2D(inChannels: 20, outChannels: 20, kernelSize: 5, padding: 2, using: &g)), AnyLayer(ReLU()), AnyLayer(MaxPool2D(size: 2)),
            AnyLayer(Flatten()), AnyLayer(Dense(inputSize: 320, outputSize: 10, using: &g)))
        let table = net.shapeTable(inputShape: [1, 3, 32, 32])
        XCTAssertEqual(table.rows.map(\.parameterCount).filter { $0 > 0 }, [1_216, 8_020, 10_020, 3_210])
        XCTAssertEqual(table.totalParameters, 22_466)
        XCTAssertEqual(table.rows[2].outputShape, [1, 16, 16, 16])
    }

    func testWholeNetworkGradientCheck() {
        var g = SeededGenerator(seed: 105)
        let net = smallCNN(&g)
        assertLayerGradientCheck(net, input: randomTensor([3, 2, 4, 4], seed: 106), threshold: 1e-6)
        // The per-layer gradients concatenate to the flat ones, and parameters round-trip.
        var copy = net
        var context = ForwardContext(training: true)
        let (y, cache) = copy.forward(randomTensor([3, 2, 4, 4], seed: 106), context: &context)
        let perLayer = net.backwardPerLayer(Tensor.ones(y.shape), cache: cache)
        XCTAssertEqual(perLayer.layerGradients.map(\.count), [2, 0, 2, 0, 0, 2])
        copy.parameters = net.parameters.map { $0 * 2 }
        XCTAssertEqual(copy.layers[5].unwrapped(as: Dense.self)?.bias, net.layers[5].unwrapped(as: Dense.self)!.bias * 2)
        XCTAssertNotEqual(copy.layers[2].unwrapped(as: BatchNorm.self)?.runningMean, Tensor.zeros([4]), "running stats updated through AnyLayer")
    }

    func testResidualBlock() {
        var g = SeededGenerator(seed: 107)
        var inner = Dense(inputSize: 4, outputSize: 4, using: &g)
        inner.bias = Tensor.normal([4], using: &g)
        let block = ResidualBlock(Sequential(AnyLayer(inner), AnyLayer(Tanh())))
        let x = randomTensor([3, 4], seed: 108)
        assertClose(block.inference(x), x + tanh(x.matmul(inner.weight).addingRowVector(inner.bias)), tolerance: 1e-15, "h + F(h)")
        XCTAssertEqual(block.outputShape(for: [3, 4]), [3, 4])
        assertLayerGradientCheck(block, input: x, threshold: 1e-7)
        XCTAssertEqual(block.parameterNames, ["0.weight", "0.bias"])
    }
}

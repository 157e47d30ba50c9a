import XCTest
import TensorCore
@testable import DeepLearning

final class BatchNormTests: XCTestCase {
    private func randomized(_ features: Int, seed: UInt64) -> BatchNorm {
        var layer = BatchNorm(featureCount: features)
        var g = SeededGenerator(seed: seed)
        layer.gamma = Tensor.uniform([features], in: 0.5...2, using: &g)
        layer.beta = Tensor.normal([features], using: &g)
        return layer
    }

    func testTrainingNormalisesWithBatchStatistics() {
        var layer = BatchNorm(featureCount: 3)
        let x = randomTensor([5, 3], seed: 31, standardDeviation: 3) + 2
        var context = ForwardContext(training: true)
        let y = layer.forward(x, context: &context).output
        assertClose(y.mean(axis: 0), Tensor.zeros([3]), tolerance: 1e-12, "mean after normalisation")
        let variance = x.variance(axis: 0)
        assertClose(y.variance(axis: 0), variance / (variance + 1e-5), tolerance: 1e-12, "biased variance")
    }

    func testRunningAverageAfterOneStep() {
        var layer = BatchNorm(featureCount: 2)
        layer.runningMean = Tensor([1, -1])
        layer.runningVariance = Tensor([2, 3])
        let x = Tensor([[1, 2], [3, 4], [8, 0], [0, 6]])
        var context = ForwardContext(training: true)
        _ = layer.forward(x, context: &context)
        let unbiased = x.variance(axis: 0) * (4.0 / 3.0)
        assertClose(layer.runningMean, Tensor([1, -1]) * 0.9 + x.mean(axis: 0) * 0.1, tolerance: 1e-14, "running mean")
        assertClose(layer.runningVariance, Tensor([2, 3]) * 0.9 + unbiased * 0.1, tolerance: 1e-14, "running variance (unbiased)")
    }

    func testEvalUsesRunningStatistics() {
        var layer = randomized(2, seed: 32)
        layer.runningMean = Tensor([0.5, -2])
        layer.runningVariance = Tensor([4, 0.25])
        let x = randomTensor([3, 2], seed: 33)
        var context = ForwardContext(training: false)
        let before = (layer.runningMean, layer.runningVariance)
        let y = layer.forward(x, context: &context).output
        let expected = x.subtractingRowVector(layer.runningMean)
            .dividingRowVector(layer.runningVariance.map { ($0 + 1e-5).squareRoot() })
            .multiplyingRowVector(layer.gamma).addingRowVector(layer.beta)
        assertClose(y, expected, tolerance: 1e-12, "eval output")
        XCTAssertEqual(layer.runningMean, before.0, "eval must not update the running mean")
        XCTAssertEqual(layer.runningVariance, before.1)
    }

    func testGradientChecks() {
        assertLayerGradientCheck(randomized(3, seed: 34), input: randomTensor([5, 3], seed: 35), threshold: 1e-6)
        assertLayerGradientCheck(randomized(3, seed: 36), input: randomTensor([2, 3, 3, 4], seed: 37), threshold: 1e-6)
        assertLayerGradientCheck(randomized(3, seed: 38), input: randomTensor([2, 3, 3, 4], seed: 39), training: false, threshold: 1e-7)
        var layer = randomized(4, seed: 40)
        layer.runningVariance = Tensor([1, 2, 0.5, 3])
        assertLayerGradientCheck(layer, input: randomTensor([3, 4], seed: 41), training: false, threshold: 1e-7)
    }

    func testImageInputStatisticsOverNHW() {
        var layer = BatchNorm(featureCount: 2)
        let x = randomTensor([3, 2, 2, 2], seed: 42) * 5
        var context = ForwardContext(training: true)
        let y = layer.forward(x, context: &context).output
        let perChannel = y.permuted([1, 0, 2, 3]).reshaped([2, 12])
        assertClose(perChannel.mean(axis: 1), Tensor.zeros([2]), tolerance: 1e-12, "channel means")
    }
}

final class LayerNormTests: XCTestCase {
    func testNormalisesEachExample() {
        let layer = LayerNorm(featureCount: 4)
        let x = randomTensor([3, 4], seed: 43, standardDeviation: 4)
        let y = layer.inference(x)
        assertClose(y.mean(axis: 1), Tensor.zeros([3]), tolerance: 1e-12, "row means")
        assertClose(y.variance(axis: 1), x.variance(axis: 1) / (x.variance(axis: 1) + 1e-5), tolerance: 1e-12, "row variances")
    }

    func testGradientChecks() {
        var g = SeededGenerator(seed: 44)
        var layer = LayerNorm(featureCount: 5)
        layer.gamma = Tensor.uniform([5], in: 0.5...2, using: &g)
        layer.beta = Tensor.normal([5], using: &g)
        assertLayerGradientCheck(layer, input: randomTensor([3, 5], seed: 45))
        var image = LayerNorm(normalizedShape: [2, 3, 3])
        image.gamma = Tensor.uniform([2, 3, 3], in: 0.5...2, using: &g)
        image.beta = Tensor.normal([2, 3, 3], using: &g)
        assertLayerGradientCheck(image, input: randomTensor([2, 2, 3, 3], seed: 46))
    }
}

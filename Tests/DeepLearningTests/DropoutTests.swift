import XCTest
import TensorCore
@testable import DeepLearning

final class DropoutTests: XCTestCase {
    func testStatisticsWithSeed() {
        let p = 0.3, count = 20_000
        let x = Tensor(shape: [100, count / 100], repeating: 2)
        let layer = Dropout(p: p)
        var context = ForwardContext(training: true, seed: 7)
        let y = layer.forward(x, context: &context).output
        let dropped = Double(y.scalars.filter { $0 == 0 }.count)
        let sigma = (Double(count) * p * (1 - p)).squareRoot()
        XCTAssertLessThan(abs(dropped - p * Double(count)), 3 * sigma, "dropped \(dropped) of \(count)")
        XCTAssertTrue(y.scalars.allSatisfy { $0 == 0 || abs($0 - 2 / (1 - p)) < 1e-12 }, "survivors scaled by 1/(1 − p)")
        XCTAssertEqual(y.mean(), 2, accuracy: 0.05, "mean preserved")
    }

    func testEvalIsIdentityAndEdgeCases() {
        let x = randomTensor([4, 5], seed: 51)
        let layer = Dropout(p: 0.5)
        var eval = ForwardContext(training: false)
        let (y, cache) = layer.forward(x, context: &eval)
        XCTAssertEqual(y, x)
        XCTAssertEqual(layer.backward(x, cache: cache).inputGradient, x)
        let all = Dropout(p: 1)
        var train = ForwardContext(training: true)
        let (zeros, zeroCache) = all.forward(x, context: &train)
        XCTAssertEqual(zeros, Tensor.zeros(x.shape))
        XCTAssertTrue(zeros.isFinite)
        XCTAssertEqual(all.backward(x, cache: zeroCache).inputGradient, Tensor.zeros(x.shape))
        XCTAssertEqual(Dropout(p: 0).inference(x), x)
    }

    func testSameSeedSameMaskAndBackwardUsesIt() {
        let x = randomTensor([3, 7], seed: 52)
        let layer = Dropout(p: 0.4)
        var c1 = ForwardContext(training: true, seed: 9), c2 = ForwardContext(training: true, seed: 9)
        let (y1, mask) = layer.forward(x, context: &c1)
        XCTAssertEqual(y1, layer.forward(x, context: &c2).output)
        let upstream = randomTensor([3, 7], seed: 53)
        XCTAssertEqual(layer.backward(upstream, cache: mask).inputGradient, upstream * mask!)
        assertLayerGradientCheck(layer, input: x, threshold: 1e-8)
    }
}

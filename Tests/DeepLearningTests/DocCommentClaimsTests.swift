import XCTest
import TensorCore
@testable import DeepLearning

/// What the doc comments of `OneCycle` and `clipByGlobalNorm` say about their conventions.
final class DocCommentClaimsTests: XCTestCase {
    func testOneCyclePeakIsAWholeStepAndTheScheduleClampsAfterTheEnd() {
        XCTAssertEqual(OneCycle(maximum: 1, totalSteps: 15).peakStep, 4, "round(0.3·15) − 1; PyTorch's phase ends at 3.5")
        XCTAssertEqual(OneCycle(maximum: 1, totalSteps: 10).peakStep, 2, "0.3·10 − 1, as PyTorch")
        XCTAssertEqual(OneCycle(maximum: 1, totalSteps: 1000).peakStep, 299, "0.3·1000 − 1, as PyTorch")
        let s = OneCycle(maximum: 0.1, totalSteps: 15)
        XCTAssertEqual(s.learningRate(at: s.peakStep), 0.1, "some step reaches the maximum exactly")
        XCTAssertEqual(s.learningRate(at: 14), s.finalRate)
        XCTAssertEqual(s.learningRate(at: 15), s.finalRate, "step T is clamped (PyTorch extrapolates there)")
        XCTAssertEqual(s.learningRate(at: 40), s.finalRate)
        XCTAssertEqual(s.initialRate, 0.1 / 25); XCTAssertEqual(s.finalRate, 0.1 / 25 / 1e4)
    }

    func testClipByGlobalNormLandsExactlyOnTheThreshold() {
        var g = [Tensor([3, 4]), Tensor([12])]          // ‖g‖ = 13
        let norm = clipByGlobalNorm(&g, maxNorm: 1)
        XCTAssertEqual(norm, 13)
        XCTAssertEqual(globalNorm(g), 1, accuracy: 1e-15, "TensorFlow's formula: exactly maxNorm (PyTorch's 1e−6 would leave 1 − 7.7e−8)")
        var small = [Tensor([0.3, 0.4])]
        clipByGlobalNorm(&small, maxNorm: 1)
        XCTAssertEqual(small[0].scalars, [0.3, 0.4], "below the threshold nothing changes")
    }
}

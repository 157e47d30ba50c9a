import XCTest
import TensorCore
@testable import DeepLearning

final class ClippingTests: XCTestCase {
    func testClipByValueIsPerElement() {
        let clipped = clipByValue([Tensor([-3, 0.5, 2]), Tensor([[1.5, -0.2]])], limit: 1)
        XCTAssertEqual(clipped[0], Tensor([-1, 0.5, 1]))
        XCTAssertEqual(clipped[1], Tensor([[1, -0.2]]))
    }

    func testGlobalNormBelowThresholdChangesNothing() {
        var g = [Tensor([3, 0]), Tensor([[0, 4]])]     // global norm 5
        let before = g
        let norm = clipByGlobalNorm(&g, maxNorm: 5.5)
        XCTAssertEqual(norm, 5, accuracy: 1e-12)
        XCTAssertEqual(g, before, "below the threshold the gradients must be unchanged")
    }

    func testGlobalNormAboveThresholdScalesAllTensorsTogether() {
        var g = [Tensor([3, 0]), Tensor([[0, 4]])]     // norms 3 and 4, global 5
        let norm = clipByGlobalNorm(&g, maxNorm: 1)
        XCTAssertEqual(norm, 5, accuracy: 1e-12, "returns the norm before clipping")
        XCTAssertEqual(g[0][0], 0.6, accuracy: 1e-12, "one common scale 1/5 (per-tensor clipping would give 1)")
        XCTAssertEqual(g[1][0, 1], 0.8, accuracy: 1e-12)
        XCTAssertEqual(globalNorm(g), 1, accuracy: 1e-12)
        let (copy, n) = clippedByGlobalNorm([Tensor([6, 8])], maxNorm: 5)
        XCTAssertEqual(n, 10, accuracy: 1e-12)
        XCTAssertEqual(copy[0], Tensor([3, 4]))
    }
}

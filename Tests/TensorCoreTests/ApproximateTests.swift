import XCTest
@testable import TensorCore

final class ApproximateTests: XCTestCase {
    func testRelativeErrorOfScalars() {
        XCTAssertEqual(relativeError(1, 1.0001), 0.0001 / 2.0001, accuracy: 1e-15)
        XCTAssertEqual(relativeError(0, 0), 0)
        XCTAssertEqual(relativeError(3, 3), 0)
        XCTAssertEqual(relativeError(1e-9, 0), 1e-9 / 1e-8, accuracy: 1e-15)  // floor 1e-8
        XCTAssertEqual(relativeError(1, -1), 1)
    }

    func testRelativeErrorOfTensorsIsTheElementwiseMax() {
        let a = Tensor([1, 2, 100]), b = Tensor([1, 2.2, 101])
        XCTAssertEqual(relativeError(a, b), 0.2 / 4.2, accuracy: 1e-15)
        XCTAssertEqual(relativeError(a, a), 0)
    }

    func testMaxAbsoluteAndNormwiseErrors() {
        let a = Tensor([[1, 2], [3, 4]]), b = Tensor([[1, 2.5], [3, 3]])
        XCTAssertEqual(maxAbsoluteDifference(a, b), 1)
        XCTAssertTrue(maxAbsoluteDifference(a, Tensor([[1, 2], [3, .nan]])).isNaN)
        XCTAssertEqual(normwiseRelativeError(a, b), (a - b).norm / (a.norm + b.norm), accuracy: 1e-15)
        XCTAssertEqual(normwiseRelativeError(Tensor.zeros([2]), Tensor.zeros([2])), 0)
    }

    func testIsApproximatelyEqual() {
        let a = Tensor([1, 2, 3])
        XCTAssertTrue(a.isApproximatelyEqual(to: a))
        XCTAssertTrue(a.isApproximatelyEqual(to: a + 1e-10))
        XCTAssertFalse(a.isApproximatelyEqual(to: a + 1e-6))
        XCTAssertTrue(a.isApproximatelyEqual(to: a + 1e-6, absoluteTolerance: 1e-5))
        XCTAssertTrue(Tensor([1000]).isApproximatelyEqual(to: Tensor([1001]), absoluteTolerance: 0, relativeTolerance: 1e-3))
        XCTAssertFalse(a.isApproximatelyEqual(to: Tensor([[1, 2, 3]])), "different shapes are unequal, not a trap")
        XCTAssertFalse(Tensor([.nan]).isApproximatelyEqual(to: Tensor([.nan])))
        XCTAssertTrue(Tensor([.infinity]).isApproximatelyEqual(to: Tensor([.infinity])))
    }

    func testWorstMismatch() {
        let observed = Tensor([[1, 2, 3], [4, 5, 6]])
        let expected = Tensor([[1, 2, 3.5], [4, 4, 6]])
        let worst = observed.worstMismatch(against: expected)
        XCTAssertEqual(worst?.index, [1, 1])
        XCTAssertEqual(worst?.observed, 5)
        XCTAssertEqual(worst?.expected, 4)
        XCTAssertEqual(worst?.difference, 1)
        XCTAssertEqual(observed.worstMismatch(against: observed)?.index, [0, 0])
        XCTAssertNil(Tensor.zeros([0, 3]).worstMismatch(against: Tensor.zeros([0, 3])))
        XCTAssertEqual(Tensor([1, .nan, 2]).worstMismatch(against: Tensor([9, 1, 2]))?.index, [1])
        XCTAssertEqual(Tensor.multiIndex(ofOffset: 23, shape: [2, 3, 4]), [1, 2, 3])
    }
}

import XCTest
@testable import TensorCore

final class TensorReductionsTests: XCTestCase {
    let m = Tensor([[1, 5, 3], [4, 2, 6]])
    let x = Tensor(shape: [2, 3, 4], scalars: (0..<24).map(Double.init))

    func testWholeTensor() {
        XCTAssertEqual(m.sum(), 21)
        XCTAssertEqual(m.mean(), 3.5)
        XCTAssertEqual(m.max(), 6)
        XCTAssertEqual(m.min(), 1)
        XCTAssertEqual(m.argmax(), 5)
        XCTAssertEqual(Tensor([3, 1, 3]).argmax(), 0, "ties go to the first index")
        XCTAssertEqual(Tensor.zeros([0]).sum(), 0)
        XCTAssertTrue(Tensor([1, .nan, 3]).max().isNaN)
        XCTAssertTrue(Tensor([1, .nan, 3]).min().isNaN)
    }

    func testSumAlongEachAxisIncludingNegative() {
        XCTAssertEqual(m.sum(axis: 0), Tensor([5, 7, 9]))
        XCTAssertEqual(m.sum(axis: 1), Tensor([9, 12]))
        XCTAssertEqual(m.sum(axis: -1), Tensor([9, 12]))
        XCTAssertEqual(m.sum(axis: -2), Tensor([5, 7, 9]))
        XCTAssertEqual(m.sum(axis: 0, keepingDimension: true), Tensor([[5, 7, 9]]))
        XCTAssertEqual(m.sum(axis: 1, keepingDimension: true), Tensor([[9], [12]]))

        // Rank 3: compare every axis with explicit loops.
        for axis in 0..<3 {
            let s = x.sum(axis: axis)
            var expected = x.shape; expected.remove(at: axis)
            XCTAssertEqual(s.shape, expected)
            XCTAssertEqual(s.sum(), x.sum())
            XCTAssertEqual(x.sum(axis: axis - 3), s)
            var kept = x.shape; kept[axis] = 1
            XCTAssertEqual(x.sum(axis: axis, keepingDimension: true).shape, kept)
        }
        XCTAssertEqual(x.sum(axis: 1)[1, 2], 14 + 18 + 22)
        XCTAssertEqual(x.sum(axis: 2)[1, 0], 12 + 13 + 14 + 15)
        XCTAssertEqual(x.sum(axis: 0)[2, 3], 11 + 23)
    }

    func testMeanMaxMinAlongAxis() {
        XCTAssertEqual(m.mean(axis: 0), Tensor([2.5, 3.5, 4.5]))
        XCTAssertEqual(m.mean(axis: 1), Tensor([3, 4]))
        XCTAssertEqual(m.max(axis: 0), Tensor([4, 5, 6]))
        XCTAssertEqual(m.max(axis: 1, keepingDimension: true), Tensor([[5], [6]]))
        XCTAssertEqual(m.min(axis: 0), Tensor([1, 2, 3]))
        XCTAssertEqual(m.min(axis: -1), Tensor([1, 2]))
        XCTAssertEqual(x.max(axis: 1)[1, 3], 23)
    }

    func testArgmaxAlongAxisTiesGoFirst() {
        XCTAssertEqual(m.argmax(axis: 1), Tensor([1, 2]))
        XCTAssertEqual(m.argmax(axis: 0), Tensor([1, 0, 1]))
        XCTAssertEqual(Tensor([[2, 7, 7], [9, 9, 9]]).argmax(axis: 1), Tensor([1, 0]))
        XCTAssertEqual(Tensor([[2, 7, 7], [9, 9, 9]]).argmax(axis: -1), Tensor([1, 0]))
        XCTAssertEqual(x.argmax(axis: 2), Tensor([[3, 3, 3], [3, 3, 3]]))
    }

    func testPopulationVariance() {
        XCTAssertEqual(Tensor([[1, 2, 3, 4]]).variance(axis: 1), Tensor([1.25]))
        XCTAssertEqual(m.variance(axis: 0), Tensor([2.25, 2.25, 2.25]))
        XCTAssertEqual(m.variance(axis: 0, keepingDimension: true).shape, [1, 3])
        XCTAssertEqual(Tensor([[5], [5]]).variance(axis: 0), Tensor([0]))
    }

    func testAxisErrorMessage() {
        XCTAssertEqual(Tensor.resolveAxis(2, rank: 2, function: "sum", shape: [2, 3]),
                       .failure(ShapeError("sum(axis: 2): axis out of range for shape [2, 3] (valid axes are -2..<2)")))
        XCTAssertEqual(Tensor.resolveAxis(-1, rank: 2, function: "sum", shape: [2, 3]), .success(1))
    }

    func testNormAndIsFinite() {
        XCTAssertEqual(Tensor([3, 4]).norm, 5)
        XCTAssertEqual(Tensor([[1, 1], [1, 1]]).norm, 2)
        XCTAssertEqual(Tensor([3e200, 4e200]).norm, 5e200, accuracy: 1e186)
        XCTAssertEqual(Tensor.zeros([3]).norm, 0)
        XCTAssertTrue(Tensor([1, .nan]).norm.isNaN)
        XCTAssertEqual(Tensor([1, .infinity]).norm, .infinity)
        XCTAssertTrue(m.isFinite)
        XCTAssertFalse(Tensor([1, .infinity]).isFinite)
        XCTAssertFalse(Tensor([.nan]).isFinite)
    }
}

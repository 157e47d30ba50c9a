import XCTest
@testable import TensorCore

final class TensorCreationTests: XCTestCase {
    func testNestedArrayInitialisersGiveShapes() {
        XCTAssertEqual(Tensor([1, 2, 3]).shape, [3])
        XCTAssertEqual(Tensor([[1, 2, 3], [4, 5, 6]]).shape, [2, 3])
        XCTAssertEqual(Tensor([[[1], [2]], [[3], [4]], [[5], [6]]]).shape, [3, 2, 1])
        XCTAssertEqual(Tensor([[[[1, 2]]], [[[3, 4]]]]).shape, [2, 1, 1, 2])
        XCTAssertEqual(Tensor([[[1, 2], [3, 4]], [[5, 6], [7, 8]]]).scalars, [1, 2, 3, 4, 5, 6, 7, 8])
        XCTAssertEqual(Tensor([[Double]]()).shape, [0, 0])
        XCTAssertEqual(Tensor(scalar: 3).shape, [])
        XCTAssertEqual(Tensor(scalar: 3).rank, 0)
        XCTAssertEqual(Tensor(scalar: 3).count, 1)
    }

    func testFactories() {
        XCTAssertEqual(Tensor.zeros([2, 2]).scalars, [0, 0, 0, 0])
        XCTAssertEqual(Tensor.ones([3]).scalars, [1, 1, 1])
        XCTAssertEqual(Tensor(shape: [2], repeating: 7).scalars, [7, 7])
        let x = Tensor([[1, 2, 3], [4, 5, 6]])
        XCTAssertEqual(Tensor.zeros(like: x), Tensor(shape: [2, 3], scalars: [0, 0, 0, 0, 0, 0]))
        XCTAssertEqual(Tensor.zeros([0, 3]).count, 0)
    }

    func testShapeScalarsMessageNamesBoth() {
        XCTAssertNil(Tensor.shapeScalarsError(shape: [2, 3], scalarCount: 6))
        XCTAssertEqual(Tensor.shapeScalarsError(shape: [2, 3], scalarCount: 5),
                       "Tensor(shape:scalars:): shape [2, 3] needs 6 scalars, got 5")
        XCTAssertEqual(Tensor.shapeScalarsError(shape: [2, -1], scalarCount: 2),
                       "Tensor(shape:scalars:): shape [2, -1] has negative dimension -1 at axis 1")
    }

    func testRaggedRowMessageNamesTheRow() {
        XCTAssertNil(Tensor.sameShapeError([[3], [3]], function: "Tensor(rows)", part: "row"))
        XCTAssertEqual(Tensor.sameShapeError([[3], [3], [2]], function: "Tensor(rows)", part: "row"),
                       "Tensor(rows): row 2 has shape [2] but row 0 has shape [3]")
    }

    func testEqualityIsExact() {
        XCTAssertEqual(Tensor([1, 2]), Tensor(shape: [2], scalars: [1, 2]))
        XCTAssertNotEqual(Tensor([1, 2]), Tensor([[1, 2]]))
        XCTAssertNotEqual(Tensor([1, 2]), Tensor([1, 2.000000001]))
    }

    func testDescription() {
        XCTAssertEqual(Tensor([[1, 2, 3], [4, 5, 6]]).description, "Tensor([2, 3]) [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]")
        XCTAssertEqual(Tensor(scalar: 3).description, "Tensor([]) 3.0")
        XCTAssertEqual(Tensor((0..<10).map(Double.init)).description,
                       "Tensor([10]) [0.0, 1.0, 2.0, …, 7.0, 8.0, 9.0]")
        XCTAssertEqual(Tensor((0..<8).map(Double.init)).description,
                       "Tensor([8]) [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]")
        XCTAssertEqual(Tensor.zeros([2, 0]).description, "Tensor([2, 0]) [[], []]")
    }
}

final class TensorIndexingTests: XCTestCase {
    func testStridesAndOffsets() {
        let x = Tensor.zeros([2, 3, 4])
        XCTAssertEqual(x.strides, [12, 4, 1])
        XCTAssertEqual(x.offset(of: [1, 2, 3]), 23)
        XCTAssertEqual(x.offset(of: [0, 0, 0]), 0)
        XCTAssertEqual(Tensor(scalar: 1).strides, [])
        XCTAssertEqual(Tensor(scalar: 1).offset(of: []), 0)
    }

    func testFixedAritySubscriptsMatchRowMajorOrder() {
        var t = Tensor(shape: [2, 3, 4, 5], scalars: (0..<120).map(Double.init))
        XCTAssertEqual(t[1, 2, 3, 4], 119)
        XCTAssertEqual(t[0, 1, 0, 2], 22)
        XCTAssertEqual(t[index: [1, 0, 2, 1]], Double(60 + 10 + 1))
        t[1, 2, 3, 4] = -1
        XCTAssertEqual(t.scalars[119], -1)

        var m = Tensor([[1, 2, 3], [4, 5, 6]])
        XCTAssertEqual(m[1, 0], 4)
        m[0, 2] += 10
        XCTAssertEqual(m.scalars, [1, 2, 13, 4, 5, 6])

        var v = Tensor([1, 2, 3])
        v[2] = 9
        XCTAssertEqual(v[2], 9)

        var r3 = Tensor.zeros([2, 2, 2])
        r3[1, 0, 1] = 5
        XCTAssertEqual(r3.scalars[5], 5)
        XCTAssertEqual(r3[1, 0, 1], 5)
    }

    func testVariadicSubscriptForAnyRank() {
        var t = Tensor(shape: [2, 1, 1, 1, 3], scalars: [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(t[1, 0, 0, 0, 2], 6)
        t[0, 0, 0, 0, 1] = 0
        XCTAssertEqual(t.scalars, [1, 0, 3, 4, 5, 6])
        var s = Tensor(scalar: 4)
        XCTAssertEqual(s[], 4)
        s[index: []] = 5
        XCTAssertEqual(s.scalars, [5])
    }

    func testIndexErrorNamesIndexAndShape() {
        XCTAssertNil(Tensor.indexError([1, 2], shape: [2, 3]))
        XCTAssertEqual(Tensor.indexError([2, 0], shape: [2, 3]),
                       "subscript: index [2, 0] is out of bounds for shape [2, 3] (axis 0: 2 not in 0..<2)")
        XCTAssertEqual(Tensor.indexError([1], shape: [2, 3]),
                       "subscript: index [1] has 1 components but shape [2, 3] has rank 2")
        XCTAssertEqual(Tensor.indexError([0, -1], shape: [2, 3]),
                       "subscript: index [0, -1] is out of bounds for shape [2, 3] (axis 1: -1 not in 0..<3)")
    }

    func testScalarsAreMutableInPlaceWithTheSameCount() {
        var t = Tensor([[1, 2], [3, 4]])
        t.scalars[3] = 10
        t.scalars = [5, 6, 7, 8]
        t.scalars.withUnsafeMutableBufferPointer { $0[0] = -5 }
        XCTAssertEqual(t, Tensor([[-5, 6], [7, 8]]))
        XCTAssertEqual(Tensor.scalarCountChangedMessage(shape: [2, 2], from: 4, to: 5),
                       "scalars: a tensor of shape [2, 2] needs 4 scalars, but the count changed to 5; "
                           + "use reshaped(_:) or Tensor(shape:scalars:) to change the shape")
    }
}

import XCTest
@testable import TensorCore

final class TensorArithmeticTests: XCTestCase {
    let a = Tensor([[1, 2, 3], [4, 5, 6]])
    let b = Tensor([[6, 5, 4], [3, 2, 1]])

    func testTensorTensor() {
        XCTAssertEqual(a + b, Tensor([[7, 7, 7], [7, 7, 7]]))
        XCTAssertEqual(a - b, Tensor([[-5, -3, -1], [1, 3, 5]]))
        XCTAssertEqual(a * b, Tensor([[6, 10, 12], [12, 10, 6]]))
        let quotients: [Double] = [1.0 / 6, 2.0 / 5, 3.0 / 4, 4.0 / 3, 5.0 / 2, 6]
        XCTAssertEqual(a / b, Tensor(shape: [2, 3], scalars: quotients))
        XCTAssertEqual(-a, Tensor([[-1, -2, -3], [-4, -5, -6]]))
    }

    func testTensorScalarBothSides() {
        XCTAssertEqual(a + 1, Tensor([[2, 3, 4], [5, 6, 7]]))
        XCTAssertEqual(1 + a, a + 1)
        XCTAssertEqual(a - 1, Tensor([[0, 1, 2], [3, 4, 5]]))
        XCTAssertEqual(10 - a, Tensor([[9, 8, 7], [6, 5, 4]]))
        XCTAssertEqual(a * 2, Tensor([[2, 4, 6], [8, 10, 12]]))
        XCTAssertEqual(2 * a, a * 2)
        XCTAssertEqual(a / 2, Tensor([[0.5, 1, 1.5], [2, 2.5, 3]]))
        XCTAssertEqual(12 / a, Tensor([[12, 6, 4], [3, 2.4, 2]]))
    }

    func testCompoundAssignment() {
        var x = a
        x += b; XCTAssertEqual(x, a + b)
        x -= b; XCTAssertEqual(x, a)
        x *= b; XCTAssertEqual(x, a * b)
        x /= b; XCTAssertEqual(x, a)
        x += 1; XCTAssertEqual(x, a + 1)
        x -= 1; XCTAssertEqual(x, a)
        x *= 3; XCTAssertEqual(x, a * 3)
        x /= 3; XCTAssertEqual(x, a)
    }

    func testCopiesDoNotAlias() {
        var x = a
        x += 1
        XCTAssertEqual(a, Tensor([[1, 2, 3], [4, 5, 6]]))
    }

    func testMapAndZipMap() {
        XCTAssertEqual(a.map { $0 * $0 }, Tensor([[1, 4, 9], [16, 25, 36]]))
        XCTAssertEqual(a.zipMap(b) { max($0, $1) }, Tensor([[6, 5, 4], [4, 5, 6]]))
        XCTAssertEqual(a.map { $0 }.shape, [2, 3])
        struct Boom: Error {}
        XCTAssertThrowsError(try a.map { _ -> Double in throw Boom() })
        XCTAssertThrowsError(try a.zipMap(b) { _, _ -> Double in throw Boom() })
    }

    func testShapeMismatchMessageNamesBothShapes() {
        XCTAssertNil(Tensor.elementwiseShapeError("+", [2, 3], [2, 3]))
        XCTAssertEqual(Tensor.elementwiseShapeError("+", [2, 3], [3, 2]), "+: shapes [2, 3] and [3, 2] differ")
        XCTAssertEqual(Tensor.elementwiseShapeError("zipMap", [3], [3, 1]), "zipMap: shapes [3] and [3, 1] differ")
    }
}

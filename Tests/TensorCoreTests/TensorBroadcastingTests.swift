import XCTest
@testable import TensorCore

final class TensorBroadcastingTests: XCTestCase {
    let x = Tensor([[1, 2, 3], [4, 5, 6]])

    func testRowVectors() {
        let v = Tensor([10, 20, 30])
        XCTAssertEqual(x.addingRowVector(v), Tensor([[11, 22, 33], [14, 25, 36]]))
        XCTAssertEqual(x.addingRowVector(Tensor([[10, 20, 30]])), x.addingRowVector(v))
        XCTAssertEqual(x.subtractingRowVector(v), Tensor([[-9, -18, -27], [-6, -15, -24]]))
        XCTAssertEqual(x.multiplyingRowVector(v), Tensor([[10, 40, 90], [40, 100, 180]]))
        XCTAssertEqual(x.dividingRowVector(Tensor([1, 2, 4])), Tensor([[1, 1, 0.75], [4, 2.5, 1.5]]))
    }

    func testColumnVectors() {
        let v = Tensor([10, 100])
        XCTAssertEqual(x.addingColumnVector(v), Tensor([[11, 12, 13], [104, 105, 106]]))
        XCTAssertEqual(x.addingColumnVector(Tensor([[10], [100]])), x.addingColumnVector(v))
        XCTAssertEqual(x.subtractingColumnVector(v), Tensor([[-9, -8, -7], [-96, -95, -94]]))
        XCTAssertEqual(x.multiplyingColumnVector(v), Tensor([[10, 20, 30], [400, 500, 600]]))
        XCTAssertEqual(x.dividingColumnVector(Tensor([1, 2])), Tensor([[1, 2, 3], [2, 2.5, 3]]))
    }

    func testRowVectorValidation() {
        XCTAssertNil(Tensor.rowVectorError("addingRowVector", matrix: [4, 3], vector: [3]))
        XCTAssertNil(Tensor.rowVectorError("addingRowVector", matrix: [4, 3], vector: [1, 3]))
        // [N, 1] − [N] is the classic silent-broadcast bug: rejected, naming both shapes.
        XCTAssertEqual(
            Tensor.rowVectorError("subtractingRowVector", matrix: [4, 1], vector: [4]),
            "subtractingRowVector: matrix [4, 1] and row vector [4]: the row vector must have shape [1] or [1, 1] (one entry per column)")
        XCTAssertNotNil(Tensor.rowVectorError("addingRowVector", matrix: [4, 3], vector: [4, 1]))
        XCTAssertNotNil(Tensor.rowVectorError("addingRowVector", matrix: [4, 3], vector: [4]))
        XCTAssertEqual(Tensor.rowVectorError("addingRowVector", matrix: [2, 3, 4], vector: [4]),
                       "addingRowVector: matrix [2, 3, 4] and row vector [4]: the matrix must have rank 2, not 3")
    }

    func testColumnVectorValidation() {
        XCTAssertNil(Tensor.columnVectorError("addingColumnVector", matrix: [4, 3], vector: [4]))
        XCTAssertNil(Tensor.columnVectorError("addingColumnVector", matrix: [4, 3], vector: [4, 1]))
        XCTAssertEqual(
            Tensor.columnVectorError("dividingColumnVector", matrix: [4, 3], vector: [3]),
            "dividingColumnVector: matrix [4, 3] and column vector [3]: the column vector must have shape [4] or [4, 1] (one entry per row)")
        XCTAssertNotNil(Tensor.columnVectorError("addingColumnVector", matrix: [4, 3], vector: [1, 4]))
    }

    func testBroadcastToFollowsNumPyRules() {
        XCTAssertEqual(Tensor([1, 2, 3]).broadcast(to: [2, 3]), Tensor([[1, 2, 3], [1, 2, 3]]))
        XCTAssertEqual(Tensor([[1], [2]]).broadcast(to: [2, 3]), Tensor([[1, 1, 1], [2, 2, 2]]))
        XCTAssertEqual(Tensor(scalar: 7).broadcast(to: [2, 2]), Tensor([[7, 7], [7, 7]]))
        XCTAssertEqual(x.broadcast(to: [2, 3]), x)
        let y = Tensor([[1, 2]]).broadcast(to: [3, 1, 2])  // [1, 2] → [3, 1, 2]
        XCTAssertEqual(y.shape, [3, 1, 2])
        XCTAssertEqual(y.scalars, [1, 2, 1, 2, 1, 2])
        let z = Tensor(shape: [2, 1, 3], scalars: [1, 2, 3, 4, 5, 6]).broadcast(to: [2, 2, 3])
        XCTAssertEqual(z.scalars, [1, 2, 3, 1, 2, 3, 4, 5, 6, 4, 5, 6])
    }

    func testBroadcastValidation() {
        XCTAssertNil(Tensor.broadcastError(from: [3], to: [2, 3]))
        XCTAssertNil(Tensor.broadcastError(from: [2, 1], to: [2, 5]))
        XCTAssertNil(Tensor.broadcastError(from: [], to: [4]))
        XCTAssertEqual(Tensor.broadcastError(from: [3], to: [3, 1]),
                       "broadcast: [3] cannot broadcast to [3, 1]: source axis 0 has size 3, which is neither 1 nor the target's 1 (axis 1)")
        XCTAssertEqual(Tensor.broadcastError(from: [2, 3], to: [3]),
                       "broadcast: [2, 3] cannot broadcast to [3]: the target has fewer axes (1) than the source (2)")
    }
}

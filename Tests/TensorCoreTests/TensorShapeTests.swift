import XCTest
@testable import TensorCore

final class TensorShapeTests: XCTestCase {
    let x = Tensor(shape: [2, 3, 4], scalars: (0..<24).map(Double.init))

    func testReshapeKeepsOrderAndInfersMinusOne() {
        XCTAssertEqual(x.reshaped([6, 4]).scalars, x.scalars)
        XCTAssertEqual(x.reshaped([2, -1]).shape, [2, 12])
        XCTAssertEqual(x.reshaped([-1]).shape, [24])
        XCTAssertEqual(x.reshaped([-1, 3, 2]).shape, [4, 3, 2])
        XCTAssertEqual(Tensor(scalar: 5).reshaped([1, 1]).shape, [1, 1])
    }

    func testReshapeMessages() {
        XCTAssertEqual(Tensor.resolveReshape(from: [2, 3], to: [4, 2]),
                       .failure(ShapeError("reshaped: [2, 3] (6 elements) → [4, 2] (8 elements): element counts differ")))
        XCTAssertEqual(Tensor.resolveReshape(from: [2, 3], to: [-1, -1]),
                       .failure(ShapeError("reshaped: [2, 3] (6 elements) → [-1, -1]: at most one dimension may be -1")))
        XCTAssertEqual(Tensor.resolveReshape(from: [2, 3], to: [4, -1]),
                       .failure(ShapeError("reshaped: [2, 3] (6 elements) → [4, -1]: 6 elements cannot fill the other dimensions (product 4)")))
        XCTAssertEqual(Tensor.resolveReshape(from: [2, 3], to: [3, -1]), .success([3, 2]))
    }

    func testTransposed() {
        let m = Tensor([[1, 2, 3], [4, 5, 6]])
        XCTAssertEqual(m.transposed(), Tensor([[1, 4], [2, 5], [3, 6]]))
        XCTAssertEqual(m.transposed().transposed(), m)
        XCTAssertEqual(m.permuted([1, 0]), m.transposed())
    }

    func testPermuted() {
        let y = x.permuted([2, 0, 1])  // [4, 2, 3], y[l, i, j] = x[i, j, l]
        XCTAssertEqual(y.shape, [4, 2, 3])
        for i in 0..<2 { for j in 0..<3 { for l in 0..<4 { XCTAssertEqual(y[l, i, j], x[i, j, l]) } } }
        XCTAssertEqual(x.permuted([0, 1, 2]), x)
        // NCHW → NHWC → NCHW round trip
        let image = Tensor(shape: [2, 3, 4, 5], scalars: (0..<120).map(Double.init))
        XCTAssertEqual(image.permuted([0, 2, 3, 1]).permuted([0, 3, 1, 2]), image)
        XCTAssertEqual(Tensor.permutationError([0, 0, 1], shape: [2, 3, 4]),
                       "permuted: axes [0, 0, 1] are not a permutation of 0..<3 for shape [2, 3, 4]")
        XCTAssertNil(Tensor.permutationError([1, 2, 0], shape: [2, 3, 4]))
    }

    func testRowsAndGather() {
        let m = Tensor([[1, 2], [3, 4], [5, 6]])
        XCTAssertEqual(m.row(1), Tensor([3, 4]))
        XCTAssertEqual(x.row(1).shape, [3, 4])
        XCTAssertEqual(x.row(1).scalars, Array(x.scalars[12..<24]))
        XCTAssertEqual(Tensor([7, 8]).row(1), Tensor(scalar: 8))
        XCTAssertEqual(m.rows([2, 0, 2]), Tensor([[5, 6], [1, 2], [5, 6]]))
        XCTAssertEqual(m.rows([]).shape, [0, 2])
        XCTAssertEqual(m.rows(1..<3), Tensor([[3, 4], [5, 6]]))
        XCTAssertEqual(m.rows(0..<0).shape, [0, 2])
    }

    func testStackAndConcatenate() {
        let a = Tensor([1, 2]), b = Tensor([3, 4])
        XCTAssertEqual(Tensor.stack([a, b]), Tensor([[1, 2], [3, 4]]))
        let m = Tensor([[1, 2], [3, 4]])
        XCTAssertEqual(Tensor.stack([m, m]).shape, [2, 2, 2])
        XCTAssertEqual(Tensor.concatenate([m, Tensor([[5, 6]])], axis: 0), Tensor([[1, 2], [3, 4], [5, 6]]))
        XCTAssertEqual(Tensor.concatenate([m, Tensor([[5], [6]])], axis: 1), Tensor([[1, 2, 5], [3, 4, 6]]))
        XCTAssertEqual(Tensor.concatenate([m, Tensor([[5], [6]])], axis: -1), Tensor([[1, 2, 5], [3, 4, 6]]))
        XCTAssertEqual(Tensor.concatenate([x, x], axis: 1).shape, [2, 6, 4])
        XCTAssertEqual(Tensor.concatenate([x, x], axis: 1).row(0).rows(3..<6), x.row(0))
        XCTAssertEqual(Tensor.sameShapeError([[2], [3]], function: "stack", part: "tensor"),
                       "stack: tensor 1 has shape [3] but tensor 0 has shape [2]")
        XCTAssertEqual(Tensor.concatenationError([[2, 2], [3, 1]], axis: 1),
                       "concatenate: tensor 1 has shape [3, 1] but tensor 0 has shape [2, 2]: sizes must agree on every axis except 1")
        XCTAssertEqual(Tensor.concatenationError([[2, 2], [2, 2]], axis: 2),
                       "concatenate: axis 2 is out of range for shape [2, 2] (rank 2)")
        XCTAssertNil(Tensor.concatenationError([[2, 2], [2, 7]], axis: 1))
    }

    func testPadded() {
        let m = Tensor([[1, 2], [3, 4]])
        XCTAssertEqual(m.padded([(1, 0), (0, 2)]),
                       Tensor([[0, 0, 0, 0], [1, 2, 0, 0], [3, 4, 0, 0]]))
        XCTAssertEqual(m.padded([(0, 0), (0, 0)]), m)
        XCTAssertEqual(Tensor([1]).padded([(2, 1)], value: -1), Tensor([-1, -1, 1, -1]))
        let image = Tensor(shape: [1, 2, 2, 2], scalars: (1...8).map(Double.init))
        let p = image.padded([(0, 0), (0, 0), (1, 1), (1, 1)])
        XCTAssertEqual(p.shape, [1, 2, 4, 4])
        XCTAssertEqual(p[0, 1, 1, 1], 5)
        XCTAssertEqual(p[0, 1, 2, 2], 8)
        XCTAssertEqual(p.sum(), image.sum())
        XCTAssertEqual(p[0, 0, 0, 0], 0)
    }
}

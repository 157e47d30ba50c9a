import XCTest
@testable import TensorCore

final class TensorLinearAlgebraTests: XCTestCase {
    func testMatmulWorkedExample() {
        let a = Tensor([[1, 2, 3], [4, 5, 6]])           // [2, 3]
        let b = Tensor([[7, 8], [9, 10], [11, 12]])      // [3, 2]
        XCTAssertEqual(a.matmul(b), Tensor([[58, 64], [139, 154]]))
        XCTAssertEqual(Tensor.naiveMatmul(a, b), Tensor([[58, 64], [139, 154]]))
    }

    func testMatmulAgreesWithNaiveOnAwkwardShapes() {
        var g = SeededGenerator(seed: 7)
        for (m, k, n) in [(7, 13, 5), (1, 1, 1), (64, 33, 17), (1, 9, 4), (5, 1, 3), (3, 0, 2), (0, 4, 3)] {
            let a = Tensor.normal([m, k], using: &g)
            let b = Tensor.normal([k, n], using: &g)
            let fast = a.matmul(b)
            let naive = Tensor.naiveMatmul(a, b)
            XCTAssertEqual(fast.shape, [m, n])
            XCTAssertTrue(fast.isApproximatelyEqual(to: naive, absoluteTolerance: 1e-12, relativeTolerance: 1e-12),
                          "[\(m), \(k)] × [\(k), \(n)]: max difference \(maxAbsoluteDifference(fast, naive))")
        }
    }

    func testMatmulMessagesNameBothShapes() {
        XCTAssertNil(Tensor.matmulError([2, 3], [3, 5]))
        XCTAssertEqual(Tensor.matmulError([2, 3], [4, 5]), "matmul: [2, 3] × [4, 5]: inner dimensions 3 and 4 differ")
        XCTAssertEqual(Tensor.matmulError([3], [3, 4]),
                       "matmul: [3] × [3, 4]: both operands must have rank 2 (got ranks 1 and 2); reshape a vector to [1, k] or [k, 1]")
    }

    func testTransposeIdentity() {
        var g = SeededGenerator(seed: 3)
        let a = Tensor.uniform([4, 6], using: &g)
        let b = Tensor.uniform([6, 5], using: &g)
        // (AB)ᵀ = BᵀAᵀ
        XCTAssertTrue(a.matmul(b).transposed().isApproximatelyEqual(to: b.transposed().matmul(a.transposed())))
    }

    func testDotAndOuter() {
        XCTAssertEqual(Tensor([1, 2, 3]).dot(Tensor([4, 5, 6])), 32)
        XCTAssertEqual(Tensor([[1, 2], [3, 4]]).dot(Tensor([[1, 0], [0, 1]])), 5)
        XCTAssertEqual(Tensor([1, 2]).outer(Tensor([3, 4, 5])), Tensor([[3, 4, 5], [6, 8, 10]]))
    }
}

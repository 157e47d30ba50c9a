import XCTest
import Foundation
import TensorCore
import CheckSupport
import Ex7

/// ex7.3: Gram–Schmidt and orthogonal initialization.
final class OrthogonalChecks: XCTestCase {
    /// A 3×2 matrix worked by hand: q₀ = a₀/5, q₁ = the normalised part of a₁ orthogonal to q₀.
    func testGramSchmidtByHand() {
        let a = Tensor([[3, 1], [4, 2], [0, 2]])
        let q = student { Ex7.gramSchmidt(a) }
        // a₁ − (q₀·a₁) q₀ = [1, 2, 2] − 2.2·[0.6, 0.8, 0] = [−0.32, 0.24, 2], of length √4.16.
        let length = 4.16.squareRoot()
        let column: [Double] = [-0.32 / length, 0.24 / length, 2 / length]
        expectClose(q, Tensor([[0.6, column[0]], [0.8, column[1]], [0, column[2]]]), tolerance: 1e-12, "gramSchmidt of [[3, 1], [4, 2], [0, 2]]")
    }

    /// Random [7, 4]: QᵀQ = I, and A = Q·R with R = QᵀA upper triangular with a positive diagonal
    /// (which determines Q: the QR decomposition with a positive diagonal is unique).
    func testGramSchmidtRandom() {
        var generator = checkGenerator(91)
        let a = Tensor.normal([7, 4], using: &generator)
        let q = student { Ex7.gramSchmidt(a) }
        guard expectShape(q, [7, 4], "gramSchmidt of a [7, 4] matrix") else { return }
        guard expectClose(q.transposed().matmul(q), ex7Identity(4), tolerance: 1e-10,
                          "QᵀQ for Q = gramSchmidt(A), A [7, 4] random (every column unit length, every pair orthogonal: remove the projection on EVERY earlier column)") else { return }
        let r = q.transposed().matmul(a)
        for i in 0..<4 {
            guard expectTrue(r[i, i] > 0, "R = QᵀA: diagonal entry [\(i), \(i)] is \(format(r[i, i])); q_\(i) must point along a_\(i) (positive component)") else { return }
            for j in 0..<i {
                guard expectClose(r[i, j], 0, tolerance: 1e-10, "R = QᵀA at [\(i), \(j)] (below the diagonal: q_\(i) must be orthogonal to a_\(j))") else { return }
            }
        }
        expectClose(q.matmul(r), a, tolerance: 1e-10, "Q·(QᵀA) must give back A (the columns span the same space)")
    }

    func testOrthogonalShapes() {
        var generator = checkGenerator(92)
        let (tall, wide, square) = student { () -> (Tensor, Tensor, Tensor) in
            let tall = Ex7.orthogonal([6, 4], using: &generator)
            let wide = Ex7.orthogonal([3, 8], using: &generator)
            return (tall, wide, Ex7.orthogonal([5, 5], gain: 2, using: &generator))
        }
        guard expectShape(tall, [6, 4], "orthogonal([6, 4])") else { return }
        guard expectClose(tall.transposed().matmul(tall), ex7Identity(4), tolerance: 1e-10, "WᵀW for W = orthogonal([6, 4]) (orthonormal columns)") else { return }
        guard expectShape(wide, [3, 8], "orthogonal([3, 8])") else { return }
        guard expectClose(wide.matmul(wide.transposed()), ex7Identity(3), tolerance: 1e-10, "WWᵀ for W = orthogonal([3, 8]) (orthonormal rows)") else { return }
        guard expectShape(square, [5, 5], "orthogonal([5, 5], gain: 2)") else { return }
        guard expectClose(square.transposed().matmul(square), ex7Identity(5, scale: 4), tolerance: 1e-10, "WᵀW for W = orthogonal([5, 5], gain: 2) (= gain²·I)") else { return }
        expectClose(square.matmul(square.transposed()), ex7Identity(5, scale: 4), tolerance: 1e-10, "WWᵀ for W = orthogonal([5, 5], gain: 2)")
    }

    /// Same seed, same W; another seed, another W (not a fixed matrix such as the identity).
    /// Each W is also checked against the definition: orthonormal columns, WᵀW = I.
    func testOrthogonalSeeded() {
        let (a, b, c) = student { () -> (Tensor, Tensor, Tensor) in
            var first = SeededGenerator(seed: 21), second = SeededGenerator(seed: 21), other = SeededGenerator(seed: 22)
            let a = Ex7.orthogonal([8, 5], using: &first), b = Ex7.orthogonal([8, 5], using: &second)
            return (a, b, Ex7.orthogonal([8, 5], using: &other))
        }
        for (name, w) in [("seed 21", a), ("seed 21, again", b), ("seed 22", c)] {
            guard expectShape(w, [8, 5], "orthogonal([8, 5]) with \(name)"),
                  expectClose(w.transposed().matmul(w), ex7Identity(5), tolerance: 1e-10,
                              "WᵀW for W = orthogonal([8, 5]) with \(name) (orthonormal columns)") else { return }
        }
        guard expectClose(b, a, tolerance: 0, "orthogonal([8, 5]) with the same seed twice (must be identical)") else { return }
        guard expectTrue(maxAbsoluteDifference(a, c) > 0.1,
                         "orthogonal([8, 5]) with seeds 21 and 22 should differ (draw a Gaussian matrix from the generator); largest difference \(format(maxAbsoluteDifference(a, c)))") else { return }
        let zeros = a.scalars.filter { $0 == 0 }.count
        expectTrue(zeros == 0, "orthogonal([8, 5]) has \(zeros) entries exactly 0: it should be the Gram–Schmidt of a random Gaussian matrix, not a fixed pattern")
    }
}

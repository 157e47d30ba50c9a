import XCTest
@testable import TensorCore

/// The blocked SIMD kernel (`Gemm`) against the textbook triple loop, on sizes that are not
/// multiples of the micro-tile (6 × nr), the packed block (96 × 256) or each other.
final class GemmTests: XCTestCase {
    /// (m, k, n): 1×1, tiny, edge tiles on every side, more than one kc slice (k > 256),
    /// more than one mc block (m > 96), and a long-thin pair in each direction.
    static let awkwardSizes: [(Int, Int, Int)] = [
        (1, 1, 1), (7, 13, 5), (65, 33, 129), (6, 1, 4), (5, 7, 3), (13, 300, 9),
        (97, 257, 31), (130, 70, 131), (1, 500, 77), (77, 500, 1), (200, 3, 190),
    ]

    /// `threads` workers, split even for the smallest product (serial for one thread).
    func forced(_ threads: Int) -> Gemm.Configuration {
        threads == 1 ? .serial : Gemm.Configuration(threadCount: threads, parallelThreshold: 1)
    }

    func randomArray<T: GemmScalar>(_ count: Int, _ g: inout SeededGenerator, as: T.Type) -> [T] {
        (0..<count).map { _ in T(Double.random(in: -1...1, using: &g)) }
    }

    func relativeError<T: GemmScalar>(_ x: [T], _ y: [T]) -> Double {
        var difference = 0.0, norm = 0.0
        for (a, b) in zip(x, y) {
            difference += Double(a - b) * Double(a - b)
            norm += Double(b) * Double(b)
        }
        return norm == 0 ? difference.squareRoot() : (difference / norm).squareRoot()
    }

    /// Every entry within 1e−12 relative of the reference (in fact bit-for-bit: same order of sums).
    func testDoubleMatchesNaiveOnAwkwardSizes() {
        var g = SeededGenerator(seed: 11)
        for threads in [1, 2, 3] {
            for (m, k, n) in Self.awkwardSizes {
                let a = randomArray(m * k, &g, as: Double.self), b = randomArray(k * n, &g, as: Double.self)
                var c: [Double] = []
                Gemm.multiply(m: m, n: n, k: k, a: a, b: b, c: &c, configuration: forced(threads))
                let reference = Gemm.naiveMultiply(m: m, n: n, k: k, a: a, b: b)
                XCTAssertEqual(c.count, m * n)
                var worst = 0.0
                for (x, y) in zip(c, reference) { worst = max(worst, abs(x - y) / max(abs(y), 1e-300)) }
                XCTAssertLessThanOrEqual(worst, 1e-12, "Double [\(m), \(k)] × [\(k), \(n)], \(threads) threads: worst relative error \(worst)")
                XCTAssertEqual(c, reference, "Double [\(m), \(k)] × [\(k), \(n)], \(threads) threads: not bit-for-bit")
            }
        }
    }

    /// Norm-wise relative error ‖C − C_ref‖ / ‖C_ref‖ ≤ 1e−5 in Float.
    func testFloatMatchesNaiveOnAwkwardSizes() {
        var g = SeededGenerator(seed: 12)
        for threads in [1, 2] {
            for (m, k, n) in Self.awkwardSizes {
                let a = randomArray(m * k, &g, as: Float.self), b = randomArray(k * n, &g, as: Float.self)
                var c: [Float] = []
                Gemm.multiply(m: m, n: n, k: k, a: a, b: b, c: &c, configuration: forced(threads))
                let error = relativeError(c, Gemm.naiveMultiply(m: m, n: n, k: k, a: a, b: b))
                XCTAssertLessThanOrEqual(error, 1e-5, "Float [\(m), \(k)] × [\(k), \(n)], \(threads) threads: norm-wise relative error \(error)")
            }
        }
    }

    /// `gemmMultiply` overwrites C (whatever it held, NaN included) with exactly the triple loop's
    /// result, on awkward sizes, split or not, and writes zeros for k = 0.
    func testOverwriteIgnoresWhatCHeld() {
        var g = SeededGenerator(seed: 13)
        for threads in [1, 2] {
            for (m, k, n) in Self.awkwardSizes + [(4, 0, 3)] {
                let a = randomArray(m * k, &g, as: Double.self), b = randomArray(k * n, &g, as: Double.self)
                var c = [Double](repeating: .nan, count: m * n)
                a.withUnsafeBufferPointer { ab in b.withUnsafeBufferPointer { bb in c.withUnsafeMutableBufferPointer { cb in
                    Double.gemmMultiply(m: m, n: n, k: k, a: ab.baseAddress ?? UnsafePointer(bitPattern: 8)!, lda: max(k, 1),
                                        b: bb.baseAddress ?? UnsafePointer(bitPattern: 8)!, ldb: n,
                                        c: cb.baseAddress!, ldc: n, configuration: forced(threads))
                } } }
                XCTAssertEqual(c, Gemm.naiveMultiply(m: m, n: n, k: k, a: a, b: b),
                               "overwrite [\(m), \(k)] × [\(k), \(n)], \(threads) threads")
                // `multiply` into an array of the right size that holds garbage.
                var reused = [Double](repeating: .nan, count: m * n)
                Gemm.multiply(m: m, n: n, k: k, a: a, b: b, c: &reused, configuration: forced(threads))
                XCTAssertEqual(reused, c, "multiply into a used array [\(m), \(k)] × [\(k), \(n)]")
            }
        }
        var f = [Float](repeating: .nan, count: 6)
        let x: [Float] = [1, 2, 3, 4], y: [Float] = [1, 0, 2, 0, 1, 3]
        x.withUnsafeBufferPointer { xb in y.withUnsafeBufferPointer { yb in f.withUnsafeMutableBufferPointer { fb in
            Float.gemmMultiply(m: 2, n: 3, k: 2, a: xb.baseAddress!, lda: 2, b: yb.baseAddress!, ldb: 3,
                               c: fb.baseAddress!, ldc: 3, configuration: .serial)
        } } }
        XCTAssertEqual(f, [1, 2, 8, 3, 4, 18])
    }

    /// `multiplyAccumulate` adds onto C and honours leading dimensions (a sub-block of larger buffers).
    func testAccumulateWithLeadingDimensions() {
        var g = SeededGenerator(seed: 13)
        let (m, k, n) = (9, 11, 14)
        let (lda, ldb, ldc) = (k + 3, n + 5, n + 2)
        let a = randomArray(m * lda, &g, as: Double.self), b = randomArray(k * ldb, &g, as: Double.self)
        var c = randomArray(m * ldc, &g, as: Double.self)
        var expected = c
        for i in 0..<m { for j in 0..<n {
            var sum = expected[i * ldc + j]
            for p in 0..<k { sum += a[i * lda + p] * b[p * ldb + j] }
            expected[i * ldc + j] = sum
        } }
        a.withUnsafeBufferPointer { ab in b.withUnsafeBufferPointer { bb in c.withUnsafeMutableBufferPointer { cb in
            Gemm.multiplyAccumulate(m: m, n: n, k: k, a: ab.baseAddress!, lda: lda, b: bb.baseAddress!, ldb: ldb,
                                    c: cb.baseAddress!, ldc: ldc)
        } } }
        XCTAssertEqual(c, expected, "C += A·B with lda \(lda), ldb \(ldb), ldc \(ldc): padding columns must stay untouched")
    }

    /// `Tensor.matmul` above the Gemm threshold agrees with `naiveMatmul`.
    func testTensorMatmulUsesGemmAndMatchesNaive() {
        var g = SeededGenerator(seed: 14)
        for (m, k, n) in [(65, 33, 129), (40, 40, 40), (7, 600, 13)] {
            XCTAssertGreaterThanOrEqual(m * n * k, Tensor.gemmThreshold)
            let a = Tensor.normal([m, k], using: &g), b = Tensor.normal([k, n], using: &g)
            let fast = a.matmul(b), naive = Tensor.naiveMatmul(a, b)
            XCTAssertTrue(fast.isApproximatelyEqual(to: naive, absoluteTolerance: 1e-12, relativeTolerance: 1e-12),
                          "[\(m), \(k)] × [\(k), \(n)]: max difference \(maxAbsoluteDifference(fast, naive))")
        }
    }
}

import XCTest
@_spi(GemmEngine) @testable import TensorCore

/// The blocked SIMD kernels (`Gemm`, every `Gemm.Kernel`) against the textbook triple loop, on
/// sizes that are not multiples of the micro-tile (6 × nr), the packed block (144 × 256) or each other.
///
/// The portable kernel must match the loop bit for bit. The fused kernel (FMA) must stay within
/// `Gemm.errorBound`: ‖C_kernel − C_loop‖_F ≤ 2·γ_{k+1}·(‖C₀‖_F + ‖A‖_F·‖B‖_F), γ_n = n·u/(1 − n·u),
/// u the unit roundoff of the scalar. Both kernels are tested whatever this build's default is.
final class GemmTests: XCTestCase {
    /// (m, k, n): 1×1, tiny, edge tiles on every side, more than one kc slice (k > 256),
    /// more than one mc block (m > 144), a long-thin pair in each direction; `B` read in place
    /// (m ≤ 2·mr: (16, 300, 40), the convolution's (16, 75, 1024)) and `A` read in place
    /// (n ≤ nr: (300, 270, 12) over two mc blocks and two kc slices, the convolution's (75, 1024, 16)).
    static let awkwardSizes: [(Int, Int, Int)] = [
        (1, 1, 1), (7, 13, 5), (65, 33, 129), (6, 1, 4), (5, 7, 3), (13, 300, 9),
        (97, 257, 31), (130, 70, 131), (1, 500, 77), (77, 500, 1), (200, 3, 190), (151, 520, 40),
        (16, 300, 40), (16, 75, 1024), (300, 270, 12), (75, 1024, 16), (8, 9, 64), (75, 16, 1024),
    ]

    /// `threads` workers, split even for the smallest product (serial for one thread), on `kernel`.
    func forced(_ threads: Int, _ kernel: Gemm.Kernel) -> Gemm.Configuration {
        Gemm.Configuration(threadCount: threads, parallelThreshold: threads == 1 ? .max : 1, kernel: kernel)
    }

    func randomArray<T: GemmScalar>(_ count: Int, _ g: inout SeededGenerator, as: T.Type) -> [T] {
        (0..<count).map { _ in T(Double.random(in: -1...1, using: &g)) }
    }

    /// The Frobenius norm, accumulated in Double.
    func norm<T: GemmScalar>(_ x: [T]) -> Double {
        x.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
    }

    func distance<T: GemmScalar>(_ x: [T], _ y: [T]) -> Double {
        zip(x, y).reduce(0.0) { $0 + (Double($1.0) - Double($1.1)) * (Double($1.0) - Double($1.1)) }.squareRoot()
    }

    /// `c = a·b` on `kernel` against the triple loop in `T`: bit for bit on the portable kernel,
    /// within the stated bound on the fused one.
    func checkMultiply<T: GemmScalar>(_: T.Type, kernel: Gemm.Kernel, seed: UInt64, threads: [Int]) {
        var g = SeededGenerator(seed: seed)
        for t in threads {
            for (m, k, n) in Self.awkwardSizes {
                let a = randomArray(m * k, &g, as: T.self), b = randomArray(k * n, &g, as: T.self)
                var c: [T] = []
                Gemm.multiplyArrays(m: m, n: n, k: k, a: a, b: b, c: &c, configuration: forced(t, kernel))
                let reference = Gemm.naiveMultiply(m: m, n: n, k: k, a: a, b: b)
                let what = "\(T.self) \(kernel) [\(m), \(k)] × [\(k), \(n)], \(t) threads"
                XCTAssertEqual(c.count, m * n, what)
                let bound = Gemm.errorBound(T.self, k: k, cNorm: 0, aNorm: norm(a), bNorm: norm(b))
                let error = distance(c, reference)
                XCTAssertLessThanOrEqual(error, bound, "\(what): ‖C − C_loop‖ = \(error) above the bound \(bound)")
                if kernel == .portable { XCTAssertEqual(c, reference, "\(what): not bit-for-bit") }
            }
        }
    }

    func testPortableDoubleIsBitForBitTheLoop() { checkMultiply(Double.self, kernel: .portable, seed: 11, threads: [1, 2, 3]) }
    func testPortableFloatIsBitForBitTheLoop() { checkMultiply(Float.self, kernel: .portable, seed: 12, threads: [1, 2]) }
    func testFusedDoubleWithinBound() { checkMultiply(Double.self, kernel: .fused, seed: 21, threads: [1, 2, 3]) }
    func testFusedFloatWithinBound() { checkMultiply(Float.self, kernel: .fused, seed: 22, threads: [1, 2]) }
    func testTallFusedDoubleWithinBound() { checkMultiply(Double.self, kernel: .tallFused, seed: 31, threads: [1, 2, 3]) }
    func testTallFusedFloatWithinBound() { checkMultiply(Float.self, kernel: .tallFused, seed: 32, threads: [1, 2]) }
    func testWideFusedDoubleWithinBound() { checkMultiply(Double.self, kernel: .wideFused, seed: 41, threads: [1, 2, 3]) }
    func testWideFusedFloatWithinBound() { checkMultiply(Float.self, kernel: .wideFused, seed: 42, threads: [1, 2]) }
    func testWideTallFusedDoubleWithinBound() { checkMultiply(Double.self, kernel: .wideTallFused, seed: 51, threads: [1, 2, 3]) }
    func testWideTallFusedFloatWithinBound() { checkMultiply(Float.self, kernel: .wideTallFused, seed: 52, threads: [1, 2]) }

    /// The kernel rule on the machines students have: AVX-512 (the course's Zen 4), AVX2 only,
    /// arm64-like (32 registers, no AVX-512), features unknown, and a portable build.
    func testKernelChoicePerProcessor() {
        let zen4 = Gemm.Processor(model: "zen4", vectorFeatures: ["sse2", "avx", "avx2", "fma", "avx512f", "avx512vl"])
        let avx2 = Gemm.Processor(model: "avx2", vectorFeatures: ["sse2", "avx", "avx2", "fma"])
        let unknown = Gemm.Processor(model: "x86-64", vectorFeatures: nil)
        let cases: [(Gemm.Processor, Int, Gemm.Kernel, Gemm.Kernel)] = [
            (zen4, 2048, .fused, .wideFused), (zen4, 16, .fused, .wideTallFused), (zen4, 8, .fused, .wideTallFused),
            (zen4, 9, .fused, .wideFused), (zen4, 75, .fused, .wideFused), (zen4, 40, .fused, .wideTallFused),
            (zen4, 48, .fused, .wideFused), (zen4, 16, .portable, .portable),
            (avx2, 2048, .fused, .fused), (avx2, 16, .fused, .fused), (avx2, 16, .portable, .portable),
            (unknown, 16, .fused, .fused), (unknown, 2048, .fused, .fused),
        ]
        for (processor, m, family, expected) in cases {
            XCTAssertEqual(Gemm.Kernel.choose(rows: m, family: family, on: processor), expected,
                           "\(processor.model), m = \(m), family \(family)")
        }
        // Narrow products keep the 256-bit tile on an AVX-512 machine: n ≤ 16 in Float, n ≤ 8 in Double.
        let columnCases: [(Int, Int, Bool, Gemm.Kernel)] = [
            (75, 16, true, .fused), (75, 17, true, .wideFused), (16, 16, true, .tallFused), (16, 1024, true, .wideTallFused),
            (75, 16, false, .wideFused), (75, 8, false, .fused), (16, 8, false, .tallFused), (72, 9, false, .wideFused),
        ]
        for (m, n, float, expected) in columnCases {
            let chosen = float ? Gemm.Kernel.choose(rows: m, columns: n, scalar: Float.self, family: .fused, on: zen4)
                               : Gemm.Kernel.choose(rows: m, columns: n, scalar: Double.self, family: .fused, on: zen4)
            XCTAssertEqual(chosen, expected, "zen4, \(m) × \(n) in \(float ? "Float" : "Double")")
        }
        XCTAssertEqual(Gemm.Kernel.choose(rows: 75, columns: 16, scalar: Float.self, family: .fused, on: avx2), .fused)
        XCTAssertEqual(Gemm.Kernel.choose(rows: 75, columns: 16, scalar: Float.self, family: .portable, on: zen4), .portable)
        #if arch(arm64)
        let arm = Gemm.Processor(model: "arm64", vectorFeatures: ["asimd"])
        XCTAssertEqual(Gemm.Kernel.choose(rows: 16, family: .fused, on: arm), .tallFused)
        XCTAssertEqual(Gemm.Kernel.choose(rows: 2048, family: .fused, on: arm), .fused)
        #endif
    }

    /// The bound is not vacuous: on a long inner dimension the fused kernel does round differently
    /// from the loop (else this build would not be testing a fused kernel at all), yet far inside it.
    func testFusedKernelDiffersFromTheLoopButWithinBound() {
        for kernel in [Gemm.Kernel.fused, .tallFused, .wideFused, .wideTallFused] {
            var g = SeededGenerator(seed: 23)
            let (m, k, n) = (37, 700, 41)
            let a = randomArray(m * k, &g, as: Float.self), b = randomArray(k * n, &g, as: Float.self)
            var c: [Float] = []
            Gemm.multiplyArrays(m: m, n: n, k: k, a: a, b: b, c: &c, configuration: forced(1, kernel))
            let reference = Gemm.naiveMultiply(m: m, n: n, k: k, a: a, b: b)
            let error = distance(c, reference)
            let bound = Gemm.errorBound(Float.self, k: k, cNorm: 0, aNorm: norm(a), bNorm: norm(b))
            XCTAssertGreaterThan(error, 0, "\(kernel) Float: identical to the loop on [\(m), \(k)] × [\(k), \(n)]; no fused steps?")
            // The bound is the worst case (errors of one sign, growing like k); with random signs
            // they grow like √k, so here the error is about 10⁻⁴ of the bound.
            XCTAssertLessThanOrEqual(error, bound, "\(kernel) Float")
        }
    }

    /// `gemmMultiply` overwrites C (whatever it held, NaN included), on awkward sizes, split or
    /// not, on every kernel, and writes zeros for k = 0.
    func testOverwriteIgnoresWhatCHeld() {
        var g = SeededGenerator(seed: 13)
        for kernel in Gemm.Kernel.allCases {
            for threads in [1, 2] {
                for (m, k, n) in Self.awkwardSizes + [(4, 0, 3)] {
                    let a = randomArray(m * k, &g, as: Double.self), b = randomArray(k * n, &g, as: Double.self)
                    var c = [Double](repeating: .nan, count: m * n)
                    a.withUnsafeBufferPointer { ab in b.withUnsafeBufferPointer { bb in c.withUnsafeMutableBufferPointer { cb in
                        Double.gemmMultiply(m: m, n: n, k: k, a: ab.baseAddress ?? UnsafePointer(bitPattern: 8)!, lda: max(k, 1),
                                            b: bb.baseAddress ?? UnsafePointer(bitPattern: 8)!, ldb: n,
                                            c: cb.baseAddress!, ldc: n, configuration: forced(threads, kernel))
                    } } }
                    let what = "overwrite \(kernel) [\(m), \(k)] × [\(k), \(n)], \(threads) threads"
                    let reference = Gemm.naiveMultiply(m: m, n: n, k: k, a: a, b: b)
                    XCTAssertFalse(c.contains { $0.isNaN }, "\(what): NaN left in C")
                    XCTAssertLessThanOrEqual(distance(c, reference), Gemm.errorBound(Double.self, k: k, cNorm: 0, aNorm: norm(a), bNorm: norm(b)), what)
                    if kernel == .portable { XCTAssertEqual(c, reference, what) }
                    // `multiply` into an array of the right size that holds garbage.
                    var reused = [Double](repeating: .nan, count: m * n)
                    Gemm.multiply(m: m, n: n, k: k, a: a, b: b, c: &reused, configuration: forced(threads, kernel))
                    XCTAssertEqual(reused, c, "multiply into a used array: \(what)")
                }
            }
            var f = [Float](repeating: .nan, count: 6)
            let x: [Float] = [1, 2, 3, 4], y: [Float] = [1, 0, 2, 0, 1, 3]
            x.withUnsafeBufferPointer { xb in y.withUnsafeBufferPointer { yb in f.withUnsafeMutableBufferPointer { fb in
                Float.gemmMultiply(m: 2, n: 3, k: 2, a: xb.baseAddress!, lda: 2, b: yb.baseAddress!, ldb: 3,
                                   c: fb.baseAddress!, ldc: 3, configuration: Gemm.Configuration.serial.with(kernel: kernel))
            } } }
            XCTAssertEqual(f, [1, 2, 8, 3, 4, 18], "\(kernel): small integers are exact")
        }
    }

    /// `multiplyAccumulate` adds onto C and honours leading dimensions (a sub-block of larger
    /// buffers), on every kernel; the padding columns stay untouched.
    func testAccumulateWithLeadingDimensions() {
        for kernel in Gemm.Kernel.allCases {
            var g = SeededGenerator(seed: 13)
            let (m, k, n) = (9, 311, 14)
            let (lda, ldb, ldc) = (k + 3, n + 5, n + 2)
            let a = randomArray(m * lda, &g, as: Double.self), b = randomArray(k * ldb, &g, as: Double.self)
            var c = randomArray(m * ldc, &g, as: Double.self)
            var expected = c
            for i in 0..<m { for j in 0..<n {
                var sum = expected[i * ldc + j]
                for p in 0..<k { sum += a[i * lda + p] * b[p * ldb + j] }
                expected[i * ldc + j] = sum
            } }
            let c0 = c
            a.withUnsafeBufferPointer { ab in b.withUnsafeBufferPointer { bb in c.withUnsafeMutableBufferPointer { cb in
                Gemm.multiplyAccumulate(m: m, n: n, k: k, a: ab.baseAddress!, lda: lda, b: bb.baseAddress!, ldb: ldb,
                                        c: cb.baseAddress!, ldc: ldc, configuration: Gemm.Configuration.standard.with(kernel: kernel))
            } } }
            let what = "\(kernel): C += A·B with lda \(lda), ldb \(ldb), ldc \(ldc)"
            for i in 0..<m { for j in n..<ldc {
                XCTAssertEqual(c[i * ldc + j], c0[i * ldc + j], "\(what): padding column \(j) of row \(i) changed")
            } }
            let bound = Gemm.errorBound(Double.self, k: k, cNorm: norm(c0), aNorm: norm(a), bNorm: norm(b))
            XCTAssertLessThanOrEqual(distance(c, expected), bound, what)
            if kernel == .portable { XCTAssertEqual(c, expected, "\(what): not bit-for-bit") }
        }
    }

    /// `Tensor.matmul` above the Gemm threshold agrees with `naiveMatmul` within the bound of
    /// the build's kernel, and the small-product loop is bit-for-bit.
    func testTensorMatmulUsesGemmAndMatchesNaive() {
        var g = SeededGenerator(seed: 14)
        for (m, k, n) in [(65, 33, 129), (40, 40, 40), (7, 600, 13)] {
            XCTAssertGreaterThanOrEqual(m * n * k, Tensor.gemmThreshold)
            let a = Tensor.normal([m, k], using: &g), b = Tensor.normal([k, n], using: &g)
            let fast = a.matmul(b), naive = Tensor.naiveMatmul(a, b)
            let bound = Gemm.errorBound(Double.self, k: k, cNorm: 0, aNorm: norm(a.scalars), bNorm: norm(b.scalars))
            XCTAssertLessThanOrEqual(distance(fast.scalars, naive.scalars), bound, "[\(m), \(k)] × [\(k), \(n)]")
            XCTAssertEqual(a.loopMatmul(b).scalars, naive.scalars, "the i-p-j loop [\(m), \(k)] × [\(k), \(n)]")
        }
    }

    /// The bound itself: γ_{k+1} for k = 1023 in Double is 1024·2⁻⁵³/(1 − 1024·2⁻⁵³).
    func testErrorBoundFormula() {
        let u = 0x1p-53, gamma = 1024 * u / (1 - 1024 * u)
        XCTAssertEqual(Gemm.errorBound(Double.self, k: 1023, cNorm: 1, aNorm: 2, bNorm: 3), 2 * gamma * 7, accuracy: 1e-25)
        XCTAssertEqual(Gemm.errorBound(Float.self, k: 0, cNorm: 0, aNorm: 1, bNorm: 1), 2 * 0x1p-24 / (1 - 0x1p-24), accuracy: 1e-16)
    }
}

// Fast general matrix multiply (GEMM) for Double and Float: cache-blocked, packed panels, a
// register-tiled SIMD micro-kernel, split across cores. This file: the entry points, the
// configuration and the kernel choice. GemmDriver.swift (the loops), GemmPacking.swift,
// GemmMicroKernels.swift, GemmScalar.swift. `naiveMultiply` and `Tensor.naiveMatmul` are the
// references it is tested against (Tests/TensorCoreTests/GemmTests.swift).
//
// The engine is SPI (`@_spi(GemmEngine)`): TensorCore's `matmul`, the reference layers and the
// benchmarks see it with `@_spi(GemmEngine) import TensorCore`; an exercise, which imports
// TensorCore plainly, sees only `Tensor`. (SPI rather than `package`: it needs no compiler flag,
// so the grader's own `swiftc` build of TensorCore keeps working unchanged.)

import Foundation

/// Row-major matrix products `C = A·B`, `A` `[m, k]`, `B` `[k, n]`, `C` `[m, n]`.
///
/// Algorithm (Goto/BLIS): loop over `nc`-wide column panels of `B` and `kc`-deep slices of the
/// inner dimension; pack the `kc × nc` panel of `B` into `nr`-column slivers and each `mc × kc`
/// block of `A` into `mr`-row slivers (zero-padded at the edges), then a micro-kernel keeps an
/// `mr × nr` tile of `C` in SIMD registers over the whole slice. Large products split the
/// columns (or rows) of `C` into chunks run with `DispatchQueue.concurrentPerform`.
///
/// Each `C[i, j]` receives its products in order p = 0, 1, …, k−1 whatever the blocking or
/// thread count. The micro-kernels differ in how each step rounds (see `Kernel`).
@_spi(GemmEngine) public enum Gemm {
    /// Depth of a packed slice (`kc`), rows of a packed block of `A` (`mc`, a multiple of every
    /// kernel's `mr`: 6 and 8 both divide 144), columns of a packed panel of `B` (`nc`).
    static let kc = 256, mc = 144, nc = 2048

    /// The micro-kernel a product runs on.
    public enum Kernel: String, Sendable, CaseIterable {
        /// 128-bit vectors (SSE2, NEON), a 6 × 2-vector tile, multiply then add (two roundings
        /// per step, never fused): bit-for-bit the textbook triple loop. Runs on any CPU.
        case portable
        /// Fused multiply-add (one rounding per step) on `T.NativeVector`: 256-bit (AVX2 + FMA)
        /// in a `GEMM_NATIVE` build for x86-64, 128-bit NEON on arm64. Not bit-for-bit the
        /// triple loop; within `Gemm.errorBound` of it.
        case fused
        /// `fused` with an 8-row tile (sixteen accumulators): for CPUs with 32 vector registers
        /// (AVX-512VL on x86-64, every arm64). Same bound.
        case tallFused
        /// `fused` on 512-bit vectors (`T.WideVector`): a 6 × 2-vector tile of 6×16 Double, 6×32
        /// Float, for CPUs with AVX-512F (where the build enables it). Same bound.
        case wideFused
        /// `tallFused` on 512-bit vectors: 8×16 Double, 8×32 Float. Same bound.
        case wideTallFused

        /// The kernel family this build runs by default: `fused` where the compiler may emit FMA
        /// instructions (`GEMM_NATIVE` with `-target-cpu native` on x86-64, every arm64) and the
        /// CPU running it has them, else `portable`. On an x86-64 build without those flags the
        /// fused kernel still computes the right thing, but each fused step is a library call
        /// (`fma`), so it is never the default there. Where the CPU's features are unknown at run
        /// time (no `/proc/cpuinfo`), the build is trusted: `-target-cpu native` only enables
        /// what the building machine has.
        public static let best: Kernel = {
            #if (GEMM_NATIVE && arch(x86_64)) || arch(arm64)
            return Processor.current.hasWideFMA == false ? .portable : .fused
            #else
            return .portable
            #endif
        }()

        /// The default kernel for scalar `T` on a large product: `best`, on 512-bit vectors
        /// (`wideFused`) where the CPU has AVX-512F. (Measured with `bench kernels` on the course's
        /// machine, a Zen 4 EPYC with AVX-512: the wide tile is as fast as the 256-bit one on
        /// 1024³ and 2048³ and 1.5× faster in Double at 256³.) The same for both scalars.
        public static func best<T: GemmScalar>(for _: T.Type) -> Kernel {
            choose(rows: .max, scalar: T.self, family: best, on: Processor.current)
        }

        /// The kernel for a product with `m` rows and `n` columns when none is configured:
        /// `choose(rows:columns:scalar:family:on:)` for this build's family and this machine.
        public static func best<T: GemmScalar>(for _: T.Type, rows m: Int, columns n: Int = .max) -> Kernel {
            choose(rows: m, columns: n, scalar: T.self, family: best, on: Processor.current)
        }

        /// The rule behind `best(for:rows:columns:)`, for any processor: `family` (`best`: fused or
        /// portable) on 512-bit vectors where the processor has AVX-512F, unless the product has no
        /// more columns than the 256-bit tile (`n ≤ 16` Float, `n ≤ 8` Double), which a 512-bit tile
        /// would leave half empty; and for a short product (m < 48, where the padded rows of the last
        /// tile cost), on a processor with 32 vector registers, the 8-row tile (`tallFused`,
        /// `wideTallFused`) when it pads fewer rows than the 6-row one: m = 8 or 16 (the
        /// convolutions' filter counts) take 8 rows, m = 9 keeps 6. (Measured with `bench kernels`
        /// on a Zen 4 EPYC: the 8-row tile is 1.4–1.8× faster at m = 16 and 10–20 % slower on large
        /// Double products; at n = 16 the 256-bit Float tile is 2.6× faster than the 512-bit one
        /// on `[75, 1024]·[1024, 16]`, the convolution's weight gradient.)
        public static func choose<T: GemmScalar>(rows m: Int, columns n: Int = .max, scalar _: T.Type = Double.self,
                                                 family: Kernel, on processor: Processor) -> Kernel {
            guard family == .fused else { return family }
            let narrowTile = 2 * 256 / (MemoryLayout<T>.size * 8)   // columns of the 256-bit tile: 8 Double, 16 Float
            let wide = processor.hasAVX512 == true && n > narrowTile
            guard m < 48, processor.hasThirtyTwoVectorRegisters == true, (m + 7) / 8 * 8 < (m + 5) / 6 * 6 else {
                return wide ? .wideFused : .fused
            }
            return wide ? .wideTallFused : .tallFused
        }

        /// What the kernel is, for the benchmark's header: instructions, tile, per scalar.
        public var summary: String {
            switch self {
            case .portable:
                return "portable (multiply then add, 128-bit; tiles \(PortableKernel<Double>.mr)×\(PortableKernel<Double>.nr) Double, "
                    + "\(PortableKernel<Float>.mr)×\(PortableKernel<Float>.nr) Float)"
            case .fused:
                let bits = Float.NativeVector.scalarCount * 32
                return "fused (FMA, \(bits)-bit; tiles \(FusedKernel<Double, Double.NativeVector>.mr)×\(FusedKernel<Double, Double.NativeVector>.nr) Double, "
                    + "\(FusedKernel<Float, Float.NativeVector>.mr)×\(FusedKernel<Float, Float.NativeVector>.nr) Float)"
            case .tallFused:
                let bits = Float.NativeVector.scalarCount * 32
                return "tallFused (FMA, \(bits)-bit, 32 registers; tiles \(TallFusedKernel<Double, Double.NativeVector>.mr)×\(TallFusedKernel<Double, Double.NativeVector>.nr) Double, "
                    + "\(TallFusedKernel<Float, Float.NativeVector>.mr)×\(TallFusedKernel<Float, Float.NativeVector>.nr) Float)"
            case .wideFused:
                return "wideFused (FMA, 512-bit; tiles \(FusedKernel<Double, Double.WideVector>.mr)×\(FusedKernel<Double, Double.WideVector>.nr) Double, "
                    + "\(FusedKernel<Float, Float.WideVector>.mr)×\(FusedKernel<Float, Float.WideVector>.nr) Float)"
            case .wideTallFused:
                return "wideTallFused (FMA, 512-bit, 32 registers; tiles \(TallFusedKernel<Double, Double.WideVector>.mr)×\(TallFusedKernel<Double, Double.WideVector>.nr) Double, "
                    + "\(TallFusedKernel<Float, Float.WideVector>.mr)×\(TallFusedKernel<Float, Float.WideVector>.nr) Float)"
            }
        }
    }

    /// How a product is computed: which micro-kernel and how it is split across cores. Passed to
    /// each call (there is no global setting), so tests can force a kernel or a split.
    public struct Configuration: Sendable {
        /// Worker threads for large products.
        public var threadCount: Int
        /// Products with at least this many multiply-adds (`m·n·k`) are split across cores.
        public var parallelThreshold: Int
        /// The micro-kernel; nil for `Kernel.best(for:rows:columns:)`: the product's scalar and shape.
        public var kernel: Kernel?
        public init(threadCount: Int, parallelThreshold: Int, kernel: Kernel? = nil) {
            precondition(threadCount >= 1, "Gemm.Configuration: threadCount must be at least 1, got \(threadCount)")
            self.threadCount = threadCount; self.parallelThreshold = parallelThreshold; self.kernel = kernel
        }
        /// Every active processor, products of 2²¹ multiply-adds and more, the best kernel.
        public static let standard = Configuration(threadCount: max(1, ProcessInfo.processInfo.activeProcessorCount),
                                                    parallelThreshold: 1 << 21)
        /// One thread, never split, the best kernel.
        public static let serial = Configuration(threadCount: 1, parallelThreshold: .max)
        /// This configuration with another kernel.
        public func with(kernel: Kernel?) -> Configuration {
            var copy = self; copy.kernel = kernel; return copy
        }
    }

    /// A norm-wise bound on the difference between `kernel`'s result and the triple loop's,
    /// both computed in `T`, for `C = C₀ + A·B` with inner dimension `k`:
    ///
    ///     ‖C_kernel − C_loop‖_F ≤ 2·γ_{k+1}·(‖C₀‖_F + ‖A‖_F·‖B‖_F),   γ_n = n·u / (1 − n·u),
    ///
    /// `u = T.ulpOfOne / 2` the unit roundoff. Each of the two results is within γ_{k+1}·(|C₀| +
    /// |A|·|B|) of the exact one element-wise (Higham, *Accuracy and Stability of Numerical
    /// Algorithms*, 2nd ed., §3.1 and §3.5; a fused step rounds once instead of twice, which the
    /// same bound covers), and ‖ |A|·|B| ‖_F ≤ ‖A‖_F·‖B‖_F. The portable kernel's difference is 0.
    public static func errorBound<T: GemmScalar>(_: T.Type, k: Int, cNorm: Double, aNorm: Double, bNorm: Double) -> Double {
        let u = Double(T.ulpOfOne) / 2
        let nu = Double(k + 1) * u
        return 2 * nu / (1 - nu) * (cNorm + aNorm * bNorm)
    }

    // MARK: Entry points

    /// `c = a·b` for row-major `a` `[m, k]`, `b` `[k, n]`; `c` gets `m·n` scalars.
    public static func multiply(m: Int, n: Int, k: Int, a: [Float], b: [Float], c: inout [Float],
                                 configuration: Configuration = .standard) {
        multiplyArrays(m: m, n: n, k: k, a: a, b: b, c: &c, configuration: configuration)
    }

    /// `c = a·b` for row-major `a` `[m, k]`, `b` `[k, n]`; `c` gets `m·n` scalars.
    public static func multiply(m: Int, n: Int, k: Int, a: [Double], b: [Double], c: inout [Double],
                                 configuration: Configuration = .standard) {
        multiplyArrays(m: m, n: n, k: k, a: a, b: b, c: &c, configuration: configuration)
    }

    /// `c += a·b` on raw row-major pointers with leading dimensions (`lda ≥ k`, `ldb ≥ n`, `ldc ≥ n`).
    public static func multiplyAccumulate<T: GemmScalar>(m: Int, n: Int, k: Int,
                                                          a: UnsafePointer<T>, lda: Int, b: UnsafePointer<T>, ldb: Int,
                                                          c: UnsafeMutablePointer<T>, ldc: Int,
                                                          configuration: Configuration = .standard) {
        T.gemmMultiplyAccumulate(m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, c: c, ldc: ldc, configuration: configuration)
    }

    /// The textbook triple loop `c[i, j] = Σ_p a[i, p]·b[p, j]`: the reference for `multiply`.
    public static func naiveMultiply<T: GemmScalar>(m: Int, n: Int, k: Int, a: [T], b: [T]) -> [T] {
        precondition(a.count == m * k && b.count == k * n,
                     "Gemm.naiveMultiply: [\(m), \(k)] × [\(k), \(n)] needs \(m * k) and \(k * n) scalars, got \(a.count) and \(b.count)")
        var c = [T](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                var sum: T = 0
                for p in 0..<k { sum += a[i * k + p] * b[p * n + j] }
                c[i * n + j] = sum
            }
        }
        return c
    }

    static func multiplyArrays<T: GemmScalar>(m: Int, n: Int, k: Int, a: [T], b: [T], c: inout [T],
                                              configuration: Configuration = .standard) {
        precondition(m >= 0 && n >= 0 && k >= 0, "Gemm.multiply: sizes m \(m), n \(n), k \(k) must be ≥ 0")
        precondition(a.count == m * k && b.count == k * n,
                     "Gemm.multiply: [\(m), \(k)] × [\(k), \(n)] needs \(m * k) and \(k * n) scalars, got \(a.count) and \(b.count)")
        if c.count != m * n { c = [T](repeating: 0, count: m * n) }
        guard m > 0, n > 0 else { return }
        guard k > 0 else {
            c.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
            return
        }
        a.withUnsafeBufferPointer { ab in
            b.withUnsafeBufferPointer { bb in
                c.withUnsafeMutableBufferPointer { cb in
                    // Overwrites c: no need to zero it first.
                    gemm(m, n, k, ab.baseAddress!, k, bb.baseAddress!, n, cb.baseAddress!, n, configuration, overwrite: true)
                }
            }
        }
    }
}

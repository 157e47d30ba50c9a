// Fast general matrix multiply (GEMM) for Double and Float: cache-blocked, packed panels, a
// register-tiled SIMD micro-kernel, split across cores. `Tensor.naiveMatmul` and
// `Gemm.naiveMultiply` are the references it is tested against (Tests/TensorCoreTests/GemmTests.swift).

import Dispatch
import Foundation

/// A scalar the GEMM kernel handles (`Double`, `Float`): names the SIMD register type of the
/// micro-kernel. One generic kernel serves both; the compiler specialises it per scalar.
///
/// The micro-kernel tile is `Gemm.mr` rows × `2·GemmVector.scalarCount` columns, held in
/// 12 vector accumulators. With the default x86-64 target (SSE2, 16 × 128-bit registers) a
/// register holds 2 Doubles or 4 Floats, so the tiles are 6×4 (Double) and 6×8 (Float).
public protocol GemmScalar: BinaryFloatingPoint, SIMDScalar, Codable, Sendable {
    /// The register vector of the micro-kernel.
    associatedtype GemmVector: SIMD where GemmVector.Scalar == Self

    /// `Gemm.multiplyAccumulate` for this scalar, callable from generic code in other modules
    /// (the kernel behind it is specialised here, in TensorCore).
    static func gemmMultiplyAccumulate(m: Int, n: Int, k: Int,
                                       a: UnsafePointer<Self>, lda: Int, b: UnsafePointer<Self>, ldb: Int,
                                       c: UnsafeMutablePointer<Self>, ldc: Int, configuration: Gemm.Configuration)

    /// `c = a·b` (overwrites `c`, which need not be initialised) on raw pointers, from generic code.
    static func gemmMultiply(m: Int, n: Int, k: Int,
                             a: UnsafePointer<Self>, lda: Int, b: UnsafePointer<Self>, ldb: Int,
                             c: UnsafeMutablePointer<Self>, ldc: Int, configuration: Gemm.Configuration)
}

extension Double: GemmScalar {
    #if GEMM_AVX
    public typealias GemmVector = SIMD4<Double>
    #else
    public typealias GemmVector = SIMD2<Double>
    #endif

    public static func gemmMultiplyAccumulate(m: Int, n: Int, k: Int,
                                              a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
                                              c: UnsafeMutablePointer<Double>, ldc: Int, configuration: Gemm.Configuration) {
        Gemm.gemm(m, n, k, a, lda, b, ldb, c, ldc, configuration)
    }

    public static func gemmMultiply(m: Int, n: Int, k: Int,
                                    a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
                                    c: UnsafeMutablePointer<Double>, ldc: Int, configuration: Gemm.Configuration) {
        Gemm.gemm(m, n, k, a, lda, b, ldb, c, ldc, configuration, overwrite: true)
    }
}

extension Float: GemmScalar {
    #if GEMM_AVX
    public typealias GemmVector = SIMD8<Float>
    #else
    public typealias GemmVector = SIMD4<Float>
    #endif

    public static func gemmMultiplyAccumulate(m: Int, n: Int, k: Int,
                                              a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                                              c: UnsafeMutablePointer<Float>, ldc: Int, configuration: Gemm.Configuration) {
        Gemm.gemm(m, n, k, a, lda, b, ldb, c, ldc, configuration)
    }

    public static func gemmMultiply(m: Int, n: Int, k: Int,
                                    a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                                    c: UnsafeMutablePointer<Float>, ldc: Int, configuration: Gemm.Configuration) {
        Gemm.gemm(m, n, k, a, lda, b, ldb, c, ldc, configuration, overwrite: true)
    }
}

/// Row-major matrix products `C = A·B`, `A` `[m, k]`, `B` `[k, n]`, `C` `[m, n]`.
///
/// Algorithm (Goto/BLIS): loop over `nc`-wide column panels of `B` and `kc`-deep slices of the
/// inner dimension; pack the `kc × nc` panel of `B` into `nr`-column slivers and each `mc × kc`
/// block of `A` into `mr`-row slivers (zero-padded at the edges), then a micro-kernel keeps an
/// `mr × nr` tile of `C` in SIMD registers over the whole slice. Large products split the
/// columns of `C` into chunks run with `DispatchQueue.concurrentPerform` (both cores).
///
/// Each `C[i, j]` receives its products in order p = 0, 1, …, k−1, with a separate multiply and
/// add (no fused multiply-add) and no reassociation, so the result is bit-for-bit the textbook
/// triple loop's (`naiveMultiply`, `Tensor.naiveMatmul`), whatever the blocking or thread count.
public enum Gemm {
    /// Rows of the micro-kernel tile.
    public static let mr = 6
    /// Depth of a packed slice (`kc`), rows of a packed block of `A` (`mc`), columns of a packed
    /// panel of `B` (`nc`). `mc` is a multiple of `mr`.
    static let kc = 256, mc = 96, nc = 2048

    /// How a product is split across cores. Passed to each call (there is no global setting),
    /// so tests can force a split without touching anyone else's products.
    public struct Configuration: Sendable {
        /// Worker threads for large products.
        public var threadCount: Int
        /// Products with at least this many multiply-adds (`m·n·k`) are split across cores.
        public var parallelThreshold: Int
        public init(threadCount: Int, parallelThreshold: Int) {
            precondition(threadCount >= 1, "Gemm.Configuration: threadCount must be at least 1, got \(threadCount)")
            self.threadCount = threadCount; self.parallelThreshold = parallelThreshold
        }
        /// Every active processor, products of 2²¹ multiply-adds and more.
        public static let standard = Configuration(threadCount: max(1, ProcessInfo.processInfo.activeProcessorCount),
                                                   parallelThreshold: 1 << 21)
        /// One thread, never split.
        public static let serial = Configuration(threadCount: 1, parallelThreshold: .max)
    }

    /// Columns of the micro-kernel tile for scalar `T` (`2·T.GemmVector.scalarCount`).
    public static func nr<T: GemmScalar>(_: T.Type) -> Int { 2 * T.GemmVector.scalarCount }

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
    public static func multiplyAccumulate(m: Int, n: Int, k: Int,
                                          a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                                          c: UnsafeMutablePointer<Float>, ldc: Int,
                                          configuration: Configuration = .standard) {
        gemm(m, n, k, a, lda, b, ldb, c, ldc, configuration)
    }

    /// `c += a·b` on raw row-major pointers with leading dimensions (`lda ≥ k`, `ldb ≥ n`, `ldc ≥ n`).
    public static func multiplyAccumulate(m: Int, n: Int, k: Int,
                                          a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
                                          c: UnsafeMutablePointer<Double>, ldc: Int,
                                          configuration: Configuration = .standard) {
        gemm(m, n, k, a, lda, b, ldb, c, ldc, configuration)
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

    // MARK: Driver

    /// `C += A·B`; splits the columns of `C` over threads for large products.
    static func gemm<T: GemmScalar>(_ m: Int, _ n: Int, _ k: Int,
                                    _ a: UnsafePointer<T>, _ lda: Int, _ b: UnsafePointer<T>, _ ldb: Int,
                                    _ c: UnsafeMutablePointer<T>, _ ldc: Int, _ configuration: Configuration,
                                    overwrite: Bool = false) {
        guard m > 0, n > 0 else { return }
        guard k > 0 else {
            if overwrite { for i in 0..<m { (c + i * ldc).update(repeating: 0, count: n) } }
            return
        }
        let nr = nr(T.self)
        let work = m * n * k
        let threads = configuration.threadCount
        guard threads > 1, work >= configuration.parallelThreshold, n >= 2 * nr || m >= 2 * mr else {
            gemmSerial(m, n, k, a, lda, b, ldb, c, ldc, overwrite: overwrite)
            return
        }
        // Chunks: twice the thread count (some slack when another process takes a core), along the
        // longer side of C, in whole micro-tiles.
        let chunks = 2 * threads
        if n >= m {
            let width = ((n + chunks - 1) / chunks + nr - 1) / nr * nr
            let count = (n + width - 1) / width
            let (ua, ub, uc) = (UncheckedPointer(a), UncheckedPointer(b), UncheckedMutablePointer(c))
            DispatchQueue.concurrentPerform(iterations: count) { chunk in
                let j0 = chunk * width
                let w = min(width, n - j0)
                gemmSerial(m, w, k, ua.pointer, lda, ub.pointer + j0, ldb, uc.pointer + j0, ldc, overwrite: overwrite)
            }
        } else {
            let height = ((m + chunks - 1) / chunks + mr - 1) / mr * mr
            let count = (m + height - 1) / height
            let (ua, ub, uc) = (UncheckedPointer(a), UncheckedPointer(b), UncheckedMutablePointer(c))
            DispatchQueue.concurrentPerform(iterations: count) { chunk in
                let i0 = chunk * height
                let h = min(height, m - i0)
                gemmSerial(h, n, k, ua.pointer + i0 * lda, lda, ub.pointer, ldb, uc.pointer + i0 * ldc, ldc, overwrite: overwrite)
            }
        }
    }

    /// `C += A·B` on one thread: the five loops around the micro-kernel. With `overwrite`, the
    /// first depth slice stores instead of adding (`C = A·B`; C need not be initialised).
    static func gemmSerial<T: GemmScalar>(_ m: Int, _ n: Int, _ k: Int,
                                          _ a: UnsafePointer<T>, _ lda: Int, _ b: UnsafePointer<T>, _ ldb: Int,
                                          _ c: UnsafeMutablePointer<T>, _ ldc: Int, overwrite: Bool = false) {
        let nr = nr(T.self)
        let ncMax = min(nc, (n + nr - 1) / nr * nr)
        let kcMax = min(kc, k)
        let mcMax = min(mc, (m + mr - 1) / mr * mr)
        let packedB = UnsafeMutablePointer<T>.allocate(capacity: kcMax * ncMax)
        // A is packed pre-broadcast: each scalar stored as a full register (`GemmVector`), so the
        // micro-kernel loads it with one instruction instead of a load and a shuffle.
        let packedA = UnsafeMutablePointer<T.GemmVector>.allocate(capacity: mcMax * kcMax)
        let tile = UnsafeMutablePointer<T>.allocate(capacity: mr * nr)
        defer { packedB.deallocate(); packedA.deallocate(); tile.deallocate() }

        var jc = 0
        while jc < n {
            let ncCur = min(ncMax, n - jc)
            var pc = 0
            while pc < k {
                let kcCur = min(kcMax, k - pc)
                let fresh = overwrite && pc == 0   // this slice stores rather than adds
                packB(kcCur, ncCur, b + pc * ldb + jc, ldb, packedB, nr)
                var ic = 0
                while ic < m {
                    let mcCur = min(mcMax, m - ic)
                    packA(mcCur, kcCur, a + ic * lda + pc, lda, packedA)
                    // Macro-kernel: every mr × nr tile of this block of C.
                    var jr = 0
                    while jr < ncCur {
                        let cols = min(nr, ncCur - jr)
                        let bSliver = UnsafePointer(packedB + jr * kcCur)
                        var ir = 0
                        while ir < mcCur {
                            let rows = min(mr, mcCur - ir)
                            let aSliver = UnsafePointer(packedA + ir * kcCur)   // in registers, mr per depth
                            let cTile = c + (ic + ir) * ldc + jc + jr
                            if rows == mr && cols == nr {
                                microKernel(kcCur, aSliver, bSliver, cTile, ldc, load: !fresh)
                            } else {
                                // Edge tile: work on a full-size copy, write back the valid part.
                                for r in 0..<mr {
                                    for q in 0..<nr {
                                        tile[r * nr + q] = (!fresh && r < rows && q < cols) ? cTile[r * ldc + q] : 0
                                    }
                                }
                                microKernel(kcCur, aSliver, bSliver, tile, nr, load: true)
                                for r in 0..<rows {
                                    for q in 0..<cols { cTile[r * ldc + q] = tile[r * nr + q] }
                                }
                            }
                            ir += mr
                        }
                        jr += nr
                    }
                    ic += mcCur
                }
                pc += kcCur
            }
            jc += ncCur
        }
    }

    // MARK: Packing

    /// Packs `A[0..<mc, 0..<kc]` (row stride `lda`) into `mr`-row slivers, each scalar broadcast to
    /// a whole register: sliver `s`, depth `p`, row `r` at `packed[s·mr·kc + p·mr + r]` (a vector
    /// of copies of `A[s·mr + r, p]`); rows past `mc` are zeros.
    @inline(__always)
    static func packA<T: GemmScalar>(_ mcCur: Int, _ kcCur: Int, _ a: UnsafePointer<T>, _ lda: Int,
                                     _ packed: UnsafeMutablePointer<T.GemmVector>) {
        typealias V = T.GemmVector
        var out = packed
        var i0 = 0
        while i0 < mcCur {
            let rows = min(mr, mcCur - i0)
            if rows == mr {
                let r0 = a + i0 * lda, r1 = r0 + lda, r2 = r1 + lda, r3 = r2 + lda, r4 = r3 + lda, r5 = r4 + lda
                for p in 0..<kcCur {
                    out[0] = V(repeating: r0[p]); out[1] = V(repeating: r1[p]); out[2] = V(repeating: r2[p])
                    out[3] = V(repeating: r3[p]); out[4] = V(repeating: r4[p]); out[5] = V(repeating: r5[p])
                    out += mr
                }
            } else {
                for p in 0..<kcCur {
                    for r in 0..<mr { out[r] = V(repeating: r < rows ? a[(i0 + r) * lda + p] : 0) }
                    out += mr
                }
            }
            i0 += mr
        }
    }

    /// Packs `B[0..<kc, 0..<nc]` (row stride `ldb`) into `nr`-column slivers: sliver `s`, depth
    /// `p`, column `q` at `packed[s·nr·kc + p·nr + q]`; columns past `nc` are zeros.
    @inline(__always)
    static func packB<T: GemmScalar>(_ kcCur: Int, _ ncCur: Int, _ b: UnsafePointer<T>, _ ldb: Int,
                                     _ packed: UnsafeMutablePointer<T>, _ nr: Int) {
        var out = packed
        var j0 = 0
        while j0 < ncCur {
            let cols = min(nr, ncCur - j0)
            var row = b + j0
            if cols == nr {
                for _ in 0..<kcCur {
                    out.update(from: row, count: nr)
                    out += nr
                    row += ldb
                }
            } else {
                for _ in 0..<kcCur {
                    out.update(from: row, count: cols)
                    (out + cols).update(repeating: 0, count: nr - cols)
                    out += nr
                    row += ldb
                }
            }
            j0 += nr
        }
    }

    // MARK: Micro-kernel

    /// `C[0..<6, 0..<nr] += Apacked · Bpacked` over depth `kc` (`=` when `load` is false: the
    /// tile starts from zero and C is only written); `C` has row stride `ldc`.
    /// Twelve accumulators (6 rows × 2 vectors), two vector loads of `B` and six loads of the
    /// pre-broadcast `A` per step; multiply then add, never fused, so each element's sum is sequential.
    @inline(__always)
    static func microKernel<T: GemmScalar>(_ kcCur: Int, _ a: UnsafePointer<T.GemmVector>, _ b: UnsafePointer<T>,
                                           _ c: UnsafeMutablePointer<T>, _ ldc: Int, load: Bool) {
        typealias V = T.GemmVector
        let w = V.scalarCount
        let vBytes = w * MemoryLayout<T>.stride
        let rowBytes = ldc * MemoryLayout<T>.stride
        let rc = UnsafeMutableRawPointer(c)
        var c00 = load ? rc.loadUnaligned(fromByteOffset: 0, as: V.self) : V()
        var c01 = load ? rc.loadUnaligned(fromByteOffset: vBytes, as: V.self) : V()
        var c10 = load ? rc.loadUnaligned(fromByteOffset: rowBytes, as: V.self) : V()
        var c11 = load ? rc.loadUnaligned(fromByteOffset: rowBytes + vBytes, as: V.self) : V()
        var c20 = load ? rc.loadUnaligned(fromByteOffset: 2 * rowBytes, as: V.self) : V()
        var c21 = load ? rc.loadUnaligned(fromByteOffset: 2 * rowBytes + vBytes, as: V.self) : V()
        var c30 = load ? rc.loadUnaligned(fromByteOffset: 3 * rowBytes, as: V.self) : V()
        var c31 = load ? rc.loadUnaligned(fromByteOffset: 3 * rowBytes + vBytes, as: V.self) : V()
        var c40 = load ? rc.loadUnaligned(fromByteOffset: 4 * rowBytes, as: V.self) : V()
        var c41 = load ? rc.loadUnaligned(fromByteOffset: 4 * rowBytes + vBytes, as: V.self) : V()
        var c50 = load ? rc.loadUnaligned(fromByteOffset: 5 * rowBytes, as: V.self) : V()
        var c51 = load ? rc.loadUnaligned(fromByteOffset: 5 * rowBytes + vBytes, as: V.self) : V()
        var ap = a
        var bp = UnsafeRawPointer(b)
        let bStep = 2 * vBytes
        for _ in 0..<kcCur {
            let b0 = bp.loadUnaligned(fromByteOffset: 0, as: V.self)
            let b1 = bp.loadUnaligned(fromByteOffset: vBytes, as: V.self)
            var x = ap[0]
            c00 = c00 + x * b0; c01 = c01 + x * b1
            x = ap[1]
            c10 = c10 + x * b0; c11 = c11 + x * b1
            x = ap[2]
            c20 = c20 + x * b0; c21 = c21 + x * b1
            x = ap[3]
            c30 = c30 + x * b0; c31 = c31 + x * b1
            x = ap[4]
            c40 = c40 + x * b0; c41 = c41 + x * b1
            x = ap[5]
            c50 = c50 + x * b0; c51 = c51 + x * b1
            ap += mr
            bp += bStep
        }
        rc.storeBytes(of: c00, toByteOffset: 0, as: V.self)
        rc.storeBytes(of: c01, toByteOffset: vBytes, as: V.self)
        rc.storeBytes(of: c10, toByteOffset: rowBytes, as: V.self)
        rc.storeBytes(of: c11, toByteOffset: rowBytes + vBytes, as: V.self)
        rc.storeBytes(of: c20, toByteOffset: 2 * rowBytes, as: V.self)
        rc.storeBytes(of: c21, toByteOffset: 2 * rowBytes + vBytes, as: V.self)
        rc.storeBytes(of: c30, toByteOffset: 3 * rowBytes, as: V.self)
        rc.storeBytes(of: c31, toByteOffset: 3 * rowBytes + vBytes, as: V.self)
        rc.storeBytes(of: c40, toByteOffset: 4 * rowBytes, as: V.self)
        rc.storeBytes(of: c41, toByteOffset: 4 * rowBytes + vBytes, as: V.self)
        rc.storeBytes(of: c50, toByteOffset: 5 * rowBytes, as: V.self)
        rc.storeBytes(of: c51, toByteOffset: 5 * rowBytes + vBytes, as: V.self)
    }
}

/// A pointer handed to `concurrentPerform` workers, which write disjoint parts of the buffer.
struct UncheckedPointer<T>: @unchecked Sendable {
    let pointer: UnsafePointer<T>
    init(_ pointer: UnsafePointer<T>) { self.pointer = pointer }
}

/// A mutable pointer handed to `concurrentPerform` workers, which write disjoint parts of the buffer.
struct UncheckedMutablePointer<T>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<T>
    init(_ pointer: UnsafeMutablePointer<T>) { self.pointer = pointer }
}

// The GEMM micro-kernels: an `mr × nr` tile of C kept in registers over one packed depth slice.
// `Gemm.Kernel` says which one runs; GemmDriver.swift calls them, GemmPacking.swift feeds them.

/// A register-tiled micro-kernel: `C[0..<mr, 0..<nr] (+)= Apacked · Bpacked` over depth `kc`.
/// `A` is packed by `packA` into `mr`-row slivers of `PackedA` (sliver `s` at `s·mr·kc`), `B`
/// by `Gemm.packB` into `nr`-column slivers of scalars.
protocol GemmMicroKernel {
    associatedtype Scalar: GemmScalar
    /// One packed element of `A`: a scalar, or a scalar broadcast to a whole register.
    associatedtype PackedA
    static var mr: Int { get }
    static var nr: Int { get }
    /// Whether `runUnpackedA` works (the kernel broadcasts `A`'s scalars itself).
    static var readsUnpackedA: Bool { get }
    /// Packs `A[0..<mc, 0..<kc]` (row stride `lda`) into `mr`-row slivers; rows past `mc` are zeros.
    static func packA(_ mcCur: Int, _ kcCur: Int, _ a: UnsafePointer<Scalar>, _ lda: Int, _ packed: UnsafeMutablePointer<PackedA>)
    /// `C[0..<mr, 0..<nr] += A·B` over depth `kc` (`=` when `load` is false: the tile starts from
    /// zero and C is only written); `C` has row stride `ldc`. `A` is one packed sliver; `B`'s
    /// depth `p` starts at `b + p·bStride` (`nr` for a packed sliver, `ldb` for `B` in place).
    static func run(_ kcCur: Int, _ a: UnsafePointer<PackedA>, _ b: UnsafePointer<Scalar>, _ bStride: Int,
                    _ c: UnsafeMutablePointer<Scalar>, _ ldc: Int, load: Bool)
    /// `run` reading `A` in place: rows `lda` apart, `mr` whole rows (no edge).
    static func runUnpackedA(_ kcCur: Int, _ a: UnsafePointer<Scalar>, _ lda: Int, _ b: UnsafePointer<Scalar>, _ bStride: Int,
                             _ c: UnsafeMutablePointer<Scalar>, _ ldc: Int, load: Bool)
}

/// The portable kernel: 128-bit vectors (`T.PortableVector`), a 6 × 2-vector tile (6×4 Double,
/// 6×8 Float) in twelve accumulators, `A` packed pre-broadcast (one register-wide copy per scalar,
/// so each step loads it with one instruction instead of a load and a shuffle). Multiply, then
/// add, never fused: each `C[i, j]` is the triple loop's sum, bit for bit. SSE2 or NEON.
enum PortableKernel<T: GemmScalar>: GemmMicroKernel {
    typealias Scalar = T
    typealias PackedA = T.PortableVector
    static var mr: Int { 6 }
    static var nr: Int { 2 * T.PortableVector.scalarCount }
    static var readsUnpackedA: Bool { false }

    @inline(__always)
    static func packA(_ mcCur: Int, _ kcCur: Int, _ a: UnsafePointer<T>, _ lda: Int, _ packed: UnsafeMutablePointer<PackedA>) {
        Gemm.packBroadcast(mcCur, kcCur, a, lda, packed)
    }

    static func runUnpackedA(_ kcCur: Int, _ a: UnsafePointer<T>, _ lda: Int, _ b: UnsafePointer<T>, _ bStride: Int,
                             _ c: UnsafeMutablePointer<T>, _ ldc: Int, load: Bool) {
        preconditionFailure("PortableKernel reads A pre-broadcast only")
    }

    @inline(__always)
    static func run(_ kcCur: Int, _ a: UnsafePointer<PackedA>, _ b: UnsafePointer<T>, _ bStride: Int,
                    _ c: UnsafeMutablePointer<T>, _ ldc: Int, load: Bool) {
        typealias V = T.PortableVector
        let w = V.scalarCount
        let r0 = c, r1 = c + ldc, r2 = r1 + ldc, r3 = r2 + ldc, r4 = r3 + ldc, r5 = r4 + ldc
        var c00 = load ? V.load(r0) : V(), c01 = load ? V.load(r0 + w) : V()
        var c10 = load ? V.load(r1) : V(), c11 = load ? V.load(r1 + w) : V()
        var c20 = load ? V.load(r2) : V(), c21 = load ? V.load(r2 + w) : V()
        var c30 = load ? V.load(r3) : V(), c31 = load ? V.load(r3 + w) : V()
        var c40 = load ? V.load(r4) : V(), c41 = load ? V.load(r4 + w) : V()
        var c50 = load ? V.load(r5) : V(), c51 = load ? V.load(r5 + w) : V()
        var ap = a, bp = b
        for _ in 0..<kcCur {
            let b0 = V.load(bp), b1 = V.load(bp + w)
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
            ap += 6
            bp += bStride
        }
        c00.store(r0); c01.store(r0 + w); c10.store(r1); c11.store(r1 + w); c20.store(r2); c21.store(r2 + w)
        c30.store(r3); c31.store(r3 + w); c40.store(r4); c41.store(r4 + w); c50.store(r5); c51.store(r5 + w)
    }
}

/// The fused kernel on vectors `V`: `T.NativeVector` for `Kernel.fused` (256-bit in a
/// `GEMM_NATIVE` x86-64 build: 6×8 Double, 6×16 Float; 128-bit elsewhere), `T.WideVector` for
/// `Kernel.wideFused` (512-bit: 6×16 Double, 6×32 Float), twelve accumulators, `A` packed as plain scalars and broadcast
/// from memory in the step (a load on AVX2, no shuffle). Each step is one fused multiply-add, so
/// each `C[i, j]` is still summed in order p = 0, 1, …, k−1 but rounded once per step: within
/// `Gemm.errorBound` of the triple loop (tested in GemmTests).
enum FusedKernel<T: GemmScalar, V: SIMD>: GemmMicroKernel where V.Scalar == T {
    typealias Scalar = T
    typealias PackedA = T
    static var mr: Int { 6 }
    static var nr: Int { 2 * V.scalarCount }

    @inline(__always)
    static func packA(_ mcCur: Int, _ kcCur: Int, _ a: UnsafePointer<T>, _ lda: Int, _ packed: UnsafeMutablePointer<T>) {
        Gemm.packScalars(mcCur, kcCur, a, lda, packed, rows: 6)
    }

    static var readsUnpackedA: Bool { true }

    @inline(__always)
    static func run(_ kcCur: Int, _ a: UnsafePointer<T>, _ b: UnsafePointer<T>, _ bStride: Int,
                    _ c: UnsafeMutablePointer<T>, _ ldc: Int, load: Bool) {
        kernel(kcCur, a, 1, 6, b, bStride, c, ldc, load: load)
    }

    @inline(__always)
    static func runUnpackedA(_ kcCur: Int, _ a: UnsafePointer<T>, _ lda: Int, _ b: UnsafePointer<T>, _ bStride: Int,
                             _ c: UnsafeMutablePointer<T>, _ ldc: Int, load: Bool) {
        kernel(kcCur, a, lda, 1, b, bStride, c, ldc, load: load)
    }

    /// The tile loop; `A[r, p]` at `a[r·aRow + p·aDepth]`, `B[p, ·]` at `b + p·bStride`.
    @inline(__always)
    static func kernel(_ kcCur: Int, _ a: UnsafePointer<T>, _ aRow: Int, _ aDepth: Int, _ b: UnsafePointer<T>, _ bStride: Int,
                       _ c: UnsafeMutablePointer<T>, _ ldc: Int, load: Bool) {
        let w = V.scalarCount
        let r0 = c, r1 = c + ldc, r2 = r1 + ldc, r3 = r2 + ldc, r4 = r3 + ldc, r5 = r4 + ldc
        var c00 = load ? V.load(r0) : V(), c01 = load ? V.load(r0 + w) : V()
        var c10 = load ? V.load(r1) : V(), c11 = load ? V.load(r1 + w) : V()
        var c20 = load ? V.load(r2) : V(), c21 = load ? V.load(r2 + w) : V()
        var c30 = load ? V.load(r3) : V(), c31 = load ? V.load(r3 + w) : V()
        var c40 = load ? V.load(r4) : V(), c41 = load ? V.load(r4 + w) : V()
        var c50 = load ? V.load(r5) : V(), c51 = load ? V.load(r5 + w) : V()
        var ap = a, bp = b
        for _ in 0..<kcCur {
            let b0 = V.load(bp), b1 = V.load(bp + w)
            var x = V(repeating: ap[0])
            c00 = c00.addingProduct(x, b0); c01 = c01.addingProduct(x, b1)
            x = V(repeating: ap[aRow])
            c10 = c10.addingProduct(x, b0); c11 = c11.addingProduct(x, b1)
            x = V(repeating: ap[2 * aRow])
            c20 = c20.addingProduct(x, b0); c21 = c21.addingProduct(x, b1)
            x = V(repeating: ap[3 * aRow])
            c30 = c30.addingProduct(x, b0); c31 = c31.addingProduct(x, b1)
            x = V(repeating: ap[4 * aRow])
            c40 = c40.addingProduct(x, b0); c41 = c41.addingProduct(x, b1)
            x = V(repeating: ap[5 * aRow])
            c50 = c50.addingProduct(x, b0); c51 = c51.addingProduct(x, b1)
            ap += aDepth
            bp += bStride
        }
        c00.store(r0); c01.store(r0 + w); c10.store(r1); c11.store(r1 + w); c20.store(r2); c21.store(r2 + w)
        c30.store(r3); c31.store(r3 + w); c40.store(r4); c41.store(r4 + w); c50.store(r5); c51.store(r5 + w)
    }
}

/// The tall fused kernel: as `FusedKernel`, with an 8 × 2-vector tile (8×8 Double, 8×16 Float
/// on `NativeVector`; 8×16 Double, 8×32 Float on `WideVector`) in sixteen accumulators, for CPUs with 32 vector registers (AVX-512VL: the two `B` vectors and
/// the broadcast still fit beside them, with no spills). Eight rows suit the convolutions, whose
/// filter counts are multiples of 8, and need fewer loads per multiply-add. Same order of
/// operations as `FusedKernel`, hence the same bound (`Gemm.errorBound`).
enum TallFusedKernel<T: GemmScalar, V: SIMD>: GemmMicroKernel where V.Scalar == T {
    typealias Scalar = T
    typealias PackedA = T
    static var mr: Int { 8 }
    static var nr: Int { 2 * V.scalarCount }

    @inline(__always)
    static func packA(_ mcCur: Int, _ kcCur: Int, _ a: UnsafePointer<T>, _ lda: Int, _ packed: UnsafeMutablePointer<T>) {
        Gemm.packScalars(mcCur, kcCur, a, lda, packed, rows: 8)
    }

    static var readsUnpackedA: Bool { true }

    @inline(__always)
    static func run(_ kcCur: Int, _ a: UnsafePointer<T>, _ b: UnsafePointer<T>, _ bStride: Int,
                    _ c: UnsafeMutablePointer<T>, _ ldc: Int, load: Bool) {
        kernel(kcCur, a, 1, 8, b, bStride, c, ldc, load: load)
    }

    @inline(__always)
    static func runUnpackedA(_ kcCur: Int, _ a: UnsafePointer<T>, _ lda: Int, _ b: UnsafePointer<T>, _ bStride: Int,
                             _ c: UnsafeMutablePointer<T>, _ ldc: Int, load: Bool) {
        kernel(kcCur, a, lda, 1, b, bStride, c, ldc, load: load)
    }

    /// The tile loop; `A[r, p]` at `a[r·aRow + p·aDepth]`, `B[p, ·]` at `b + p·bStride`.
    @inline(__always)
    static func kernel(_ kcCur: Int, _ a: UnsafePointer<T>, _ aRow: Int, _ aDepth: Int, _ b: UnsafePointer<T>, _ bStride: Int,
                       _ c: UnsafeMutablePointer<T>, _ ldc: Int, load: Bool) {
        let w = V.scalarCount
        let r0 = c, r1 = c + ldc, r2 = r1 + ldc, r3 = r2 + ldc, r4 = r3 + ldc, r5 = r4 + ldc, r6 = r5 + ldc, r7 = r6 + ldc
        var c00 = load ? V.load(r0) : V(), c01 = load ? V.load(r0 + w) : V()
        var c10 = load ? V.load(r1) : V(), c11 = load ? V.load(r1 + w) : V()
        var c20 = load ? V.load(r2) : V(), c21 = load ? V.load(r2 + w) : V()
        var c30 = load ? V.load(r3) : V(), c31 = load ? V.load(r3 + w) : V()
        var c40 = load ? V.load(r4) : V(), c41 = load ? V.load(r4 + w) : V()
        var c50 = load ? V.load(r5) : V(), c51 = load ? V.load(r5 + w) : V()
        var c60 = load ? V.load(r6) : V(), c61 = load ? V.load(r6 + w) : V()
        var c70 = load ? V.load(r7) : V(), c71 = load ? V.load(r7 + w) : V()
        var ap = a, bp = b
        for _ in 0..<kcCur {
            let b0 = V.load(bp), b1 = V.load(bp + w)
            var x = V(repeating: ap[0])
            c00 = c00.addingProduct(x, b0); c01 = c01.addingProduct(x, b1)
            x = V(repeating: ap[aRow])
            c10 = c10.addingProduct(x, b0); c11 = c11.addingProduct(x, b1)
            x = V(repeating: ap[2 * aRow])
            c20 = c20.addingProduct(x, b0); c21 = c21.addingProduct(x, b1)
            x = V(repeating: ap[3 * aRow])
            c30 = c30.addingProduct(x, b0); c31 = c31.addingProduct(x, b1)
            x = V(repeating: ap[4 * aRow])
            c40 = c40.addingProduct(x, b0); c41 = c41.addingProduct(x, b1)
            x = V(repeating: ap[5 * aRow])
            c50 = c50.addingProduct(x, b0); c51 = c51.addingProduct(x, b1)
            x = V(repeating: ap[6 * aRow])
            c60 = c60.addingProduct(x, b0); c61 = c61.addingProduct(x, b1)
            x = V(repeating: ap[7 * aRow])
            c70 = c70.addingProduct(x, b0); c71 = c71.addingProduct(x, b1)
            ap += aDepth
            bp += bStride
        }
        c00.store(r0); c01.store(r0 + w); c10.store(r1); c11.store(r1 + w); c20.store(r2); c21.store(r2 + w)
        c30.store(r3); c31.store(r3 + w); c40.store(r4); c41.store(r4 + w); c50.store(r5); c51.store(r5 + w)
        c60.store(r6); c61.store(r6 + w); c70.store(r7); c71.store(r7 + w)
    }
}

extension SIMD {
    /// The vector at `p` (unaligned).
    @inline(__always)
    static func load(_ p: UnsafePointer<Scalar>) -> Self {
        UnsafeRawPointer(p).loadUnaligned(as: Self.self)
    }
    @inline(__always)
    static func load(_ p: UnsafeMutablePointer<Scalar>) -> Self {
        UnsafeRawPointer(p).loadUnaligned(as: Self.self)
    }
    /// Stores the vector at `p` (unaligned).
    @inline(__always)
    func store(_ p: UnsafeMutablePointer<Scalar>) {
        UnsafeMutableRawPointer(p).storeBytes(of: self, as: Self.self)
    }
}

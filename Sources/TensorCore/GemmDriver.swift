// The GEMM driver: splits a product across cores, then runs the five loops of Goto/BLIS
// around a micro-kernel (GemmMicroKernels.swift) on packed panels (GemmPacking.swift).

import Dispatch

extension Gemm {
    /// `C += A·B` (`C = A·B` with `overwrite`) on the configuration's kernel; splits the columns
    /// (or rows) of `C` over threads for large products.
    static func gemm<T: GemmScalar>(_ m: Int, _ n: Int, _ k: Int,
                                    _ a: UnsafePointer<T>, _ lda: Int, _ b: UnsafePointer<T>, _ ldb: Int,
                                    _ c: UnsafeMutablePointer<T>, _ ldc: Int, _ configuration: Configuration,
                                    overwrite: Bool = false) {
        switch configuration.kernel ?? Kernel.best(for: T.self, rows: m, columns: n) {
        case .portable:
            gemm(PortableKernel<T>.self, m, n, k, a, lda, b, ldb, c, ldc, configuration, overwrite: overwrite)
        case .fused:
            gemm(FusedKernel<T, T.NativeVector>.self, m, n, k, a, lda, b, ldb, c, ldc, configuration, overwrite: overwrite)
        case .tallFused:
            gemm(TallFusedKernel<T, T.NativeVector>.self, m, n, k, a, lda, b, ldb, c, ldc, configuration, overwrite: overwrite)
        case .wideFused:
            gemm(FusedKernel<T, T.WideVector>.self, m, n, k, a, lda, b, ldb, c, ldc, configuration, overwrite: overwrite)
        case .wideTallFused:
            gemm(TallFusedKernel<T, T.WideVector>.self, m, n, k, a, lda, b, ldb, c, ldc, configuration, overwrite: overwrite)
        }
    }

    static func gemm<K: GemmMicroKernel>(_: K.Type, _ m: Int, _ n: Int, _ k: Int,
                                         _ a: UnsafePointer<K.Scalar>, _ lda: Int, _ b: UnsafePointer<K.Scalar>, _ ldb: Int,
                                         _ c: UnsafeMutablePointer<K.Scalar>, _ ldc: Int, _ configuration: Configuration,
                                         overwrite: Bool) {
        guard m > 0, n > 0 else { return }
        guard k > 0 else {
            if overwrite { for i in 0..<m { (c + i * ldc).update(repeating: 0, count: n) } }
            return
        }
        let (mr, nr) = (K.mr, K.nr)
        let work = m * n * k
        let threads = configuration.threadCount
        guard threads > 1, work >= configuration.parallelThreshold, n >= 2 * nr || m >= 2 * mr else {
            gemmSerial(K.self, m, n, k, a, lda, b, ldb, c, ldc, overwrite: overwrite)
            return
        }
        // Chunks: twice the thread count (some slack when another process takes a core), along the
        // longer side of C, in whole micro-tiles.
        let chunks = 2 * threads
        let (ua, ub, uc) = (UncheckedPointer(a), UncheckedPointer(b), UncheckedMutablePointer(c))
        if n >= m {
            let width = ((n + chunks - 1) / chunks + nr - 1) / nr * nr
            let count = (n + width - 1) / width
            DispatchQueue.concurrentPerform(iterations: count) { chunk in
                let j0 = chunk * width
                let w = min(width, n - j0)
                gemmSerial(K.self, m, w, k, ua.pointer, lda, ub.pointer + j0, ldb, uc.pointer + j0, ldc, overwrite: overwrite)
            }
        } else {
            let height = ((m + chunks - 1) / chunks + mr - 1) / mr * mr
            let count = (m + height - 1) / height
            DispatchQueue.concurrentPerform(iterations: count) { chunk in
                let i0 = chunk * height
                let h = min(height, m - i0)
                gemmSerial(K.self, h, n, k, ua.pointer + i0 * lda, lda, ub.pointer, ldb, uc.pointer + i0 * ldc, ldc,
                           overwrite: overwrite)
            }
        }
    }

    /// `C += A·B` on one thread: the five loops around the micro-kernel. With `overwrite`, the
    /// first depth slice stores instead of adding (`C = A·B`; C need not be initialised).
    ///
    /// Packing pays when the packed copy is read many times. `B`'s panel is read once per row
    /// tile, so for `m ≤ 2·mr` (two row tiles or fewer: the convolution's `[16, 75]·[75, 1024]`)
    /// the kernel reads `B` in place instead; `A`'s block is read once per column tile, so for
    /// `n ≤ nr` (`[75, 1024]·[1024, 16]`) a kernel that can reads `A` in place. Edge slivers are
    /// still packed (zero-padded), so nothing outside the operands is ever read.
    static func gemmSerial<K: GemmMicroKernel>(_: K.Type, _ m: Int, _ n: Int, _ k: Int,
                                               _ a: UnsafePointer<K.Scalar>, _ lda: Int, _ b: UnsafePointer<K.Scalar>, _ ldb: Int,
                                               _ c: UnsafeMutablePointer<K.Scalar>, _ ldc: Int, overwrite: Bool) {
        typealias T = K.Scalar
        let (mr, nr) = (K.mr, K.nr)
        let directB = m <= 2 * mr
        let directA = K.readsUnpackedA && n <= nr
        let ncMax = min(nc, (n + nr - 1) / nr * nr)
        let kcMax = min(kc, k)
        let mcMax = min(mc, (m + mr - 1) / mr * mr)
        // One scratch buffer (reused across calls): packed B, packed A, the edge tile, each 64-byte aligned.
        func rounded(_ bytes: Int) -> Int { (bytes + 63) / 64 * 64 }
        let bBytes = rounded((directB ? kcMax * nr : kcMax * ncMax) * MemoryLayout<T>.stride)
        let aBytes = rounded((directA ? mr * kcMax : mcMax * kcMax) * MemoryLayout<K.PackedA>.stride)
        let scratch = ScratchPool.shared.take(bytes: bBytes + aBytes + rounded(mr * nr * MemoryLayout<T>.stride))
        defer { ScratchPool.shared.give(scratch) }
        let packedB = scratch.pointer.bindMemory(to: T.self, capacity: bBytes / MemoryLayout<T>.stride)
        let packedA = (scratch.pointer + bBytes).bindMemory(to: K.PackedA.self, capacity: aBytes / MemoryLayout<K.PackedA>.stride)
        let tile = (scratch.pointer + bBytes + aBytes).bindMemory(to: T.self, capacity: mr * nr)

        var jc = 0
        while jc < n {
            let ncCur = min(ncMax, n - jc)
            var pc = 0
            while pc < k {
                let kcCur = min(kcMax, k - pc)
                let fresh = overwrite && pc == 0   // this slice stores rather than adds
                if !directB { packB(kcCur, ncCur, b + pc * ldb + jc, ldb, packedB, nr) }
                var ic = 0
                while ic < m {
                    let mcCur = min(mcMax, m - ic)
                    if !directA { K.packA(mcCur, kcCur, a + ic * lda + pc, lda, packedA) }
                    // Macro-kernel: every mr × nr tile of this block of C; the B sliver stays in L1
                    // while the A slivers stream from L2.
                    var jr = 0
                    while jr < ncCur {
                        let cols = min(nr, ncCur - jr)
                        let bSliver: UnsafePointer<T>, bStride: Int
                        if !directB {
                            (bSliver, bStride) = (UnsafePointer(packedB + jr * kcCur), nr)
                        } else if cols == nr {
                            (bSliver, bStride) = (b + pc * ldb + jc + jr, ldb)
                        } else {
                            packB(kcCur, cols, b + pc * ldb + jc + jr, ldb, packedB, nr)
                            (bSliver, bStride) = (UnsafePointer(packedB), nr)
                        }
                        var ir = 0
                        while ir < mcCur {
                            let rows = min(mr, mcCur - ir)
                            let inPlace = directA && rows == mr
                            var aSliver = UnsafePointer(packedA + ir * kcCur)
                            if directA && !inPlace {
                                K.packA(rows, kcCur, a + (ic + ir) * lda + pc, lda, packedA)
                                aSliver = UnsafePointer(packedA)
                            }
                            let aRow = a + (ic + ir) * lda + pc
                            let cTile = c + (ic + ir) * ldc + jc + jr
                            if rows == mr && cols == nr {
                                if inPlace {
                                    K.runUnpackedA(kcCur, aRow, lda, bSliver, bStride, cTile, ldc, load: !fresh)
                                } else {
                                    K.run(kcCur, aSliver, bSliver, bStride, cTile, ldc, load: !fresh)
                                }
                            } else {
                                // Edge tile: work on a full-size copy, write back the valid part.
                                for r in 0..<mr {
                                    for q in 0..<nr {
                                        tile[r * nr + q] = (!fresh && r < rows && q < cols) ? cTile[r * ldc + q] : 0
                                    }
                                }
                                if inPlace {
                                    K.runUnpackedA(kcCur, aRow, lda, bSliver, bStride, tile, nr, load: true)
                                } else {
                                    K.run(kcCur, aSliver, bSliver, bStride, tile, nr, load: true)
                                }
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

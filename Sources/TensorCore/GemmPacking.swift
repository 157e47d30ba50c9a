// Packing for the GEMM engine: copies a block of A or a panel of B into the order the
// micro-kernels read it (GemmMicroKernels.swift), zero-padded to whole tiles.

extension Gemm {
    /// Packs `A[0..<mc, 0..<kc]` (row stride `lda`) into `rows`-row slivers of scalars (`rows` is
    /// the kernel's `mr`, 6 or 8): sliver `s`, depth `p`, row `r` at `packed[s·rows·kc + p·rows + r]`
    /// = `A[rows·s + r, p]`; rows past `mc` are zeros.
    @inline(__always)
    static func packScalars<T: GemmScalar>(_ mcCur: Int, _ kcCur: Int, _ a: UnsafePointer<T>, _ lda: Int,
                                           _ packed: UnsafeMutablePointer<T>, rows mr: Int) {
        var out = packed
        var i0 = 0
        while i0 < mcCur {
            let rows = min(mr, mcCur - i0)
            if rows == 6 && mr == 6 {
                let r0 = a + i0 * lda, r1 = r0 + lda, r2 = r1 + lda, r3 = r2 + lda, r4 = r3 + lda, r5 = r4 + lda
                for p in 0..<kcCur {
                    out[0] = r0[p]; out[1] = r1[p]; out[2] = r2[p]
                    out[3] = r3[p]; out[4] = r4[p]; out[5] = r5[p]
                    out += 6
                }
            } else if rows == 8 && mr == 8 {
                let r0 = a + i0 * lda, r1 = r0 + lda, r2 = r1 + lda, r3 = r2 + lda
                let r4 = r3 + lda, r5 = r4 + lda, r6 = r5 + lda, r7 = r6 + lda
                for p in 0..<kcCur {
                    out[0] = r0[p]; out[1] = r1[p]; out[2] = r2[p]; out[3] = r3[p]
                    out[4] = r4[p]; out[5] = r5[p]; out[6] = r6[p]; out[7] = r7[p]
                    out += 8
                }
            } else {
                for p in 0..<kcCur {
                    for r in 0..<mr { out[r] = r < rows ? a[(i0 + r) * lda + p] : 0 }
                    out += mr
                }
            }
            i0 += mr
        }
    }

    /// Packs `A[0..<mc, 0..<kc]` into 6-row slivers with each scalar broadcast to a whole register
    /// `V`: sliver `s`, depth `p`, row `r` at `packed[s·6·kc + p·6 + r]` (a vector of copies of
    /// `A[6s + r, p]`); rows past `mc` are zeros.
    @inline(__always)
    static func packBroadcast<T: GemmScalar, V: SIMD>(_ mcCur: Int, _ kcCur: Int, _ a: UnsafePointer<T>, _ lda: Int,
                                                      _ packed: UnsafeMutablePointer<V>) where V.Scalar == T {
        let mr = 6
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
}

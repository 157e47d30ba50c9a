// Small matrix kernels on raw pointers for the convolution hot loops (im2col + matrix product).
// Row-major throughout; every function documents its shapes. Used per sample by Conv2D/Conv1D,
// so they work on pointers into larger buffers rather than on Tensors.

/// `C[m, n] += A[m, k] · B[k, n]` (i-p-j order: the inner loop walks rows of B and C contiguously).
@inline(__always)
func gemmAccumulate(_ m: Int, _ k: Int, _ n: Int,
                    _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ c: UnsafeMutablePointer<Double>) {
    for i in 0..<m {
        let cRow = c + i * n
        for p in 0..<k {
            let aip = a[i * k + p]
            if aip == 0 { continue }
            let bRow = b + p * n
            for j in 0..<n { cRow[j] += aip * bRow[j] }
        }
    }
}

/// `C[m, n] += A[m, k] · B[n, k]ᵀ`, i.e. `C[i, j] += Σ_p A[i, p]·B[j, p]` (dot products of rows,
/// both contiguous; four SIMD lanes of partial sums).
@inline(__always)
func gemmTransposedBAccumulate(_ m: Int, _ n: Int, _ k: Int,
                               _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ c: UnsafeMutablePointer<Double>) {
    for i in 0..<m {
        let aRow = a + i * k
        for j in 0..<n {
            c[i * n + j] += dotProduct(aRow, b + j * k, k)
        }
    }
}

/// `Σ_p x[p]·y[p]` over `count` contiguous elements, with 2×4 independent partial sums.
@inline(__always)
func dotProduct(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, _ count: Int) -> Double {
    var s0 = SIMD4<Double>(), s1 = SIMD4<Double>()
    let rawX = UnsafeRawPointer(x), rawY = UnsafeRawPointer(y)
    let stride8 = 8 * MemoryLayout<Double>.stride
    var p = 0
    while p + 8 <= count {
        let offset = p * MemoryLayout<Double>.stride
        s0 += rawX.loadUnaligned(fromByteOffset: offset, as: SIMD4<Double>.self)
            * rawY.loadUnaligned(fromByteOffset: offset, as: SIMD4<Double>.self)
        s1 += rawX.loadUnaligned(fromByteOffset: offset + stride8 / 2, as: SIMD4<Double>.self)
            * rawY.loadUnaligned(fromByteOffset: offset + stride8 / 2, as: SIMD4<Double>.self)
        p += 8
    }
    var sum = (s0 + s1).sum()
    while p < count {
        sum += x[p] * y[p]
        p += 1
    }
    return sum
}

/// Transposes `a[m, n]` into `out[n, m]`.
@inline(__always)
func transpose(_ m: Int, _ n: Int, _ a: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>) {
    for i in 0..<m {
        for j in 0..<n { out[j * m + i] = a[i * n + j] }
    }
}

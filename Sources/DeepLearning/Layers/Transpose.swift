// The one matrix helper the convolution kernels need besides `Gemm` (TensorCore/Gemm.swift,
// the fast product they all go through): a transpose on raw row-major pointers, used on the
// weight buffers, which are not Tensors.

/// Transposes `a[m, n]` into `out[n, m]` (row-major): `out[j, i] = a[i, j]`.
@inline(__always)
func transpose<T>(_ m: Int, _ n: Int, _ a: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>) {
    for i in 0..<m {
        for j in 0..<n { out[j * m + i] = a[i * n + j] }
    }
}

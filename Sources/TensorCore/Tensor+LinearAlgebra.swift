// Matrix product (fast kernel beside its naive reference), dot and outer products.

extension Tensor {
    /// The matrix product `C = A·B`: `C[i, j] = Σ_p A[i, p] · B[p, j]`; `[m, k] × [k, n]` → `[m, n]`.
    ///
    /// Both operands must be matrices (rank 2): a vector is not promoted — reshape it to
    /// `[1, k]` or `[k, 1]` first. Precondition messages name both shapes, e.g.
    /// `"matmul: [2, 3] × [4, 5]: inner dimensions 3 and 4 differ"`.
    ///
    /// Products with at least 32³ multiply-adds (`m·n·k`) run on the course's GEMM engine
    /// (cache-blocked, packed panels, SIMD micro-kernel, both cores); smaller ones on a loop.
    /// The loop runs in i-p-j order over raw pointers: the innermost loop walks a row
    /// of `B` and a row of `C` contiguously (cache-friendly, vectorisable). Each `C[i, j]` still
    /// accumulates its products in order p = 0, 1, …, k−1, exactly as `naiveMatmul(_:_:)` does.
    public func matmul(_ other: Tensor) -> Tensor {
        if let message = Tensor.matmulError(shape, other.shape) { fail(message) }
        let (m, k, n) = (shape[0], shape[1], other.shape[1])
        if m * n * k >= Tensor.gemmThreshold {
            var c: [Double] = []
            // Blocked, SIMD, multi-core kernel (Gemm.swift): same sums in the same order; bit for bit
            // on the portable kernel, within `Gemm.errorBound` on the fused one.
            Gemm.multiplyArrays(m: m, n: n, k: k, a: storage, b: other.storage, c: &c)
            return Tensor(uncheckedShape: [m, n], scalars: c)
        }
        return loopMatmul(other)
    }

    /// `matmul(_:)`'s loop for small products (any size; no shape checks): i-p-j order, one core.
    @_spi(GemmEngine) public func loopMatmul(_ other: Tensor) -> Tensor {
        let (m, k, n) = (shape[0], shape[1], other.shape[1])
        var c = [Double](repeating: 0, count: m * n)
        guard m > 0, k > 0, n > 0 else { return Tensor(uncheckedShape: [m, n], scalars: c) }
        storage.withUnsafeBufferPointer { aBuffer in
            other.storage.withUnsafeBufferPointer { bBuffer in
                c.withUnsafeMutableBufferPointer { cBuffer in
                    // Raw pointers: the inner loop compiles to unchecked, vectorised loads and stores
                    // (about 4× faster than buffer subscripts). All offsets stay below m·k, k·n, m·n.
                    let a = aBuffer.baseAddress!, b = bBuffer.baseAddress!, out = cBuffer.baseAddress!
                    for i in 0..<m {
                        let cRow = out + i * n          // C[i, ·]
                        for p in 0..<k {
                            let aip = a[i * k + p]      // A[i, p]
                            let bRow = b + p * n        // B[p, ·]
                            for j in 0..<n {
                                cRow[j] += aip * bRow[j]
                            }
                        }
                    }
                }
            }
        }
        return Tensor(uncheckedShape: [m, n], scalars: c)
    }

    /// `m·n·k` from which `matmul(_:)` uses the blocked `Gemm` kernel (below it, the i-p-j loop).
    @_spi(GemmEngine) public static let gemmThreshold = 32 * 32 * 32

    /// The matrix product by the textbook triple loop, `C[i, j] = Σ_p A[i, p] · B[p, j]`:
    /// the reference that `matmul(_:)` is tested against. Same shapes and preconditions.
    public static func naiveMatmul(_ a: Tensor, _ b: Tensor) -> Tensor {
        if let message = matmulError(a.shape, b.shape) { fail(message) }
        let (m, k, n) = (a.shape[0], a.shape[1], b.shape[1])
        var c = Tensor.zeros([m, n])
        for i in 0..<m {
            for j in 0..<n {
                var sum = 0.0
                for p in 0..<k { sum += a[i, p] * b[p, j] }
                c[i, j] = sum
            }
        }
        return c
    }

    /// `nil` if `[m, k] × [k, n]` can be multiplied, else a message naming both shapes.
    static func matmulError(_ left: [Int], _ right: [Int]) -> String? {
        let prefix = "matmul: \(left) × \(right)"
        guard left.count == 2, right.count == 2 else {
            return "\(prefix): both operands must have rank 2 (got ranks \(left.count) and \(right.count)); "
                + "reshape a vector to [1, k] or [k, 1]"
        }
        guard left[1] == right[0] else {
            return "\(prefix): inner dimensions \(left[1]) and \(right[0]) differ"
        }
        return nil
    }

    /// The sum of element-wise products `Σ_i x[i] · y[i]` (for matrices, the Frobenius inner product).
    ///
    /// Precondition: equal shapes.
    public func dot(_ other: Tensor) -> Double {
        if let message = Tensor.elementwiseShapeError("dot", shape, other.shape) { fail(message) }
        var sum = 0.0
        storage.withUnsafeBufferPointer { x in
            other.storage.withUnsafeBufferPointer { y in
                for i in 0..<x.count { sum += x[i] * y[i] }
            }
        }
        return sum
    }

    /// The outer product `y[i, j] = u[i] · v[j]`; `[m]` ⊗ `[n]` → `[m, n]`.
    ///
    /// Precondition: both are vectors (rank 1).
    public func outer(_ other: Tensor) -> Tensor {
        require(rank == 1 && other.rank == 1,
                     "outer: \(shape) ⊗ \(other.shape): both operands must have rank 1")
        var result = [Double]()
        result.reserveCapacity(count * other.count)
        for u in storage {
            for v in other.storage { result.append(u * v) }
        }
        return Tensor(uncheckedShape: [count, other.count], scalars: result)
    }
}

// Element access: strides, flat offsets and subscripts.
//
// The fixed-arity subscripts (rank 1 to 4) are @inlinable so that a loop in another module
// (an exercise compiled separately with `swiftc -O`) compiles each access to a bounds check
// and a load, not an opaque function call.

extension Tensor {
    /// Row-major strides: `strides[k]` is how far the flat offset moves when index `k` grows by 1.
    ///
    /// `strides[r−1] == 1` and `strides[k] == strides[k+1] · shape[k+1]`; e.g. shape `[2, 3, 4]`
    /// has strides `[12, 4, 1]`. Empty for rank 0.
    public var strides: [Int] { Tensor.rowMajorStrides(shape) }

    /// Row-major strides of a shape (see `strides`).
    static func rowMajorStrides(_ shape: [Int]) -> [Int] {
        var strides = Array(repeating: 1, count: shape.count)
        var stride = 1
        for axis in shape.indices.reversed() {
            strides[axis] = stride
            stride *= shape[axis]
        }
        return strides
    }

    /// The row-major flat offset of a multi-index: `Σ index[k] · strides[k]`.
    ///
    /// Precondition: `index.count == rank` and `0 ≤ index[k] < shape[k]` for every axis
    /// (the message names the index and the shape).
    public func offset(of index: [Int]) -> Int {
        if let message = Tensor.indexError(index, shape: shape) { fail(message) }
        var offset = 0
        for axis in shape.indices {
            offset = offset * shape[axis] + index[axis]
        }
        return offset
    }

    /// `nil` if `index` is a valid index into `shape`, else a message naming both.
    @usableFromInline
    static func indexError(_ index: [Int], shape: [Int]) -> String? {
        if index.count != shape.count {
            return "subscript: index \(index) has \(index.count) components but shape \(shape) has rank \(shape.count)"
        }
        for axis in shape.indices where index[axis] < 0 || index[axis] >= shape[axis] {
            return "subscript: index \(index) is out of bounds for shape \(shape) "
                + "(axis \(axis): \(index[axis]) not in 0..<\(shape[axis]))"
        }
        return nil
    }

    /// Traps with the message of `indexError` (kept out of line so the fast path stays small).
    @usableFromInline @inline(never)
    func indexFailure(_ index: [Int]) -> Never {
        fail(Tensor.indexError(index, shape: shape) ?? "subscript: invalid index \(index)")
    }

    // MARK: Fixed-arity subscripts (fast)

    /// The element `x[i]` of a vector. Precondition: rank 1 and `0 ≤ i < shape[0]`.
    @inlinable
    public subscript(_ i: Int) -> Double {
        get { storage[flatOffset(i)] }
        set { storage[flatOffset(i)] = newValue }
    }

    /// The element `x[i, j]` of a matrix, at flat offset `i·shape[1] + j`. Precondition: rank 2, in bounds.
    @inlinable
    public subscript(_ i: Int, _ j: Int) -> Double {
        get { storage[flatOffset(i, j)] }
        set { storage[flatOffset(i, j)] = newValue }
    }

    /// The element `x[i, j, k]` of a rank-3 tensor. Precondition: rank 3, in bounds.
    @inlinable
    public subscript(_ i: Int, _ j: Int, _ k: Int) -> Double {
        get { storage[flatOffset(i, j, k)] }
        set { storage[flatOffset(i, j, k)] = newValue }
    }

    /// The element `x[i, j, k, l]` of a rank-4 tensor (e.g. `x[n, c, h, w]` in NCHW). Precondition: rank 4, in bounds.
    @inlinable
    public subscript(_ i: Int, _ j: Int, _ k: Int, _ l: Int) -> Double {
        get { storage[flatOffset(i, j, k, l)] }
        set { storage[flatOffset(i, j, k, l)] = newValue }
    }

    // MARK: Any-rank subscripts

    /// The element at a multi-index of any rank, `x[index: [n, c, h, w]]`. `x[index: []]` is a rank-0 tensor's scalar.
    public subscript(index index: [Int]) -> Double {
        get { storage[offset(of: index)] }
        set { storage[offset(of: index)] = newValue }
    }

    /// The element at a multi-index of any rank, written as separate arguments: `x[0, 1, 2, 3, 4]`.
    /// `x[]` is a rank-0 tensor's scalar. (For ranks 1–4 the faster fixed-arity subscripts are chosen.)
    public subscript(_ index: Int...) -> Double {
        get { storage[offset(of: index)] }
        set { storage[offset(of: index)] = newValue }
    }

    // MARK: Offsets for the fixed-arity subscripts

    @inlinable @inline(__always)
    func flatOffset(_ i: Int) -> Int {
        guard shape.count == 1, i >= 0, i < shape[0] else { indexFailure([i]) }
        return i
    }

    @inlinable @inline(__always)
    func flatOffset(_ i: Int, _ j: Int) -> Int {
        guard shape.count == 2, i >= 0, i < shape[0], j >= 0, j < shape[1] else { indexFailure([i, j]) }
        return i * shape[1] + j
    }

    @inlinable @inline(__always)
    func flatOffset(_ i: Int, _ j: Int, _ k: Int) -> Int {
        guard shape.count == 3, i >= 0, i < shape[0], j >= 0, j < shape[1], k >= 0, k < shape[2] else {
            indexFailure([i, j, k])
        }
        return (i * shape[1] + j) * shape[2] + k
    }

    @inlinable @inline(__always)
    func flatOffset(_ i: Int, _ j: Int, _ k: Int, _ l: Int) -> Int {
        guard shape.count == 4, i >= 0, i < shape[0], j >= 0, j < shape[1],
              k >= 0, k < shape[2], l >= 0, l < shape[3] else {
            indexFailure([i, j, k, l])
        }
        return ((i * shape[1] + j) * shape[2] + k) * shape[3] + l
    }

    // MARK: Strided traversal (used by permute, broadcast, pad)

    /// The flat offsets `base + Σ index[k] · strides[k]` for every index of `shape`, in row-major order.
    ///
    /// With `strides` of another tensor this lists where each element of a row-major traversal of
    /// `shape` sits in that tensor: permuted strides give a transpose, a zero stride repeats
    /// (broadcasts) an axis.
    static func stridedOffsets(shape: [Int], strides: [Int], base: Int = 0) -> [Int] {
        let total = shape.reduce(1, *)
        guard total > 0 else { return [] }
        var offsets = [Int]()
        offsets.reserveCapacity(total)
        var index = Array(repeating: 0, count: shape.count)
        var offset = base
        for _ in 0..<total {
            offsets.append(offset)
            // Advance the odometer: bump the last axis, carrying into earlier axes.
            var axis = shape.count - 1
            while axis >= 0 {
                index[axis] += 1
                offset += strides[axis]
                if index[axis] < shape[axis] { break }
                offset -= strides[axis] * shape[axis]
                index[axis] = 0
                axis -= 1
            }
        }
        return offsets
    }
}

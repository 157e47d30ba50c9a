// Changing the shape: reshape, transpose, permute, slicing rows, stacking, concatenating, padding.

extension Tensor {
    // MARK: Reshape

    /// The same scalars, in the same row-major order, viewed with a new shape.
    ///
    /// One dimension may be `-1`: it is inferred so that the element counts agree
    /// (`[2, 3, 4].reshaped([2, -1])` has shape `[2, 12]`).
    /// Precondition: the counts agree (the message names both shapes).
    public func reshaped(_ newShape: [Int]) -> Tensor {
        switch Tensor.resolveReshape(from: shape, to: newShape) {
        case .success(let resolved): return Tensor(uncheckedShape: resolved, scalars: storage)
        case .failure(let error): fail(error.message)
        }
    }

    /// The shape `reshaped(_:)` would produce, with any `-1` inferred, or the reason it cannot.
    static func resolveReshape(from old: [Int], to new: [Int]) -> Result<[Int], ShapeError> {
        let count = old.reduce(1, *)
        let prefix = "reshaped: \(old) (\(count) elements) → \(new)"
        let inferred = new.indices.filter { new[$0] == -1 }
        if inferred.count > 1 {
            return .failure(ShapeError("\(prefix): at most one dimension may be -1"))
        }
        if let bad = new.first(where: { $0 < -1 }) {
            return .failure(ShapeError("\(prefix): dimension \(bad) is negative"))
        }
        let known = new.filter { $0 != -1 }.reduce(1, *)
        guard let axis = inferred.first else {
            return known == count
                ? .success(new)
                : .failure(ShapeError("\(prefix) (\(known) elements): element counts differ"))
        }
        guard known > 0, count % known == 0 else {
            return .failure(ShapeError("\(prefix): \(count) elements cannot fill the other dimensions (product \(known))"))
        }
        var resolved = new
        resolved[axis] = count / known
        return .success(resolved)
    }

    // MARK: Transpose and permute

    /// The matrix transpose: `y[j, i] = x[i, j]`, shape `[m, n]` → `[n, m]`.
    ///
    /// Precondition: rank 2 (use `permuted(_:)` for other ranks).
    public func transposed() -> Tensor {
        require(rank == 2, "transposed: shape \(shape) has rank \(rank), not 2; use permuted(_:) for other ranks")
        let (m, n) = (shape[0], shape[1])
        let result = [Double](unsafeUninitializedCapacity: count) { out, initialized in
            storage.withUnsafeBufferPointer { x in
                for j in 0..<n {
                    for i in 0..<m { out[j * m + i] = x[i * n + j] }
                }
            }
            initialized = count
        }
        return Tensor(uncheckedShape: [n, m], scalars: result)
    }

    /// Reorders the axes: output axis `k` is input axis `axes[k]`, so
    /// `y.shape[k] == x.shape[axes[k]]` and `y[i0, i1, …]` is `x` at the index with `i_k` in position `axes[k]`.
    ///
    /// `permuted([1, 0])` is `transposed()`; `permuted([0, 2, 3, 1])` turns NCHW into NHWC.
    /// Precondition: `axes` is a permutation of `0..<rank`.
    public func permuted(_ axes: [Int]) -> Tensor {
        if let message = Tensor.permutationError(axes, shape: shape) { fail(message) }
        let newShape = axes.map { shape[$0] }
        let oldStrides = strides
        let offsets = Tensor.stridedOffsets(shape: newShape, strides: axes.map { oldStrides[$0] })
        return Tensor(uncheckedShape: newShape, scalars: offsets.map { storage[$0] })
    }

    /// `nil` if `axes` is a permutation of `0..<shape.count`, else a message naming both.
    static func permutationError(_ axes: [Int], shape: [Int]) -> String? {
        axes.sorted() == Array(shape.indices)
            ? nil
            : "permuted: axes \(axes) are not a permutation of 0..<\(shape.count) for shape \(shape)"
    }

    // MARK: Rows (slices along axis 0)

    /// The `i`-th slice along axis 0: shape `[d0, d1, …]` → `[d1, …]`. For a matrix, row `i`.
    ///
    /// Precondition: rank ≥ 1 and `0 ≤ i < shape[0]`.
    public func row(_ i: Int) -> Tensor {
        require(rank >= 1, "row(\(i)): a tensor of shape \(shape) has no axis 0")
        require(i >= 0 && i < shape[0], "row(\(i)): index out of range 0..<\(shape[0]) for shape \(shape)")
        let size = count / shape[0]
        return Tensor(uncheckedShape: Array(shape.dropFirst()), scalars: Array(storage[i * size ..< (i + 1) * size]))
    }

    /// Gathers slices along axis 0, in the given order (repeats allowed), e.g. a minibatch:
    /// shape `[N, …]` → `[indices.count, …]`, `y[b] = x[indices[b]]`.
    ///
    /// Precondition: rank ≥ 1 and every index in `0..<shape[0]`.
    public func rows(_ indices: [Int]) -> Tensor {
        require(rank >= 1, "rows(\(indices)): a tensor of shape \(shape) has no axis 0")
        let size = count / Swift.max(shape[0], 1)
        var result = [Double]()
        result.reserveCapacity(indices.count * size)
        for i in indices {
            require(i >= 0 && i < shape[0], "rows: index \(i) out of range 0..<\(shape[0]) for shape \(shape)")
            result.append(contentsOf: storage[i * size ..< (i + 1) * size])
        }
        return Tensor(uncheckedShape: [indices.count] + shape.dropFirst(), scalars: result)
    }

    /// The contiguous slices `range` along axis 0: shape `[N, …]` → `[range.count, …]`.
    ///
    /// Precondition: rank ≥ 1 and `range` within `0..<shape[0]` (`0..<0` is allowed).
    public func rows(_ range: Range<Int>) -> Tensor {
        require(rank >= 1, "rows(\(range)): a tensor of shape \(shape) has no axis 0")
        require(range.lowerBound >= 0 && range.upperBound <= shape[0],
                     "rows(\(range)): range exceeds 0..<\(shape[0]) for shape \(shape)")
        let size = count / Swift.max(shape[0], 1)
        return Tensor(uncheckedShape: [range.count] + shape.dropFirst(),
                      scalars: Array(storage[range.lowerBound * size ..< range.upperBound * size]))
    }

    // MARK: Stack and concatenate

    /// Stacks equal-shape tensors along a new axis 0: `k` tensors of shape `S` → shape `[k] + S`,
    /// with `y[i] = tensors[i]` (so `stack(x.rows(0..<n)…)` rebuilds `x`).
    ///
    /// Precondition: at least one tensor, all of the same shape (the message names both shapes).
    public static func stack(_ tensors: [Tensor]) -> Tensor {
        require(!tensors.isEmpty, "stack: needs at least one tensor to know the shape")
        if let message = sameShapeError(tensors.map(\.shape), function: "stack", part: "tensor") {
            fail(message)
        }
        return Tensor(uncheckedShape: [tensors.count] + tensors[0].shape, scalars: tensors.flatMap(\.storage))
    }

    /// Joins tensors along an existing axis: shapes must agree except on `axis`, whose sizes add up.
    /// E.g. `[2, 3]` and `[2, 5]` along axis 1 → `[2, 8]`. A negative `axis` counts from the end.
    ///
    /// Precondition: at least one tensor, equal ranks, and equal sizes on every other axis.
    public static func concatenate(_ tensors: [Tensor], axis: Int) -> Tensor {
        require(!tensors.isEmpty, "concatenate: needs at least one tensor to know the shape")
        if let message = concatenationError(tensors.map(\.shape), axis: axis) { fail(message) }
        let first = tensors[0].shape
        let a = axis < 0 ? axis + first.count : axis
        let outer = first[..<a].reduce(1, *)
        let inner = first[(a + 1)...].reduce(1, *)
        var newShape = first
        newShape[a] = tensors.map { $0.shape[a] }.reduce(0, +)
        var result = [Double]()
        result.reserveCapacity(newShape.reduce(1, *))
        for o in 0..<outer {
            for t in tensors {
                let chunk = t.shape[a] * inner
                result.append(contentsOf: t.storage[o * chunk ..< (o + 1) * chunk])
            }
        }
        return Tensor(uncheckedShape: newShape, scalars: result)
    }

    /// `nil` if shapes can be concatenated along `axis`, else a message naming the shapes that disagree.
    static func concatenationError(_ shapes: [[Int]], axis: Int) -> String? {
        guard let first = shapes.first else { return "concatenate: needs at least one tensor" }
        guard axis >= -first.count && axis < first.count else {
            return "concatenate: axis \(axis) is out of range for shape \(first) (rank \(first.count))"
        }
        let a = axis < 0 ? axis + first.count : axis
        for (i, s) in shapes.enumerated() {
            var (x, y) = (s, first)
            guard x.count == y.count else {
                return "concatenate: tensor \(i) has shape \(s) but tensor 0 has shape \(first): ranks differ"
            }
            x[a] = 0; y[a] = 0
            if x != y {
                return "concatenate: tensor \(i) has shape \(s) but tensor 0 has shape \(first): "
                    + "sizes must agree on every axis except \(a)"
            }
        }
        return nil
    }

    // MARK: Padding

    /// Pads each axis with `value`: `padding[k] = (before, after)` adds that many entries at the
    /// start and end of axis `k`, so shape `d_k` → `before + d_k + after` and
    /// `y[…, before + i, …] = x[…, i, …]`.
    ///
    /// For an NCHW image batch with a border of `p` pixels: `x.padded([(0, 0), (0, 0), (p, p), (p, p)])`.
    /// Precondition: one pair per axis, all non-negative.
    public func padded(_ padding: [(before: Int, after: Int)], value: Double = 0) -> Tensor {
        require(padding.count == rank,
                     "padded: \(padding.count) (before, after) pairs for shape \(shape) of rank \(rank)")
        require(padding.allSatisfy { $0.before >= 0 && $0.after >= 0 },
                     "padded: negative padding \(padding.map { [$0.before, $0.after] }) for shape \(shape)")
        let newShape = zip(shape, padding).map { $0 + $1.before + $1.after }
        let newStrides = Tensor.rowMajorStrides(newShape)
        let base = zip(padding, newStrides).map { $0.before * $1 }.reduce(0, +)
        let destinations = Tensor.stridedOffsets(shape: shape, strides: newStrides, base: base)
        var result = [Double](repeating: value, count: newShape.reduce(1, *))
        for (source, destination) in destinations.enumerated() {
            result[destination] = storage[source]
        }
        return Tensor(uncheckedShape: newShape, scalars: result)
    }
}

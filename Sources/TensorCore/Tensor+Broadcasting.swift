// Explicit broadcasting — the only broadcasting there is. `a + b` never stretches a shape;
// adding a bias row to every row of a batch is spelled `x.addingRowVector(b)`.

extension Tensor {
    // MARK: Row vectors: [N, D] ∘ [D] → [N, D]

    /// Adds `v` to every row: `y[n, d] = x[n, d] + v[d]`; `[N, D]` and `[D]` (or `[1, D]`) → `[N, D]`.
    ///
    /// Precondition: `self` has rank 2 and `v` has shape `[D]` or `[1, D]`. A `[N]` or `[N, 1]`
    /// vector that does not match `D` is rejected (the message names both shapes).
    public func addingRowVector(_ v: Tensor) -> Tensor { rowwise("addingRowVector", v, +) }
    /// Subtracts `v` from every row: `y[n, d] = x[n, d] − v[d]`; shapes as `addingRowVector(_:)`.
    public func subtractingRowVector(_ v: Tensor) -> Tensor { rowwise("subtractingRowVector", v, -) }
    /// Multiplies every row by `v`: `y[n, d] = x[n, d] · v[d]`; shapes as `addingRowVector(_:)`.
    public func multiplyingRowVector(_ v: Tensor) -> Tensor { rowwise("multiplyingRowVector", v, *) }
    /// Divides every row by `v`: `y[n, d] = x[n, d] / v[d]`; shapes as `addingRowVector(_:)`.
    public func dividingRowVector(_ v: Tensor) -> Tensor { rowwise("dividingRowVector", v, /) }

    // MARK: Column vectors: [N, D] ∘ [N] → [N, D]

    /// Adds `v[n]` to every element of row `n`: `y[n, d] = x[n, d] + v[n]`; `[N, D]` and `[N]` (or `[N, 1]`) → `[N, D]`.
    ///
    /// Precondition: `self` has rank 2 and `v` has shape `[N]` or `[N, 1]`.
    public func addingColumnVector(_ v: Tensor) -> Tensor { columnwise("addingColumnVector", v, +) }
    /// `y[n, d] = x[n, d] − v[n]`; shapes as `addingColumnVector(_:)`.
    public func subtractingColumnVector(_ v: Tensor) -> Tensor { columnwise("subtractingColumnVector", v, -) }
    /// `y[n, d] = x[n, d] · v[n]`; shapes as `addingColumnVector(_:)`.
    public func multiplyingColumnVector(_ v: Tensor) -> Tensor { columnwise("multiplyingColumnVector", v, *) }
    /// `y[n, d] = x[n, d] / v[n]` (e.g. normalising each row by its sum); shapes as `addingColumnVector(_:)`.
    public func dividingColumnVector(_ v: Tensor) -> Tensor { columnwise("dividingColumnVector", v, /) }

    /// `nil` if `vector` can be applied to every row of `matrix` (`[N, D]` with `[D]` or `[1, D]`),
    /// else a message naming both shapes.
    static func rowVectorError(_ operation: String, matrix: [Int], vector: [Int]) -> String? {
        let prefix = "\(operation): matrix \(matrix) and row vector \(vector)"
        guard matrix.count == 2 else { return "\(prefix): the matrix must have rank 2, not \(matrix.count)" }
        let d = matrix[1]
        guard vector == [d] || vector == [1, d] else {
            return "\(prefix): the row vector must have shape [\(d)] or [1, \(d)] (one entry per column)"
        }
        return nil
    }

    /// `nil` if `vector` can be applied to every column of `matrix` (`[N, D]` with `[N]` or `[N, 1]`),
    /// else a message naming both shapes.
    static func columnVectorError(_ operation: String, matrix: [Int], vector: [Int]) -> String? {
        let prefix = "\(operation): matrix \(matrix) and column vector \(vector)"
        guard matrix.count == 2 else { return "\(prefix): the matrix must have rank 2, not \(matrix.count)" }
        let n = matrix[0]
        guard vector == [n] || vector == [n, 1] else {
            return "\(prefix): the column vector must have shape [\(n)] or [\(n), 1] (one entry per row)"
        }
        return nil
    }

    private func rowwise(_ operation: String, _ v: Tensor, _ combine: (Double, Double) -> Double) -> Tensor {
        if let message = Tensor.rowVectorError(operation, matrix: shape, vector: v.shape) {
            fail(message)
        }
        var result = self
        let d = shape[1]
        v.storage.withUnsafeBufferPointer { vector in
            result.storage.withUnsafeMutableBufferPointer { y in
                for n in 0..<shape[0] {
                    for j in 0..<d { y[n * d + j] = combine(y[n * d + j], vector[j]) }
                }
            }
        }
        return result
    }

    private func columnwise(_ operation: String, _ v: Tensor, _ combine: (Double, Double) -> Double) -> Tensor {
        if let message = Tensor.columnVectorError(operation, matrix: shape, vector: v.shape) {
            fail(message)
        }
        var result = self
        let d = shape[1]
        v.storage.withUnsafeBufferPointer { vector in
            result.storage.withUnsafeMutableBufferPointer { y in
                for n in 0..<shape[0] {
                    for j in 0..<d { y[n * d + j] = combine(y[n * d + j], vector[n]) }
                }
            }
        }
        return result
    }

    // MARK: General broadcasting (NumPy rules, explicit)

    /// Repeats this tensor along axes of size 1 (and new leading axes) to fill `shape`, by
    /// NumPy's rules: align the shapes at their last axis; each source size must equal the target
    /// size or be 1. E.g. `[3]` → `[2, 3]` (two copies of the row), `[2, 1]` → `[2, 4]`.
    ///
    /// `y[i0, …, i(r−1)] = x[j…]` with `j_k = 0` where the source size is 1, else `j_k = i_k`.
    /// Precondition: broadcastable (the message names both shapes).
    public func broadcast(to newShape: [Int]) -> Tensor {
        if let message = Tensor.broadcastError(from: shape, to: newShape) { fail(message) }
        let lead = newShape.count - rank
        let sourceStrides = strides
        // A stride of 0 re-reads the same element along a stretched (or new) axis.
        let stretched: [Int] = newShape.indices.map { k in
            guard k >= lead else { return 0 }
            return shape[k - lead] == 1 ? 0 : sourceStrides[k - lead]
        }
        let offsets = Tensor.stridedOffsets(shape: newShape, strides: stretched)
        return Tensor(uncheckedShape: newShape, scalars: offsets.map { storage[$0] })
    }

    /// `nil` if `source` broadcasts to `target` by NumPy's rules, else a message naming both shapes,
    /// e.g. `"broadcast: [3] cannot broadcast to [3, 1]: source axis 0 has size 3, which is neither 1 nor the target's 1 (axis 1)"`.
    static func broadcastError(from source: [Int], to target: [Int]) -> String? {
        let prefix = "broadcast: \(source) cannot broadcast to \(target)"
        guard target.count >= source.count else {
            return "\(prefix): the target has fewer axes (\(target.count)) than the source (\(source.count))"
        }
        if let bad = target.firstIndex(where: { $0 < 0 }) {
            return "\(prefix): target dimension \(target[bad]) at axis \(bad) is negative"
        }
        let lead = target.count - source.count
        for k in source.indices where source[k] != 1 && source[k] != target[lead + k] {
            return "\(prefix): source axis \(k) has size \(source[k]), "
                + "which is neither 1 nor the target's \(target[lead + k]) (axis \(lead + k))"
        }
        return nil
    }
}

// Reductions over all elements or along one axis.
//
// Along an axis, shape [d0, …, d(a), …] becomes [d0, …, …] (or [d0, …, 1, …] with
// `keepingDimension: true`, which is the shape to broadcast the result back against).
// A negative axis counts from the end: −1 is the last axis.
// NaN propagates through sum, mean, max, min and variance.

extension Tensor {
    // MARK: Over all elements

    /// The sum of all elements `Σ x[i]` (0 for an empty tensor).
    public func sum() -> Double { withAllElements { Tensor.sum($0) } }

    /// The arithmetic mean `Σ x[i] / count`. Precondition: not empty.
    public func mean() -> Double {
        require(count > 0, "mean(): tensor of shape \(shape) is empty")
        return sum() / Double(count)
    }

    /// The largest element (NaN if any element is NaN). Precondition: not empty.
    public func max() -> Double {
        require(count > 0, "max(): tensor of shape \(shape) is empty")
        return withAllElements { Tensor.extreme($0, isBetter: >) }
    }

    /// The smallest element (NaN if any element is NaN). Precondition: not empty.
    public func min() -> Double {
        require(count > 0, "min(): tensor of shape \(shape) is empty")
        return withAllElements { Tensor.extreme($0, isBetter: <) }
    }

    /// The flat (row-major) offset of the largest element. Ties go to the FIRST such offset,
    /// as NumPy's `argmax`; a NaN counts as larger than any number. Precondition: not empty.
    public func argmax() -> Int {
        require(count > 0, "argmax(): tensor of shape \(shape) is empty")
        return withAllElements { Tensor.argmax($0) }
    }

    /// The Frobenius (L2) norm of all elements, `√(Σ x[i]²)`, computed with scaling so that it
    /// neither overflows for huge nor underflows for tiny elements.
    public var norm: Double {
        let scale = storage.reduce(0) { Swift.max($0, Swift.abs($1)) }
        guard scale > 0, scale.isFinite else { return storage.contains { $0.isNaN } ? .nan : scale }
        let sumOfSquares = storage.reduce(0) { $0 + ($1 / scale) * ($1 / scale) }
        return scale * sumOfSquares.squareRoot()
    }

    /// True when every element is finite (no NaN, no ±infinity). True for an empty tensor.
    public var isFinite: Bool { storage.allSatisfy(\.isFinite) }

    // MARK: Along one axis

    /// Sums along `axis`: `y[…] = Σ_a x[…, a, …]`. E.g. `[N, D].sum(axis: 0)` → `[D]` (a bias gradient).
    public func sum(axis: Int, keepingDimension: Bool = false) -> Tensor {
        reduce("sum", axis: axis, keepingDimension: keepingDimension) { Tensor.sum($0) }
    }

    /// Averages along `axis`: `y[…] = Σ_a x[…, a, …] / shape[axis]`. Precondition: that axis is not empty.
    public func mean(axis: Int, keepingDimension: Bool = false) -> Tensor {
        reduce("mean", axis: axis, keepingDimension: keepingDimension, needsElements: true) {
            Tensor.sum($0) / Double($0.count)
        }
    }

    /// The largest element along `axis` (NaN if the lane holds a NaN). Precondition: that axis is not empty.
    public func max(axis: Int, keepingDimension: Bool = false) -> Tensor {
        reduce("max", axis: axis, keepingDimension: keepingDimension, needsElements: true) {
            Tensor.extreme($0, isBetter: >)
        }
    }

    /// The smallest element along `axis` (NaN if the lane holds a NaN). Precondition: that axis is not empty.
    public func min(axis: Int, keepingDimension: Bool = false) -> Tensor {
        reduce("min", axis: axis, keepingDimension: keepingDimension, needsElements: true) {
            Tensor.extreme($0, isBetter: <)
        }
    }

    /// The index along `axis` of the largest element, as a `Double`, with that axis removed:
    /// `[N, C].argmax(axis: 1)` → `[N]` (the predicted class of each row).
    ///
    /// Ties go to the FIRST (smallest) index, as NumPy's `argmax`; a NaN counts as larger than
    /// any number. Precondition: that axis is not empty.
    public func argmax(axis: Int) -> Tensor {
        reduce("argmax", axis: axis, keepingDimension: false, needsElements: true) { Double(Tensor.argmax($0)) }
    }

    /// The POPULATION variance along `axis` (dividing by N, not N − 1, as NumPy's default
    /// `var(ddof=0)` and batch normalisation): `y = Σ_a (x_a − μ)² / N` with `μ` the mean of the lane.
    /// Precondition: that axis is not empty.
    public func variance(axis: Int, keepingDimension: Bool = false) -> Tensor {
        reduce("variance", axis: axis, keepingDimension: keepingDimension, needsElements: true) { lane in
            let mean = Tensor.sum(lane) / Double(lane.count)
            var squares = 0.0
            for i in 0..<lane.count { squares += (lane[i] - mean) * (lane[i] - mean) }
            return squares / Double(lane.count)
        }
    }

    // MARK: Machinery

    /// The elements along one axis for one position of all the other axes: `lane[i]` is
    /// `buffer[start + i · stride]`.
    struct Lane {
        let buffer: UnsafeBufferPointer<Double>
        let start: Int
        let stride: Int
        let count: Int
        subscript(i: Int) -> Double { buffer[start + i * stride] }
    }

    /// Normalises a possibly negative axis (−1 is the last), or returns a message naming the shape.
    static func resolveAxis(_ axis: Int, rank: Int, function: String, shape: [Int]) -> Result<Int, ShapeError> {
        guard axis >= -rank && axis < rank else {
            return .failure(ShapeError(
                "\(function)(axis: \(axis)): axis out of range for shape \(shape) (valid axes are \(-rank)..<\(rank))"))
        }
        return .success(axis < 0 ? axis + rank : axis)
    }

    /// Applies `body` to all elements, as one lane.
    private func withAllElements<R>(_ body: (Lane) -> R) -> R {
        storage.withUnsafeBufferPointer { body(Lane(buffer: $0, start: 0, stride: 1, count: $0.count)) }
    }

    /// Reduces every lane along `axis` to one value with `body`.
    private func reduce(
        _ function: String, axis: Int, keepingDimension: Bool, needsElements: Bool = false,
        _ body: (Lane) -> Double
    ) -> Tensor {
        let a: Int
        switch Tensor.resolveAxis(axis, rank: rank, function: function, shape: shape) {
        case .success(let resolved): a = resolved
        case .failure(let error): fail(error.message)
        }
        let length = shape[a]
        require(!needsElements || length > 0,
                     "\(function)(axis: \(axis)): axis \(a) of shape \(shape) is empty")
        let outer = shape[..<a].reduce(1, *)
        let inner = shape[(a + 1)...].reduce(1, *)
        var result = [Double]()
        result.reserveCapacity(outer * inner)
        storage.withUnsafeBufferPointer { x in
            for o in 0..<outer {
                for i in 0..<inner {
                    result.append(body(Lane(buffer: x, start: o * length * inner + i, stride: inner, count: length)))
                }
            }
        }
        var newShape = shape
        if keepingDimension { newShape[a] = 1 } else { newShape.remove(at: a) }
        return Tensor(uncheckedShape: newShape, scalars: result)
    }

    private static func sum(_ lane: Lane) -> Double {
        var total = 0.0
        for i in 0..<lane.count { total += lane[i] }
        return total
    }

    /// The lane's best element under `isBetter` (`>` for max, `<` for min); NaN wins.
    private static func extreme(_ lane: Lane, isBetter: (Double, Double) -> Bool) -> Double {
        var best = lane[0]
        for i in 1..<Swift.max(lane.count, 1) {
            let x = lane[i]
            if x.isNaN { return .nan }
            if isBetter(x, best) { best = x }
        }
        return best
    }

    /// The first index of the lane's largest element; the first NaN wins.
    private static func argmax(_ lane: Lane) -> Int {
        var best = 0
        if lane[0].isNaN { return 0 }
        for i in 1..<Swift.max(lane.count, 1) {
            if lane[i].isNaN { return i }
            if lane[i] > lane[best] { best = i }
        }
        return best
    }
}

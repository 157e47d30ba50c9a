// Element-wise arithmetic. Tensor–tensor operations require EQUAL shapes: there is no
// implicit broadcasting (see Tensor+Broadcasting.swift for the explicit forms).

extension Tensor {
    /// Applies `transform` to every element: `y[i] = transform(x[i])`. Shape unchanged.
    @inlinable
    public func map(_ transform: (Double) throws -> Double) rethrows -> Tensor {
        // Written straight into uninitialised storage, as `zipMap`.
        let result = try [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            try storage.withUnsafeBufferPointer { x in
                for i in 0..<x.count {
                    buffer[i] = try transform(x[i])
                    initialized = i + 1
                }
            }
        }
        return Tensor(uncheckedShape: shape, scalars: result)
    }

    /// Combines corresponding elements: `z[i] = combine(x[i], y[i])`. Shape unchanged.
    ///
    /// Precondition: `other.shape == shape` (the message names both shapes).
    @inlinable
    public func zipMap(_ other: Tensor, _ combine: (Double, Double) throws -> Double) rethrows -> Tensor {
        if let message = Tensor.elementwiseShapeError("zipMap", shape, other.shape) {
            fail(message)
        }
        // Written straight into uninitialised storage (no per-element append), which the compiler
        // can vectorise once `combine` is inlined.
        let result = try [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            try storage.withUnsafeBufferPointer { x in
                try other.storage.withUnsafeBufferPointer { y in
                    for i in 0..<x.count {
                        buffer[i] = try combine(x[i], y[i])
                        initialized = i + 1
                    }
                }
            }
        }
        return Tensor(uncheckedShape: shape, scalars: result)
    }

    /// `nil` if the shapes are equal, else e.g. `"+: shapes [2, 3] and [3, 2] differ"`.
    @usableFromInline
    static func elementwiseShapeError(_ operation: String, _ left: [Int], _ right: [Int]) -> String? {
        left == right ? nil : "\(operation): shapes \(left) and \(right) differ"
    }

    /// `l op r` element by element; the shapes must be equal.
    private static func elementwise(
        _ operation: String, _ l: Tensor, _ r: Tensor, _ combine: (Double, Double) -> Double
    ) -> Tensor {
        if let message = elementwiseShapeError(operation, l.shape, r.shape) { fail(message) }
        let result = [Double](unsafeUninitializedCapacity: l.count) { buffer, initialized in
            l.storage.withUnsafeBufferPointer { a in
                r.storage.withUnsafeBufferPointer { b in
                    for i in 0..<a.count { buffer[i] = combine(a[i], b[i]) }
                }
            }
            initialized = l.count
        }
        return Tensor(uncheckedShape: l.shape, scalars: result)
    }

    /// `l op= r` in place; the shapes must be equal.
    private static func elementwiseInPlace(
        _ operation: String, _ l: inout Tensor, _ r: Tensor, _ combine: (Double, Double) -> Double
    ) {
        if let message = elementwiseShapeError(operation, l.shape, r.shape) { fail(message) }
        r.storage.withUnsafeBufferPointer { b in
            l.storage.withUnsafeMutableBufferPointer { a in
                for i in 0..<a.count { a[i] = combine(a[i], b[i]) }
            }
        }
    }

    /// `t op s` for every element, in place.
    private static func scalarInPlace(_ t: inout Tensor, _ combine: (Double) -> Double) {
        t.storage.withUnsafeMutableBufferPointer { a in
            for i in 0..<a.count { a[i] = combine(a[i]) }
        }
    }

    // MARK: Tensor ∘ Tensor (Hadamard, equal shapes)

    /// Element-wise sum `l[i] + r[i]`. Precondition: equal shapes.
    public static func + (l: Tensor, r: Tensor) -> Tensor { elementwise("+", l, r, +) }
    /// Element-wise difference `l[i] − r[i]`. Precondition: equal shapes.
    public static func - (l: Tensor, r: Tensor) -> Tensor { elementwise("-", l, r, -) }
    /// Element-wise (Hadamard) product `l[i] · r[i]` — not a matrix product (see `matmul(_:)`). Precondition: equal shapes.
    public static func * (l: Tensor, r: Tensor) -> Tensor { elementwise("*", l, r, *) }
    /// Element-wise quotient `l[i] / r[i]` (IEEE: x/0 is ±inf or nan). Precondition: equal shapes.
    public static func / (l: Tensor, r: Tensor) -> Tensor { elementwise("/", l, r, /) }

    // MARK: Tensor ∘ scalar

    /// Adds `r` to every element.
    public static func + (l: Tensor, r: Double) -> Tensor { var t = l; t += r; return t }
    /// Subtracts `r` from every element.
    public static func - (l: Tensor, r: Double) -> Tensor { var t = l; t -= r; return t }
    /// Multiplies every element by `r`.
    public static func * (l: Tensor, r: Double) -> Tensor { var t = l; t *= r; return t }
    /// Divides every element by `r`.
    public static func / (l: Tensor, r: Double) -> Tensor { var t = l; t /= r; return t }

    /// `l + r[i]` for every element.
    public static func + (l: Double, r: Tensor) -> Tensor { var t = r; scalarInPlace(&t) { l + $0 }; return t }
    /// `l − r[i]` for every element.
    public static func - (l: Double, r: Tensor) -> Tensor { var t = r; scalarInPlace(&t) { l - $0 }; return t }
    /// `l · r[i]` for every element.
    public static func * (l: Double, r: Tensor) -> Tensor { var t = r; scalarInPlace(&t) { l * $0 }; return t }
    /// `l / r[i]` for every element.
    public static func / (l: Double, r: Tensor) -> Tensor { var t = r; scalarInPlace(&t) { l / $0 }; return t }

    /// Negates every element: `−t[i]`.
    public static prefix func - (t: Tensor) -> Tensor { var n = t; scalarInPlace(&n) { -$0 }; return n }

    // MARK: Compound assignment (in place)

    /// `l[i] += r[i]`. Precondition: equal shapes.
    public static func += (l: inout Tensor, r: Tensor) { elementwiseInPlace("+=", &l, r, +) }
    /// `l[i] −= r[i]`. Precondition: equal shapes.
    public static func -= (l: inout Tensor, r: Tensor) { elementwiseInPlace("-=", &l, r, -) }
    /// `l[i] ·= r[i]`. Precondition: equal shapes.
    public static func *= (l: inout Tensor, r: Tensor) { elementwiseInPlace("*=", &l, r, *) }
    /// `l[i] /= r[i]`. Precondition: equal shapes.
    public static func /= (l: inout Tensor, r: Tensor) { elementwiseInPlace("/=", &l, r, /) }

    /// Adds `r` to every element in place.
    public static func += (l: inout Tensor, r: Double) { scalarInPlace(&l) { $0 + r } }
    /// Subtracts `r` from every element in place.
    public static func -= (l: inout Tensor, r: Double) { scalarInPlace(&l) { $0 - r } }
    /// Multiplies every element by `r` in place.
    public static func *= (l: inout Tensor, r: Double) { scalarInPlace(&l) { $0 * r } }
    /// Divides every element by `r` in place.
    public static func /= (l: inout Tensor, r: Double) { scalarInPlace(&l) { $0 / r } }
}

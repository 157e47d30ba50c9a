/// An n-dimensional array of `Double`, stored contiguously in row-major (C) order.
///
/// A tensor of shape `[d0, d1, …, d(r−1)]` holds `d0·d1·…·d(r−1)` scalars; the element at
/// index `[i0, i1, …]` lives at flat offset `Σ i_k · strides[k]`, where the last axis varies
/// fastest (as NumPy and PyTorch lay out a contiguous tensor). A rank-0 tensor (shape `[]`)
/// holds exactly one scalar.
///
/// `Tensor` is a value type: copies are cheap (copy-on-write) and never alias.
/// There is no implicit broadcasting: `a + b` requires equal shapes, and every broadcast is
/// an explicit call (`addingRowVector(_:)`, `broadcast(to:)`, …).
///
///     let x = Tensor([[1, 2, 3], [4, 5, 6]])   // shape [2, 3]
///     x[1, 2]                                  // 6.0
///     x.sum(axis: 0)                           // Tensor([3]) [5.0, 7.0, 9.0]
public struct Tensor: Equatable, Sendable {
    /// The size of each axis, outermost first. `[]` for a scalar (rank 0).
    public private(set) var shape: [Int]

    /// The scalars in row-major order. Internal code reads and writes this directly;
    /// the public `scalars` property guards its element count.
    @usableFromInline
    internal var storage: [Double]

    /// The scalars in row-major (C) order: `scalars[offset(of: index)] == self[index: index]`.
    ///
    /// Settable and mutable in place (`t.scalars[3] = 1`, `t.scalars.withUnsafeMutableBufferPointer`),
    /// but the number of scalars must not change: appending or removing elements is a
    /// precondition failure. Use `reshaped(_:)` or `init(shape:scalars:)` to change the shape.
    public var scalars: [Double] {
        @inlinable get { storage }
        @inlinable set {
            require(
                newValue.count == storage.count,
                Tensor.scalarCountChangedMessage(shape: shape, from: storage.count, to: newValue.count))
            storage = newValue
        }
        @inlinable _modify {
            let expected = storage.count
            yield &storage
            require(
                storage.count == expected,
                Tensor.scalarCountChangedMessage(shape: shape, from: expected, to: storage.count))
        }
    }

    /// The number of axes: `shape.count`. 0 for a scalar, 1 for a vector, 2 for a matrix.
    @inlinable
    public var rank: Int { shape.count }

    /// The number of elements: the product of `shape` (1 for rank 0, 0 if any axis is 0).
    @inlinable
    public var count: Int { storage.count }

    // MARK: Initialisers

    /// Creates a tensor of the given shape from row-major scalars.
    ///
    /// Precondition: every dimension is ≥ 0 and `shape.reduce(1, *) == scalars.count`.
    public init(shape: [Int], scalars: [Double]) {
        if let message = Tensor.shapeScalarsError(shape: shape, scalarCount: scalars.count) {
            fail(message)
        }
        self.shape = shape
        self.storage = scalars
    }

    /// Creates a tensor of the given shape with every element equal to `value`.
    public init(shape: [Int], repeating value: Double) {
        if let message = Tensor.dimensionsError("Tensor(shape:repeating:)", shape) {
            fail(message)
        }
        self.shape = shape
        self.storage = Array(repeating: value, count: shape.reduce(1, *))
    }

    /// Creates a tensor without validating that `shape` matches `scalars.count` (internal fast path).
    @usableFromInline
    init(uncheckedShape shape: [Int], scalars: [Double]) {
        assert(shape.reduce(1, *) == scalars.count, "shape \(shape) needs \(shape.reduce(1, *)) scalars, got \(scalars.count)")
        self.shape = shape
        self.storage = scalars
    }

    /// Creates a rank-0 tensor (shape `[]`) holding one scalar.
    public init(scalar: Double) {
        self.shape = []
        self.storage = [scalar]
    }

    /// A tensor of the given shape filled with 0.
    public static func zeros(_ shape: [Int]) -> Tensor {
        Tensor(shape: shape, repeating: 0)
    }

    /// A tensor of the given shape filled with 1.
    public static func ones(_ shape: [Int]) -> Tensor {
        Tensor(shape: shape, repeating: 1)
    }

    /// A tensor of zeros with the same shape as `other`.
    public static func zeros(like other: Tensor) -> Tensor {
        Tensor(shape: other.shape, repeating: 0)
    }

    // MARK: Validation messages (pure, so tests can check the text)

    /// `nil` if all dimensions are ≥ 0, else a message naming the shape.
    static func dimensionsError(_ function: String, _ shape: [Int]) -> String? {
        guard let bad = shape.firstIndex(where: { $0 < 0 }) else { return nil }
        return "\(function): shape \(shape) has negative dimension \(shape[bad]) at axis \(bad)"
    }

    /// `nil` if `shape` is valid and holds exactly `scalarCount` elements, else a message naming both.
    static func shapeScalarsError(shape: [Int], scalarCount: Int) -> String? {
        if let message = dimensionsError("Tensor(shape:scalars:)", shape) { return message }
        let needed = shape.reduce(1, *)
        guard needed != scalarCount else { return nil }
        return "Tensor(shape:scalars:): shape \(shape) needs \(needed) scalars, got \(scalarCount)"
    }

    @usableFromInline
    static func scalarCountChangedMessage(shape: [Int], from old: Int, to new: Int) -> String {
        "scalars: a tensor of shape \(shape) needs \(old) scalars, but the count changed to \(new); "
            + "use reshaped(_:) or Tensor(shape:scalars:) to change the shape"
    }
}

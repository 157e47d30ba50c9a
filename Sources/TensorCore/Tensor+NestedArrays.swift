// Creating tensors from nested Swift arrays (rank 1 to 4).

extension Tensor {
    /// Creates a vector (rank 1, shape `[n]`) from `n` scalars.
    public init(_ scalars: [Double]) {
        self.init(shape: [scalars.count], scalars: scalars)
    }

    /// Creates a matrix (rank 2, shape `[rows, columns]`) from a list of equal-length rows.
    ///
    /// Precondition: every row has as many elements as row 0 (a ragged row is named in the message).
    /// An empty list gives shape `[0, 0]`.
    public init(_ rows: [[Double]]) {
        let parts = rows.map { Tensor($0) }
        self = Tensor.assemble(parts, emptyShape: [0, 0], function: "Tensor(rows)", part: "row")
    }

    /// Creates a rank-3 tensor (shape `[planes, rows, columns]`) from a list of equal-shape matrices.
    ///
    /// Precondition: every plane has the shape of plane 0. An empty list gives shape `[0, 0, 0]`.
    public init(_ planes: [[[Double]]]) {
        let parts = planes.map { Tensor($0) }
        self = Tensor.assemble(parts, emptyShape: [0, 0, 0], function: "Tensor(planes)", part: "plane")
    }

    /// Creates a rank-4 tensor (shape `[blocks, planes, rows, columns]`, e.g. NCHW) from a list of
    /// equal-shape rank-3 tensors.
    ///
    /// Precondition: every block has the shape of block 0. An empty list gives shape `[0, 0, 0, 0]`.
    public init(_ blocks: [[[[Double]]]]) {
        let parts = blocks.map { Tensor($0) }
        self = Tensor.assemble(parts, emptyShape: [0, 0, 0, 0], function: "Tensor(blocks)", part: "block")
    }

    /// Stacks equal-shape parts along a new axis 0, or returns an empty tensor of `emptyShape`.
    private static func assemble(_ parts: [Tensor], emptyShape: [Int], function: String, part: String) -> Tensor {
        guard !parts.isEmpty else { return Tensor(shape: emptyShape, scalars: []) }
        if let message = sameShapeError(parts.map(\.shape), function: function, part: part) {
            fail(message)
        }
        return Tensor(shape: [parts.count] + parts[0].shape, scalars: parts.flatMap(\.storage))
    }

    /// `nil` if all shapes equal the first, else a message naming the first part that differs and
    /// both shapes, e.g. `"Tensor(rows): row 1 has shape [2] but row 0 has shape [3]"`.
    static func sameShapeError(_ shapes: [[Int]], function: String, part: String) -> String? {
        guard let first = shapes.first,
              let bad = shapes.firstIndex(where: { $0 != first }) else { return nil }
        return "\(function): \(part) \(bad) has shape \(shapes[bad]) but \(part) 0 has shape \(first)"
    }
}

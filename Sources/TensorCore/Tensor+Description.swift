// A readable text rendering: the shape, then the elements as nested brackets.

extension Tensor: CustomStringConvertible {
    /// The number of items per axis shown in full; longer axes show the first and last
    /// `Tensor.edgeItems` items around `…`.
    static let maximumItemsPerAxis = 8
    static let edgeItems = 3

    /// The shape and the elements as nested brackets, e.g.
    /// `Tensor([2, 3]) [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]`.
    ///
    /// An axis longer than 8 shows its first 3 and last 3 items around `…`:
    /// `Tensor([10]) [0.0, 1.0, 2.0, …, 7.0, 8.0, 9.0]`. A scalar prints as `Tensor([]) 3.0`.
    public var description: String {
        "Tensor(\(shape)) " + render(axis: 0, offset: 0)
    }

    /// The sub-tensor starting at flat `offset` whose first axis is `axis`, as nested brackets.
    private func render(axis: Int, offset: Int) -> String {
        guard axis < rank else { return "\(storage[offset])" }
        let length = shape[axis]
        let stride = shape[(axis + 1)...].reduce(1, *)
        func item(_ i: Int) -> String { render(axis: axis + 1, offset: offset + i * stride) }

        let items: [String]
        if length > Tensor.maximumItemsPerAxis {
            let head = (0..<Tensor.edgeItems).map(item)
            let tail = (length - Tensor.edgeItems..<length).map(item)
            items = head + ["…"] + tail
        } else {
            items = (0..<length).map(item)
        }
        return "[" + items.joined(separator: ", ") + "]"
    }
}

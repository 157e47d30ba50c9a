/// A shape mismatch described in words, returned by the validation helpers so that the
/// message (which names the shapes involved) can be tested without trapping.
struct ShapeError: Error, Equatable, CustomStringConvertible {
    let message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

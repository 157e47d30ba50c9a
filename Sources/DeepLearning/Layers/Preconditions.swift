// Preconditions whose messages survive optimised builds (Swift's `precondition` drops its
// message under -O; `fatalError` keeps it), as TensorCore's own checks do.

/// Stops with `message` (naming the values involved) unless `condition` holds.
@inline(__always)
func requireThat(_ condition: Bool, _ message: @autoclosure () -> String,
                 file: StaticString = #fileID, line: UInt = #line) {
    if !condition { failWith(message(), file: file, line: line) }
}

/// Stops with `message`, printed in every build configuration.
@inline(never)
func failWith(_ message: String, file: StaticString = #fileID, line: UInt = #line) -> Never {
    fatalError(message, file: file, line: line)
}

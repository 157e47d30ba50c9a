// Preconditions whose messages survive optimisation.
//
// Swift's `precondition(_:_:)` and `preconditionFailure(_:)` drop their message in -O builds,
// printing only "precondition failure". Exercises and checks are compiled with -O, and the
// whole point of a shape message is that the student reads it, so TensorCore checks with
// `require` / `fail`, which print the message (via `fatalError`) in every build.

/// Stops with `message` (naming the values involved) unless `condition` holds; like
/// `precondition`, but the message is printed in optimised builds too. The message is only
/// built when the check fails.
@inlinable @inline(__always)
func require(
    _ condition: Bool, _ message: @autoclosure () -> String,
    file: StaticString = #fileID, line: UInt = #line
) {
    if !condition { fail(message(), file: file, line: line) }
}

/// Stops with `message`; like `preconditionFailure`, but printed in optimised builds too.
@usableFromInline @inline(never)
func fail(_ message: String, file: StaticString = #fileID, line: UInt = #line) -> Never {
    fatalError(message, file: file, line: line)
}

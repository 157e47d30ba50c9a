import Foundation
#if canImport(XCTest)
import XCTest
#endif
import Testing
import TensorCore

// Assertions for checks. Each failure message says what was checked, what was expected, what
// the student's code gave, and the tolerance, in a form a student can act on.
//
// Tolerances are mixed absolute/relative: a value passes when |observed − expected| ≤ tolerance · (1 + |expected|).
//
// They work in XCTest methods and in Swift Testing `@Test` functions alike. In the graded
// process (`CheckSession.mode == .record`) they do nothing and return `true`: the expected value,
// an autoclosure, is never computed there. Only the verifying process, which replays the
// student's recorded values, compares and reports.

/// True in the graded process, where nothing is compared.
var comparisonsAreSkipped: Bool { CheckSession.mode == .record }

/// Reports a failed expectation to whichever framework runs the check.
public func reportFailure(_ message: String, file: StaticString = #filePath, line: UInt = #line) {
    if Test.current != nil {
        let path = "\(file)"
        let name = URL(fileURLWithPath: path).lastPathComponent
        Issue.record(Comment(rawValue: message),
                     sourceLocation: SourceLocation(fileID: "ExerciseChecks/\(name)", filePath: path, line: Int(line), column: 1))
    } else {
        #if canImport(XCTest)
        XCTFail(message, file: file, line: line)
        #endif
    }
}

/// Renders a number the way reports show it: short, but never hiding the difference that failed.
public func format(_ value: Double) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value > 0 ? "inf" : "-inf" }
    if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
    let magnitude = abs(value)
    if magnitude >= 1e-3 && magnitude < 1e6 { return String(format: "%.6g", value) }
    return String(format: "%.4e", value)
}

/// Two numbers that are compared, each with as many significant digits as it takes for them to
/// look different when they are (at least 6, at most 17, which is enough for any two doubles):
/// never "expected -0.107641, observed -0.107641".
public func format(_ a: Double, _ b: Double) -> (String, String) {
    var pair = (format(a), format(b))
    guard pair.0 == pair.1, a != b, a.isFinite, b.isFinite else { return pair }
    func digits(_ value: Double, _ n: Int) -> String {
        if value == 0 { return "0" }
        let magnitude = abs(value)
        return magnitude >= 1e-3 && magnitude < 1e6 ? String(format: "%.\(n)g", value) : String(format: "%.\(n - 1)e", value)
    }
    for n in 7...17 {
        pair = (digits(a, n), digits(b, n))
        if pair.0 != pair.1 { break }
    }
    return pair
}

public func format(_ shape: [Int]) -> String { "[" + shape.map(String.init).joined(separator: ", ") + "]" }

/// A short rendering of a tensor's values (the first 8).
public func preview(_ tensor: Tensor) -> String {
    let shown = tensor.scalars.prefix(8).map(format).joined(separator: ", ")
    return "\(format(tensor.shape)) [\(shown)\(tensor.count > 8 ? ", …" : "")]"
}

/// Short renderings of two tensors that are compared, entry by entry with as many digits as it
/// takes for two different entries to look different (`format(_:_:)`); the first 8 entries.
public func previews(_ a: Tensor, _ b: Tensor) -> (String, String) {
    guard a.shape == b.shape else { return (preview(a), preview(b)) }
    let pairs = zip(a.scalars.prefix(8), b.scalars.prefix(8)).map { format($0, $1) }
    let more = a.count > 8 ? ", …" : ""
    return ("\(format(a.shape)) [\(pairs.map(\.0).joined(separator: ", "))\(more)]",
            "\(format(b.shape)) [\(pairs.map(\.1).joined(separator: ", "))\(more)]")
}

/// NaN never matches anything, itself included: a check that compares two results of the
/// student's code must not pass because both are NaN.
func within(_ observed: Double, _ expected: Double, _ tolerance: Double) -> Bool {
    if observed.isNaN || expected.isNaN { return false }
    if observed.isInfinite || expected.isInfinite { return observed == expected }
    return abs(observed - expected) <= tolerance * (1 + abs(expected))
}

/// Checks a number.
@discardableResult
public func expectClose(_ observed: Double, _ expected: @autoclosure () -> Double, tolerance: Double = 1e-9, _ what: @autoclosure () -> String,
                        file: StaticString = #filePath, line: UInt = #line) -> Bool {
    if comparisonsAreSkipped { return true }
    let expected = expected(), what = what()
    if within(observed, expected, tolerance) { return true }
    let (shownExpected, shownObserved) = format(expected, observed)
    reportFailure("\(what): expected \(shownExpected), observed \(shownObserved) (difference \(format(abs(observed - expected))), tolerance \(format(tolerance)))",
            file: file, line: line)
    return false
}

/// Checks a tensor's shape; the message names both shapes.
@discardableResult
public func expectShape(_ observed: Tensor, _ expected: @autoclosure () -> [Int], _ what: @autoclosure () -> String,
                        file: StaticString = #filePath, line: UInt = #line) -> Bool {
    if comparisonsAreSkipped { return true }
    let expected = expected(), what = what()
    if observed.shape == expected { return true }
    reportFailure("\(what): expected shape \(format(expected)), observed shape \(format(observed.shape))", file: file, line: line)
    return false
}

/// Checks a tensor: its shape, that it is finite where the expected one is, and every element.
@discardableResult
public func expectClose(_ observed: Tensor, _ expected: @autoclosure () -> Tensor, tolerance: Double = 1e-9, _ what: @autoclosure () -> String,
                        file: StaticString = #filePath, line: UInt = #line) -> Bool {
    if comparisonsAreSkipped { return true }
    let expected = expected(), what = what()
    guard expectShape(observed, expected.shape, what, file: file, line: line) else { return false }
    var worst = -1
    var worstDifference = -1.0
    for i in 0..<observed.count {
        let o = observed.scalars[i], e = expected.scalars[i]
        if within(o, e, tolerance) { continue }
        let difference = (o.isFinite && e.isFinite) ? abs(o - e) / (1 + abs(e)) : .infinity
        if difference > worstDifference { worstDifference = difference; worst = i }
    }
    guard worst >= 0 else { return true }
    let index = multiIndex(worst, shape: observed.shape)
    let o = observed.scalars[worst], e = expected.scalars[worst]
    let nonFinite = o.isFinite ? "" : " (your result is not finite: an overflow, or a division by zero?)"
    let (shownExpected, shownObserved) = format(e, o)
    let (expectedValues, observedValues) = previews(expected, observed)
    reportFailure("\(what): at index \(format(index)) expected \(shownExpected), observed \(shownObserved)\(nonFinite); tolerance \(format(tolerance)). Expected \(expectedValues), observed \(observedValues)",
            file: file, line: line)
    return false
}

/// Checks an exact value.
@discardableResult
public func expectEqual<T: Equatable>(_ observed: T, _ expected: @autoclosure () -> T, _ what: @autoclosure () -> String,
                                      file: StaticString = #filePath, line: UInt = #line) -> Bool {
    if comparisonsAreSkipped { return true }
    let expected = expected(), what = what()
    if observed == expected { return true }
    reportFailure("\(what): expected \(expected), observed \(observed)", file: file, line: line)
    return false
}

/// Checks a condition, with a message that explains what it means when it does not hold.
@discardableResult
public func expectTrue(_ condition: @autoclosure () -> Bool, _ explanation: @autoclosure () -> String,
                       file: StaticString = #filePath, line: UInt = #line) -> Bool {
    if comparisonsAreSkipped { return true }
    if condition() { return true }
    reportFailure(explanation(), file: file, line: line)
    return false
}

/// The row-major multi-index of a flat offset.
public func multiIndex(_ offset: Int, shape: [Int]) -> [Int] {
    var index = [Int](repeating: 0, count: shape.count)
    var rest = offset
    for axis in stride(from: shape.count - 1, through: 0, by: -1) where shape[axis] > 0 {
        index[axis] = rest % shape[axis]
        rest /= shape[axis]
    }
    return index
}

import Foundation

/// How one check ended.
public enum CheckStatus: String, Codable, Sendable {
    case passed, failed, error, timeout
}

/// How the graded processes were isolated (`CheckSandbox` in the runner): `full` (own PID, mount
/// and network namespaces, a root of its own, `nobody` when the grader is root) or `none`.
public enum SandboxLevel: String, Codable, Sendable, Comparable {
    case none, full
    public static func < (a: SandboxLevel, b: SandboxLevel) -> Bool { a == .none && b == .full }
}

/// How a grading run ended: `graded` when the checks ran; `compile_error` when the exercise did not
/// build, or lacks a declaration the checks call (every check then scores 0).
public enum ReportStatus: String, Codable, Sendable { case graded, compileError = "compile_error" }

/// One check's result, as the report and its JSON show it.
public struct CheckResult: Codable, Sendable, Equatable {
    public var id: String
    public var task: String
    public var name: String
    /// Points earned.
    public var points: Double
    /// Points available.
    public var max: Double
    public var status: CheckStatus
    /// Empty when it passed; otherwise expected vs observed, the tolerance, or what stopped it.
    public var message: String
    public var hint: String?
    public var hidden: Bool
    public var visibility: Visibility
    public var seconds: Double
    /// The last lines the student's code printed during a check that did not pass.
    public var output: String?
    /// How the check's graded process was isolated; nil when none ran (a compile error).
    public var sandbox: SandboxLevel? = nil
}

/// One task's subtotal.
public struct TaskScore: Codable, Sendable, Equatable {
    public var id: String
    public var title: String
    public var score: Double
    public var max: Double
}

/// The report of one grading run of one exercise.
public struct Report: Codable, Sendable {
    public var exercise: String
    public var title: String
    /// `checks.json`'s version: which version of the checks gave this score.
    public var version: String
    /// The folder graded, as the user would name it (`Exercises/ex1`).
    public var source: String
    public var toolchain: String
    public var seed: UInt64
    public var score: Double
    public var maxScore: Double
    public var status: ReportStatus
    public var compileErrors: [CompilerDiagnostic]
    public var tasks: [TaskScore]
    public var checks: [CheckResult]
    public var seconds: Double
    /// The weakest isolation any check ran under; nil when none ran.
    public var sandbox: SandboxLevel? = nil
    /// Files that did not compile and were graded with their pristine stub in their place
    /// (relative to the exercise folder); nil when every file compiled or none could be graded.
    public var stubbedFiles: [String]? = nil

    public var fullMarks: Bool { status == .graded && score >= maxScore - 1e-9 }

    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// Hidden checks' names, messages and output removed (for a student-facing copy).
    public func redactingHidden() -> Report {
        var copy = self
        copy.checks = checks.map { check in
            guard check.hidden, check.visibility != .visible else { return check }
            var redacted = check
            redacted.message = check.status == .passed ? "" : "a hidden check failed (details after the due date)"
            redacted.output = nil
            redacted.hint = nil
            return redacted
        }
        return copy
    }
}

/// Formats scores: whole numbers without decimals.
public func formatPoints(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value)
}

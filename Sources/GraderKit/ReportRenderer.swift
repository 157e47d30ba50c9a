import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Renders reports for a person: one line per check, details under each failure, then the total.
/// Colour and symbols only on a terminal, and never when `NO_COLOR` is set (no-color.org).
public struct ReportRenderer: Sendable {
    public var color: Bool
    public var symbols: Bool

    public init(color: Bool, symbols: Bool) { self.color = color; self.symbols = symbols }

    /// Settings for standard output as it is now.
    public static func forStandardOutput() -> ReportRenderer {
        let terminal = isatty(STDOUT_FILENO) == 1
        let noColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        return ReportRenderer(color: terminal && !noColor, symbols: terminal)
    }

    func paint(_ text: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }

    public func mark(_ status: CheckStatus) -> String {
        switch status {
        case .passed: return paint(symbols ? "✓" : "PASS", "32")
        case .failed: return paint(symbols ? "✗" : "FAIL", "31")
        case .error: return paint(symbols ? "✗" : "ERROR", "31")
        case .timeout: return paint(symbols ? "⏱" : "TIMEOUT", "33")
        }
    }

    public func header(_ manifest: ExerciseManifest, source: String, toolchain: String) -> String {
        paint("\(manifest.id): \(manifest.title)", "1") + "  (\(source), checks v\(manifest.version), seed \(manifest.seed), \(toolchain))"
    }

    /// One check's line, and for a check that did not pass, its details indented below.
    public func line(_ result: CheckResult) -> String {
        let points = "\(formatPoints(result.points))/\(formatPoints(result.max))"
        var text = "  \(mark(result.status)) \(result.id)  \(result.name)  \(points)"
        if result.status != .passed {
            if result.status == .timeout { text += "  [timeout]" } else if result.status == .error { text += "  [error]" }
            for line in result.message.split(separator: "\n", omittingEmptySubsequences: false) {
                text += "\n      " + line
            }
            if let hint = result.hint, !result.message.hasPrefix("not implemented yet") {
                text += "\n      " + paint("hint: ", "36") + hint
            }
            if let output = result.output, !output.isEmpty {
                text += "\n      your code printed:"
                for line in output.split(separator: "\n") { text += "\n        | " + line }
            }
        }
        return text
    }

    public func compileErrors(_ report: Report) -> String {
        var text = paint("  The exercise does not compile; every check scores 0 until it does.", "31")
        for diagnostic in report.compileErrors.prefix(20) { text += "\n    " + diagnostic.rendered }
        if report.compileErrors.count > 20 { text += "\n    … and \(report.compileErrors.count - 20) more" }
        return text
    }

    public func footer(_ report: Report) -> String {
        var text = "  " + report.tasks.map { "\($0.id) \(formatPoints($0.score))/\(formatPoints($0.max))" }.joined(separator: "  ")
        let total = "Score: \(formatPoints(report.score))/\(formatPoints(report.maxScore))"
        text += "\n" + paint(total, report.fullMarks ? "32;1" : "1")
        text += String(format: "  (%.1f s)", report.seconds)
        let todo = report.checks.filter { $0.message.hasPrefix("not implemented yet") }.count
        if todo == report.checks.count, todo > 0 {
            text += "\nNothing implemented yet: open \(report.source)/README.md and start with the first task."
        }
        if report.checks.contains(where: \.hidden), let sandbox = report.sandbox, sandbox != .full {
            text += "\nNote: the checks ran with sandbox \(sandbox.rawValue): the code graded could read the course's files and outlive its check (README: Isolation)."
        }
        return text
    }

    /// The whole report at once (for a report that was not streamed).
    public func render(_ report: Report, manifest: ExerciseManifest) -> String {
        var parts = [header(manifest, source: report.source, toolchain: report.toolchain)]
        if report.status == .compileError { parts.append(compileErrors(report)) }
        else { parts += report.checks.map(line) }
        parts.append(footer(report))
        return parts.joined(separator: "\n")
    }
}

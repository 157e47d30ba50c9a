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
                for line in Self.shownOutput(output) { text += "\n        | " + line }
            }
        }
        return text
    }

    /// How much of a check's output the text report shows (the JSON report has all of it).
    public static let outputShown = 4096

    /// The student's output as the text report shows it: control characters made visible
    /// (`\e` for escape, `\t`, `\r`, `\u{7F}`…), so nothing printed can move the cursor, recolour
    /// or clear the terminal; and only its last `limit` bytes, after a line saying how much was left out.
    public static func shownOutput(_ output: String, limit: Int = outputShown) -> [String] {
        var text = Substring(output)
        var skipped = 0
        if output.utf8.count > limit {
            let bytes = Array(output.utf8)
            skipped = bytes.count - limit
            while skipped < bytes.count, bytes[skipped] & 0xC0 == 0x80 { skipped += 1 }   // not inside a character
            text = Substring(String(decoding: bytes[skipped...], as: UTF8.self))
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { escaped($0) }
        while lines.last == "" { lines.removeLast() }
        if skipped > 0 {
            lines.insert("… \(skipped) bytes before this are left out (swift run grade … --json has all of it)", at: 0)
        }
        return lines
    }

    /// Control characters (but none of the text) as escapes: `\e`, `\t`, `\r`, `\u{8}`; also the
    /// invisible characters that reorder text (bidirectional overrides).
    static func escaped(_ line: Substring) -> String {
        var result = ""
        for scalar in line.unicodeScalars {
            switch scalar.value {
            case 0x1B: result += "\\e"
            case 0x09: result += "\\t"
            case 0x0D: result += "\\r"
            case 0x00..<0x20, 0x7F, 0x80..<0xA0, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069:
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    public func compileErrors(_ report: Report) -> String {
        var text: String
        if let files = report.stubbedFiles, !files.isEmpty {
            let names = files.joined(separator: ", ")
            let tasks = Set(report.checks.filter { $0.message.hasPrefix("not graded: \(names) does not compile") }.map(\.task)).sorted()
            let them = files.count == 1 ? "it" : "each of them"
            text = paint("  \(names) \(files.count == 1 ? "does" : "do") not compile", "31")
                + ": the checks of \(tasks.isEmpty ? "its tasks" : (tasks.count == 1 ? "task " : "tasks ") + tasks.joined(separator: ", ")) score 0 until \(files.count == 1 ? "it does" : "they do")."
                + " The other files were graded with the original stub of \(names) in place of \(them)."
        } else {
            text = paint("  The exercise does not compile; every check scores 0 until it does.", "31")
        }
        for diagnostic in report.compileErrors.prefix(20) {
            text += "\n" + diagnostic.renderedWithSource.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
        }
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
        if report.status != .compileError || !(report.stubbedFiles ?? []).isEmpty { parts += report.checks.map(line) }
        if report.status == .compileError { parts.append(compileErrors(report)) }
        parts.append(footer(report))
        return parts.joined(separator: "\n")
    }
}

import Foundation

/// One error the compiler reported, with the file relative to the folder being graded.
public struct CompilerDiagnostic: Codable, Sendable, Equatable {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String
    /// The line of the student's file the error is on, as written (nil when unknown).
    public var sourceLine: String?

    public init(file: String, line: Int, column: Int, message: String, sourceLine: String? = nil) {
        self.file = file; self.line = line; self.column = column; self.message = message; self.sourceLine = sourceLine
    }

    public var rendered: String { "\(file):\(line):\(column): error: \(message)" }

    /// As swiftc shows it: the location and message, then the source line and a caret under the column.
    ///
    ///     Exercises/ex1/Softmax.swift:12:14: error: cannot find 'x' in scope
    ///      12 |     return x + 1
    ///         |            ^
    public var renderedWithSource: String {
        guard let sourceLine, line > 0 else { return rendered }
        let number = String(line)
        let gutter = String(repeating: " ", count: number.count)
        // Tabs are kept in the caret line so that the caret stays under its column.
        let lead = String(sourceLine.prefix(max(0, column - 1)).map { $0 == "\t" ? "\t" : " " })
        return rendered + "\n \(number) | \(sourceLine)\n \(gutter) | \(lead)^"
    }

    /// The errors in swiftc's output. Paths under `base` are shown relative to `display`.
    static func parse(_ output: String, base: String, display: String) -> [CompilerDiagnostic] {
        var result: [CompilerDiagnostic] = []
        for line in output.split(separator: "\n") {
            guard let range = line.range(of: ": error: ") else { continue }
            let location = line[..<range.lowerBound].split(separator: ":")
            let message = String(line[range.upperBound...])
            guard location.count >= 3, let lineNumber = Int(location[location.count - 2]),
                  let column = Int(location[location.count - 1]) else {
                result.append(CompilerDiagnostic(file: "", line: 0, column: 0, message: String(line)))
                continue
            }
            var file = location.dropLast(2).joined(separator: ":")
            var sourceLine: String?
            if file.hasPrefix(base + "/") {
                sourceLine = Self.line(lineNumber, of: file)
                file = display + "/" + file.dropFirst(base.count + 1)
            }
            result.append(CompilerDiagnostic(file: file, line: lineNumber, column: column, message: message, sourceLine: sourceLine))
        }
        if result.isEmpty, !output.isEmpty {
            // A linker or driver failure has no file and line; keep its text.
            let text = output.split(separator: "\n").filter { $0.contains("error") }.prefix(5).joined(separator: "\n")
            result.append(CompilerDiagnostic(file: "", line: 0, column: 0, message: text.isEmpty ? String(output.prefix(500)) : text))
        }
        return result
    }

    /// Line `number` (from 1) of the file at `path`, without its line break; nil when there is none.
    static func line(_ number: Int, of path: String) -> String? {
        guard number > 0, let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard number <= lines.count else { return nil }
        var line = String(lines[number - 1])
        if line.hasSuffix("\r") { line.removeLast() }
        return line
    }
}

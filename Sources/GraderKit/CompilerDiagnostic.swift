import Foundation

/// One error the compiler reported, with the file relative to the folder being graded.
public struct CompilerDiagnostic: Codable, Sendable, Equatable {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String

    public var rendered: String { "\(file):\(line):\(column): error: \(message)" }

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
            if file.hasPrefix(base + "/") { file = display + "/" + file.dropFirst(base.count + 1) }
            result.append(CompilerDiagnostic(file: file, line: lineNumber, column: column, message: message))
        }
        if result.isEmpty, !output.isEmpty {
            // A linker or driver failure has no file and line; keep its text.
            let text = output.split(separator: "\n").filter { $0.contains("error") }.prefix(5).joined(separator: "\n")
            result.append(CompilerDiagnostic(file: "", line: 0, column: 0, message: text.isEmpty ? String(output.prefix(500)) : text))
        }
        return result
    }
}

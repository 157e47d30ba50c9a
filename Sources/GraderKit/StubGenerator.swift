import Foundation

/// Turns an instructor's solution into the student's stub.
///
/// Each block between `// BEGIN SOLUTION exN.T` and `// END SOLUTION` becomes `todo("exN.T")`
/// at the marker's indentation, or the block's `// STUB: …` lines when it has any. Every other
/// line is copied as it is. Files other than Swift sources (the exercise README) are copied whole.
public enum StubGenerator {
    public struct MarkerError: Error, CustomStringConvertible, Equatable {
        public var file: String
        public var line: Int
        public var problem: String
        public var description: String { "\(file):\(line): \(problem)" }
    }

    public static let beginMarker = "// BEGIN SOLUTION"
    public static let endMarker = "// END SOLUTION"
    public static let stubPrefix = "// STUB:"

    /// The stub text for one solution file.
    public static func stub(for source: String, file: String = "<source>", exercise: String? = nil) throws -> String {
        try parse(source, file: file, exercise: exercise).stub
    }

    /// The lines of a stub that stand for a solution block (each `todo("exN.T")`, or the block's
    /// `// STUB:` lines): where a student writes. A file missing one of them was edited by hand.
    public static func placeholders(for source: String, file: String = "<source>", exercise: String? = nil) throws -> [String] {
        try parse(source, file: file, exercise: exercise).placeholders
    }

    static func parse(_ source: String, file: String, exercise: String?) throws -> (stub: String, placeholders: [String]) {
        var output: [Substring] = []
        var placeholders: [String] = []
        var openTask: (task: String, indent: Substring, line: Int)?
        var stubLines: [Substring] = []
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        for (offset, line) in lines.enumerated() {
            let number = offset + 1
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            let indent = line.prefix(line.count - trimmed.count)
            if trimmed.hasPrefix(beginMarker) {
                if let open = openTask {
                    throw MarkerError(file: file, line: number, problem: "BEGIN SOLUTION inside the block opened at line \(open.line); close it with // END SOLUTION first")
                }
                let task = trimmed.dropFirst(beginMarker.count).trimmingCharacters(in: .whitespaces)
                guard !task.isEmpty else {
                    throw MarkerError(file: file, line: number, problem: "BEGIN SOLUTION names no task; write // BEGIN SOLUTION ex1.3")
                }
                if let exercise, !task.hasPrefix(exercise + ".") {
                    throw MarkerError(file: file, line: number, problem: "BEGIN SOLUTION names task \(task), which is not a task of \(exercise)")
                }
                openTask = (task, indent, number)
                stubLines = []
            } else if trimmed.hasPrefix(endMarker) {
                guard let open = openTask else {
                    throw MarkerError(file: file, line: number, problem: "END SOLUTION without a BEGIN SOLUTION before it")
                }
                if stubLines.isEmpty {
                    output.append(Substring("\(open.indent)todo(\"\(open.task)\")"))
                    placeholders.append("todo(\"\(open.task)\")")
                } else {
                    output.append(contentsOf: stubLines)
                    placeholders += stubLines.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                }
                openTask = nil
            } else if openTask != nil {
                if trimmed.hasPrefix(stubPrefix) {
                    var content = trimmed.dropFirst(stubPrefix.count)
                    if content.first == " " { content = content.dropFirst() }
                    stubLines.append(Substring(String(indent) + String(content)))
                }
            } else {
                output.append(line)
            }
        }
        if let open = openTask {
            throw MarkerError(file: file, line: open.line, problem: "BEGIN SOLUTION \(open.task) is never closed with // END SOLUTION")
        }
        return (output.joined(separator: "\n"), placeholders)
    }

    /// The tasks a solution file marks, in order.
    public static func tasks(in source: String) -> [String] {
        source.split(separator: "\n").compactMap { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix(beginMarker) else { return nil }
            return trimmed.dropFirst(beginMarker.count).trimmingCharacters(in: .whitespaces)
        }
    }

    /// What `Exercises/` should hold, file by file (path relative to `Exercises/`), given `Solutions/`.
    public static func expectedExercises(solutions: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let fm = FileManager.default
        let base = solutions.standardizedFileURL.path + "/"
        for file in fm.files(under: solutions, suffix: "") {
            let relative = String(file.path.dropFirst(base.count))
            let exercise = relative.split(separator: "/").first.map(String.init)
            let data = try Data(contentsOf: file)
            if file.pathExtension == "swift" {
                let text = String(decoding: data, as: UTF8.self)
                result[relative] = Data(try stub(for: text, file: "Solutions/" + relative, exercise: exercise).utf8)
            } else {
                result[relative] = data
            }
        }
        return result
    }

    /// Differences between `Exercises/` and what `Solutions/` generates: files that differ, are missing, or are extra.
    public static func differences(course: Course, only exercise: String? = nil) throws -> [String] {
        let expected = try expectedExercises(solutions: course.solutions)
        let base = course.exercises.standardizedFileURL.path + "/"
        var actual: [String: Data] = [:]
        for file in FileManager.default.files(under: course.exercises, suffix: "") {
            actual[String(file.path.dropFirst(base.count))] = try Data(contentsOf: file)
        }
        func inScope(_ path: String) -> Bool { exercise.map { path.hasPrefix($0 + "/") } ?? true }
        var problems: [String] = []
        for (path, data) in expected.sorted(by: { $0.key < $1.key }) where inScope(path) {
            guard let have = actual[path] else { problems.append("Exercises/\(path) is missing"); continue }
            if have != data { problems.append("Exercises/\(path) differs from the stub generated from Solutions/\(path)") }
        }
        for path in actual.keys.sorted() where expected[path] == nil && inScope(path) {
            problems.append("Exercises/\(path) has no counterpart in Solutions/")
        }
        return problems
    }

    /// Writes `Exercises/` from `Solutions/`; returns the files written and, unless `force`, the
    /// files left alone because they were edited by hand: a placeholder line of the new stub
    /// (`todo("exN.T")`, a `// STUB:` line) is missing from them. A stub that is only out of date
    /// (a doc comment, a signature or a solution changed) keeps its placeholders and is rewritten.
    @discardableResult
    public static func regenerate(course: Course, only exercise: String? = nil, force: Bool = false) throws -> (written: [String], edited: [String]) {
        let expected = try expectedExercises(solutions: course.solutions)
        var written: [String] = [], edited: [String] = []
        for (path, data) in expected.sorted(by: { $0.key < $1.key }) {
            if let exercise, !path.hasPrefix(exercise + "/") { continue }
            let url = course.exercises.appendingPathComponent(path)
            let existing = try? Data(contentsOf: url)
            if existing == data { continue }
            if !force, let existing, url.pathExtension == "swift" {
                let solution = try String(contentsOf: course.solutions.appendingPathComponent(path), encoding: .utf8)
                let have = Set(String(decoding: existing, as: UTF8.self).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
                let needed = try placeholders(for: solution, file: "Solutions/" + path, exercise: path.split(separator: "/").first.map(String.init))
                if needed.contains(where: { !have.contains($0) }) { edited.append("Exercises/" + path); continue }
            }
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url, options: .atomic)
            written.append("Exercises/" + path)
        }
        return (written, edited)
    }
}

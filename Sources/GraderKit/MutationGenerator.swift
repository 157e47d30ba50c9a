import Foundation

/// The ways `MutationGenerator` changes a solution, one realistic mistake each.
public enum MutationOperator: String, CaseIterable, Codable, Sendable {
    /// `<` ↔ `<=`, `>` ↔ `>=`, `==` ↔ `!=`.
    case relational
    /// `+` ↔ `-`, `*` ↔ `/` (binary).
    case arithmetic
    /// A unary minus dropped: `-x` → `x`.
    case sign
    /// An integer constant one more or one less.
    case constant
    /// A loop or slice bound off by one: `..<` ↔ `...`.
    case range
    /// `+=` (`-=`, `*=`, `/=`) → `=`, and an assignment `=` → `+=`.
    case assignment
    /// `if c`, `guard c`, `while c`, `c ? a : b` with `!(c)`.
    case condition
    /// An assignment statement (or a one-line `if`) deleted.
    case delete
    /// Two neighbouring arguments of a call (their values, labels kept) or elements of an array literal swapped.
    case swap
    /// A default argument of the function's signature changed.
    case `default`
    /// `max` ↔ `min`.
    case maxmin
    /// A `guard` or `precondition` statement removed.
    case guardRemoved = "guard"
}

/// One generated mutant: a single text replacement in one solution file.
public struct GeneratedMutant: Sendable, Equatable {
    /// `operator:File.swift:line:column:hash`, stable while the solution's text is.
    public var id: String
    public var op: MutationOperator
    /// The file, relative to `Solutions/exN`.
    public var file: String
    /// The task whose solution block (or signature above it) was changed: `ex1.3`.
    public var task: String
    public var line: Int
    public var column: Int
    /// The UTF-8 range replaced, and what replaces it.
    public var start: Int
    public var end: Int
    public var original: String
    public var replacement: String
    /// One line: `relational at Activations.swift:54:23: \`>\` → \`>=\``.
    public var description: String
    /// The changed lines, `-` before and `+` after.
    public var diff: String

    /// The file's text with the mutation applied.
    public func apply(to source: String) -> String {
        var bytes = Array(source.utf8)
        bytes.replaceSubrange(start..<end, with: Array(replacement.utf8))
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Generates mutants of the code between `// BEGIN SOLUTION exN.T` and `// END SOLUTION` (and of
/// the default arguments in the signature just above each block), by operator, at the token level.
/// The order is deterministic: by file name, then position, then operator, then replacement.
public enum MutationGenerator {
    /// Every mutant of every `.swift` file of `Solutions/exN`.
    public static func mutants(course: Course, exercise: String) throws -> [GeneratedMutant] {
        let folder = course.solutions.appendingPathComponent(exercise)
        let files = FileManager.default.files(under: folder, suffix: ".swift")
            .map { String($0.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1)) }.sorted()
        return try files.flatMap { file -> [GeneratedMutant] in
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            return mutants(of: text, file: file)
        }
    }

    /// A solution block: its task and its UTF-8 range (between the marker lines).
    struct Block { var task: String; var start: Int; var end: Int }

    static func blocks(_ source: String) -> [Block] {
        var blocks: [Block] = []
        var offset = 0
        var open: (task: String, start: Int)?
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            let length = line.utf8.count + 1
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("// BEGIN SOLUTION") {
                open = (String(trimmed.dropFirst("// BEGIN SOLUTION".count)).trimmingCharacters(in: .whitespaces), offset + length)
            } else if trimmed.hasPrefix("// END SOLUTION"), let begun = open {
                blocks.append(Block(task: begun.task, start: begun.start, end: offset))
                open = nil
            }
            offset += length
        }
        return blocks
    }

    /// Every mutant of one file's text, in the generator's order.
    public static func mutants(of source: String, file: String) -> [GeneratedMutant] {
        let tokens = SwiftTokenizer.tokenize(source)
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var found: [GeneratedMutant] = []
        var seen = Set<String>()
        for block in blocks(source) {
            let inside = tokens.indices.filter { tokens[$0].start >= block.start && tokens[$0].end <= block.end }
            guard let first = inside.first, let last = inside.last else { continue }
            var edits: [MutationEdit] = []
            edits += MutationOperators.tokenEdits(tokens, first...last)
            edits += MutationOperators.statementEdits(tokens, first...last, source: source)
            edits += MutationOperators.defaultEdits(tokens, before: first)
            for edit in edits {
                let mutant = make(edit, task: block.task, file: file, source: source, lines: lines, tokens: tokens)
                if seen.insert(mutant.id).inserted { found.append(mutant) }
            }
        }
        let order = Dictionary(uniqueKeysWithValues: MutationOperator.allCases.enumerated().map { ($1, $0) })
        return found.sorted { a, b in
            (a.start, order[a.op]!, a.end, a.replacement) < (b.start, order[b.op]!, b.end, b.replacement)
        }
    }

    static func make(_ edit: MutationEdit, task: String, file: String, source: String, lines: [String],
                     tokens: [SwiftToken]) -> GeneratedMutant {
        let bytes = Array(source.utf8)
        let original = String(decoding: bytes[edit.start..<edit.end], as: UTF8.self)
        // Line and column of the edit's start.
        var line = 1, lineStart = 0
        for k in 0..<edit.start where bytes[k] == 10 { line += 1; lineStart = k + 1 }
        let column = edit.start - lineStart + 1
        var print = Fingerprint()
        print.add(edit.op.rawValue); print.add(original); print.add(edit.replacement)
        let hash = String(print.hex.suffix(8))
        var mutant = GeneratedMutant(id: "\(edit.op.rawValue):\(file):\(line):\(column):\(hash)", op: edit.op, file: file,
                                     task: task, line: line, column: column, start: edit.start, end: edit.end,
                                     original: original, replacement: edit.replacement, description: "", diff: "")
        let shown = { (text: String) in
            let flat = text.replacingOccurrences(of: "\n", with: "⏎").trimmingCharacters(in: .whitespaces)
            return flat.count > 60 ? String(flat.prefix(57)) + "…" : flat
        }
        mutant.description = "\(edit.op.rawValue) at \(file):\(line):\(column) (\(task)): `\(shown(original))` → " +
            (edit.replacement.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? "nothing" : "`\(shown(edit.replacement))`")
        // The diff: the whole lines the edit touches, before and after.
        let lastLine = line + bytes[edit.start..<edit.end].filter { $0 == 10 }.count
            - (edit.end > edit.start && bytes[edit.end - 1] == 10 ? 1 : 0)
        let before = lines[(line - 1)...min(lastLine - 1, lines.count - 1)]
        let mutatedLines = mutant.apply(to: source).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let after = mutatedLines[(line - 1)..<(line - 1 + max(0, before.count + mutatedLines.count - lines.count))]
        mutant.diff = "@@ \(file):\(line)\n" + before.map { "-" + $0 }.joined(separator: "\n")
            + (after.isEmpty ? "" : "\n" + after.map { "+" + $0 }.joined(separator: "\n"))
        return mutant
    }
}

/// A replacement the operators propose, before it becomes a `GeneratedMutant`.
struct MutationEdit {
    var op: MutationOperator
    var start: Int
    var end: Int
    var replacement: String
}

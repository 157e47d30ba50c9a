import Foundation

/// The student's progress: the last score per exercise, kept in `.grade/state.json` (ignored by git).
public struct ProgressStore {
    public struct Entry: Codable, Equatable, Sendable {
        public var score: Double
        public var maxScore: Double
        public var version: String
        public var date: Date
        /// How many hints `grade hint` has shown per task.
        public var hintsShown: [String: Int]?
    }

    public let file: URL
    public private(set) var entries: [String: Entry]

    public init(course: Course) {
        file = course.stateFolder.appendingPathComponent("state.json")
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        entries = (try? Data(contentsOf: file)).flatMap { try? decoder.decode([String: Entry].self, from: $0) } ?? [:]
    }

    public mutating func record(_ report: Report) {
        var entry = entries[report.exercise] ?? Entry(score: 0, maxScore: 0, version: "", date: Date(), hintsShown: nil)
        entry.score = report.score
        entry.maxScore = report.maxScore
        entry.version = report.version
        entry.date = Date()
        entries[report.exercise] = entry
    }

    /// The next hint index for a task, counting this request.
    public mutating func nextHint(exercise: String, task: String) -> Int {
        var entry = entries[exercise] ?? Entry(score: 0, maxScore: 0, version: "", date: Date(), hintsShown: nil)
        var shown = entry.hintsShown ?? [:]
        let index = shown[task] ?? 0
        shown[task] = index + 1
        entry.hintsShown = shown
        entries[exercise] = entry
        return index
    }

    public func save() throws {
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        try encoder.encode(entries).write(to: file, options: .atomic)
    }
}

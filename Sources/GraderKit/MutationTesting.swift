import Foundation

/// A known-buggy variant of a solution, and what the checks must make of it.
///
/// `Tests/Mutants/exN.json` lists them. Each applies text edits to a copy of `Solutions/exN`
/// (every `replace` must occur exactly once in its file, so an edit that goes stale after the
/// solution changes is an error, not a silent pass) and is graded with every check.
public struct Mutant: Codable, Sendable {
    public struct Edit: Codable, Sendable {
        public var file: String
        public var replace: String
        public var with: String
    }
    /// The classic mistake it stands for: "softmax without subtracting the maximum".
    public var name: String
    public var edits: [Edit]
    /// Checks that must not pass. At least one must be named unless `compileError` is set.
    public var mustFail: [String]?
    /// Exact statuses for some checks (`error` for a crash, `timeout` for a hang).
    public var expectStatus: [String: CheckStatus]?
    /// Every check not named in `mustFail` or `expectStatus` must pass (for isolation fixtures).
    public var othersPass: Bool?
    /// The variant must not compile, and the report must name this file.
    public var compileError: String?
    /// Text a check's message must contain, by check id.
    public var messageContains: [String: String]?
    /// The expectation holds only where the checks run fully sandboxed (`CheckSandbox`, Linux as
    /// root); elsewhere the outcome is reported as skipped, with the level that was available.
    public var requiresSandbox: Bool?
    /// An isolation fixture that must still get full marks (an innocent extra declaration, say).
    public var fullMarks: Bool?
}

public struct MutantFile: Codable, Sendable {
    public var exercise: String
    public var mutants: [Mutant]
}

/// What happened to one mutant.
public struct MutantOutcome: Sendable {
    public var mutant: String
    public var score: Double
    public var maxScore: Double
    /// Empty when the checks treated the mutant as required.
    public var problems: [String]
    public var report: Report?
    /// Why the expectation was not tested here (a fixture that needs the full sandbox).
    public var skipped: String?
    public var caught: Bool { problems.isEmpty }
}

public enum MutationTesting {
    public static func load(course: Course, exercise: String) throws -> MutantFile? {
        let url = course.root.appendingPathComponent("Tests/Mutants/\(exercise).json")
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        do {
            return try JSONDecoder().decode(MutantFile.self, from: Data(contentsOf: url))
        } catch {
            throw GradeError.invalidManifest(path: url.path, reason: "\(error)")
        }
    }

    /// Applies the edits to a fresh copy of `Solutions/exN` in `folder`.
    public static func materialize(_ mutant: Mutant, course: Course, exercise: String, into folder: URL) throws {
        let fm = FileManager.default
        try? fm.removeItem(at: folder)
        try fm.createDirectory(at: folder.deletingLastPathComponent(), withIntermediateDirectories: true)
        try fm.copyItem(at: course.solutions.appendingPathComponent(exercise), to: folder)
        for edit in mutant.edits {
            let url = folder.appendingPathComponent(edit.file)
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                throw GradeError.usage("mutant \"\(mutant.name)\": Solutions/\(exercise)/\(edit.file) does not exist")
            }
            let occurrences = text.components(separatedBy: edit.replace).count - 1
            guard occurrences == 1 else {
                throw GradeError.usage("mutant \"\(mutant.name)\": the text to replace occurs \(occurrences) times in Solutions/\(exercise)/\(edit.file), not once: \(edit.replace.prefix(80))")
            }
            try text.replacingOccurrences(of: edit.replace, with: edit.with).write(to: url, atomically: true, encoding: .utf8)
        }
    }

    /// Grades every mutant of an exercise, `lanes` at a time (a mutant is mostly one compile,
    /// which uses one core). Each lane has its own source and build folder, and grades its
    /// mutants one after another there, so the check runner is rebuilt only when a mutant
    /// changes the exercise's interface. Outcomes are handed on in the file's order.
    public static func run(grader: Grader, exercise: String, only: String? = nil,
                           lanes: Int = ProcessInfo.processInfo.activeProcessorCount,
                           onOutcome: ((MutantOutcome) -> Void)? = nil) throws -> [MutantOutcome] {
        guard let file = try load(course: grader.course, exercise: exercise) else { return [] }
        let mutants = file.mutants.filter { mutant in only.map { mutant.name.contains($0) } ?? true }
        let base = grader.builder.cacheFolder.appendingPathComponent("mutants/\(exercise)")
        let laneCount = max(1, min(lanes, mutants.count))
        return WorkerPool.map(mutants.count, width: laneCount, deliver: onOutcome) { index, lane in
            grade(mutants[index], grader: grader, exercise: exercise,
                  folder: base.appendingPathComponent("lane-\(lane)"), parallelism: max(1, 2 / laneCount))
        }
    }

    /// Grades one mutant in `folder` (its `source/` and `build/`).
    static func grade(_ mutant: Mutant, grader: Grader, exercise: String, folder: URL, parallelism: Int) -> MutantOutcome {
        let source = folder.appendingPathComponent("source/\(exercise)")
        var outcome = MutantOutcome(mutant: mutant.name, score: 0, maxScore: 0, problems: [], report: nil)
        do {
            try materialize(mutant, course: grader.course, exercise: exercise, into: source)
            // A mutant is graded on the checks it names; an isolation fixture on every check.
            var options = GradeOptions()
            options.parallelism = parallelism
            if mutant.othersPass != true && mutant.compileError == nil && mutant.fullMarks != true {
                options.onlyChecks = Set(mutant.mustFail ?? []).union((mutant.expectStatus ?? [:]).keys)
            }
            let report = try grader.grade(exercise, sourceFolder: source, displayName: "mutant/\(exercise)",
                                          buildFolder: folder.appendingPathComponent("build"), options: options)
            outcome.report = report
            outcome.score = report.score
            outcome.maxScore = report.maxScore
            if mutant.requiresSandbox == true, report.status == .graded, report.sandbox != .full {
                outcome.skipped = "needs the full sandbox, but the checks ran with \((report.sandbox ?? .none).rawValue) here"
            } else {
                outcome.problems = evaluate(mutant, report)
            }
        } catch {
            outcome.problems = ["\(error)"]
        }
        return outcome
    }

    /// The ways a report falls short of what the mutant expects; empty when it is caught as required.
    public static func evaluate(_ mutant: Mutant, _ report: Report) -> [String] {
        var problems: [String] = []
        if let file = mutant.compileError {
            if report.status != .compileError { problems.append("expected a compile error, but it compiled") }
            else if !report.compileErrors.contains(where: { $0.file.hasSuffix(file) }) {
                problems.append("the compile errors do not name \(file): \(report.compileErrors.map(\.rendered))")
            }
            return problems
        }
        if report.status == .compileError {
            return ["does not compile: \(report.compileErrors.prefix(3).map(\.rendered).joined(separator: "; "))"]
        }
        if mutant.fullMarks == true {
            for check in report.checks where check.status != .passed {
                problems.append("\(check.id) must pass, but ended as \(check.status.rawValue): \(check.message)")
            }
            return problems
        }
        let byID = Dictionary(uniqueKeysWithValues: report.checks.map { ($0.id, $0) })
        let failing = mutant.mustFail ?? []
        if failing.isEmpty && (mutant.expectStatus ?? [:]).isEmpty {
            problems.append("names no check that must fail")
        }
        for id in failing {
            guard let check = byID[id] else { problems.append("names check \(id), which does not exist"); continue }
            if check.status == .passed { problems.append("\(id) passed, but must fail") }
        }
        for (id, status) in mutant.expectStatus ?? [:] {
            guard let check = byID[id] else { problems.append("names check \(id), which does not exist"); continue }
            if check.status != status { problems.append("\(id) ended as \(check.status.rawValue), expected \(status.rawValue): \(check.message)") }
        }
        for (id, text) in mutant.messageContains ?? [:] {
            guard let check = byID[id] else { problems.append("names check \(id), which does not exist"); continue }
            if !check.message.contains(text) { problems.append("\(id)'s message does not contain \"\(text)\": \(check.message)") }
        }
        if mutant.othersPass == true {
            let named = Set(failing).union((mutant.expectStatus ?? [:]).keys)
            for check in report.checks where !named.contains(check.id) && check.status != .passed {
                problems.append("\(check.id) should be untouched by this mutant but ended as \(check.status.rawValue): \(check.message)")
            }
        }
        if report.score >= report.maxScore { problems.append("still gets full marks") }
        return problems
    }
}

import Foundation

/// Where a check's result may be shown, as in Gradescope's `visibility`.
public enum Visibility: String, Codable, Sendable, CaseIterable {
    case visible
    case hidden
    case afterDueDate = "after_due_date"
    case afterPublished = "after_published"
}

/// Per-check limits. Any field left out takes the exercise's value, then the grader's default.
public struct Limits: Codable, Sendable, Equatable {
    /// Wall-clock seconds one check may run.
    public var timeSeconds: Double?
    /// Address space one check may use, in MiB.
    public var memoryMiB: Int?
    /// What one check may print (standard output and error together), in KiB.
    public var outputKiB: Int?

    public init(timeSeconds: Double? = nil, memoryMiB: Int? = nil, outputKiB: Int? = nil) {
        self.timeSeconds = timeSeconds; self.memoryMiB = memoryMiB; self.outputKiB = outputKiB
    }

    /// The grader's defaults: 10 s, 4 GiB, 1 MiB of output.
    public static let defaults = Limits(timeSeconds: 10, memoryMiB: 4096, outputKiB: 1024)

    /// `self`, with every missing field taken from `fallback`.
    public func over(_ fallback: Limits) -> Limits {
        Limits(timeSeconds: timeSeconds ?? fallback.timeSeconds,
               memoryMiB: memoryMiB ?? fallback.memoryMiB,
               outputKiB: outputKiB ?? fallback.outputKiB)
    }
}

/// One task of an exercise (`ex1.3`), with the hints `grade hint` shows one at a time.
public struct TaskInfo: Codable, Sendable, Equatable {
    public var id: String
    public var title: String
    public var hints: [String]
}

/// One graded check: one XCTest method, worth some points towards one task.
public struct CheckInfo: Codable, Sendable, Equatable {
    /// Stable id, `ex1.3.swish-derivative`.
    public var id: String
    /// The task it counts towards, `ex1.3`.
    public var task: String
    /// What a student reads in the report.
    public var name: String
    public var points: Double
    /// The test that is this check: an XCTest method as `Class/testMethod`, or a Swift Testing
    /// function as `Suite/function()` (`Suite/shift(rows:)` for a parameterized one, every case
    /// of which must pass; a free function is just `function()`).
    public var test: String
    /// Hidden checks live in `Hidden/` and are left out of a student release.
    public var hidden: Bool
    /// Where the result is shown on an autograder platform; defaults to `visible`
    /// for public checks and `after_published` for hidden ones.
    public var visibility: Visibility?
    /// Shown under a failure.
    public var hint: String?
    public var limits: Limits?

    public var className: String { String(test.split(separator: "/").first ?? "") }
    public var methodName: String { String(test.split(separator: "/").last ?? "") }
    /// Swift Testing when the name ends in an argument list, `…()` or `…(rows:)`; XCTest otherwise.
    public var framework: TestFramework { test.hasSuffix(")") ? .swiftTesting : .xctest }
    public var effectiveVisibility: Visibility { visibility ?? (hidden ? .afterPublished : .visible) }
}

/// The test framework a check is written in.
public enum TestFramework: String, Codable, Sendable { case xctest, swiftTesting = "swift-testing" }

/// `Tests/Checks/exN/checks.json`: everything the grader knows about an exercise without building it.
public struct ExerciseManifest: Codable, Sendable, Equatable {
    /// `ex1`.
    public var id: String
    public var title: String
    /// Bumped whenever the checks or points change; printed in every report.
    public var version: String
    /// The base seed the checks draw their inputs from; printed in every report.
    public var seed: UInt64
    public var limits: Limits?
    public var tasks: [TaskInfo]
    public var checks: [CheckInfo]

    public var number: Int { Int(id.dropFirst(2)) ?? 0 }
    /// The module the exercise is compiled as: `Ex1`.
    public var moduleName: String { "Ex\(number)" }
    public var maxScore: Double { checks.reduce(0) { $0 + $1.points } }
    public func maxScore(task: String) -> Double { checks.filter { $0.task == task }.reduce(0) { $0 + $1.points } }

    public func limits(for check: CheckInfo) -> Limits {
        (check.limits ?? Limits()).over((limits ?? Limits()).over(.defaults))
    }

    /// Problems an instructor must fix before the exercise can be graded; empty when it is sound.
    public func validationErrors() -> [String] {
        var errors: [String] = []
        if !id.hasPrefix("ex") || number <= 0 { errors.append("exercise id \"\(id)\" is not of the form exN") }
        let taskIDs = Set(tasks.map(\.id))
        if taskIDs.count != tasks.count { errors.append("\(id): two tasks share an id") }
        var seen = Set<String>(), seenTests = Set<String>()
        for check in checks {
            if !seen.insert(check.id).inserted { errors.append("\(id): check id \(check.id) is used twice") }
            if !seenTests.insert(check.test).inserted { errors.append("\(id): test \(check.test) is named by two checks") }
            if !taskIDs.contains(check.task) { errors.append("\(id): check \(check.id) names task \(check.task), which is not in \"tasks\"") }
            if check.points <= 0 { errors.append("\(id): check \(check.id) is worth \(check.points) points; give it more than 0") }
            if check.test.split(separator: "/").count != 2 { errors.append("\(id): check \(check.id) names test \"\(check.test)\"; write it as Class/testMethod") }
        }
        for task in tasks where !checks.contains(where: { $0.task == task.id }) {
            errors.append("\(id): task \(task.id) has no checks")
        }
        return errors
    }

    public static func load(from url: URL) throws -> ExerciseManifest {
        let data = try Data(contentsOf: url)
        do {
            return try JSONDecoder().decode(ExerciseManifest.self, from: data)
        } catch {
            throw GradeError.invalidManifest(path: url.path, reason: "\(error)")
        }
    }

    public func write(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try (encoder.encode(self) + Data("\n".utf8)).write(to: url, options: .atomic)
    }
}

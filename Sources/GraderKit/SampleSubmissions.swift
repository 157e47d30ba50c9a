import Foundation

/// A class of sample submissions made from an exercise's solution, stub and mutants.
public struct SampleSubmissions {
    public let course: Course
    public let exercise: String

    public init(course: Course, exercise: String) { self.course = course; self.exercise = exercise }

    /// Writes `count` folders `student-001` … each holding `Exercises/exN/`; returns how many of each kind.
    @discardableResult
    public func write(count: Int, to destination: URL) throws -> [String: Int] {
        let fm = FileManager.default
        let mutants = try MutationTesting.load(course: course, exercise: exercise)?.mutants ?? []
        let bugs = mutants.filter { !$0.name.hasPrefix("fixture:") && $0.compileError == nil }
        let compileErrors = mutants.filter { $0.compileError != nil }
        let hangs = mutants.filter { ($0.expectStatus ?? [:]).values.contains(.timeout) }
        let crashes = mutants.filter { $0.name.hasPrefix("fixture:") && ($0.expectStatus ?? [:]).values.contains(.error) }
        var kinds: [String: Int] = [:]
        try fm.createDirectory(at: destination, withIntermediateDirectories: true)
        for index in 0..<count {
            let target = destination.appendingPathComponent(String(format: "student-%03d", index + 1) + "/Exercises/\(exercise)")
            try? fm.removeItem(at: target)
            try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            let slot = index % 10
            func mutant(_ list: [Mutant], _ kind: String) throws {
                guard !list.isEmpty else { return try solution() }
                try MutationTesting.materialize(list[(index / 10 + slot) % list.count], course: course, exercise: exercise, into: target)
                kinds[kind, default: 0] += 1
            }
            func solution() throws {
                try fm.copyItem(at: course.solutions.appendingPathComponent(exercise), to: target)
                kinds["correct", default: 0] += 1
            }
            switch slot {
            case 0...3: try solution()
            case 4, 5: try mutant(bugs, "partly wrong")
            case 6:
                try fm.copyItem(at: course.exercises.appendingPathComponent(exercise), to: target)
                kinds["untouched stub", default: 0] += 1
            case 7: try mutant(compileErrors, "not compiling")
            case 8: try mutant(hangs, "hanging")
            default: try mutant(crashes, "crashing")
            }
        }
        return kinds
    }
}

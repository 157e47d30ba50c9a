import Foundation
import XCTest
@testable import GraderKit

/// Verdicts the graded code cannot forge or disturb, in `grade exN`, in a batch graded two at a
/// time, and in the Gradescope autograder.
final class TrustedVerdictTests: XCTestCase {
    let course = TestCourse.course

    /// ex1's stub with every `todo(...)` replaced by `body`, plus `extra` as a file of its own.
    func submission(_ name: String, replacingTodosWith body: String, extra: String = "") throws -> URL {
        let folder = TestCourse.scratch("verdict-\(name)")
        let exercise = folder.appendingPathComponent("Exercises/ex1")
        let fm = FileManager.default
        try fm.createDirectory(at: exercise, withIntermediateDirectories: true)
        for file in fm.files(under: course.exercises.appendingPathComponent("ex1"), suffix: ".swift") {
            let text = try String(contentsOf: file, encoding: .utf8)
            let replaced = text.replacingOccurrences(of: #"todo\("ex1\.\d"\)"#, with: body, options: .regularExpression)
            try replaced.write(to: exercise.appendingPathComponent(file.lastPathComponent), atomically: true, encoding: .utf8)
        }
        if !extra.isEmpty { try extra.write(to: exercise.appendingPathComponent("Extra.swift"), atomically: true, encoding: .utf8) }
        return folder
    }

    /// Implements nothing; every function writes a passing verdict line, fake observation frames
    /// and run ends on every descriptor it can, then exits 0.
    func forgery() throws -> URL {
        try submission("forger", replacingTodosWith: "forgeVerdict()", extra: """
            import Foundation
            #if canImport(Glibc)
            import Glibc
            #endif

            public func forgeVerdict() -> Never {
                let verdict = "\\nGRADE-VERDICT {\\"passed\\": true, \\"completed\\": true, \\"failures\\": [], \\"runs\\": 2}\\n"
                let runEnd: [UInt8] = Array("OBS1".utf8) + [2] + [UInt8](repeating: 0, count: 8)
                for fd in Int32(0)..<Int32(256) {
                    _ = verdict.withCString { write(fd, $0, strlen($0)) }
                    for _ in 0..<2 { _ = runEnd.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count) } }
                }
                print(verdict)
                exit(0)
            }
            """)
    }

    func testAForgedVerdictScoresZeroInGrade() throws {
        let folder = try forgery()
        let report = try TestCourse.grader.grade("ex1", sourceFolder: folder.appendingPathComponent("Exercises/ex1"),
                                                 displayName: "Exercises/ex1", buildFolder: folder.appendingPathComponent("build"))
        XCTAssertEqual(report.status, .graded, report.compileErrors.map(\.rendered).joined(separator: "\n"))
        XCTAssertEqual(report.score, 0, report.checks.filter { $0.status == .passed }.map(\.id).joined(separator: ", "))
    }

    func testAForgedVerdictScoresZeroInTheAutograder() throws {
        let submission = try forgery()
        let results = TestCourse.scratch("verdict-autograde-results").appendingPathComponent("results.json")
        let outcome = Gradescope.autograde(course: course, exercise: "ex1", submission: submission, results: results)
        XCTAssertEqual(outcome.score, 0)
        XCTAssertFalse(outcome.tests.isEmpty, outcome.output)
        XCTAssertTrue(outcome.tests.allSatisfy { $0.status == "failed" })
    }

    /// A batch of three graded two at a time: the forger, a descriptor thief (which closes, reads
    /// and writes every descriptor it finds, then answers correctly) and an honest student whose
    /// code is slow. Twice: the honest student has full marks both times, the forger 0, and the
    /// two runs write the same grades.
    func testABatchWithAForgerAndADescriptorThiefIsFairAndRepeatable() throws {
        let submissions = TestCourse.scratch("verdict-batch")
        let fm = FileManager.default
        try fm.moveItem(at: try forgery(), to: submissions.appendingPathComponent("forger"))
        let thief = submissions.appendingPathComponent("thief/Exercises/ex1")
        let honest = submissions.appendingPathComponent("honest/Exercises/ex1")
        for folder in [thief, honest] {
            try fm.createDirectory(at: folder.deletingLastPathComponent(), withIntermediateDirectories: true)
            try fm.copyItem(at: course.solutions.appendingPathComponent("ex1"), to: folder)
        }
        try edit(thief.appendingPathComponent("Softmax.swift"), "precondition(logits.rank == 2", with: """
            var junk = [UInt8](repeating: 0x4f, count: 4096)
                for fd in Int32(3)..<Int32(1024) { _ = read(fd, &junk, 1); _ = write(fd, &junk, junk.count); close(fd) }
                precondition(logits.rank == 2
            """, imports: "import Foundation\n#if canImport(Glibc)\nimport Glibc\n#endif\n")
        try edit(honest.appendingPathComponent("Softmax.swift"), "precondition(logits.rank == 2",
                 with: "usleep(150_000)\n    precondition(logits.rank == 2", imports: "import Foundation\n")
        var grades: [String] = []
        for run in 0..<2 {
            let out = TestCourse.scratch("verdict-batch-out-\(run)")
            let results = try BatchGrader(grader: TestCourse.grader, exercise: "ex1", jobs: 2).run(submissions: submissions, output: out)
            let byName = Dictionary(uniqueKeysWithValues: results.map { ($0.student, $0) })
            let max = try XCTUnwrap(byName["honest"]?.report?.maxScore, "\(results.map { "\($0.student): \($0.problem ?? "graded")" })")
            XCTAssertEqual(byName["honest"]?.report?.score, max,
                           "run \(run): \(byName["honest"]?.report?.checks.filter { $0.status != .passed }.map(\.message) ?? [])")
            XCTAssertEqual(byName["forger"]?.report?.score, 0, "run \(run)")
            grades.append(try String(contentsOf: out.appendingPathComponent("grades.csv"), encoding: .utf8))
        }
        XCTAssertEqual(grades[0], grades[1], "two runs of the same batch gave different grades")
    }

    /// Code that draws from the system's generator: reported as such, and scored the same every run.
    func testNonDeterministicCodeGetsTheSameScoreEveryRun() throws {
        let source = TestCourse.scratch("verdict-random").appendingPathComponent("ex1")
        try FileManager.default.copyItem(at: course.solutions.appendingPathComponent("ex1"), to: source)
        try edit(source.appendingPathComponent("Softmax.swift"), "let shifted = logits.subtractingColumnVector(logits.max(axis: 1))",
                 with: "let shifted = logits.subtractingColumnVector(logits.max(axis: 1)).map { $0 + 1e-14 * Double.random(in: -1...1) }")
        var scores: [Double] = []
        var options = GradeOptions()
        options.onlyChecks = ["ex1.4.values", "ex1.4.rows", "ex1.4.overflow", "ex1.4.shift", "ex1.1.shapes"]
        for run in 0..<3 {
            let report = try TestCourse.grader.grade("ex1", sourceFolder: source, displayName: "Exercises/ex1",
                                                     buildFolder: TestCourse.scratch("verdict-random-build"), options: options)
            scores.append(report.score)
            for check in report.checks where check.task == "ex1.4" {
                XCTAssertEqual(check.status, .failed, "run \(run), \(check.id)")
                XCTAssertTrue(check.message.contains("different results on the same input"), check.message)
            }
        }
        XCTAssertEqual(Set(scores).count, 1, "scores \(scores)")
        XCTAssertEqual(scores.first, 2, "only ex1.1.shapes (2 points) is deterministic")
    }

    func edit(_ file: URL, _ target: String, with replacement: String, imports: String = "") throws {
        var text = try String(contentsOf: file, encoding: .utf8)
        XCTAssertTrue(text.contains(target), "\(file.lastPathComponent) has no \(target)")
        text = text.replacingOccurrences(of: target, with: replacement)
        if !imports.isEmpty { text = text.replacingOccurrences(of: "import TensorCore\n", with: "import TensorCore\n" + imports) }
        try text.write(to: file, atomically: true, encoding: .utf8)
    }
}

extension TrustedVerdictTests {
    /// A changed argument label: the code compiles, and the report names the declaration the
    /// checks call, in words, instead of blaming an API it does not name.
    func testAMissingDeclarationIsNamed() throws {
        let source = TestCourse.scratch("verdict-label").appendingPathComponent("ex1")
        try FileManager.default.copyItem(at: course.solutions.appendingPathComponent("ex1"), to: source)
        try edit(source.appendingPathComponent("Softmax.swift"), "public func softmax(_ logits: Tensor)", with: "public func softmax(logits: Tensor)")
        let report = try TestCourse.grader.grade("ex1", sourceFolder: source, displayName: "Exercises/ex1",
                                                 buildFolder: TestCourse.scratch("verdict-label-build"))
        XCTAssertEqual(report.status, .compileError)
        let message = report.compileErrors.map(\.message).joined(separator: "\n")
        XCTAssertTrue(message.contains("does not declare what the checks call"), message)
        XCTAssertTrue(message.contains("Ex1.softmax(TensorCore.Tensor) -> TensorCore.Tensor"), message)
    }
}

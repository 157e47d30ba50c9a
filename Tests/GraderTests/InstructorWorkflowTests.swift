import XCTest
@testable import GraderKit

/// Release, batch and Gradescope, end to end on ex1.
final class InstructorWorkflowTests: XCTestCase {
    let course = TestCourse.course

    /// The release has no solutions and no hidden checks; its stubs score 0 and the solutions full public marks.
    func testReleaseGradesStubsAtZeroAndSolutionsAtFullPublicMarks() throws {
        let folder = TestCourse.scratch("release")
        try FileManager.default.removeItem(at: folder)
        try ReleaseWriter(course: course).write(to: folder)
        let fm = FileManager.default
        XCTAssertFalse(fm.fileExists(atPath: folder.appendingPathComponent("Solutions").path))
        XCTAssertFalse(fm.fileExists(atPath: folder.appendingPathComponent("Sources/DeepLearning/Layers").path))
        for file in fm.files(under: folder, suffix: "") {
            XCTAssertFalse(file.path.contains("/Hidden/"), "a hidden check is in the release: \(file.path)")
            // The grader's own sources name the markers; exercises and checks must not contain them.
            if file.pathExtension == "swift", !file.path.contains("/Sources/GraderKit/") {
                XCTAssertFalse(try String(contentsOf: file, encoding: .utf8).contains("BEGIN SOLUTION"), "solution code in \(file.path)")
            }
        }
        let release = Course(root: folder)
        XCTAssertEqual(release.exerciseIDs(), course.exerciseIDs())
        for id in release.exerciseIDs() {
            XCTAssertFalse(try release.manifest(id).checks.contains { $0.hidden }, "\(id)'s released manifest lists hidden checks")
        }
        let grader = Grader(course: release, toolchain: TestCourse.grader.builder.toolchain)
        let stub = try grader.grade("ex1")
        XCTAssertEqual(stub.score, 0)
        XCTAssertTrue(stub.checks.allSatisfy { $0.message.hasPrefix("not implemented yet") })
        XCTAssertTrue(stub.checks.allSatisfy { !$0.hidden })
        for file in fm.files(under: course.solutions.appendingPathComponent("ex1"), suffix: ".swift") {
            let target = folder.appendingPathComponent("Exercises/ex1/\(file.lastPathComponent)")
            try fm.removeItem(at: target)
            try fm.copyItem(at: file, to: target)
        }
        let solved = try grader.grade("ex1")
        XCTAssertTrue(solved.fullMarks, "\(solved.checks.filter { $0.status != .passed }.map(\.message))")
        let publicPoints = try course.manifest("ex1").checks.filter { !$0.hidden }.reduce(0) { $0 + $1.points }
        XCTAssertEqual(solved.maxScore, publicPoints)
        // `grade reset` in a release restores the stub from Tests/Checks/ex1/Stub.
        let stubs = try StubSource(course: release).stubs(for: "ex1")
        XCTAssertEqual(stubs["Softmax.swift"], try Data(contentsOf: course.exercises.appendingPathComponent("ex1/Softmax.swift")))
    }

    /// A class of submissions written from the solution, the stub and every mutant and fixture of ex1.
    func makeSubmissions() throws -> (folder: URL, expected: [String: Report]) {
        let folder = TestCourse.scratch("batch-submissions")
        let fm = FileManager.default
        func place(_ name: String, from source: URL) throws {
            let target = folder.appendingPathComponent("\(name)/Exercises/ex1")
            try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try fm.copyItem(at: source, to: target)
        }
        try place("alice-solution", from: course.solutions.appendingPathComponent("ex1"))
        try place("bob-stub", from: course.exercises.appendingPathComponent("ex1"))
        let mutants = try XCTUnwrap(try MutationTesting.load(course: course, exercise: "ex1")).mutants
        for (index, mutant) in mutants.enumerated() {
            let source = TestCourse.scratch("batch-mutant-\(index)").appendingPathComponent("ex1")
            try MutationTesting.materialize(mutant, course: course, exercise: "ex1", into: source)
            try place(String(format: "student-%02d", index), from: source)
        }
        // Extras a submission may carry are ignored: a Package.swift, a test file, another exercise.
        let carol = folder.appendingPathComponent("carol-extras")
        try place("carol-extras", from: course.solutions.appendingPathComponent("ex1"))
        try "this is not Swift".write(to: carol.appendingPathComponent("Package.swift"), atomically: true, encoding: .utf8)
        try fm.createDirectory(at: carol.appendingPathComponent("Tests"), withIntermediateDirectories: true)
        try "import XCTest\nfinal class Mine: XCTestCase { func testAll() { XCTFail() } }".write(to: carol.appendingPathComponent("Tests/MyTests.swift"), atomically: true, encoding: .utf8)
        try "syntax error (".write(to: carol.appendingPathComponent("Exercises/ex2.swift"), atomically: true, encoding: .utf8)
        // A zip of the solution.
        let zipSource = TestCourse.scratch("batch-zip")
        try fm.createDirectory(at: zipSource.appendingPathComponent("Exercises"), withIntermediateDirectories: true)
        try fm.copyItem(at: course.solutions.appendingPathComponent("ex1"), to: zipSource.appendingPathComponent("Exercises/ex1"))
        let zipped = Subprocess.run("/usr/bin/env", ["python3", "-m", "zipfile", "-c", folder.appendingPathComponent("dave-zip.zip").path, "Exercises"],
                                    workingDirectory: zipSource.path, timeLimit: 60)
        XCTAssertEqual(zipped.exitCode, 0, zipped.stderr)
        // A submission without the exercise.
        try fm.createDirectory(at: folder.appendingPathComponent("erin-empty"), withIntermediateDirectories: true)
        return (folder, [:])
    }

    func testBatchWritesCSVAndFeedbackAndIsRepeatable() throws {
        let (submissions, _) = try makeSubmissions()
        let out = TestCourse.scratch("batch-out")
        let batch = BatchGrader(grader: TestCourse.grader, exercise: "ex1", jobs: 2)
        let results = try batch.run(submissions: submissions, output: out)
        let byName = Dictionary(uniqueKeysWithValues: results.map { ($0.student, $0) })
        let max = try course.manifest("ex1").maxScore
        XCTAssertEqual(byName["alice-solution"]?.report?.score, max)
        XCTAssertEqual(byName["carol-extras"]?.report?.score, max, "extra files in a submission must be ignored")
        XCTAssertEqual(byName["dave-zip"]?.report?.score, max, "a zip submission")
        XCTAssertEqual(byName["bob-stub"]?.report?.score, 0)
        XCTAssertNil(byName["erin-empty"]?.report)
        // Every mutant student scores exactly what grading it alone gives.
        let mutants = try XCTUnwrap(try MutationTesting.load(course: course, exercise: "ex1")).mutants
        for (index, mutant) in mutants.enumerated() {
            let result = try XCTUnwrap(byName[String(format: "student-%02d", index)])
            let report = try XCTUnwrap(result.report, "\(mutant.name): \(result.problem ?? "")")
            if mutant.requiresSandbox == true, report.sandbox != .full { continue }   // as MutationTesting.grade
            XCTAssertEqual(MutationTesting.evaluate(mutant, report), [], "in a batch, \(mutant.name)")
        }
        let csv = try String(contentsOf: out.appendingPathComponent("grades.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\n")
        XCTAssertEqual(lines.first, "student,exercise,ex1.1,ex1.2,ex1.3,ex1.4,total,max,status,feedback")
        XCTAssertTrue(lines.contains("alice-solution,ex1,6,3,8,5,22,22,graded,feedback/alice-solution.txt"), csv)
        XCTAssertTrue(lines.contains("bob-stub,ex1,0,0,0,0,0,22,graded,feedback/bob-stub.txt"), csv)
        XCTAssertTrue(lines.contains("erin-empty,ex1,0,0,0,0,0,22,not_graded,feedback/erin-empty.txt"), csv)
        XCTAssertEqual(lines.count, results.count + 1)
        let feedback = try String(contentsOf: out.appendingPathComponent("feedback/bob-stub.txt"), encoding: .utf8)
        XCTAssertTrue(feedback.contains("not implemented yet (TODO ex1.1)"))
        XCTAssertTrue(feedback.contains("a hidden check failed"), "hidden checks' messages are redacted in feedback")
        // That the same batch again gives the same grades is proven, with a forger and a descriptor
        // thief among the students, by TrustedVerdictTests (a second run of this class of 30 would
        // double the longest test of the suite).
    }

    /// The generated autograder, run against a simulated /autograder folder, writes a valid results.json.
    func testGradescopeAutograderWritesResults() throws {
        let root = TestCourse.scratch("gradescope")
        try Gradescope.writeAutograder(course: course, exercise: "ex1", to: root.appendingPathComponent("autograder"))
        let fm = FileManager.default
        // Gradescope's layout: the autograder's files in /autograder/source, the submission's files at the top of /autograder/submission.
        let simulated = root.appendingPathComponent("simulated")
        try fm.createDirectory(at: simulated, withIntermediateDirectories: true)
        try fm.copyItem(at: root.appendingPathComponent("autograder/source"), to: simulated.appendingPathComponent("source"))
        try fm.copyItem(at: root.appendingPathComponent("autograder/run_autograder"), to: simulated.appendingPathComponent("run_autograder"))
        try fm.createDirectory(at: simulated.appendingPathComponent("submission"), withIntermediateDirectories: true)
        for file in fm.files(under: course.solutions.appendingPathComponent("ex1"), suffix: ".swift") {
            try fm.copyItem(at: file, to: simulated.appendingPathComponent("submission/\(file.lastPathComponent)"))
        }
        // A small bug, so that results.json carries a failure too.
        let softmax = simulated.appendingPathComponent("submission/Softmax.swift")
        try (try String(contentsOf: softmax, encoding: .utf8)).replacingOccurrences(of: "logits.subtractingColumnVector(logits.max(axis: 1))", with: "logits")
            .write(to: softmax, atomically: true, encoding: .utf8)
        let gradeBinary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("grade")
        XCTAssertTrue(fm.isExecutableFile(atPath: gradeBinary.path), "build the grade product first (swift build): \(gradeBinary.path)")
        let run = Subprocess.run("/bin/bash", [simulated.appendingPathComponent("run_autograder").path],
                                 environment: ProcessInfo.processInfo.environment.merging(["AUTOGRADER_ROOT": simulated.path, "GRADE_BIN": gradeBinary.path]) { $1 },
                                 timeLimit: 900)
        XCTAssertEqual(run.exitCode, 0, run.stderr + run.stdout)
        let data = try Data(contentsOf: simulated.appendingPathComponent("results/results.json"))
        let results = try JSONDecoder().decode(Gradescope.Results.self, from: data)
        let max = try course.manifest("ex1").maxScore
        XCTAssertEqual(results.tests.count, try course.manifest("ex1").checks.count)
        XCTAssertEqual(results.tests.reduce(0) { $0 + $1.max_score }, max)
        XCTAssertEqual(results.score, results.tests.reduce(0) { $0 + $1.score })
        XCTAssertLessThan(results.score, max)
        XCTAssertGreaterThan(results.score, 0)
        let overflow = try XCTUnwrap(results.tests.first { $0.name.hasPrefix("ex1.4.overflow") })
        XCTAssertEqual(overflow.status, "failed")
        XCTAssertEqual(overflow.score, 0)
        XCTAssertTrue(overflow.output.contains("expected"), overflow.output)
        XCTAssertTrue(results.tests.allSatisfy { ["passed", "failed"].contains($0.status) })
        XCTAssertTrue(results.tests.allSatisfy { Visibility(rawValue: $0.visibility) != nil })
        let hidden = try XCTUnwrap(results.tests.first { $0.name.hasPrefix("ex1.4.shift") })
        XCTAssertEqual(hidden.visibility, "after_published")
        // The top-level keys Gradescope reads.
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        for key in ["score", "execution_time", "output", "visibility", "stdout_visibility", "tests"] { XCTAssertNotNil(object[key], key) }
    }
}

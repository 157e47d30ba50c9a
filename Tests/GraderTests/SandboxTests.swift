import Foundation
import XCTest
@testable import GraderKit
#if canImport(Glibc)
import Glibc
#endif

/// The checks cannot read the instructor's files: the fixture that hunts for `Solutions/` and the
/// hidden suites finds them when nothing is hidden (so it is a real probe), and finds nothing
/// under the sandbox.
final class SandboxTests: XCTestCase {
    let course = TestCourse.course
    static let fixtureName = "reading the solutions or the hidden suites"

    private func fixture() throws -> Mutant {
        let file = try XCTUnwrap(MutationTesting.load(course: course, exercise: "ex1"))
        return try XCTUnwrap(file.mutants.first { $0.name.contains(Self.fixtureName) })
    }

    private func fullSandboxExpected() throws {
        #if os(Linux)
        guard geteuid() == 0 else { throw XCTSkip("the full sandbox needs the grader to run as root (CI and Gradescope do)") }
        #else
        throw XCTSkip("the sandbox uses Linux namespaces")
        #endif
    }

    func testChecksRunFullySandboxedAsRoot() throws {
        try fullSandboxExpected()
        var options = GradeOptions(); options.solutions = true
        options.onlyChecks = ["ex12.4.accuracy"]   // reads the digits through the re-exposed data folder
        let report = try TestCourse.grader.grade("ex12", options: options)
        XCTAssertEqual(report.sandbox, "full")
        XCTAssertEqual(report.checks.map(\.status), [.passed], report.checks.map(\.message).joined(separator: "\n"))
    }

    func testTheReadingFixtureFindsTheFilesWhenNothingIsHidden() throws {
        let grader = try Grader.forCourse(course)
        grader.sandboxEnabled = false
        let outcome = MutationTesting.grade(try fixture(), grader: grader, exercise: "ex1",
                                            folder: TestCourse.scratch("sandbox-off"), parallelism: 2)
        XCTAssertEqual(outcome.report?.sandbox, "none")
        XCTAssertEqual(outcome.score, outcome.maxScore, "without the sandbox the fixture should read the solution and pass")
        XCTAssertNotNil(outcome.skipped)
    }

    func testTheReadingFixtureFindsNothingUnderTheSandbox() throws {
        try fullSandboxExpected()
        let outcome = MutationTesting.grade(try fixture(), grader: TestCourse.grader, exercise: "ex1",
                                            folder: TestCourse.scratch("sandbox-on"), parallelism: 2)
        XCTAssertNil(outcome.skipped)
        XCTAssertEqual(outcome.problems, [])
        XCTAssertEqual(outcome.report?.sandbox, "full")
    }

    func testAFailedSandboxIsTheGradersProblemNotTheStudents() throws {
        let manifest = try course.manifest("ex1")
        let check = try XCTUnwrap(manifest.checks.first)
        let runner = CheckRunner(runner: URL(fileURLWithPath: "/nonexistent"), workFolder: URL(fileURLWithPath: "/tmp"),
                                 libraryFolder: URL(fileURLWithPath: "/tmp"), manifest: manifest)
        let result = SubprocessResult(exitCode: 70, signal: nil, standardOutput: Data(),
                                      standardError: Data("grade-sandbox: mounting /tmp failed (Operation not permitted)\n".utf8),
                                      timedOut: false, outputLimitExceeded: false, seconds: 0.01)
        let outcome = runner.classify(check, result, token: "T", limits: manifest.limits(for: check))
        XCTAssertEqual(outcome.status, .error)
        XCTAssertTrue(outcome.message.contains("mounting /tmp failed"), outcome.message)
        XCTAssertTrue(outcome.message.contains("not your code's fault"), outcome.message)
    }

    func testAnInstructorsReportSaysWhenTheSandboxWasNotFull() {
        func report(sandbox: String, hidden: Bool) -> Report {
            let check = CheckResult(id: "ex1.1.a", task: "ex1.1", name: "a", points: 1, max: 1, status: .passed, message: "",
                                    hint: nil, hidden: hidden, visibility: .visible, seconds: 0, output: nil, sandbox: sandbox)
            return Report(exercise: "ex1", title: "t", version: "1", source: "Exercises/ex1", toolchain: "swift", seed: 1,
                          score: 1, maxScore: 1, status: "graded", compileErrors: [], tasks: [], checks: [check], seconds: 0,
                          sandbox: sandbox)
        }
        let renderer = ReportRenderer(color: false, symbols: false)
        XCTAssertTrue(renderer.footer(report(sandbox: "partial", hidden: true)).contains("sandbox partial"))
        XCTAssertFalse(renderer.footer(report(sandbox: "full", hidden: true)).contains("Note:"))
        XCTAssertFalse(renderer.footer(report(sandbox: "none", hidden: false)).contains("Note:"), "a student's own copy has nothing to hide")
    }

    func testAStudentsOwnCopyHasNothingToHide() throws {
        let manifest = try course.manifest("ex1")
        let publicChecks = manifest.checks.filter { !$0.hidden }
        let studentCopy = Grader(course: Course(root: TestCourse.scratch("student-copy")), toolchain: TestCourse.grader.builder.toolchain)
        XCTAssertFalse(studentCopy.hasSecrets(publicChecks, GradeOptions()), "no solutions, no hidden checks: no sandbox")
        var batch = GradeOptions(); batch.hiddenFolders = [TestCourse.scratch("submissions")]
        XCTAssertTrue(studentCopy.hasSecrets(publicChecks, batch), "a batch hides the other submissions")
        XCTAssertTrue(studentCopy.hasSecrets(manifest.checks, GradeOptions()), "hidden checks are graded")
        XCTAssertTrue(TestCourse.grader.hasSecrets(publicChecks, GradeOptions()), "the instructor's copy has Solutions/")
    }

    func testTheToolchainAndTheRootAreNeverHidden() throws {
        let grader = TestCourse.grader
        let toolchainRoot = URL(fileURLWithPath: grader.builder.toolchain.swiftc).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent()
        let hidden = grader.foldersToHide(extra: [URL(fileURLWithPath: "/"), toolchainRoot, toolchainRoot.deletingLastPathComponent()])
        XCTAssertTrue(hidden.contains(course.root.standardizedFileURL.resolvingSymlinksInPath()))
        for folder in hidden {
            XCTAssertNotEqual(folder.path, "/")
            XCTAssertFalse((toolchainRoot.path + "/").hasPrefix(folder.path + "/"), "\(folder.path) holds the toolchain")
        }
    }
}

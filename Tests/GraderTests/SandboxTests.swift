import Foundation
import XCTest
@testable import GraderKit
#if canImport(Glibc)
import Glibc
#endif

/// The graded process's isolation (`CheckSandbox`): what it can reach, what outlives it.
/// Each attack is a submission written from the solution with one edit; it must score as it
/// deserves, and leave nothing behind on this machine.
final class SandboxTests: XCTestCase {
    let course = TestCourse.course

    /// A copy of `Solutions/ex1` with `code` run at the start of `denseParameterCount` for the
    /// lecture's [4, 5, 3] (the check ex1.2.biases), graded on that check alone.
    func gradeAttack(_ name: String, code: String, grader: Grader = TestCourse.grader) throws -> CheckResult {
        let folder = TestCourse.scratch("attack-\(name)")
        let source = folder.appendingPathComponent("source/ex1")
        let fm = FileManager.default
        try fm.copyItem(at: course.solutions.appendingPathComponent("ex1"), to: source)
        let file = source.appendingPathComponent("ParameterCount.swift")
        var text = try String(contentsOf: file, encoding: .utf8)
        text = text.replacingOccurrences(of: "import TensorCore", with: "import TensorCore\nimport Foundation\n#if canImport(Glibc)\nimport Glibc\n#endif")
        text = text.replacingOccurrences(of: "    var total = 0", with: "    if layerSizes == [4, 5, 3] {\n\(code)\n    }\n    var total = 0")
        try text.write(to: file, atomically: true, encoding: .utf8)
        var options = GradeOptions()
        options.onlyChecks = ["ex1.2.biases"]
        let report = try grader.grade("ex1", sourceFolder: source, displayName: "attack/\(name)",
                                      buildFolder: folder.appendingPathComponent("build"), options: options)
        XCTAssertEqual(report.status, .graded, report.compileErrors.map(\.rendered).joined(separator: "\n"))
        return try XCTUnwrap(report.checks.first)
    }

    private func requireFullSandbox() throws {
        #if os(Linux)
        let probe = try gradeAttack("probe", code: "")
        guard probe.sandbox == .full else { throw XCTSkip("this machine gives the checks no namespaces (sandbox \(probe.sandbox?.rawValue ?? "none"))") }
        #else
        throw XCTSkip("the sandbox uses Linux namespaces")
        #endif
    }

    func testTheDataStaysReadableUnderTheSandbox() throws {
        try requireFullSandbox()
        var options = GradeOptions(); options.solutions = true
        options.onlyChecks = ["ex12.4.accuracy"]   // reads the digits through /data
        let report = try TestCourse.grader.grade("ex12", options: options)
        XCTAssertEqual(report.sandbox, .full)
        XCTAssertEqual(report.checks.map(\.status), [.passed], report.checks.map(\.message).joined(separator: "\n"))
    }

    /// A grandchild that detaches twice (fork, setsid, fork) and sleeps is gone when the check ends.
    func testADoubleForkedGrandchildDiesWithItsCheck() throws {
        try requireFullSandbox()
        let code = """
                if fork() == 0 { _ = setsid(); if fork() == 0 { while true { sleep(1) } }; _exit(0) }
                usleep(200_000)
        """
        let result = try gradeAttack("grandchild", code: code)
        XCTAssertEqual(result.status, .passed, result.message)
        usleep(300_000)
        XCTAssertEqual(survivors(under: course.stateFolder.appendingPathComponent("test-scratch/attack-grandchild").path), [],
                       "a process of the check outlived it")
    }

    /// Processes whose executable lies under `folder`.
    private func survivors(under folder: String) -> [String] {
        let fm = FileManager.default
        return ((try? fm.contentsOfDirectory(atPath: "/proc")) ?? []).filter { Int($0) != nil }.compactMap { pid in
            guard let command = try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8) else { return nil }
            return command.hasPrefix(folder) ? "\(pid): \(command)" : nil
        }
    }

    /// /tmp, /var/tmp and /dev/shm are the check's own: nothing written there reaches this machine.
    func testTemporaryFoldersArePrivateToTheCheck() throws {
        try requireFullSandbox()
        let name = "grade-private-\(getpid())"
        let code = """
                for folder in ["/tmp", "/var/tmp", "/dev/shm"] { FileManager.default.createFile(atPath: folder + "/\(name)", contents: Data("x".utf8)) }
        """
        let result = try gradeAttack("temporary", code: code)
        XCTAssertEqual(result.status, .passed, result.message)
        for folder in ["/tmp", "/var/tmp", "/dev/shm"] {
            XCTAssertFalse(FileManager.default.fileExists(atPath: "\(folder)/\(name)"), "the check wrote \(folder)/\(name) on this machine")
        }
    }

    /// A world-readable copy of the course elsewhere on the disk, read by absolute path: under the
    /// sandbox it is not there; without it, the same submission does read it (so the probe is real).
    func testAnotherCopyOfTheCourseIsOutOfReach() throws {
        let copy = URL(fileURLWithPath: "/var/tmp/grade-course-copy-\(getpid())")
        let fm = FileManager.default
        try? fm.removeItem(at: copy)
        try fm.createDirectory(at: copy.appendingPathComponent("Solutions"), withIntermediateDirectories: true)
        try fm.copyItem(at: course.solutions.appendingPathComponent("ex1"), to: copy.appendingPathComponent("Solutions/ex1"))
        _ = chmod(copy.path, 0o755)
        defer { try? fm.removeItem(at: copy) }
        // Answers 43 only when the copy's solution can be read.
        let code = """
                if let text = try? String(contentsOfFile: "\(copy.path)/Solutions/ex1/ParameterCount.swift", encoding: .utf8), text.contains("fanOut") { return 43 }
                return 0
        """
        let open = try Grader.forCourse(course)
        open.sandboxEnabled = false
        XCTAssertEqual(try gradeAttack("copy-open", code: code, grader: open).status, .passed, "without the sandbox the copy is readable")
        try requireFullSandbox()
        let sandboxed = try gradeAttack("copy", code: code)
        XCTAssertEqual(sandboxed.status, .failed, sandboxed.message)
    }

    /// A child starts with standard input, output and error only, whatever the grader has open
    /// (here a pipe without close-on-exec, as another check's would be on another thread).
    func testAChildInheritsNoDescriptorOfTheGrader() throws {
        var leaked: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&leaked), 0)
        defer { close(leaked[0]); close(leaked[1]) }
        let result = Subprocess.run("/bin/ls", ["/proc/self/fd"], timeLimit: 10)
        // ls itself holds one more: the folder it is listing.
        let descriptors = result.stdout.split(separator: "\n").compactMap { Int32($0) }.filter { $0 > 3 }
        XCTAssertEqual(descriptors, [], "inherited: \(result.stdout)")
    }

    func testAFailedSandboxIsTheGradersProblemNotTheStudents() throws {
        let manifest = try course.manifest("ex1")
        let check = try XCTUnwrap(manifest.checks.first)
        let products = ExerciseProducts(runner: URL(fileURLWithPath: "/nonexistent"), studentLibrary: URL(fileURLWithPath: "/nonexistent"),
                                        stubLibrary: URL(fileURLWithPath: "/nonexistent"), workFolder: URL(fileURLWithPath: "/tmp"))
        let runner = CheckRunner(products: products, manifest: manifest, sandbox: .full)
        let graded = SubprocessResult(exitCode: 70, signal: nil, standardOutput: Data(),
                                      standardError: Data("grade-sandbox: mounting the new root failed (Operation not permitted)\n".utf8),
                                      timedOut: false, outputLimitExceeded: false, seconds: 0.01)
        let verifier = SubprocessResult(exitCode: 0, signal: nil, standardOutput: Data(), standardError: Data(),
                                        timedOut: false, outputLimitExceeded: false, seconds: 0.01)
        let outcome = runner.classify(check, graded: graded, verifier: verifier, limits: manifest.limits(for: check))
        XCTAssertEqual(outcome.status, .error)
        XCTAssertTrue(outcome.message.contains("mounting the new root failed"), outcome.message)
        XCTAssertTrue(outcome.message.contains("not your code's fault"), outcome.message)
    }

    func testAnInstructorsReportSaysWhenTheSandboxWasNotFull() {
        func report(sandbox: SandboxLevel, hidden: Bool) -> Report {
            let check = CheckResult(id: "ex1.1.a", task: "ex1.1", name: "a", points: 1, max: 1, status: .passed, message: "",
                                    hint: nil, hidden: hidden, visibility: .visible, seconds: 0, output: nil, sandbox: sandbox)
            return Report(exercise: "ex1", title: "t", version: "1", source: "Exercises/ex1", toolchain: "swift", seed: 1,
                          score: 1, maxScore: 1, status: .graded, compileErrors: [], tasks: [], checks: [check], seconds: 0,
                          sandbox: sandbox)
        }
        let renderer = ReportRenderer(color: false, symbols: false)
        XCTAssertTrue(renderer.footer(report(sandbox: .none, hidden: true)).contains("sandbox none"))
        XCTAssertFalse(renderer.footer(report(sandbox: .full, hidden: true)).contains("Note:"))
        XCTAssertFalse(renderer.footer(report(sandbox: .none, hidden: false)).contains("Note:"), "a student's own copy has nothing to hide")
    }
}

import Foundation
import XCTest
@testable import GraderKit

/// `grade watch`: grades at once, waits while nothing changes, and re-grades after a save.
final class WatchTests: XCTestCase {
    /// A student's copy of ex1 (public checks only) in a scratch folder, sharing the test
    /// course's build cache so the tensor core is not compiled again.
    func makeStudentCourse() throws -> URL {
        let root = TestCourse.scratch("watch-course")
        let fm = FileManager.default
        let from = TestCourse.root
        for path in ["Sources/TensorCore", "Tests/Checks/Support", "Tests/Checks/ex1/Public", "Exercises/ex1"] {
            try fm.createDirectory(at: root.appendingPathComponent(path).deletingLastPathComponent(), withIntermediateDirectories: true)
            try fm.copyItem(at: from.appendingPathComponent(path), to: root.appendingPathComponent(path))
        }
        for file in ["Package.swift", "Tests/Checks/ex1/checks.json"] {
            try fm.copyItem(at: from.appendingPathComponent(file), to: root.appendingPathComponent(file))
        }
        // The pristine stubs, as a release keeps them (the checks are compiled against them).
        for (path, data) in try StubSource(course: TestCourse.course).stubs(for: "ex1") {
            let file = root.appendingPathComponent("Tests/Checks/ex1/Stub/\(path)")
            try fm.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: file)
        }
        return root
    }

    func testWatchGradesOnceThenAgainAfterASave() throws {
        let root = try makeStudentCourse()
        setenv("GRADE_BUILD_DIR", TestCourse.course.stateFolder.appendingPathComponent("build").path, 1)
        defer { unsetenv("GRADE_BUILD_DIR") }
        var output = ""
        let lock = NSLock()
        let command = GradeCommand(arguments: ["watch", "ex1"], directory: root,
                                   output: { line in lock.lock(); output += line + "\n"; lock.unlock() }, errorOutput: { _ in })
        let course = Course(root: root)
        // `watch` returns only after the second grading: if a save were missed it would poll
        // forever, so a watchdog ends the test run with a message instead of hanging CI.
        let finished = Locked(false)
        DispatchQueue.global().asyncAfter(deadline: .now() + 300) {
            if !finished.withLock({ $0 }) { fatalError("grade watch did not re-grade within 300 s of the save") }
        }
        defer { finished.withLock { $0 = true } }
        var parsed = ParsedArguments(["watch", "ex1"])
        let status = try command.watch(course, "ex1", &parsed, poll: 0.1, keepWatching: { gradings in
            guard gradings == 1 else { return false }
            // Save the solution a second later: the polls in between must not re-grade.
            Thread.sleep(forTimeInterval: 1)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: TestCourse.course.solutions.appendingPathComponent("ex1").path)) ?? []
            where name.hasSuffix(".swift") {
                let text = try! String(contentsOf: TestCourse.course.solutions.appendingPathComponent("ex1/\(name)"), encoding: .utf8)
                try! text.write(to: root.appendingPathComponent("Exercises/ex1/\(name)"), atomically: true, encoding: .utf8)
            }
            return true
        })
        XCTAssertEqual(status, 0)
        let scores = output.split(separator: "\n").filter { $0.hasPrefix("Score: ") }
        XCTAssertEqual(scores.count, 2, output)
        XCTAssertTrue(scores.first?.hasPrefix("Score: 0/") == true, output)
        if let last = scores.last, let fraction = last.split(separator: " ").dropFirst().first {
            let parts = fraction.split(separator: "/")
            XCTAssertEqual(parts.first, parts.last, "the saved solution gets full public marks: \(last)")
        }
        XCTAssertEqual(output.components(separatedBy: "Waiting for changes").count - 1, 2, output)
    }
}

extension WatchTests {
    /// On a terminal, `watch` clears the screen for each grading, and a progress bar naming the
    /// check that runs sits below the last line, replaced by each check's line as it ends.
    func testWatchScreenOnATerminal() throws {
        let root = try makeStudentCourse()
        setenv("GRADE_BUILD_DIR", TestCourse.course.stateFolder.appendingPathComponent("build").path, 1)
        defer { unsetenv("GRADE_BUILD_DIR") }
        var lines: [String] = []
        let command = GradeCommand(arguments: ["watch", "ex1"], directory: root, output: { lines.append($0) }, errorOutput: { _ in })
        let course = Course(root: root)
        var parsed = ParsedArguments(["watch", "ex1"])
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let status = try command.watch(course, "ex1", &parsed, poll: 0.1, terminal: true, now: { start }) { _ in false }
        XCTAssertEqual(status, 0)
        let formatter = DateFormatter()
        formatter.dateFormat = "HH:mm:ss"
        let checks = try course.manifest("ex1").checks.filter { !$0.hidden }.map(\.id)
        let output = lines.joined(separator: "\n") + "\n"
        XCTAssertEqual(lines[0], "\u{1B}[2J\u{1B}[HWatching Exercises/ex1: grading #1, started \(formatter.string(from: start)). Every save re-grades it; stop with Ctrl-C.")
        XCTAssertTrue(lines[1].hasPrefix("ex1: Neurons and dense layers  (Exercises/ex1, checks v1.0.0"), lines[1])
        XCTAssertEqual(lines[2], "  [--------------------]  0/\(checks.count)  running \(checks[0])…")
        for (n, id) in checks.enumerated() {
            let line = lines[3 + 2 * n]
            XCTAssertTrue(line.hasPrefix("\u{1B}[1A\u{1B}[2K  FAIL \(id)  "), "the bar is erased and replaced by \(id)'s line: \(line)")
            if n + 1 < checks.count {
                let filled = (n + 1) * 20 / checks.count
                let done = String(n + 1), total = String(checks.count)
                XCTAssertEqual(lines[4 + 2 * n], "  [" + String(repeating: "#", count: filled) + String(repeating: "-", count: 20 - filled)
                               + "] \(String(repeating: " ", count: total.count - done.count))\(done)/\(total)  running \(checks[n + 1])…")
            }
        }
        XCTAssertTrue(output.contains("\nScore: 0/"), output)
        XCTAssertTrue(output.hasSuffix("\nWaiting for changes…\n"), output)
    }
}

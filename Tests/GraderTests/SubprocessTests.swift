import XCTest
@testable import GraderKit

final class SubprocessTests: XCTestCase {
    func testCapturesOutputAndExitStatus() {
        let result = Subprocess.run("/bin/sh", ["-c", "echo out; echo err >&2; exit 3"], timeLimit: 10)
        XCTAssertEqual(result.stdout, "out\n")
        XCTAssertEqual(result.stderr, "err\n")
        XCTAssertEqual(result.exitCode, 3)
        XCTAssertNil(result.signal)
        XCTAssertFalse(result.timedOut)
    }

    func testFeedsStandardInput() {
        let result = Subprocess.run("/bin/sh", ["-c", "read line; echo got $line"], input: Data("token\n".utf8), timeLimit: 10)
        XCTAssertEqual(result.stdout, "got token\n")
    }

    func testTimeLimitKillsTheWholeGroup() {
        let start = Date()
        let result = Subprocess.run("/bin/sh", ["-c", "sleep 30 & sleep 30"], timeLimit: 0.5)
        XCTAssertTrue(result.timedOut)
        XCTAssertEqual(result.signal, 9)
        XCTAssertLessThan(Date().timeIntervalSince(start), 5)
    }

    func testOutputLimitStopsAFloodOfOutput() {
        let result = Subprocess.run("/bin/sh", ["-c", "yes flood"], timeLimit: 10, outputLimit: 10_000)
        XCTAssertTrue(result.outputLimitExceeded)
        XCTAssertLessThanOrEqual(result.standardOutput.count, 10_000)
        XCTAssertFalse(result.timedOut)
    }

    func testReportsTheSignal() {
        let result = Subprocess.run("/bin/sh", ["-c", "kill -SEGV $$"], timeLimit: 10)
        XCTAssertEqual(result.signal, 11)
        XCTAssertNil(result.exitCode)
    }

    func testWorkingDirectoryAndEnvironment() {
        let result = Subprocess.run("/bin/sh", ["-c", "pwd; echo $GREETING"], workingDirectory: "/tmp",
                                    environment: ["GREETING": "hello", "PATH": "/usr/bin:/bin"], timeLimit: 10)
        XCTAssertEqual(result.stdout, "/tmp\nhello\n")
    }

    func testAMissingProgramIsAnError() {
        let result = Subprocess.run("/nonexistent/program", [], timeLimit: 10)
        XCTAssertEqual(result.exitCode, 127)
        XCTAssertTrue(result.stderr.contains("could not start"))
    }
}

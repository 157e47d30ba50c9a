import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs one check in its own process and turns whatever happened into a `CheckResult`.
///
/// The runner process gets a fresh token on standard input and reports with a line starting
/// with it. Everything else is classified from the outside: a time-out, output over the limit,
/// a crash (with the runtime's reason), an untouched stub (`not implemented yet (TODO exN.T)`),
/// or an exit before the check finished.
public struct CheckRunner: Sendable {
    public var runner: URL
    public var workFolder: URL
    /// Where the student's compiled module is; the runner finds it through LD_LIBRARY_PATH.
    public var libraryFolder: URL
    public var manifest: ExerciseManifest
    /// Folders the check's process must not see (`CheckSandbox` covers them before student code runs).
    public var hiddenFolders: [URL]
    /// The course's data folder (the digits), passed on as `COURSE_DATA_DIR` and kept readable.
    public var dataFolder: URL?

    public init(runner: URL, workFolder: URL, libraryFolder: URL, manifest: ExerciseManifest,
                hiddenFolders: [URL] = [], dataFolder: URL? = nil) {
        self.runner = runner; self.workFolder = workFolder; self.libraryFolder = libraryFolder; self.manifest = manifest
        self.hiddenFolders = hiddenFolders; self.dataFolder = dataFolder
    }

    public func run(_ check: CheckInfo) -> CheckResult {
        let limits = manifest.limits(for: check)
        let token = Self.freshToken()
        // Each check gets a folder of its own: its working directory, and its own links to the
        // runner and the student's library, so code that deletes what it can reach (its working
        // directory, its executable, its library) cannot break the checks after it.
        let fm = FileManager.default
        let own = workFolder.appendingPathComponent(check.id)
        let cwd = own.appendingPathComponent("cwd")
        let binaries = own.appendingPathComponent("bin")
        try? fm.removeItem(at: own)
        try? fm.createDirectory(at: cwd, withIntermediateDirectories: true)
        try? fm.createDirectory(at: binaries, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: own) }
        let executable = binaries.appendingPathComponent("checks")
        if link(runner.path, executable.path) != 0 { try? fm.copyItem(at: runner, to: executable) }
        for library in (try? fm.contentsOfDirectory(atPath: libraryFolder.path)) ?? [] where library.hasSuffix(".so") {
            let from = libraryFolder.appendingPathComponent(library), to = binaries.appendingPathComponent(library)
            if link(from.path, to.path) != 0 { try? fm.copyItem(at: from, to: to) }
        }
        var environment = [
            "PATH": "/usr/bin:/bin",
            "HOME": cwd.path,
            "TMPDIR": cwd.path,
            "SWIFT_BACKTRACE": "enable=no",
            "GRADE_SEED": String(manifest.seed),
            "GRADE_MEMORY_MIB": String(limits.memoryMiB ?? 4096),
            "LANG": "C.UTF-8",
            "LD_LIBRARY_PATH": binaries.path,
        ]
        if let dataDir = ProcessInfo.processInfo.environment["COURSE_DATA_DIR"] ?? dataFolder?.path {
            environment["COURSE_DATA_DIR"] = dataDir
        }
        if !hiddenFolders.isEmpty {
            environment["GRADE_SANDBOX_HIDE"] = hiddenFolders.map(\.standardizedFileURL.path).joined(separator: "\n")
        }
        let result = Subprocess.run(executable.path, ["ExerciseChecks.\(check.test)"],
                                    workingDirectory: cwd.path, environment: environment,
                                    input: Data((token + "\n").utf8),
                                    timeLimit: limits.timeSeconds ?? 10,
                                    outputLimit: (limits.outputKiB ?? 1024) << 10)
        return classify(check, result, token: token, limits: limits)
    }

    func classify(_ check: CheckInfo, _ result: SubprocessResult, token: String, limits: Limits) -> CheckResult {
        var outcome = CheckResult(id: check.id, task: check.task, name: check.name, points: 0, max: check.points,
                                  status: .error, message: "", hint: check.hint, hidden: check.hidden,
                                  visibility: check.effectiveVisibility, seconds: result.seconds, output: nil)
        let stdout = result.stdout
        let record = stdout.split(separator: "\n").last { $0.hasPrefix(token + " ") }
            .flatMap { line -> [String: Any]? in
                let json = line.dropFirst(token.count + 1)
                return (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any]
            }
        let studentOutput = Self.studentOutput(stdout, token: token)
        let fatal = Self.fatalErrorLine(result.stderr)

        if let line = result.stderr.split(separator: "\n").first(where: { $0.hasPrefix(Self.sandboxFailureMarker) }) {
            outcome.message = "not graded: the grader could not isolate this check (\(line.dropFirst(Self.sandboxFailureMarker.count + 1))). This is not your code's fault: tell your instructor (GRADE_SANDBOX=off grades without isolation)."
            return outcome
        }
        if let todo = fatal.flatMap(Self.todoTask) {
            outcome.status = .failed
            outcome.message = "not implemented yet (TODO \(todo))"
            return outcome
        }
        if result.timedOut {
            outcome.status = .timeout
            outcome.message = "stopped after \(formatPoints(limits.timeSeconds ?? 10)) s, the time limit for this check: an endless loop, or code much slower than it needs to be"
        } else if result.outputLimitExceeded {
            outcome.message = "stopped: it printed more than \(limits.outputKiB ?? 1024) KiB, the output limit for this check (remove the print statements in a loop)"
        } else if let record, let passed = record["passed"] as? Bool {
            outcome.sandbox = record["sandbox"] as? String
            if passed, result.exitCode == 0 || result.exitCode == 1 {
                outcome.status = .passed
                outcome.points = check.points
            } else if passed {
                outcome.message = "the check passed, but the process then ended abnormally (\(Self.describe(result)))"
            } else {
                outcome.status = .failed
                let failures = (record["failures"] as? [[String: String]]) ?? []
                outcome.message = failures.map { Self.cleanFailure($0["message"] ?? "") }.joined(separator: "\n")
                if outcome.message.isEmpty { outcome.message = "failed" }
            }
        } else if let signal = result.signal {
            outcome.message = "crashed (\(Self.signalName(signal)))" + (fatal.map { ": \($0)" } ?? Self.crashHint(signal, limits: limits))
        } else if let fatal {
            outcome.message = "crashed: \(fatal)"
        } else {
            outcome.message = "the check ended before it finished (exit status \(result.exitCode ?? -1)): does the code call exit() or abort()?"
        }
        if outcome.status != .passed, !studentOutput.isEmpty { outcome.output = studentOutput }
        return outcome
    }

    /// How `CheckSandbox` (in the runner) begins the line it writes when it cannot set itself up.
    static let sandboxFailureMarker = "grade-sandbox:"

    static func freshToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return "GRADE-" + (0..<4).map { _ in String(generator.next() as UInt64, radix: 36) }.joined()
    }

    /// The last 20 lines the student printed, without XCTest's own chatter or result lines.
    static func studentOutput(_ stdout: String, token: String) -> String {
        let lines = stdout.split(separator: "\n", omittingEmptySubsequences: true).filter { line in
            !line.hasPrefix(token) && !line.hasPrefix("Test Suite '") && !line.hasPrefix("Test Case '")
                && !line.hasPrefix("\t Executed ") && !line.contains(": error: ")
        }
        return lines.suffix(20).joined(separator: "\n")
    }

    /// `Fatal error: …` from the Swift runtime, with the source location kept when it is the student's.
    static func fatalErrorLine(_ stderr: String) -> String? {
        guard let line = stderr.split(separator: "\n").first(where: { $0.contains("Fatal error:") }) else { return nil }
        return String(line).trimmingCharacters(in: .whitespaces)
    }

    static func todoTask(_ fatal: String) -> String? {
        guard let range = fatal.range(of: "not implemented yet (TODO ") else { return nil }
        let rest = fatal[range.upperBound...]
        return rest.firstIndex(of: ")").map { String(rest[..<$0]) }
    }

    /// XCTest's failure text, without the `Class.testMethod :` prefix it adds.
    static func cleanFailure(_ message: String) -> String {
        for prefix in ["XCTAssertTrue failed - ", "failed - "] where message.hasPrefix(prefix) {
            return String(message.dropFirst(prefix.count))
        }
        return message
    }

    static func describe(_ result: SubprocessResult) -> String {
        if let signal = result.signal { return signalName(signal) }
        return "exit status \(result.exitCode ?? -1)"
    }

    static func signalName(_ signal: Int32) -> String {
        switch signal {
        case 4: return "SIGILL: a Swift runtime trap"
        case 5: return "SIGTRAP: a Swift runtime trap"
        case 6: return "SIGABRT: abort() or a failed allocation"
        case 8: return "SIGFPE: an arithmetic fault"
        case 9: return "SIGKILL"
        case 11: return "SIGSEGV: a bad memory access or a stack overflow"
        default: return "signal \(signal)"
        }
    }

    static func crashHint(_ signal: Int32, limits: Limits) -> String {
        switch signal {
        case 11: return ": deep or endless recursion overflows the stack"
        case 6: return ": more memory than the limit of \(limits.memoryMiB ?? 4096) MiB, or abort() was called"
        case 4, 5: return ": overflow, index out of range, a nil unwrap or a failed precondition"
        default: return ""
        }
    }
}

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs one check and decides its result, in two processes of the check runner.
///
/// 1. The **graded** process runs beside the student's library (`GRADE_MODE=record`), isolated
///    (`CheckSandbox`), under the check's limits. It runs the check twice and writes every value
///    the student's code returned to its standard output; what it prints goes to standard error.
///    Nothing it writes is trusted: it is data.
/// 2. When it is gone, the **verifying** process runs beside the pristine stub
///    (`GRADE_MODE=verify`): it replays the recorded values into the same check, lets the
///    expectations decide, compares the two runs, and prints its verdict. It has never run the
///    student's code, and the graded process never held an expected value.
///
/// The result combines the verdict with what is known of the graded process from outside: a
/// time-out, output over the limit, a crash (with the runtime's reason), an untouched stub
/// (`not implemented yet (TODO exN.T)`), or an exit before the check finished.
public struct CheckRunner: Sendable {
    public var products: ExerciseProducts
    public var manifest: ExerciseManifest
    /// The isolation the graded process gets (`Grader.sandboxLevel`): `full` isolates it, `none` runs it plainly.
    public var sandbox: SandboxLevel
    var isolate: Bool { sandbox == .full }
    /// The course's data folder (the digits), passed on as `COURSE_DATA_DIR` and kept readable.
    public var dataFolder: URL?

    public init(products: ExerciseProducts, manifest: ExerciseManifest, sandbox: SandboxLevel, dataFolder: URL? = nil) {
        self.products = products; self.manifest = manifest; self.sandbox = sandbox; self.dataFolder = dataFolder
    }

    /// The largest observation stream a check may record (its values, not its printing).
    static let streamLimit = 512 << 20

    public func run(_ check: CheckInfo) -> CheckResult {
        let limits = manifest.limits(for: check)
        let timeLimit = limits.timeSeconds ?? 10
        // Each check gets a folder of its own: the graded process's working directory and its own
        // links to the runner and the student's library, so code that deletes what it can reach
        // cannot break the checks after it; and a separate folder for the verifying process.
        let fm = FileManager.default
        let own = products.workFolder.appendingPathComponent(check.id)
        let cwd = own.appendingPathComponent("cwd")
        let graded = own.appendingPathComponent("graded")
        let verifying = own.appendingPathComponent("verifying")
        try? fm.removeItem(at: own)
        defer { try? fm.removeItem(at: own) }
        do {
            for folder in [cwd, graded] { try fm.createDirectory(at: folder, withIntermediateDirectories: true) }
            try place(products.runner, products.studentLibrary, in: graded)
        } catch {
            return Self.result(check, status: .error, message: "not graded: the grader could not prepare this check (\(error)). This is not your code's fault.")
        }
        var environment = baseEnvironment(limits: limits)
        environment["GRADE_MODE"] = "record"
        environment["GRADE_STUDENT_LIBRARY"] = products.studentLibrary.lastPathComponent
        environment["GRADE_CHECK"] = check.test
        environment["GRADE_ISOLATE"] = isolate ? "1" : "0"
        environment["HOME"] = cwd.path
        environment["TMPDIR"] = cwd.path
        environment["GRADE_MEMORY_MIB"] = String(limits.memoryMiB ?? 4096)
        // The check runs twice in the graded process: twice its time.
        let child = Subprocess.run(graded.appendingPathComponent("checks").path, [], workingDirectory: cwd.path,
                                   environment: environment, timeLimit: 2 * timeLimit,
                                   outputLimit: (limits.outputKiB ?? 1024) << 10, standardOutputLimit: Self.streamLimit)
        // The verifying process starts only now, in a folder made after the graded one ended.
        let verifier: SubprocessResult
        do {
            try? fm.removeItem(at: verifying)
            try fm.createDirectory(at: verifying, withIntermediateDirectories: true)
            try place(products.runner, products.stubLibrary, in: verifying)
            var verifyEnvironment = baseEnvironment(limits: limits)
            verifyEnvironment["GRADE_MODE"] = "verify"
            verifyEnvironment["GRADE_CHECK"] = check.test
            verifyEnvironment["HOME"] = verifying.path
            verifyEnvironment["TMPDIR"] = verifying.path
            verifier = Subprocess.run(verifying.appendingPathComponent("checks").path, [], workingDirectory: verifying.path,
                                      environment: verifyEnvironment, input: child.standardOutput,
                                      timeLimit: max(60, 2 * timeLimit), outputLimit: 16 << 20)
        } catch {
            return Self.result(check, status: .error, message: "not graded: the grader could not prepare this check (\(error)). This is not your code's fault.")
        }
        return classify(check, graded: child, verifier: verifier, limits: limits)
    }

    /// Hard links (or copies) of the runner and an exercise library, side by side in `folder`.
    private func place(_ runner: URL, _ library: URL, in folder: URL) throws {
        let fm = FileManager.default
        for (from, name) in [(runner, "checks"), (library, library.lastPathComponent)] {
            let to = folder.appendingPathComponent(name)
            if link(from.path, to.path) != 0 { try fm.copyItem(at: from, to: to) }
        }
    }

    private func baseEnvironment(limits: Limits) -> [String: String] {
        var environment = [
            "PATH": "/usr/bin:/bin",
            "SWIFT_BACKTRACE": "enable=no",
            "GRADE_SEED": String(manifest.seed),
            "LANG": "C.UTF-8",
        ]
        if let dataDir = ProcessInfo.processInfo.environment["COURSE_DATA_DIR"] ?? dataFolder?.path {
            environment["COURSE_DATA_DIR"] = dataDir
        }
        return environment
    }

    static func result(_ check: CheckInfo, status: CheckStatus, message: String, seconds: Double = 0) -> CheckResult {
        CheckResult(id: check.id, task: check.task, name: check.name, points: status == .passed ? check.points : 0, max: check.points,
                    status: status, message: message, hint: check.hint, hidden: check.hidden,
                    visibility: check.effectiveVisibility, seconds: seconds, output: nil)
    }

    /// What the verifying process printed, or nil when it printed no verdict.
    struct Verdict: Decodable {
        var passed: Bool
        var completed: Bool
        var failures: [Failure]
        var stoppedAt: String?
        var malformed: String?
        var runs: Int
        var secondRunDiffersAt: String?
        struct Failure: Decodable { var message: String; var file: String?; var line: Int? }
    }

    static func verdict(_ result: SubprocessResult) -> Verdict? {
        let marker = "GRADE-VERDICT "
        guard let line = result.stdout.split(separator: "\n").last(where: { $0.hasPrefix(marker) }) else { return nil }
        return try? JSONDecoder().decode(Verdict.self, from: Data(line.dropFirst(marker.count).utf8))
    }

    func classify(_ check: CheckInfo, graded: SubprocessResult, verifier: SubprocessResult, limits: Limits) -> CheckResult {
        var outcome = decide(check, graded: graded, verifier: verifier, limits: limits)
        // What the student printed goes with a check that did not pass. (Set here, not in a
        // `defer` inside `decide`: a defer runs after the returned copy is made.)
        let studentOutput = Self.studentOutput(graded.stderr)
        if outcome.status != .passed, !studentOutput.isEmpty { outcome.output = studentOutput }
        return outcome
    }

    func decide(_ check: CheckInfo, graded: SubprocessResult, verifier: SubprocessResult, limits: Limits) -> CheckResult {
        var outcome = Self.result(check, status: .error, message: "", seconds: graded.seconds + verifier.seconds)
        let printed = graded.stderr
        let fatal = Self.fatalErrorLine(printed).map(studentFatal)
        outcome.sandbox = sandbox

        if let line = printed.split(separator: "\n").first(where: { $0.hasPrefix(Self.sandboxFailureMarker) }) {
            outcome.message = "not graded: the grader could not isolate this check (\(line.dropFirst(Self.sandboxFailureMarker.count + 1))). This is not your code's fault: tell your instructor (GRADE_SANDBOX=off grades without isolation)."
            return outcome
        }
        guard let verdict = Self.verdict(verifier) else {
            let reason = Self.fatalErrorLine(verifier.stderr) ?? (verifier.timedOut ? "it ran out of time" : Self.describe(verifier))
            if reason.contains("not implemented yet (TODO") {
                outcome.message = "not graded: the check calls the exercise outside `student { }` (\(reason)). This is a bug in the checks, not in your code: tell your instructor."
            } else {
                outcome.status = .failed
                outcome.message = "the check could not use what your code returned (checking it stopped: \(reason)); is its shape or size what the stub's documentation says?"
            }
            return outcome
        }
        let failures = verdict.failures.map { Self.cleanFailure($0.message) }.joined(separator: "\n")
        let happened = describeGraded(graded, fatal: fatal, limits: limits)
        if verdict.completed {
            if !verdict.passed {
                outcome.status = .failed
                outcome.message = failures.isEmpty ? "failed" : failures
            } else if verdict.runs >= 2, let differs = verdict.secondRunDiffersAt {
                outcome.status = .failed
                outcome.message = "your code gives different results on the same input (the check ran twice with the same seed, and \(differs) differed): draw every random number from the generator you are given, and keep no state between calls"
            } else if verdict.runs >= 2 {
                outcome.status = .passed
                outcome.points = check.points
            } else {
                outcome.status = happened.status
                outcome.message = "the check passed once, but running it again on the same input and seed \(happened.text)"
            }
            return outcome
        }
        if let malformed = verdict.malformed {
            outcome.status = .failed
            outcome.message = failures.isEmpty ? malformed : failures + "\n" + malformed
            return outcome
        }
        // The recorded values ran out: the graded process stopped inside a call into the student's code.
        if let todo = fatal.flatMap(Self.todoTask) {
            outcome.status = .failed
            outcome.message = failures.isEmpty ? "not implemented yet (TODO \(todo))" : failures + "\nthen: not implemented yet (TODO \(todo))"
            return outcome
        }
        if !failures.isEmpty {
            outcome.status = .failed
            outcome.message = failures + "\nthen your code " + happened.text
            return outcome
        }
        outcome.status = happened.status
        outcome.message = happened.text.prefix(1).uppercased() == happened.text.prefix(1) ? happened.text : happened.text
        return outcome
    }

    /// How the graded process ended, in words, when it did not finish the check.
    func describeGraded(_ result: SubprocessResult, fatal: String?, limits: Limits) -> (status: CheckStatus, text: String) {
        if result.timedOut {
            return (.timeout, "stopped after \(formatPoints(limits.timeSeconds ?? 10)) s, the time limit for this check: an endless loop, or code much slower than it needs to be")
        }
        if result.outputLimitExceeded {
            return (.error, "stopped: it printed more than \(limits.outputKiB ?? 1024) KiB, the output limit for this check (remove the print statements in a loop)")
        }
        if result.standardOutputLimitExceeded {
            return (.error, "stopped: it wrote more than \(Self.streamLimit >> 20) MiB to the grader's channel")
        }
        let place = crashLocation(result.stderr).map { " (\($0))" } ?? ""
        if let signal = result.signal {
            return (.error, "crashed (\(Self.signalName(signal)))" + (fatal.map { ": \($0)" } ?? Self.crashHint(signal, limits: limits)) + place)
        }
        if let fatal { return (.error, "crashed: \(fatal)" + place) }
        return (.error, "ended before the check finished (exit status \(result.exitCode ?? -1)): does the code call exit() or abort()?")
    }

    /// How `CheckSandbox` (in the runner) begins the line it writes when it cannot set itself up.
    static let sandboxFailureMarker = "grade-sandbox:"

    /// What the student printed, without the frameworks' own chatter and the runtime's stack
    /// trace: all of it (the JSON report keeps it whole; the text report shows `ReportRenderer.shownOutput`).
    static func studentOutput(_ printed: String) -> String {
        let chatter = ["Test Suite '", "Test Case '", "\t Executed ", "◇ ", "↳ ", "✔ ", "✘ ", "➜ ", "⊘ ", "􀟈", "􀄵", "􁁛", "􀢄"]
        let lines = printed.split(separator: "\n", omittingEmptySubsequences: true).filter { line in
            !chatter.contains(where: { line.hasPrefix($0) }) && !line.contains(": error: ") && !isStackFrame(line)
                && !line.hasPrefix("GRADE-LIBRARY-BASE ")
                && !["Fatal error:", "Precondition failed:", "Assertion failed:"].contains(where: { line.contains($0) })   // in the message already
        }
        return lines.joined(separator: "\n")
    }

    /// A line of the runtime's "Current stack trace:" (`3    libEx1.so    0x00007f… f(_:) + 223`).
    static func isStackFrame(_ line: Substring) -> Bool {
        if line == "Current stack trace:" { return true }
        let fields = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: true)
        return fields.count >= 3 && Int(fields[0]) != nil && fields[2].hasPrefix("0x")
    }

    /// `Fatal error: …` (or `Precondition failed: …`, `Assertion failed: …`) from the Swift
    /// runtime, with the source location kept when it is the student's.
    static func fatalErrorLine(_ stderr: String) -> String? {
        let markers = ["Fatal error:", "Precondition failed:", "Assertion failed:"]
        guard let line = stderr.split(separator: "\n").first(where: { line in markers.contains { line.contains($0) } }) else { return nil }
        return String(line).trimmingCharacters(in: .whitespaces)
    }

    /// The runtime's line without the location of the library code that trapped
    /// (`Swift/ContiguousArrayBuffer.swift:692: Fatal error: Index out of range` → `Fatal error:
    /// Index out of range`); a location in the student's own file is kept, as the report names it
    /// (`Exercises/ex1/Softmax.swift:12: Precondition failed: …`).
    func studentFatal(_ line: String) -> String {
        let markers = ["Fatal error:", "Precondition failed:", "Assertion failed:"]
        guard let marker = markers.compactMap({ line.range(of: $0) }).min(by: { $0.lowerBound < $1.lowerBound }) else { return line }
        let location = line[..<marker.lowerBound].trimmingCharacters(in: CharacterSet(charactersIn: " :"))
        let message = String(line[marker.lowerBound...])
        let own = manifest.moduleName + "/"
        if location.hasPrefix(own), !products.displayName.isEmpty {
            return "\(products.displayName)/\(location.dropFirst(own.count)): \(message)"
        }
        return message
    }

    /// "in your function softmax(_:), Exercises/ex1/Softmax.swift:14": the innermost frame of the
    /// runtime's stack trace that is in the student's library, at the line that trapped (the
    /// library's line tables read by `llvm-symbolizer`), else where that function is declared.
    ///
    /// The frame's offset in the library: `<unavailable> + N` is already relative to the
    /// library's start; `symbol + N` is relative to the symbol, printed at its address, so the
    /// graded process's `GRADE-LIBRARY-BASE` line (`CheckHarness`) gives the start. Both come from the graded process and shape only this
    /// message, never a verdict.
    func crashLocation(_ stderr: String) -> String? {
        let library = Platform.sharedLibrary(manifest.moduleName)
        let lines = stderr.split(separator: "\n")
        let base = lines.lazy.compactMap { line -> UInt64? in
            let fields = line.split(separator: " ")
            guard fields.count == 3, fields[0] == "GRADE-LIBRARY-BASE", fields[1] == library else { return nil }
            return UInt64(fields[2].dropFirst(2), radix: 16)
        }.first
        for line in lines {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 4, Int(fields[0]) != nil, fields[1] == library, fields[2].hasPrefix("0x"),
                  let address = UInt64(fields[2].dropFirst(2), radix: 16) else { continue }
            var symbol = fields[3...].joined(separator: " ")
            var offset: UInt64?
            if let plus = symbol.range(of: " + ", options: .backwards) {
                let delta = UInt64(symbol[plus.upperBound...])
                symbol = String(symbol[..<plus.lowerBound])
                // The runtime prints `<unavailable> + (pc − library start)` at the pc, or
                // `symbol + (pc − symbol)` at the symbol's address.
                offset = symbol == "<unavailable>" ? delta
                    : base.flatMap { base in delta.flatMap { address + $0 >= base ? address + $0 - base : nil } }
            }
            // The return address is just past the call: look up the byte before it.
            let place = offset.flatMap { $0 > 0 ? sourceLine(atOffset: $0 - 1) : nil }
            if let inner = symbol.range(of: " in ", options: .backwards) { symbol = String(symbol[inner.upperBound...]) }
            symbol = symbol.replacingOccurrences(of: manifest.moduleName + ".", with: "")
            if symbol == "<unavailable>" || symbol.isEmpty {
                guard let place else { continue }
                return "in your code, \(place)"
            }
            if let place { return "in your function \(symbol), \(place)" }
            return "in your function \(symbol)" + (declaration(of: symbol).map { ", \($0)" } ?? "")
        }
        return nil
    }

    /// The student's file and line at `offset` in their library (`Exercises/ex1/Softmax.swift:14`):
    /// the innermost frame, inlined ones included, that is in one of the student's files (a trap
    /// inside an inlined standard-library subscript is reported at the student's line that called
    /// it). Nil without a symbolizer, line tables, or a frame in the student's files.
    func sourceLine(atOffset offset: UInt64) -> String? {
        guard let symbolizer = products.symbolizer, let folder = products.sourceFolder else { return nil }
        let result = Subprocess.run(symbolizer, ["--obj=" + products.studentLibrary.path, "--no-demangle",
                                                 "0x" + String(offset, radix: 16)],
                                    timeLimit: 10, outputLimit: 1 << 16)
        guard result.succeeded else { return nil }
        let root = folder.standardizedFileURL.path + "/"
        let names = Set(FileManager.default.files(under: folder, suffix: ".swift").map { String($0.standardizedFileURL.path.dropFirst(root.count)) })
        let output = result.stdout.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        var index = 0
        while index + 1 < output.count {
            let where_ = output[index + 1]
            index += 2
            // `/path/to/Softmax.swift:14:35`
            let parts = where_.split(separator: ":")
            guard parts.count >= 3, let line = Int(parts[parts.count - 2]), line > 0 else { continue }
            let path = parts.dropLast(2).joined(separator: ":")
            let relative = path.hasPrefix(root) ? String(path.dropFirst(root.count)) : nil
            let file = relative.flatMap { names.contains($0) ? $0 : nil }
                ?? names.first { path.hasSuffix("/" + $0) }
            guard let file else { continue }
            return "\(products.displayName)/\(file):\(line)"
        }
        return nil
    }

    /// `Exercises/ex1/Softmax.swift:12` for `softmax(_:)` (or `DenseLayer.forward(_:)`): the first
    /// line of the student's files that declares a function of that name.
    func declaration(of symbol: String) -> String? {
        guard let folder = products.sourceFolder else { return nil }
        let base = symbol.prefix { $0 != "(" }
        guard let name = base.split(separator: ".").last.map(String.init), !name.isEmpty else { return nil }
        let wanted = name == "init" ? ["init("] : ["func \(name)(", "func \(name)<"]
        let root = folder.standardizedFileURL.path + "/"
        for file in FileManager.default.files(under: folder, suffix: ".swift") {
            guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where wanted.contains(where: { line.contains($0) }) {
                return "\(products.displayName)/\(file.path.dropFirst(root.count)):\(index + 1)"
            }
        }
        return nil
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

import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The outcome of running a child process under limits.
public struct SubprocessResult: Sendable {
    /// Exit status when the process exited normally, nil when a signal ended it.
    public var exitCode: Int32?
    /// The signal that ended the process, if any (after a time-out this is SIGKILL).
    public var signal: Int32?
    public var standardOutput: Data
    public var standardError: Data
    public var timedOut: Bool
    /// True when the process printed more than the output limit and was stopped for it.
    public var outputLimitExceeded: Bool
    public var seconds: Double

    public var stdout: String { String(decoding: standardOutput, as: UTF8.self) }
    public var stderr: String { String(decoding: standardError, as: UTF8.self) }
    public var succeeded: Bool { exitCode == 0 && !timedOut && !outputLimitExceeded }
}

/// Runs a command with a wall-clock limit and a cap on what it may print.
///
/// Every child the grader starts goes through here: a compiler that hangs, a check that loops
/// forever or prints megabytes costs that one child, never the grader. The child is made the
/// leader of its own process group, so a time-out kills whatever it started too.
public enum Subprocess {
    public static func run(
        _ executable: String,
        _ arguments: [String],
        workingDirectory: String? = nil,
        environment: [String: String]? = nil,
        input: Data? = nil,
        timeLimit: Double,
        outputLimit: Int = 8 << 20
    ) -> SubprocessResult {
        let start = Date()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let workingDirectory { process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory) }
        if let environment { process.environment = environment }
        let outPipe = Pipe(), errPipe = Pipe(), inPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = inPipe

        let lock = NSLock()
        var out = Data(), err = Data()
        var exceeded = false
        let drained = DispatchGroup()

        func reader(_ handle: FileHandle, _ append: @escaping (Data) -> Bool) {
            drained.enter()
            DispatchQueue.global().async {
                while true {
                    let chunk = handle.availableData
                    if chunk.isEmpty { break }
                    if !append(chunk) { break }
                }
                drained.leave()
            }
        }

        do {
            try process.run()
        } catch {
            return SubprocessResult(exitCode: 127, signal: nil, standardOutput: Data(),
                                    standardError: Data("could not start \(executable): \(error)".utf8),
                                    timedOut: false, outputLimitExceeded: false, seconds: 0)
        }
        let pid = process.processIdentifier
        setpgid(pid, pid)

        reader(outPipe.fileHandleForReading) { chunk in
            lock.lock(); defer { lock.unlock() }
            if out.count + err.count + chunk.count > outputLimit {
                out.append(chunk.prefix(max(0, outputLimit - out.count - err.count)))
                exceeded = true
                kill(pid, SIGKILL)
                return false
            }
            out.append(chunk); return true
        }
        reader(errPipe.fileHandleForReading) { chunk in
            lock.lock(); defer { lock.unlock() }
            if out.count + err.count + chunk.count > outputLimit {
                err.append(chunk.prefix(max(0, outputLimit - out.count - err.count)))
                exceeded = true
                kill(pid, SIGKILL)
                return false
            }
            err.append(chunk); return true
        }

        // Feed the input, then close the child's standard input.
        let writer = inPipe.fileHandleForWriting
        if let input, !input.isEmpty { try? writer.write(contentsOf: input) }
        try? writer.close()

        let exited = DispatchSemaphore(value: 0)
        DispatchQueue.global().async { process.waitUntilExit(); exited.signal() }
        var timedOut = false
        if exited.wait(timeout: .now() + timeLimit) == .timedOut {
            timedOut = true
            kill(-pid, SIGKILL)
            kill(pid, SIGKILL)
            exited.wait()
        }
        // Whatever the child left running in its group goes too.
        kill(-pid, SIGKILL)
        // Readers end at end-of-file; a grandchild holding the pipe open must not hang us.
        _ = drained.wait(timeout: .now() + 2)

        lock.lock(); defer { lock.unlock() }
        let signalled = process.terminationReason == .uncaughtSignal
        return SubprocessResult(
            exitCode: signalled ? nil : process.terminationStatus,
            signal: signalled ? process.terminationStatus : nil,
            standardOutput: out, standardError: err,
            timedOut: timedOut, outputLimitExceeded: exceeded,
            seconds: Date().timeIntervalSince(start))
    }

    /// Finds a program on the PATH.
    public static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// What posix_spawn's opaque types are: structs in glibc, pointers on Darwin.
#if canImport(Darwin)
typealias SpawnFileActions = posix_spawn_file_actions_t?
typealias SpawnAttributes = posix_spawnattr_t?
#else
typealias SpawnFileActions = posix_spawn_file_actions_t
typealias SpawnAttributes = posix_spawnattr_t
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
    /// True when standard output alone went over its own limit (`standardOutputLimit`).
    public var standardOutputLimitExceeded = false

    public var stdout: String { String(decoding: standardOutput, as: UTF8.self) }
    public var stderr: String { String(decoding: standardError, as: UTF8.self) }
    public var succeeded: Bool { exitCode == 0 && !timedOut && !outputLimitExceeded }
}

/// Runs a command with a wall-clock limit and a cap on what it may print.
///
/// Every child the grader starts goes through here: a compiler that hangs, a check that loops
/// forever or prints megabytes costs that one child, never the grader. The child is spawned as
/// the leader of a new process group, so a time-out kills whatever it started too. All the
/// waiting happens on the calling thread with `poll`, so many children can run at once from
/// plain threads without starving a shared thread pool.
public enum Subprocess {
    public static func run(
        _ executable: String,
        _ arguments: [String],
        workingDirectory: String? = nil,
        environment: [String: String]? = nil,
        input: Data? = nil,
        timeLimit: Double,
        outputLimit: Int = 8 << 20,
        standardOutputLimit: Int? = nil
    ) -> SubprocessResult {
        let start = Date()
        func failure(_ message: String) -> SubprocessResult {
            SubprocessResult(exitCode: 127, signal: nil, standardOutput: Data(), standardError: Data(message.utf8),
                             timedOut: false, outputLimitExceeded: false, seconds: 0)
        }
        // Close-on-exec pipes, and (where the C library can) every descriptor above 2 closed in the
        // child: a child inherits nothing of the grader's, nor of the children started beside it
        // on other threads.
        var outPipe: [Int32] = [0, 0], errPipe: [Int32] = [0, 0], inPipe: [Int32] = [0, 0]
        guard closeOnExecPipe(&outPipe), closeOnExecPipe(&errPipe), closeOnExecPipe(&inPipe) else { return failure("could not create pipes") }

        var actions = Self.emptyFileActions()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, inPipe[0], 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        if let closeFrom = Self.addCloseFrom { _ = closeFrom(&actions, 3) }
        if let workingDirectory {
            guard let addChdir = Self.addChdir else { return failure("this C library cannot set a child's working directory") }
            _ = addChdir(&actions, workingDirectory)
        }

        var attributes = Self.emptyAttributes()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setpgroup(&attributes, 0)
        var defaultSignals = sigset_t()
        sigemptyset(&defaultSignals)
        sigaddset(&defaultSignals, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaultSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | Self.closeOthersFlag))

        let env = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        var pid: pid_t = 0
        let spawned = withCStrings([executable] + arguments) { argv in
            withCStrings(env) { envp in
                posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
            }
        }
        close(inPipe[0]); close(outPipe[1]); close(errPipe[1])
        guard spawned == 0 else {
            close(inPipe[1]); close(outPipe[0]); close(errPipe[0])
            return failure("could not start \(executable): \(String(cString: strerror(spawned)))")
        }

        // Feed the input, then close the child's standard input. A child that reads all of its
        // input before it writes (the verifying process) can take any size.
        if let input, !input.isEmpty { Self.writeWithoutSIGPIPE(inPipe[1], input) }
        close(inPipe[1])

        var out = Data(), err = Data()
        var exceeded = false, timedOut = false, streamExceeded = false
        var open: [Int32] = [outPipe[0], errPipe[0]]
        var status: Int32 = 0
        var reaped = false
        var reapedAt: Date?
        let deadline = start.addingTimeInterval(timeLimit)
        var buffer = [UInt8](repeating: 0, count: 65_536)

        while true {
            if !reaped, waitpid(pid, &status, WNOHANG) == pid { reaped = true; reapedAt = Date() }
            if open.isEmpty && reaped { break }
            // A grandchild that keeps the pipes open after the child exited gets a moment, then is cut off.
            if reaped, let reapedAt, Date().timeIntervalSince(reapedAt) > 1 { break }
            let now = Date()
            if now >= deadline && !timedOut {
                timedOut = true
                kill(-pid, SIGKILL); kill(pid, SIGKILL)
            }
            if open.isEmpty {
                if timedOut || exceeded || streamExceeded { waitpid(pid, &status, 0); reaped = true; break }
                usleep(2_000)
                continue
            }
            var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let wait = max(1, min(100, Int32(deadline.timeIntervalSince(now) * 1000)))
            let ready = poll(&fds, nfds_t(fds.count), timedOut ? 100 : wait)
            if ready <= 0 { continue }
            for descriptor in fds where descriptor.revents != 0 {
                let count = read(descriptor.fd, &buffer, buffer.count)
                if count <= 0 {
                    close(descriptor.fd)
                    open.removeAll { $0 == descriptor.fd }
                    continue
                }
                let isOut = descriptor.fd == outPipe[0]
                // With a separate limit for standard output, the output limit counts standard error alone.
                let room: Int
                if let standardOutputLimit {
                    room = max(0, isOut ? standardOutputLimit - out.count : outputLimit - err.count)
                } else {
                    room = max(0, outputLimit - out.count - err.count)
                }
                let chunk = buffer[0..<min(count, room)]
                if isOut { out.append(contentsOf: chunk) } else { err.append(contentsOf: chunk) }
                if count > room && !exceeded && !streamExceeded {
                    if isOut && standardOutputLimit != nil { streamExceeded = true } else { exceeded = true }
                    kill(-pid, SIGKILL); kill(pid, SIGKILL)
                }
            }
        }
        for fd in open { close(fd) }
        if !reaped { waitpid(pid, &status, 0) }
        // Whatever the child left running in its group goes too.
        kill(-pid, SIGKILL)

        let signalled = (status & 0x7f) != 0 && (status & 0x7f) != 0x7f
        return SubprocessResult(
            exitCode: signalled ? nil : (status >> 8) & 0xff,
            signal: signalled ? status & 0x7f : nil,
            standardOutput: out, standardError: err,
            timedOut: timedOut, outputLimitExceeded: exceeded,
            seconds: Date().timeIntervalSince(start),
            standardOutputLimitExceeded: streamExceeded)
    }

    /// Writes all of `data` to a pipe whose reader may be gone. SIGPIPE is blocked on this thread
    /// only while writing (a write to a closed pipe then fails with EPIPE instead of killing the
    /// grader), and a SIGPIPE it raised is taken off before the mask is restored: no process-wide
    /// signal setting changes.
    static func writeWithoutSIGPIPE(_ fd: Int32, _ data: Data) {
        var pipeOnly = sigset_t(), previous = sigset_t()
        sigemptyset(&pipeOnly)
        sigaddset(&pipeOnly, SIGPIPE)
        pthread_sigmask(SIG_BLOCK, &pipeOnly, &previous)
        var broken = false
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 && errno == EINTR { continue }
                if written <= 0 { broken = errno == EPIPE; break }
                offset += written
            }
        }
        if broken {
            var pending = sigset_t()
            sigpending(&pending)
            var taken: Int32 = 0
            if sigismember(&pending, SIGPIPE) == 1 { _ = sigwait(&pipeOnly, &taken) }   // pending: returns at once
        }
        pthread_sigmask(SIG_SETMASK, &previous, nil)
    }

    private static func closeOnExecPipe(_ fds: inout [Int32]) -> Bool {
        #if os(Linux)
        if let pipe2 = Self.pipe2 { return pipe2(&fds, Int32(O_CLOEXEC)) == 0 }
        #endif
        guard pipe(&fds) == 0 else { return false }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return true
    }

    #if os(Linux)
    /// `pipe2(2)`, which Swift's Glibc module does not export (it needs `_GNU_SOURCE`).
    private static let pipe2: (@convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32)? = {
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "pipe2") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32).self)
    }()
    #endif

    #if canImport(Darwin)
    private static func emptyFileActions() -> SpawnFileActions { nil }
    private static func emptyAttributes() -> SpawnAttributes { nil }
    /// `POSIX_SPAWN_CLOEXEC_DEFAULT`: the child keeps only the descriptors the file actions set up.
    private static let closeOthersFlag: Int32 = 0x4000
    #else
    private static func emptyFileActions() -> SpawnFileActions { posix_spawn_file_actions_t() }
    private static func emptyAttributes() -> SpawnAttributes { posix_spawnattr_t() }
    /// glibc has no such flag: `addclosefrom_np` in the file actions does the same.
    private static let closeOthersFlag: Int32 = 0
    #endif

    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<SpawnFileActions>, Int32) -> Int32
    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later).
    private static let addCloseFrom: AddCloseFrom? = {
        guard let handle = dlopen(nil, RTLD_NOW),
              let symbol = dlsym(handle, "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: AddCloseFrom.self)
    }()

    private typealias AddChdir = @convention(c) (UnsafeMutablePointer<SpawnFileActions>, UnsafePointer<CChar>) -> Int32
    /// `posix_spawn_file_actions_addchdir_np` (glibc 2.29 and later, macOS 10.15 and later), which
    /// Swift's Glibc module does not export.
    private static let addChdir: AddChdir? = {
        guard let handle = dlopen(nil, RTLD_NOW),
              let symbol = dlsym(handle, "posix_spawn_file_actions_addchdir_np") else { return nil }
        return unsafeBitCast(symbol, to: AddChdir.self)
    }()

    /// Finds a program on the PATH.
    public static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Calls `body` with a NULL-terminated C array of the strings.
    private static func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
        var pointers = strings.map { strdup($0) }
        pointers.append(nil)
        defer { for pointer in pointers { free(pointer) } }
        return body(pointers)
    }
}

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Isolates the graded process before any student code runs (Linux; elsewhere it does nothing
/// and the level is `none`).
///
/// With `GRADE_ISOLATE=1` the runner
///
/// 1. enters new PID, mount and network namespaces (`unshare`; when the grader is not root, a
///    user namespace too, in which it is root over its own namespaces only). There is no network;
/// 2. forks twice: the first child is the namespace's init (PID 1), which only waits; the second
///    runs the check. When the check ends, init exits, and the kernel kills every process left
///    in the namespace, however it detached (`setsid`, a double fork). Init dies with the runner
///    the grader started (`PR_SET_PDEATHSIG`), so a time-out takes the whole namespace with it.
///    No process outside the namespace has a PID the check can name;
/// 3. builds a root of its own on a 64 MiB `tmpfs` and pivots into it: `/work` (its working
///    folder), `/data` (the course's data, read-only), `/tmp`, `/var/tmp` and `/dev/shm` (empty,
///    private, gone with the check), `/dev/null`, `/dev/zero`, `/dev/urandom` and a `/proc` of its
///    own PID namespace (left empty where the kernel refuses one to an unprivileged user). The old root is detached: no other file on the machine (the course, its solutions
///    and hidden suites, other students' submissions, other copies) is reachable by any path.
///    The executable and its libraries were mapped before, so they keep working;
/// 4. when the grader runs as root (with the capabilities to mount), becomes `nobody` (65534)
///    with at most 256 processes.
///
/// `level` is `full` when all of this held, `none` when the kernel refused the namespaces (or
/// isolation was not asked for): then the check runs as a plain process in its own process
/// group, and the grader kills that group when the check ends. A failure after the first step
/// stops the check with a `grade-sandbox:` line, which the grader reports as its own problem.
public enum CheckSandbox {
    public enum Level: String, Sendable { case full, none }

    public private(set) static var level: Level = .none

    /// The user and group the checks run as when the grader is root.
    static let nobody: UInt32 = 65534

    /// The first words of the line a failed set-up writes on standard error.
    public static let failureMarker = "grade-sandbox:"

    static func enter(environment: [String: String]) {
        #if os(Linux)
        guard environment["GRADE_ISOLATE"] == "1" else { return }
        let wasRoot = geteuid() == 0
        let uid = getuid(), gid = getgid()
        // Foundation finds the main bundle from the executable's path once, lazily; XCTest asks for
        // it later, when that path is gone, so it is looked up now.
        _ = Bundle.main.bundlePath
        guard let unshare = libc("unshare", as: (@convention(c) (Int32) -> Int32).self) else { return }
        // Root with the capabilities to mount needs no user namespace; anyone else (and a root
        // without them, as in an unprivileged container) is root only inside one of its own.
        let flags = cloneNewNS | cloneNewNet | cloneNewPID
        var ownUserNamespace = !wasRoot
        if unshare(flags | (wasRoot ? 0 : cloneNewUser)) != 0 {
            guard wasRoot, unshare(flags | cloneNewUser) == 0 else { return }
            ownUserNamespace = true
        }
        if ownUserNamespace {
            _ = write("/proc/self/setgroups", "deny")
            // Some systems allow the namespace but not the mapping (Ubuntu's AppArmor policy for
            // unprivileged user namespaces, say): then nothing is isolated, and nothing is forked.
            guard write("/proc/self/uid_map", "0 \(uid) 1"), write("/proc/self/gid_map", "0 \(gid) 1") else { return }
        }
        becomeNamespaceInit()
        // From here on this is the check's process, PID 2 of its namespace.
        let workFD = open(".", O_RDONLY | O_DIRECTORY)
        let dataFD = environment["COURSE_DATA_DIR"].map { open($0, O_RDONLY | O_DIRECTORY) } ?? -1
        check(workFD >= 0 ? 0 : -1, "opening the working folder")
        check(mount(nil, "/", nil, UInt(MS_REC | MS_PRIVATE), nil), "making the mounts private")
        let root = "/tmp"
        check(mount("tmpfs", root, "tmpfs", UInt(MS_NOSUID | MS_NODEV), "size=64m,mode=0755"), "mounting the new root")
        for folder in ["work", "data", "dev", "dev/shm", "proc", "tmp", "var", "var/tmp", "oldroot"] {
            check(mkdir("\(root)/\(folder)", 0o755), "creating /\(folder)")
        }
        for folder in ["tmp", "var/tmp", "dev/shm"] { check(chmod("\(root)/\(folder)", 0o1777), "opening /\(folder)") }
        check(mount("/proc/self/fd/\(workFD)", "\(root)/work", nil, UInt(MS_BIND), nil), "binding the working folder")
        if dataFD >= 0 {
            check(mount("/proc/self/fd/\(dataFD)", "\(root)/data", nil, UInt(MS_BIND), nil), "binding the data folder")
            check(mount(nil, "\(root)/data", nil, UInt(MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV), nil), "making the data read-only")
            close(dataFD)
        }
        close(workFD)
        for device in ["null", "zero", "full", "random", "urandom"] {
            let node = "\(root)/dev/\(device)"
            let fd = open(node, O_CREAT | O_WRONLY, 0o666)
            check(fd >= 0 ? 0 : -1, "creating /dev/\(device)")
            close(fd)
            check(mount("/dev/\(device)", node, nil, UInt(MS_BIND), nil), "binding /dev/\(device)")
        }
        // A /proc of the new PID namespace (only its own processes). Inside a container that masks
        // parts of the host's /proc, the kernel refuses it to an unprivileged user namespace; then
        // /proc stays empty, which hides as much.
        _ = mount("proc", "\(root)/proc", "proc", UInt(MS_NOSUID | MS_NODEV | MS_NOEXEC), nil)
        check(pivotRoot(root, "\(root)/oldroot"), "pivoting into the new root")
        check(chdir("/"), "entering the new root")
        check(umount2("/oldroot", Int32(MNT_DETACH)), "detaching the old root")
        check(rmdir("/oldroot"), "removing /oldroot")
        check(chdir("/work"), "entering /work")
        setenv("HOME", "/work", 1)
        setenv("TMPDIR", "/tmp", 1)
        setenv("PWD", "/work", 1)
        if dataFD >= 0 { setenv("COURSE_DATA_DIR", "/data", 1) } else { unsetenv("COURSE_DATA_DIR") }
        if wasRoot && !ownUserNamespace {
            check(chown("/work", nobody, nobody), "handing the working folder to nobody")
            check(setgroups(0, nil), "dropping groups")
            check(setgid(nobody), "becoming group nobody")
            check(setuid(nobody), "becoming user nobody")
            if setuid(0) == 0 { fail("dropping root") }
            Limits.set(.processes, to: 256)
        }
        level = .full
        #endif
    }

    private static func check(_ status: Int32, _ step: String) {
        if status != 0 { fail(step) }
    }

    private static func fail(_ step: String) -> Never {
        let reason = String(cString: strerror(errno))
        FileHandle.standardError.write(Data("\(failureMarker) \(step) failed (\(reason))\n".utf8))
        exit(70)
    }

    #if os(Linux)
    private static let cloneNewNS: Int32 = 0x0002_0000
    private static let cloneNewPID: Int32 = 0x2000_0000
    private static let cloneNewUser: Int32 = 0x1000_0000
    private static let cloneNewNet: Int32 = 0x4000_0000

    /// Forks the namespace's init and, from it, the check. Returns in the check's process only;
    /// the runner the grader started waits for init, init waits for the check, and each passes
    /// on how the check ended (its exit status, or the signal that killed it, raised again).
    private static func becomeNamespaceInit() {
        var statusPipe: [Int32] = [0, 0]
        check(pipe(&statusPipe), "creating the status pipe")
        let initPID = fork()
        check(initPID >= 0 ? 0 : -1, "forking the namespace's init")
        if initPID > 0 {
            close(statusPipe[1])
            relay(read: statusPipe[0], child: initPID)
        }
        // Init: PID 1 of the new namespace. It dies with the runner the grader started.
        close(statusPipe[0])
        if let prctl = libc("prctl", as: (@convention(c) (Int32, UInt, UInt, UInt, UInt) -> Int32).self) {
            _ = prctl(1 /* PR_SET_PDEATHSIG */, UInt(SIGKILL), 0, 0, 0)
        }
        let checkPID = fork()
        if checkPID < 0 { _exit(70) }
        if checkPID == 0 {
            close(statusPipe[1])
            return
        }
        var status: Int32 = 0
        while true {
            var any: Int32 = 0
            let reaped = waitpid(-1, &any, 0)
            if reaped == checkPID { status = any; break }
            if reaped < 0 && errno != EINTR { break }
        }
        var word = status
        _ = withUnsafeBytes(of: &word) { Glibc.write(statusPipe[1], $0.baseAddress, 4) }
        _exit(0)
    }

    /// The runner's last act: wait for init, then end the way the check ended.
    private static func relay(read descriptor: Int32, child: pid_t) -> Never {
        var status: Int32 = 0
        var word: Int32 = 0
        let count = withUnsafeMutableBytes(of: &word) { Glibc.read(descriptor, $0.baseAddress, 4) }
        while waitpid(child, &status, 0) < 0 && errno == EINTR {}
        guard count == 4 else { _exit(70) }
        let signal = word & 0x7f
        if signal != 0 && signal != 0x7f {
            Glibc.signal(signal, SIG_DFL)
            kill(getpid(), signal)
            _exit(128 + signal)
        }
        _exit((word >> 8) & 0xff)
    }

    private static func pivotRoot(_ newRoot: String, _ putOld: String) -> Int32 {
        guard let syscall = libc("syscall", as: (@convention(c) (Int, UnsafePointer<CChar>, UnsafePointer<CChar>) -> Int).self) else { return -1 }
        #if arch(x86_64)
        let number = 155
        #elseif arch(arm64)
        let number = 41
        #else
        return -1
        #endif
        return Int32(syscall(number, newRoot, putOld))
    }

    private static func libc<T>(_ name: String, as type: T.Type) -> T? {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), name) else { return nil }
        return unsafeBitCast(symbol, to: type)
    }

    private static func write(_ path: String, _ text: String) -> Bool {
        let fd = open(path, O_WRONLY)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        return Glibc.write(fd, bytes, bytes.count) == bytes.count
    }
    #endif
}

import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Hides the course's files from a check before any student code runs (Linux only).
///
/// The grader names the folders to hide in `GRADE_SANDBOX_HIDE` (one absolute path per line:
/// the course, a batch's submissions and output, a Gradescope submission). The runner then
///
/// 1. enters a mount namespace and an empty network namespace of its own
///    (`unshare(CLONE_NEWNS | CLONE_NEWNET)`: no network; when the grader is not root, a user
///    namespace too, `CLONE_NEWUSER`, where it is root over its own mounts only);
/// 2. mounts a fresh 64 MiB `tmpfs` on `/tmp`, binds its own working folder at `/tmp/work` and
///    the course's data folder read-only at `/tmp/data` (`COURSE_DATA_DIR`), and works there;
/// 3. covers every named folder with an empty read-only `tmpfs`, so `Solutions/`, the hidden
///    suites, other students' files and the results folder read as empty and cannot be written;
/// 4. when the grader runs as root, drops to the user and group `nobody` (65534), so the check
///    can no longer reach the grader's files through `/proc/<pid>/cwd` or `/proc/<pid>/root`.
///
/// The executable and its libraries are mapped before `main` runs, so hiding their folders does
/// not disturb them. Everything happens in the runner's own process: the namespace ends with it.
///
/// `level` is what the check ran under: `full` (all four steps), `partial` (files hidden, but
/// the process keeps the grader's user, so `/proc` still leads back to them), or `none`
/// (nothing to hide, not Linux, or the kernel refused a namespace).
public enum CheckSandbox {
    public enum Level: String, Sendable { case full, partial, none }

    public private(set) static var level: Level = .none

    /// The user and group the checks run as when the grader is root.
    static let nobody: UInt32 = 65534

    static func enter(environment: [String: String]) {
        #if os(Linux)
        let hide = (environment["GRADE_SANDBOX_HIDE"] ?? "").split(separator: "\n").map(String.init)
            .filter { $0.hasPrefix("/") && $0 != "/" }
        guard !hide.isEmpty else { return }
        let wasRoot = geteuid() == 0
        let uid = getuid(), gid = getgid()
        // Foundation finds the main bundle from the executable's path once, lazily; XCTest asks for
        // it later, when that path is covered, so it is looked up now.
        _ = Bundle.main.bundlePath
        // Without a namespace nothing has changed yet: the check runs as before, at level `none`
        // (a check left in a namespace without mounts only loses the network, which none uses).
        guard let unshare = unshareFunction() else { return }
        if wasRoot {
            guard unshare(cloneNewNS | cloneNewNet) == 0 else { return }
        } else {
            guard unshare(cloneNewNS | cloneNewNet | cloneNewUser) == 0 else { return }
            // Be root inside the new user namespace (needed to mount), mapped to our own user.
            _ = write("/proc/self/setgroups", "deny")
            // Some systems allow the namespace but not the mapping or the mounts (Ubuntu's
            // AppArmor policy for unprivileged user namespaces, say). Nothing is covered yet, so
            // the check then simply runs without the sandbox, at level `none`.
            guard write("/proc/self/uid_map", "0 \(uid) 1"), write("/proc/self/gid_map", "0 \(gid) 1") else { return }
        }
        // Nothing mounted here may propagate back to the grader's namespace.
        guard mount(nil, "/", nil, UInt(MS_REC | MS_PRIVATE), nil) == 0 else { return }
        // Descriptors (in this namespace) of what must stay reachable, opened before anything is covered.
        let workFD = open(".", O_RDONLY | O_DIRECTORY)
        let dataFD = environment["COURSE_DATA_DIR"].map { open($0, O_RDONLY | O_DIRECTORY) } ?? -1
        guard workFD >= 0, mount("tmpfs", "/tmp", "tmpfs", UInt(MS_NOSUID | MS_NODEV), "size=64m,mode=1777") == 0 else {
            if workFD >= 0 { close(workFD) }
            if dataFD >= 0 { close(dataFD) }
            return
        }
        // From here on a failed step would leave the check half isolated, so it stops the check
        // with a message the grader reports as its own problem, never as the student's.
        check(mkdir("/tmp/work", 0o755), "creating /tmp/work")
        check(mount("/proc/self/fd/\(workFD)", "/tmp/work", nil, UInt(MS_BIND), nil), "binding the working folder")
        check(chdir("/tmp/work"), "entering /tmp/work")
        setenv("HOME", "/tmp/work", 1)
        setenv("TMPDIR", "/tmp/work", 1)
        if dataFD >= 0 {
            check(mkdir("/tmp/data", 0o755), "creating /tmp/data")
            check(mount("/proc/self/fd/\(dataFD)", "/tmp/data", nil, UInt(MS_BIND), nil), "binding the data folder")
            check(mount(nil, "/tmp/data", nil, UInt(MS_BIND | MS_REMOUNT | MS_RDONLY), nil), "making the data read-only")
            setenv("COURSE_DATA_DIR", "/tmp/data", 1)
            close(dataFD)
        }
        close(workFD)
        for path in hide where isFolder(path) {
            check(mount("tmpfs", path, "tmpfs", UInt(MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC), "size=4k,mode=0555"),
                  "covering \(path)")
        }
        level = .partial
        if wasRoot {
            // The working folder becomes the check's; then root is given up for good.
            check(chown(".", nobody, nobody), "handing the working folder to nobody")
            check(setgroups(0, nil), "dropping groups")
            check(setgid(nobody), "becoming group nobody")
            check(setuid(nobody), "becoming user nobody")
            if setuid(0) == 0 { fail("dropping root") }
            level = .full
        }
        #endif
    }

    /// The first words of the line a failed set-up writes on standard error.
    public static let failureMarker = "grade-sandbox:"

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
    private static let cloneNewUser: Int32 = 0x1000_0000
    private static let cloneNewNet: Int32 = 0x4000_0000

    /// `unshare(2)`, which the Glibc module does not export.
    private static func unshareFunction() -> (@convention(c) (Int32) -> Int32)? {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "unshare") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32) -> Int32).self)
    }

    private static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
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

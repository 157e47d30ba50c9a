import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Resource limits of the graded process, set with `setrlimit` (both the soft and the hard limit,
/// so the student's code cannot raise them again).
enum Limits {
    enum Resource { case addressSpace, coreFile, processes }

    static func set(_ resource: Resource, to value: UInt64) {
        var limit = rlimit(rlim_cur: rlim_t(value), rlim_max: rlim_t(value))
        #if os(Linux)
        let id: Int32
        switch resource {
        case .addressSpace: id = Int32(RLIMIT_AS.rawValue)
        case .coreFile: id = Int32(RLIMIT_CORE.rawValue)
        case .processes: id = 6   // RLIMIT_NPROC, which Swift's Glibc module does not export
        }
        _ = setrlimit(id, &limit)
        #else
        let id: Int32
        switch resource {
        case .addressSpace: id = RLIMIT_AS
        case .coreFile: id = RLIMIT_CORE
        case .processes: id = RLIMIT_NPROC
        }
        _ = setrlimit(id, &limit)
        #endif
    }
}

/// Descriptor hygiene: the graded code starts with standard input, output and error only.
enum Descriptors {
    /// Closes every descriptor above 2 (whatever the process inherited by mistake).
    static func closeAllButStandard() {
        #if os(Linux)
        // close_range(3, ~0, 0), where the kernel has it (5.9 and later); else one by one.
        if let symbol = dlsym(dlopen(nil, RTLD_NOW), "close_range") {
            let closeRange = unsafeBitCast(symbol, to: (@convention(c) (UInt32, UInt32, Int32) -> Int32).self)
            if closeRange(3, UInt32.max, 0) == 0 { return }
        }
        #endif
        let highest = Int32(min(sysconf(Int32(_SC_OPEN_MAX)), 65_536))
        if highest > 3 { for fd in 3..<highest { close(fd) } }
    }
}

import Foundation

/// The Swift compiler the grader builds exercises with.
public struct Toolchain: Sendable {
    public let swiftc: String
    /// `Swift version 6.3.1 (swift-6.3.1-RELEASE)`: printed in every report.
    public let version: String

    /// `llvm-symbolizer` beside the real `swiftc` (the swift.org toolchains ship it), else on
    /// the PATH; nil when neither has it (Xcode's toolchain does not: a crash is then located
    /// by the function's declaration only).
    public var symbolizer: String? {
        let real = URL(fileURLWithPath: swiftc).resolvingSymlinksInPath().deletingLastPathComponent()
        let beside = real.appendingPathComponent("llvm-symbolizer").path
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        return Subprocess.which("llvm-symbolizer")
    }

    public static func locate() throws -> Toolchain {
        let env = ProcessInfo.processInfo.environment
        let candidates = [env["SWIFTC"], Subprocess.which("swiftc")].compactMap { $0 }
        guard let swiftc = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw GradeError.toolchain("swiftc is not on the PATH; install Swift 6 and make sure `swiftc --version` works.")
        }
        let result = Subprocess.run(swiftc, ["--version"], timeLimit: 60)
        guard result.succeeded else { throw GradeError.toolchain("`swiftc --version` failed: \(result.stderr)") }
        let first = (result.stdout + result.stderr).split(separator: "\n").first { $0.contains("Swift version") }
        return Toolchain(swiftc: swiftc, version: first.map(String.init)?.trimmingCharacters(in: .whitespaces) ?? "unknown")
    }
}

/// FNV-1a, 64 bits: a stable fingerprint for build caching (not for security).
struct Fingerprint {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ bytes: Data) {
        for byte in bytes { value = (value ^ UInt64(byte)) &* 0x100_0000_01b3 }
        add(separator: 0xff)
    }
    mutating func add(_ text: String) { add(Data(text.utf8)) }
    mutating func add(separator: UInt8) { value = (value ^ UInt64(separator)) &* 0x100_0000_01b3 }
    mutating func add(file url: URL) {
        add(url.lastPathComponent)
        add((try? Data(contentsOf: url)) ?? Data())
    }

    var hex: String { String(value, radix: 16, uppercase: false).leftPadded(to: 16) }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}

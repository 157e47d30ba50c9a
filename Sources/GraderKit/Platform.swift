import Foundation

/// What differs between the systems the grader runs on, in one place.
///
/// Linux (x86-64 and arm64) is where this project's machines run; the Darwin branches follow
/// Apple's documented behaviour (dyld, `@executable_path`, `.dylib`) and are compiled only there.
public enum Platform {
    /// The file name of a shared library: `libTensorCore.so` on Linux, `libTensorCore.dylib` on macOS.
    public static func sharedLibrary(_ module: String) -> String {
        #if canImport(Darwin)
        return "lib\(module).dylib"
        #else
        return "lib\(module).so"
        #endif
    }

    /// Linker flags that give a shared library its install name (what executables record).
    static func installNameFlags(_ module: String) -> [String] {
        #if canImport(Darwin)
        return ["-Xlinker", "-install_name", "-Xlinker", "@rpath/\(sharedLibrary(module))"]
        #else
        return ["-Xlinker", "-soname", "-Xlinker", sharedLibrary(module)]
        #endif
    }

    /// The runtime search path "the executable's own folder", where each check's folder holds the
    /// exercise library it is to run with (the student's, or the pristine stub).
    static var ownFolderSearchPath: [String] {
        #if canImport(Darwin)
        return ["-Xlinker", "-rpath", "-Xlinker", "@executable_path"]
        #else
        return ["-Xlinker", "-rpath", "-Xlinker", "$ORIGIN"]
        #endif
    }

    /// Environment that makes the dynamic loader resolve every symbol at start-up, so a missing
    /// declaration shows at once (the probe) rather than in the middle of a check.
    static var bindNowEnvironment: [String: String] {
        #if canImport(Darwin)
        return ["DYLD_BIND_AT_LAUNCH": "1"]
        #else
        return ["LD_BIND_NOW": "1"]
        #endif
    }

    /// The symbol the loader could not find, from its error text ("undefined symbol: $s3Ex1…" on
    /// Linux, "Symbol not found: _$s3Ex1…" on macOS).
    static func missingSymbol(in loaderError: String) -> String? {
        for marker in ["undefined symbol: ", "Symbol not found: "] {
            guard let range = loaderError.range(of: marker) else { continue }
            var symbol = loaderError[range.upperBound...].prefix { !$0.isWhitespace && $0 != "," && $0 != ")" }
            if symbol.hasPrefix("_$s") { symbol = symbol.dropFirst() }
            return String(symbol)
        }
        return nil
    }
}

extension Platform {
    /// Where XCTest and Swift Testing live, as compiler and linker flags for the check support
    /// library and the runners. On Linux the toolchain ships both and the driver finds them. On
    /// macOS they sit in Xcode's platform folder (`xcrun --show-sdk-platform-path`), or, with the
    /// Command Line Tools only, Swift Testing alone in `/Library/Developer/CommandLineTools`;
    /// the SDK comes from `xcrun --show-sdk-path`. Written from Apple's documented layout; not run
    /// on a Mac in this project.
    static func testFrameworkFlags() -> [String] {
        #if canImport(Darwin)
        var flags: [String] = []
        if let sdk = xcrun("--show-sdk-path") { flags += ["-sdk", sdk] }
        for folder in testFrameworkFolders() {
            flags += ["-F", folder.frameworks, "-I", folder.libraries, "-L", folder.libraries,
                      "-Xlinker", "-rpath", "-Xlinker", folder.frameworks, "-Xlinker", "-rpath", "-Xlinker", folder.libraries]
        }
        return flags
        #else
        return []
        #endif
    }

    /// Whether XCTest can be compiled against here: always on Linux; on macOS only with Xcode.
    static var hasXCTest: Bool {
        #if canImport(Darwin)
        return testFrameworkFolders().contains { FileManager.default.fileExists(atPath: $0.frameworks + "/XCTest.framework") }
        #else
        return true
        #endif
    }

    /// Why an XCTest check cannot run here, in one sentence (nil where it can).
    static var missingXCTestReason: String? {
        hasXCTest ? nil : "this check is written in XCTest, which the Command Line Tools do not include: install Xcode (then `sudo xcode-select -s /Applications/Xcode.app`) or open the course in its devcontainer; the Swift Testing checks grade here"
    }

    #if canImport(Darwin)
    private static func testFrameworkFolders() -> [(frameworks: String, libraries: String)] {
        var folders: [(String, String)] = []
        if let platform = xcrun("--show-sdk-platform-path") {
            folders.append((platform + "/Developer/Library/Frameworks", platform + "/Developer/usr/lib"))
        }
        let tools = "/Library/Developer/CommandLineTools/Library/Developer"
        folders.append((tools + "/Frameworks", tools + "/usr/lib"))
        return folders.filter { FileManager.default.fileExists(atPath: $0.0) }
    }

    private static func xcrun(_ argument: String) -> String? {
        let result = Subprocess.run("/usr/bin/xcrun", [argument], timeLimit: 30, outputLimit: 1 << 16)
        let text = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        return result.succeeded && !text.isEmpty ? text : nil
    }
    #endif
}

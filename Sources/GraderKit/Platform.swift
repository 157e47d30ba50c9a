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

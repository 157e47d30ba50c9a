import Foundation

/// Makes an editor understand exercise files, which are not SwiftPM targets.
///
/// The grader compiles every exercise with `swiftc` on its own (module `ExN`, seeing `TensorCore`
/// only), so the package knows nothing about `Exercises/`: without help, sourcekit-lsp (VS Code's
/// Swift extension, and any other editor that runs it) has no build settings for those files and
/// shows no errors, completion, hover or definitions there.
///
/// How sourcekit-lsp 6.3 finds the settings written here:
/// - The course folder is a SwiftPM workspace (a `Package.swift` is found before any compilation
///   database, `buildServer.json` aside), so the package's own sources keep SwiftPM's settings.
/// - A file that no target of that workspace contains gets an *implicit workspace*: sourcekit-lsp
///   walks up from the file's folder to the root looking for a build system, and for each folder
///   reads that folder's `.sourcekit-lsp/config.json`.
/// - `Exercises/.sourcekit-lsp/config.json` (generated from `Solutions/.sourcekit-lsp/config.json`
///   like every other file of `Exercises/`, so a student release carries it) names the
///   compilation-database search path `../.grade/editor`; this type writes
///   `.grade/editor/compile_commands.json` there (git-ignored, machine-specific paths).
///
/// Each exercise is its own entry, with its own module name and only `TensorCore`'s module folder
/// on its search path, exactly as the grader compiles it: an exercise that does not compile shows
/// its own errors and cannot affect another exercise, the package, or the grader (nothing here
/// compiles anything). Nothing here ever fails a grading: every error is swallowed.
public enum EditorSupport {
    /// Writes (or refreshes) `.grade/editor/compile_commands.json`: one entry per `.swift` file of
    /// every `Exercises/exN` (and `Solutions/exN`, in an instructor's copy), compiled as module `ExN`
    /// with `-I tensorCore`. Rewrites the file only when its contents change (sourcekit-lsp reloads
    /// it when it changes). Does nothing without a `tensorCore` folder.
    ///
    /// - Parameters:
    ///   - swiftc: the compiler the grader uses; sourcekit-lsp picks its toolchain from it.
    ///   - tensorCore: the folder holding the `TensorCore.swiftmodule` the grader built.
    /// - Returns: the database's location, or nil when nothing could be written.
    @discardableResult
    public static func writeCompileCommands(course: Course, swiftc: String, tensorCore: URL?) -> URL? {
        guard let tensorCore else { return nil }
        let fm = FileManager.default
        let root = course.root.resolvingSymlinksInPath()
        let platformArguments = sdkArguments()
        var entries: [Entry] = []
        for folder in [course.exercises, course.solutions] {
            let names = ((try? fm.contentsOfDirectory(atPath: folder.path)) ?? []).filter(isExerciseName).sorted {
                (Int($0.dropFirst(2)) ?? 0, $0) < (Int($1.dropFirst(2)) ?? 0, $1)
            }
            for name in names {
                let sources = fm.files(under: folder.appendingPathComponent(name), suffix: ".swift")
                    .filter { $0.lastPathComponent != "Package.swift" }
                    .map { $0.resolvingSymlinksInPath().path }
                guard !sources.isEmpty else { continue }
                let module = "Ex\(Int(name.dropFirst(2)) ?? 0)"   // as ExerciseManifest.moduleName
                let arguments = [swiftc, "-module-name", module] + flags
                    + ["-I", tensorCore.resolvingSymlinksInPath().path] + platformArguments + sources
                for source in sources {
                    entries.append(Entry(directory: root.path, file: source, arguments: arguments))
                }
            }
        }
        let database = course.stateFolder.appendingPathComponent(folderName).appendingPathComponent("compile_commands.json")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(entries) else { return nil }
        if (try? Data(contentsOf: database)) == data { return database }
        do {
            try fm.createDirectory(at: database.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: database, options: .atomic)
            return database
        } catch {
            return nil
        }
    }

    /// The database's folder inside `.grade/`; `Solutions/.sourcekit-lsp/config.json` names it as `../.grade/editor`.
    static let folderName = "editor"

    /// The flags of the grader's own compile of a student's module that matter to an editor
    /// (`-O` and the like change no diagnostics).
    static let flags = ["-swift-version", "5", "-parse-as-library"]

    struct Entry: Codable, Equatable {
        var directory: String
        var file: String
        var arguments: [String]
    }

    static func isExerciseName(_ name: String) -> Bool {
        name.hasPrefix("ex") && name.count > 2 && name.dropFirst(2).allSatisfy(\.isASCIIDigit)
    }

    /// On macOS a compile command needs the SDK, which `swiftc` finds through `xcrun` but
    /// sourcekit-lsp does not add to a compilation database's arguments. Elsewhere: nothing.
    static func sdkArguments() -> [String] {
        #if os(macOS)
        if let sdk = ProcessInfo.processInfo.environment["SDKROOT"], !sdk.isEmpty { return ["-sdk", sdk] }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/xcrun")
        process.arguments = ["--sdk", "macosx", "--show-sdk-path"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return [] }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let path = String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return process.terminationStatus == 0 && !path.isEmpty ? ["-sdk", path] : []
        #else
        return []
        #endif
    }
}

private extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

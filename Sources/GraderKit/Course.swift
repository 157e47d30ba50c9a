import Foundation

/// The course on disk: where the sources, exercises, solutions and checks are.
public struct Course: Sendable {
    public let root: URL

    public init(root: URL) { self.root = root.standardizedFileURL }

    /// The course that contains `directory` (walking up), or the one this grader was built from.
    public static func locate(from directory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) throws -> Course {
        var dir = directory.standardizedFileURL
        while true {
            if isCourse(dir) { return Course(root: dir) }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { break }
            dir = parent
        }
        throw GradeError.notACourse(path: directory.path)
    }

    static func isCourse(_ dir: URL) -> Bool {
        let fm = FileManager.default
        return fm.fileExists(atPath: dir.appendingPathComponent("Package.swift").path)
            && fm.fileExists(atPath: dir.appendingPathComponent("Tests/Checks").path)
    }

    public var sources: URL { root.appendingPathComponent("Sources") }
    public var exercises: URL { root.appendingPathComponent("Exercises") }
    public var solutions: URL { root.appendingPathComponent("Solutions") }
    public var checks: URL { root.appendingPathComponent("Tests/Checks") }
    public var checkSupport: URL { checks.appendingPathComponent("Support") }
    /// Build products and the student's progress; ignored by git.
    public var stateFolder: URL { root.appendingPathComponent(".grade") }
    public var hasSolutions: Bool { FileManager.default.fileExists(atPath: solutions.path) }

    /// The ids of every exercise that has a checks manifest, in numeric order.
    public func exerciseIDs() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: checks.path)) ?? []
        return names.filter { $0.hasPrefix("ex") && Int($0.dropFirst(2)) != nil
                && FileManager.default.fileExists(atPath: checks.appendingPathComponent("\($0)/checks.json").path) }
            .sorted { Int($0.dropFirst(2))! < Int($1.dropFirst(2))! }
    }

    /// `ex3`, `ex03`, `3` and `Ex3` all name exercise 3.
    public func resolveExercise(_ name: String) throws -> String {
        let valid = exerciseIDs()
        var digits = name.lowercased()
        if digits.hasPrefix("ex") { digits.removeFirst(2) }
        if let n = Int(digits), n > 0, valid.contains("ex\(n)") { return "ex\(n)" }
        throw GradeError.unknownExercise(name: name, valid: valid)
    }

    public func manifest(_ id: String) throws -> ExerciseManifest {
        let manifest = try ExerciseManifest.load(from: checks.appendingPathComponent("\(id)/checks.json"))
        let errors = manifest.validationErrors()
        if !errors.isEmpty {
            throw GradeError.invalidManifest(path: checks.appendingPathComponent("\(id)/checks.json").path,
                                             reason: errors.joined(separator: "; "))
        }
        return manifest
    }

    public func checkFolder(_ id: String) -> URL { checks.appendingPathComponent(id) }
}

extension FileManager {
    /// Every regular file below `folder` whose name ends in `suffix`, sorted by path.
    func files(under folder: URL, suffix: String) -> [URL] {
        guard let walker = enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var result: [URL] = []
        for case let url as URL in walker where url.lastPathComponent.hasSuffix(suffix) {
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true { result.append(url.standardizedFileURL) }
        }
        return result.sorted { $0.path < $1.path }
    }
}

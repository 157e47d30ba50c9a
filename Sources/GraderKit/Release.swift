import Foundation

/// Writes the student repository: stubs, public checks, the grader and the core; no solutions,
/// no hidden checks, and (unless asked) no reference implementation.
///
/// Layout of a release: `Package.swift` (TensorCore, GraderKit, grade, TensorCoreTests),
/// `Sources/TensorCore`, `Sources/GraderKit`, `Sources/grade`, `Exercises/` (fresh stubs),
/// `Tests/Checks/Support`, `Tests/Checks/exN/{checks.json, Public/, Stub/}` (checks.json without
/// the hidden checks; `Stub/` is what `grade reset` restores), `Tests/TensorCoreTests`,
/// `lectures/`, the digits data, `README.md`, `.gitignore` and `.devcontainer/`.
public struct ReleaseWriter {
    public let course: Course
    public var includeReference = false

    public init(course: Course, includeReference: Bool = false) {
        self.course = course
        self.includeReference = includeReference
    }

    @discardableResult
    public func write(to destination: URL) throws -> [String] {
        let fm = FileManager.default
        guard course.hasSolutions else { throw GradeError.usage("A release is written from the instructor's copy, which has Solutions/.") }
        let problems = try StubGenerator.differences(course: course)
        guard problems.isEmpty else {
            throw GradeError.usage("Exercises/ is out of date with Solutions/; run `swift run grade regenerate` first:\n  " + problems.joined(separator: "\n  "))
        }
        if fm.fileExists(atPath: destination.path) {
            let contents = (try? fm.contentsOfDirectory(atPath: destination.path)) ?? []
            guard contents.isEmpty else { throw GradeError.usage("\(destination.path) exists and is not empty; choose a new folder.") }
        }
        try fm.createDirectory(at: destination, withIntermediateDirectories: true)
        var written: [String] = []
        func copy(_ relative: String) throws {
            let source = course.root.appendingPathComponent(relative)
            guard fm.fileExists(atPath: source.path) else { return }
            let target = destination.appendingPathComponent(relative)
            try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try fm.copyItem(at: source, to: target)
            written.append(relative)
        }
        for folder in ["Sources/TensorCore", "Sources/GraderKit", "Sources/grade", "Tests/TensorCoreTests",
                       "Tests/Checks/Support", "Exercises", "lectures", ".gitignore", ".devcontainer"] {
            try copy(folder)
        }
        if includeReference {
            for folder in ["Sources/DeepLearning", "Sources/course", "Tests/DeepLearningTests"] { try copy(folder) }
        } else {
            try copy("Sources/DeepLearning/Resources")
        }
        for id in course.exerciseIDs() {
            var manifest = try course.manifest(id)
            manifest.checks = manifest.checks.filter { !$0.hidden }
            let folder = destination.appendingPathComponent("Tests/Checks/\(id)")
            try fm.createDirectory(at: folder, withIntermediateDirectories: true)
            try manifest.write(to: folder.appendingPathComponent("checks.json"))
            try copy("Tests/Checks/\(id)/Public")
            // The pristine stubs `grade reset` restores.
            try fm.copyItem(at: course.exercises.appendingPathComponent(id), to: folder.appendingPathComponent("Stub"))
            written.append("Tests/Checks/\(id)/checks.json")
        }
        try Data(packageManifest().utf8).write(to: destination.appendingPathComponent("Package.swift"))
        try Data(readme().utf8).write(to: destination.appendingPathComponent("README.md"))
        return written
    }

    func packageManifest() -> String {
        let reference = includeReference
        return """
        // swift-tools-version:6.0
        // The student's copy of the course, written by `grade release`. No package dependencies.
        import PackageDescription

        let package = Package(
            name: "DeepLearningCourse",
            products: [
                .executable(name: "grade", targets: ["grade"]),
                .library(name: "TensorCore", targets: ["TensorCore"]),\(reference ? "\n        .library(name: \"DeepLearning\", targets: [\"DeepLearning\"])," : "")
            ],
            targets: [
                .target(name: "TensorCore"),\(reference ? "\n        .target(name: \"DeepLearning\", dependencies: [\"TensorCore\"], exclude: [\"Resources\"]),\n        .executableTarget(name: \"course\", dependencies: [\"DeepLearning\"]),\n        .testTarget(name: \"DeepLearningTests\", dependencies: [\"DeepLearning\"])," : "")
                .target(name: "GraderKit"),
                .executableTarget(name: "grade", dependencies: ["GraderKit"]),
                .testTarget(name: "TensorCoreTests", dependencies: ["TensorCore"]),
            ],
            swiftLanguageModes: [.v5]
        )

        """
    }

    func readme() -> String {
        let ids = course.exerciseIDs()
        let rows = ids.compactMap { id -> String? in
            guard let manifest = try? course.manifest(id) else { return nil }
            let points = manifest.checks.filter { !$0.hidden }.reduce(0) { $0 + $1.points }
            return "| [\(id)](Exercises/\(id)/README.md) | \(manifest.title) | \(manifest.tasks.count) | \(formatPoints(points)) |"
        }
        return """
        # Deep learning in Swift — student copy

        Every exercise is a folder in `Exercises/` with a README that says what to write. Two commands:

        ```
        swift run grade ex1     # grade exercise 1: one line per check, then your score
        swift test              # the tensor core's own tests
        ```

        `swift run grade list` shows every exercise with your last score; `grade hint ex1` the next
        hint; `grade watch ex1` re-grades on every save; `grade reset ex1` restores the stub.
        The lecture notes are in `lectures/`. Your instructor also grades with hidden checks, so
        the score here is what the public checks give.

        | exercise | title | tasks | public points |
        |---|---|---|---|
        \(rows.joined(separator: "\n"))

        The digits data in `Sources/DeepLearning/Resources/digits.csv` is the test set of the UCI
        "Optical Recognition of Handwritten Digits" data (E. Alpaydin, C. Kaynak, 1998), CC BY 4.0.

        """
    }
}

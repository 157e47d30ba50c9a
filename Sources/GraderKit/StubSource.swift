import Foundation

/// Where the pristine stubs of an exercise come from: generated from `Solutions/` in an
/// instructor's copy, or the copies a student release keeps in `Tests/Checks/exN/Stub/`.
public struct StubSource {
    public let course: Course

    public init(course: Course) { self.course = course }

    public var releasedStubsName: String { "Stub" }

    /// Files relative to `Exercises/exN/`, with their pristine contents.
    public func stubs(for exercise: String) throws -> [String: Data] {
        if course.hasSolutions {
            let prefix = exercise + "/"
            let all = try StubGenerator.expectedExercises(solutions: course.solutions)
            return Dictionary(uniqueKeysWithValues: all.filter { $0.key.hasPrefix(prefix) }.map { (String($0.key.dropFirst(prefix.count)), $0.value) })
        }
        let folder = course.checkFolder(exercise).appendingPathComponent(releasedStubsName)
        let base = folder.standardizedFileURL.path + "/"
        let files = FileManager.default.files(under: folder, suffix: "")
        guard !files.isEmpty else { throw GradeError.missingFolder(path: "Tests/Checks/\(exercise)/\(releasedStubsName)") }
        var result: [String: Data] = [:]
        for file in files { result[String(file.path.dropFirst(base.count))] = try Data(contentsOf: file) }
        return result
    }

    /// Writes the pristine stubs of `exercise` where a release keeps them, in the course at
    /// `root` (`Tests/Checks/exN/Stub/`), for a copy of the course without `Solutions/` (a batch's
    /// snapshot, an autograder): the checks are compiled against them.
    public func writeReleased(_ exercise: String, toCourseAt root: URL) throws {
        let folder = Course(root: root).checkFolder(exercise).appendingPathComponent(releasedStubsName)
        let fm = FileManager.default
        guard !fm.fileExists(atPath: folder.path) else { return }
        for (path, data) in try stubs(for: exercise) {
            let file = folder.appendingPathComponent(path)
            try fm.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: file)
        }
    }
}

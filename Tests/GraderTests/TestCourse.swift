import Foundation
import GraderKit

/// The course this test target lives in, and one grader shared by every test.
enum TestCourse {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let course = Course(root: root)
    static let grader: Grader = {
        do { return try Grader.forCourse(course) } catch { fatalError("the grader cannot start: \(error)") }
    }()
    /// A scratch folder for one test, removed at the start of each run.
    static func scratch(_ name: String) -> URL {
        let url = course.stateFolder.appendingPathComponent("test-scratch/\(name)")
        try? FileManager.default.removeItem(at: url)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

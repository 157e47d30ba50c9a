import XCTest
@testable import GraderKit

/// The course's own parts agree with each other: manifests, check sources, solutions and mutants.
final class CourseConsistencyTests: XCTestCase {
    let course = TestCourse.course

    func testEveryExerciseFromOneToTheLastIsPresent() {
        let ids = course.exerciseIDs()
        XCTAssertFalse(ids.isEmpty)
        XCTAssertEqual(ids, (1...ids.count).map { "ex\($0)" }, "exercises must be numbered without gaps")
    }

    func testManifestsAreValid() throws {
        for id in course.exerciseIDs() {
            let manifest = try ExerciseManifest.load(from: course.checkFolder(id).appendingPathComponent("checks.json"))
            XCTAssertEqual(manifest.validationErrors(), [], id)
            XCTAssertEqual(manifest.id, id)
            XCTAssert((3...5).contains(manifest.tasks.count), "\(id) has \(manifest.tasks.count) tasks; the course asks for 3 to 5")
            for task in manifest.tasks {
                XCTAssertFalse(task.hints.isEmpty, "\(task.id) has no hints")
                let own = manifest.checks.filter { $0.task == task.id }
                XCTAssert(own.contains { !$0.hidden }, "\(task.id) has no public check")
                XCTAssert(own.contains { $0.hidden }, "\(task.id) has no hidden check")
            }
        }
    }

    /// Every check in checks.json names a test method that exists in Public/ or Hidden/ as the
    /// manifest says, and every test method there is graded by some check.
    func testChecksMatchTheirSources() throws {
        for id in course.exerciseIDs() {
            let manifest = try course.manifest(id)
            var methods: [String: Bool] = [:]   // "Class/testMethod" → hidden
            for hidden in [false, true] {
                let folder = course.checkFolder(id).appendingPathComponent(hidden ? "Hidden" : "Public")
                for file in FileManager.default.files(under: folder, suffix: ".swift") {
                    let text = try String(contentsOf: file, encoding: .utf8)
                    var currentClass = ""
                    for line in text.split(separator: "\n") {
                        let trimmed = line.trimmingCharacters(in: .whitespaces)
                        if let range = trimmed.range(of: #"class (\w+)\s*:\s*XCTestCase"#, options: .regularExpression) {
                            currentClass = String(trimmed[range].dropFirst(6).split(separator: ":")[0]).trimmingCharacters(in: .whitespaces)
                        } else if let range = trimmed.range(of: #"^func (test\w+)\(\)"#, options: .regularExpression) {
                            let name = trimmed[range].dropFirst(5).dropLast(2)
                            methods["\(currentClass)/\(name)"] = hidden
                        }
                    }
                }
            }
            for check in manifest.checks {
                guard let hidden = methods[check.test] else { XCTFail("\(check.id): no test method \(check.test) in Tests/Checks/\(id)"); continue }
                XCTAssertEqual(hidden, check.hidden, "\(check.id): the manifest says hidden = \(check.hidden), but \(check.test) is in \(hidden ? "Hidden" : "Public")/")
            }
            let graded = Set(manifest.checks.map(\.test))
            for method in methods.keys where !graded.contains(method) {
                XCTFail("\(id): test method \(method) is not graded by any check in checks.json")
            }
        }
    }

    /// The tasks the solution marks are the tasks the manifest grades.
    func testSolutionMarkersNameTheManifestTasks() throws {
        for id in course.exerciseIDs() {
            let manifest = try course.manifest(id)
            var marked = Set<String>()
            for file in FileManager.default.files(under: course.solutions.appendingPathComponent(id), suffix: ".swift") {
                marked.formUnion(StubGenerator.tasks(in: try String(contentsOf: file, encoding: .utf8)))
            }
            XCTAssertEqual(marked, Set(manifest.tasks.map(\.id)), "\(id): tasks marked in Solutions/ vs tasks in checks.json")
        }
    }

    /// Public checks must build in a student's copy, which may not have the reference implementation.
    func testPublicChecksDoNotImportTheReference() throws {
        for id in course.exerciseIDs() {
            for file in FileManager.default.files(under: course.checkFolder(id).appendingPathComponent("Public"), suffix: ".swift") {
                XCTAssertFalse(try String(contentsOf: file, encoding: .utf8).contains("import DeepLearning"), "\(file.lastPathComponent) imports DeepLearning")
            }
        }
    }

    func testSolutionsImportOnlyTheCore() throws {
        let allowed: Set<String> = ["TensorCore", "Foundation"]
        for file in FileManager.default.files(under: course.solutions, suffix: ".swift") {
            for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") where line.hasPrefix("import ") {
                let module = line.dropFirst(7).trimmingCharacters(in: .whitespaces)
                XCTAssert(allowed.contains(module), "\(file.path) imports \(module); exercises may import TensorCore (and Foundation) only")
            }
        }
    }

    func testEveryExerciseHasEnoughMutants() throws {
        for id in course.exerciseIDs() {
            let mutants = try MutationTesting.load(course: course, exercise: id)?.mutants ?? []
            let bugs = mutants.filter { !$0.name.hasPrefix("fixture:") }
            let needed = ["ex1", "ex2"].contains(id) ? 4 : 5
            XCTAssertGreaterThanOrEqual(bugs.count, needed, "\(id) has \(bugs.count) known-buggy variants; the course asks for at least \(needed)")
        }
    }

    func testExerciseReadmesExist() {
        for id in course.exerciseIDs() {
            XCTAssert(FileManager.default.fileExists(atPath: course.solutions.appendingPathComponent("\(id)/README.md").path), "\(id) has no README.md")
        }
    }
}

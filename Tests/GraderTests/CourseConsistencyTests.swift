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

    /// Every check in checks.json names a test that exists in Public/ or Hidden/ as the manifest
    /// says (an XCTest method or a Swift Testing function), and every test there is graded.
    func testChecksMatchTheirSources() throws {
        for id in course.exerciseIDs() {
            let manifest = try course.manifest(id)
            let tests = try CheckInventory.tests(of: id, in: course)
            XCTAssertEqual(CheckInventory.mismatches(manifest: manifest, tests: tests), [], id)
        }
    }

    /// The inventory catches a check with no test and a test with no check, in both frameworks.
    func testTheInventoryCatchesMissingAndUngradedTestsInBothFrameworks() throws {
        let source = """
            final class OldChecks: XCTestCase {
                func testDeclared() { }
                func testUngraded() { }
                func helper() { }
            }
            @Suite struct NewChecks {
                @Test func declared() { }
                @Test(arguments: [1, 2])
                func shift(rows count: Int) { }
                @Test func ungraded() { }
                func notATest() { }
            }
            @Test func freeStanding(_ x: Int) { }
            """
        XCTAssertEqual(CheckInventory.tests(inSource: source),
                       ["OldChecks/testDeclared", "OldChecks/testUngraded", "NewChecks/declared()", "NewChecks/shift(rows:)",
                        "NewChecks/ungraded()", "freeStanding(_:)"])
        let manifest = try JSONDecoder().decode(ExerciseManifest.self, from: Data("""
            {"id": "ex0", "title": "t", "version": "1", "seed": 1, "tasks": [{"id": "ex0.1", "title": "t", "hints": ["h"]}],
             "checks": [
               {"id": "ex0.1.a", "task": "ex0.1", "name": "a", "points": 1, "test": "OldChecks/testDeclared", "hidden": false},
               {"id": "ex0.1.b", "task": "ex0.1", "name": "b", "points": 1, "test": "OldChecks/testMissing", "hidden": false},
               {"id": "ex0.1.c", "task": "ex0.1", "name": "c", "points": 1, "test": "NewChecks/declared()", "hidden": false},
               {"id": "ex0.1.d", "task": "ex0.1", "name": "d", "points": 1, "test": "NewChecks/shift(rows:)", "hidden": true},
               {"id": "ex0.1.e", "task": "ex0.1", "name": "e", "points": 1, "test": "NewChecks/missing()", "hidden": false},
               {"id": "ex0.1.f", "task": "ex0.1", "name": "f", "points": 1, "test": "freeStanding(_:)", "hidden": false}
             ]}
            """.utf8))
        let tests = Dictionary(uniqueKeysWithValues: CheckInventory.tests(inSource: source).map { ($0, false) })
        XCTAssertEqual(CheckInventory.mismatches(manifest: manifest, tests: tests), [
            "ex0.1.b: no XCTest method OldChecks/testMissing in Tests/Checks/ex0",
            "ex0.1.d: the manifest says hidden = true, but NewChecks/shift(rows:) is in Public/",
            "ex0.1.e: no Swift Testing function NewChecks/missing() in Tests/Checks/ex0",
            "ex0: NewChecks/ungraded() is not graded by any check in checks.json",
            "ex0: OldChecks/testUngraded is not graded by any check in checks.json",
        ])
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
                let imports = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").filter { $0.hasPrefix("import ") }
                XCTAssertFalse(imports.contains { $0.contains("DeepLearning") }, "\(file.lastPathComponent) imports DeepLearning")
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

import XCTest
@testable import GraderKit

final class StubGeneratorTests: XCTestCase {
    func testReplacesEachBlockWithTodoAtItsIndentation() throws {
        let source = """
        public func f() -> Int {
            // BEGIN SOLUTION ex1.2
            return 42
            // END SOLUTION
        }
        """
        XCTAssertEqual(try StubGenerator.stub(for: source, exercise: "ex1"), """
        public func f() -> Int {
            todo("ex1.2")
        }
        """)
    }

    func testStubLinesReplaceTheDefault() throws {
        let source = """
        struct S {
            // BEGIN SOLUTION ex2.1
            // STUB: var state: [Double] = []
            var state: [Double] = [1, 2]
            // END SOLUTION
        }
        """
        XCTAssertEqual(try StubGenerator.stub(for: source), """
        struct S {
            var state: [Double] = []
        }
        """)
    }

    func testMarkerErrorsNameTheFileAndLine() {
        XCTAssertThrowsError(try StubGenerator.stub(for: "// BEGIN SOLUTION ex1.1\nx", file: "A.swift")) { error in
            XCTAssertEqual("\(error)", "A.swift:1: BEGIN SOLUTION ex1.1 is never closed with // END SOLUTION")
        }
        XCTAssertThrowsError(try StubGenerator.stub(for: "x\n// END SOLUTION", file: "B.swift")) { error in
            XCTAssertEqual("\(error)", "B.swift:2: END SOLUTION without a BEGIN SOLUTION before it")
        }
        XCTAssertThrowsError(try StubGenerator.stub(for: "// BEGIN SOLUTION\n// END SOLUTION", file: "C.swift")) { error in
            XCTAssertEqual("\(error)", "C.swift:1: BEGIN SOLUTION names no task; write // BEGIN SOLUTION ex1.3")
        }
        XCTAssertThrowsError(try StubGenerator.stub(for: "// BEGIN SOLUTION ex2.1\n// END SOLUTION", file: "D.swift", exercise: "ex1")) { error in
            XCTAssertEqual("\(error)", "D.swift:1: BEGIN SOLUTION names task ex2.1, which is not a task of ex1")
        }
    }

    func testTasksAreListedInOrder() {
        XCTAssertEqual(StubGenerator.tasks(in: "// BEGIN SOLUTION ex1.2\n// END SOLUTION\n  // BEGIN SOLUTION ex1.1\n// END SOLUTION"), ["ex1.2", "ex1.1"])
    }

    /// `grade regenerate --check` on this repository: Exercises/ is what Solutions/ generates.
    func testExercisesAreInSyncWithSolutions() throws {
        XCTAssertEqual(try StubGenerator.differences(course: TestCourse.course), [])
    }

    /// A stale stub is named, and regenerate mends it.
    func testDifferencesNameTheStaleFile() throws {
        let root = TestCourse.scratch("stale-stub")
        let course = Course(root: root)
        let solution = root.appendingPathComponent("Solutions/ex1")
        try FileManager.default.createDirectory(at: solution, withIntermediateDirectories: true)
        try "public func f() -> Int {\n    // BEGIN SOLUTION ex1.1\n    return 1\n    // END SOLUTION\n}\n".write(to: solution.appendingPathComponent("F.swift"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try StubGenerator.differences(course: course), ["Exercises/ex1/F.swift is missing"])
        XCTAssertEqual(try StubGenerator.regenerate(course: course).written, ["Exercises/ex1/F.swift"])
        XCTAssertEqual(try StubGenerator.differences(course: course), [])
        try "edited".write(to: root.appendingPathComponent("Exercises/ex1/F.swift"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try StubGenerator.differences(course: course), ["Exercises/ex1/F.swift differs from the stub generated from Solutions/ex1/F.swift"])
    }
}

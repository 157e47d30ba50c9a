import XCTest
@testable import GraderKit

/// The proof that every suite is right: full marks for the solution, zero for the pristine stub
/// (with "not implemented yet" on every line, never a crash), and every known-buggy variant loses points.
final class SuiteProofTests: XCTestCase {
    let course = TestCourse.course
    let grader = TestCourse.grader

    func testSolutionsGetFullMarks() throws {
        for id in course.exerciseIDs() {
            var options = GradeOptions(); options.solutions = true
            let report = try grader.grade(id, options: options)
            XCTAssertEqual(report.status, .graded, "\(id): \(report.compileErrors.map(\.rendered))")
            for check in report.checks where check.status != .passed {
                XCTFail("\(id): the solution fails \(check.id) (\(check.status.rawValue)): \(check.message)")
            }
            XCTAssertEqual(report.score, report.maxScore, id)
            XCTAssertGreaterThan(report.maxScore, 0, id)
        }
    }

    func testPristineStubsGetZeroWithFriendlyMessages() throws {
        for id in course.exerciseIDs() {
            let report = try grader.grade(id)
            XCTAssertEqual(report.status, .graded, "\(id)'s stub must compile: \(report.compileErrors.map(\.rendered))")
            XCTAssertEqual(report.score, 0, "\(id)'s stub scores \(report.score)")
            for check in report.checks {
                XCTAssertEqual(check.status, .failed, "\(id) stub, \(check.id): \(check.message)")
                XCTAssert(check.message.hasPrefix("not implemented yet (TODO \(id)."), "\(id) stub, \(check.id): \(check.message)")
                XCTAssertEqual(check.message, "not implemented yet (TODO \(check.task))",
                               "\(check.id) is graded as task \(check.task) but stops at another task's stub")
            }
        }
    }

    func testEveryMutantLosesPoints() throws {
        for id in course.exerciseIDs() {
            let outcomes = try MutationTesting.run(grader: grader, exercise: id)
            for outcome in outcomes where !outcome.caught {
                XCTFail("\(id), mutant \"\(outcome.mutant)\": \(outcome.problems.joined(separator: "; "))")
            }
            for outcome in outcomes {
                if let why = outcome.skipped { print("note: \(id), \"\(outcome.mutant)\" not tested: \(why)") }
            }
        }
    }
}

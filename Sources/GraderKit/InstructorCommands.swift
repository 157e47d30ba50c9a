import Foundation

/// `grade release`, `grade batch` and `grade gradescope`.
struct InstructorCommands {
    let course: Course
    let output: (String) -> Void

    func release(to destination: String, force: Bool) throws -> Int32 {
        throw GradeError.usage("grade release is not available yet in this version of the course.")
    }

    func batch(_ parsed: inout ParsedArguments) throws -> Int32 {
        throw GradeError.usage("grade batch is not available yet in this version of the course.")
    }

    func gradescope(_ parsed: inout ParsedArguments) throws -> Int32 {
        throw GradeError.usage("grade gradescope is not available yet in this version of the course.")
    }
}

import Foundation

/// Errors the grader reports to its user, each a full sentence that says what to do.
public enum GradeError: Error, CustomStringConvertible, Equatable {
    case notACourse(path: String)
    case unknownExercise(name: String, valid: [String])
    case invalidManifest(path: String, reason: String)
    case missingFolder(path: String)
    case toolchain(String)
    case infrastructure(String)
    case usage(String)

    public var description: String {
        switch self {
        case .notACourse(let path):
            return "\(path) is not inside the course: run grade from the folder that holds Package.swift, Exercises/ and Tests/Checks/."
        case .unknownExercise(let name, let valid):
            var spelled = name.lowercased()
            if !spelled.hasPrefix("ex") { spelled = "ex" + spelled }
            let near = GradeCommand.nearest(spelled, among: valid).map { "; did you mean \($0)?" } ?? "."
            return "There is no exercise \"\(name)\"\(near) Valid exercises: \(valid.joined(separator: ", ")) (ex3, ex03 and 3 all mean exercise 3)."
        case .invalidManifest(let path, let reason):
            return "The checks manifest \(path) cannot be read: \(reason)"
        case .missingFolder(let path):
            return "The folder \(path) does not exist."
        case .toolchain(let message):
            return "The Swift toolchain could not be used: \(message)"
        case .infrastructure(let message):
            return "The grader could not build its own parts (this is not your code's fault; tell your instructor): \(message)"
        case .usage(let message):
            return message
        }
    }
}

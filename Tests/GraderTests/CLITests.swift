import XCTest
@testable import GraderKit

/// The command line as a beginner meets it: help, "did you mean", `hint exN.T`, `reset` with y,
/// and `regenerate` refusing to overwrite a stub edited by hand.
final class CLITests: XCTestCase {
    func run(_ arguments: [String], in root: URL = TestCourse.root, input: [String] = []) -> (status: Int32, output: String, errors: String) {
        var output = "", errors = ""
        var lines = input
        var command = GradeCommand(arguments: arguments, directory: root,
                                   output: { output += $0 + "\n" }, errorOutput: { errors += $0 + "\n" })
        command.input = { lines.isEmpty ? nil : lines.removeFirst() }
        let status = command.run()
        return (status, output, errors)
    }

    /// A course of one exercise, ex1, in a scratch folder: its manifest and its solutions.
    func makeCourse(_ name: String) throws -> URL {
        let root = TestCourse.scratch(name)
        let fm = FileManager.default
        try "// a course\n".write(to: root.appendingPathComponent("Package.swift"), atomically: true, encoding: .utf8)
        try fm.createDirectory(at: root.appendingPathComponent("Tests/Checks/ex1"), withIntermediateDirectories: true)
        try fm.copyItem(at: TestCourse.course.checks.appendingPathComponent("ex1/checks.json"), to: root.appendingPathComponent("Tests/Checks/ex1/checks.json"))
        try fm.createDirectory(at: root.appendingPathComponent("Solutions"), withIntermediateDirectories: true)
        try fm.copyItem(at: TestCourse.course.solutions.appendingPathComponent("ex1"), to: root.appendingPathComponent("Solutions/ex1"))
        try fm.createDirectory(at: root.appendingPathComponent("Exercises"), withIntermediateDirectories: true)
        try fm.copyItem(at: TestCourse.course.exercises.appendingPathComponent("ex1"), to: root.appendingPathComponent("Exercises/ex1"))
        return root
    }

    func testHelpExitsZero() {
        for arguments in [["--help"], ["-h"], ["help"]] {
            let result = run(arguments)
            XCTAssertEqual(result.status, 0, "\(arguments)")
            XCTAssertEqual(result.output, GradeCommand.usage + "\n")
        }
        XCTAssertTrue(GradeCommand.usage.hasSuffix("`grade help CMD` (or `grade CMD --help`) tells more about one command."))
    }

    func testHelpOfOneCommand() {
        let expected = """
            Usage:
              swift run grade batch DIR --exercise exN [--out DIR] [--jobs N] [--reveal-hidden]
                  grade a folder of submissions into grades.csv and one feedback file each

            DIR holds one folder or .zip per student; only their Exercises/exN/*.swift files are used.
            Writes OUT/grades.csv (student, exercise, task scores, total, max, status, feedback file)
            and OUT/feedback/NAME.txt, one per student, however alike their folder names are
            (OUT defaults to grades-exN). Hidden checks' messages are left out of the feedback unless
            --reveal-hidden. --jobs N grades N students at a time (default: one per core).

            """
        for arguments in [["help", "batch"], ["batch", "--help"]] {
            let result = run(arguments)
            XCTAssertEqual(result.status, 0, "\(arguments)")
            XCTAssertEqual(result.output, expected, "\(arguments)")
        }
        let hint = run(["help", "hint"])
        XCTAssertEqual(hint.output, """
            Usage:
              swift run grade hint ex1
                  the next hint for the first task that is not finished
              swift run grade hint ex1.3
                  the next hint for task ex1.3

            Each task has a few hints that build up: first the idea, then the formula, then the code.
            Every call shows the next one; the last stays. With an exercise, the task is the first whose
            public checks do not all pass (the exercise is graded first); with a task, that task.

            """)
        // Every command has help of its own.
        for command in GradeCommand.subcommands.dropFirst() {
            let result = run(["help", command.name])
            XCTAssertEqual(result.status, 0, command.name)
            XCTAssertTrue(result.output.hasPrefix("Usage:\n  swift run grade \(command.name)"), result.output)
        }
        let unknown = run(["help", "bacth"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertEqual(unknown.errors, "grade: There is no command \"bacth\"; did you mean `grade help batch`? Run `swift run grade help` for the list.\n")
    }

    func testDidYouMean() {
        let exercises = TestCourse.course.exerciseIDs().joined(separator: ", ")
        let commands = GradeCommand.commandNames.joined(separator: ", ")
        let list = run(["lsit"])
        XCTAssertEqual(list.status, 2)
        XCTAssertEqual(list.errors, "grade: There is no command or exercise \"lsit\"; did you mean `grade list`?"
                       + " Commands: \(commands); exercises: \(exercises). Run `swift run grade help` for more.\n")
        let far = run(["frobnicate"])
        XCTAssertEqual(far.status, 2)
        XCTAssertEqual(far.errors, "grade: There is no command or exercise \"frobnicate\". Commands: \(commands); exercises: \(exercises). Run `swift run grade help` for more.\n")
        let ex99 = run(["ex99"])
        XCTAssertEqual(ex99.status, 2)
        XCTAssertEqual(ex99.errors, "grade: There is no exercise \"ex99\"; did you mean ex9? Valid exercises: \(exercises) (ex3, ex03 and 3 all mean exercise 3).\n")
        XCTAssertEqual(run(["hint", "exx1"]).errors,
                       "grade: There is no exercise \"exx1\"; did you mean ex1? Valid exercises: \(exercises) (ex3, ex03 and 3 all mean exercise 3).\n")
        XCTAssertEqual(GradeCommand.editDistance("lsit", "list"), 1, "a swap is one edit")
        XCTAssertEqual(GradeCommand.nearest("wacth", among: GradeCommand.commandNames), "watch")
        XCTAssertEqual(GradeCommand.nearest("regen", among: GradeCommand.commandNames), "regenerate")
        XCTAssertEqual(GradeCommand.nearest("qqqq", among: GradeCommand.commandNames), nil)
    }

    func testHintForATaskBuildsUp() throws {
        let root = try makeCourse("hint-course")
        let task = try XCTUnwrap(try Course(root: root).manifest("ex1").tasks.first { $0.id == "ex1.3" })
        XCTAssertGreaterThanOrEqual(task.hints.count, 3)
        for (n, hint) in task.hints.enumerated() {
            let result = run(["hint", "ex1.3"], in: root)
            XCTAssertEqual(result.status, 0)
            let last = n == task.hints.count - 1
            XCTAssertEqual(result.output, "ex1.3 Activations and their derivatives — hint \(n + 1) of \(task.hints.count):\n  \(hint)\n"
                           + (last ? "(That was the last hint; `grade ex1` shows what each failing check expected.)\n" : ""))
        }
        // `1.3` names the same task; a task that does not exist is named, with the tasks there are.
        XCTAssertTrue(run(["hint", "1.3"], in: root).output.hasPrefix("ex1.3 Activations and their derivatives — hint \(task.hints.count) of"))
        let wrong = run(["hint", "ex1.7"], in: root)
        XCTAssertEqual(wrong.status, 2)
        XCTAssertEqual(wrong.errors, "grade: ex1 has no task ex1.7; did you mean `grade hint ex1.1`? Its tasks: ex1.1, ex1.2, ex1.3, ex1.4.\n")
    }

    func testResetAcceptsYAndYes() throws {
        let root = try makeCourse("reset-course")
        let file = root.appendingPathComponent("Exercises/ex1/Softmax.swift")
        let stub = try Data(contentsOf: file)
        for answer in ["n", "", "nope"] {
            try "my work".write(to: file, atomically: true, encoding: .utf8)
            let result = run(["reset", "ex1"], in: root, input: [answer])
            XCTAssertEqual(result.status, 1)
            XCTAssertEqual(result.output, "This replaces every file of Exercises/ex1 with its original stub; your work there is lost. Go on? [y/N]\nNothing changed.\n")
            XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), "my work")
        }
        for answer in ["y", "yes", " Y ", "YES"] {
            try "my work".write(to: file, atomically: true, encoding: .utf8)
            let result = run(["reset", "ex1"], in: root, input: [answer])
            XCTAssertEqual(result.status, 0, answer)
            XCTAssertEqual(result.output, "This replaces every file of Exercises/ex1 with its original stub; your work there is lost. Go on? [y/N]\nExercises/ex1 is back to its stub (5 files).\n")
            XCTAssertEqual(try Data(contentsOf: file), stub)
        }
    }

    func testRegenerateKeepsAStubEditedByHand() throws {
        let root = try makeCourse("regenerate-course")
        let file = root.appendingPathComponent("Exercises/ex1/Softmax.swift")
        let solution = root.appendingPathComponent("Solutions/ex1/Softmax.swift")
        let edited = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "todo(\"ex1.4\")", with: "return logits")
        try edited.write(to: file, atomically: true, encoding: .utf8)
        // The instructor changes a doc comment of two files: the untouched stub is rewritten, the edited one kept.
        for name in ["Softmax.swift", "DenseLayer.swift"] {
            let url = root.appendingPathComponent("Solutions/ex1/\(name)")
            try ("// Revised.\n" + String(contentsOf: url, encoding: .utf8)).write(to: url, atomically: true, encoding: .utf8)
        }
        let refused = run(["regenerate"], in: root)
        XCTAssertEqual(refused.status, 1)
        XCTAssertEqual(refused.output, """
            Wrote 1 file:
              Exercises/ex1/DenseLayer.swift
            Left alone, because they were edited by hand (their todo(...) lines were replaced):
              Exercises/ex1/Softmax.swift
            Your changes there are kept. To overwrite them with the stubs anyway: swift run grade regenerate --force

            """)
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), edited)
        let forced = run(["regenerate", "--force"], in: root)
        XCTAssertEqual(forced.status, 0)
        XCTAssertEqual(forced.output, "Wrote 1 file:\n  Exercises/ex1/Softmax.swift\n")
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), try StubGenerator.stub(for: String(contentsOf: solution, encoding: .utf8)))
        XCTAssertEqual(run(["regenerate"], in: root).output, "Exercises/ was already up to date.\n")
    }
}

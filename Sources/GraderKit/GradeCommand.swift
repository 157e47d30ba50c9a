import Foundation

/// The `grade` command line: parses arguments and runs one subcommand.
///
/// Exit status: 0 when every graded exercise has full marks (or the command succeeded),
/// 1 when points are missing or a check failed, 2 for a usage error.
public struct GradeCommand {
    /// The help text, generated from `subcommands`, the table the dispatch reads too.
    public static var usage: String {
        var text = "Usage: swift run grade <command> [options]\n"
        for section in Subcommand.Section.allCases {
            text += "\n\(section.rawValue)\n"
            for command in subcommands where command.section == section {
                for (synopsis, summary) in command.help {
                    let head = "  grade " + synopsis
                    text += head.count < 30 ? head.padding(toLength: 30, withPad: " ", startingAt: 0) + summary + "\n"
                                            : head + "\n" + String(repeating: " ", count: 30) + summary + "\n"
                }
            }
        }
        return text + "\nOptions: --junit FILE writes JUnit XML; NO_COLOR=1 turns colours off."
    }

    /// Every subcommand: its name, its help lines, and what runs it. `exN` (any exercise name) is
    /// the default, for a first argument that names no other command.
    static let subcommands: [Subcommand] = [
        Subcommand(name: "exN", section: .grading, help: [
            ("ex1", "grade Exercises/ex1 (also: ex01, 1); one line per check, then the score"),
            ("ex1 --solutions", "grade Solutions/ex1 instead (instructors)"),
            ("ex1 --json", "the same report as JSON on standard output (schema in the README)"),
            ("ex1 --public-only", "grade as a student's copy would: hidden checks left out"),
        ]) { command, course, parsed in try command.gradeOne(course, parsed.positionals[0], &parsed) },
        Subcommand(name: "all", section: .grading, help: [("all [--solutions]", "every exercise, then a summary table")]) { command, course, parsed in
            try command.gradeAll(course, &parsed)
        },
        Subcommand(name: "list", section: .studying, help: [("list", "every exercise: title, tasks, points and your last score")]) { command, course, parsed in
            try parsed.rejectUnknown()
            return try command.list(course)
        },
        Subcommand(name: "hint", section: .studying, help: [("hint ex1", "the next hint for the first task that is not finished")]) { command, course, parsed in
            let exercise = try parsed.positional(1, "grade hint needs an exercise: grade hint ex1")
            try parsed.rejectUnknown()
            return try command.hint(course, exercise)
        },
        Subcommand(name: "reset", section: .studying, help: [("reset ex1", "restore the stub of ex1 (asks first; --yes to skip the question)")]) { command, course, parsed in
            let exercise = try parsed.positional(1, "grade reset needs an exercise: grade reset ex1")
            let yes = parsed.flag("--yes")
            try parsed.rejectUnknown()
            return try command.reset(course, exercise, yes: yes)
        },
        Subcommand(name: "watch", section: .studying, help: [("watch ex1", "re-grade every time a file of ex1 is saved")]) { command, course, parsed in
            try command.watch(course, parsed.positional(1, "grade watch needs an exercise: grade watch ex1"), &parsed)
        },
        Subcommand(name: "regenerate", section: .instructors, help: [
            ("regenerate [--check]", "write Exercises/ from Solutions/; --check only compares and names the files that differ"),
        ]) { command, course, parsed in
            let check = parsed.flag("--check")
            try parsed.rejectUnknown()
            return try command.regenerate(course, check: check)
        },
        Subcommand(name: "release", section: .instructors, help: [
            ("release DIR [--with-reference]", "write a student repository: stubs, public checks, the grader; no solutions"),
        ]) { command, course, parsed in try InstructorCommands(course: course, output: command.output).release(&parsed) },
        Subcommand(name: "batch", section: .instructors, help: [
            ("batch DIR --exercise exN [--out DIR] [--jobs N] [--reveal-hidden]", "grade a folder of submissions into grades.csv and one feedback file each"),
        ]) { command, course, parsed in try InstructorCommands(course: course, output: command.output).batch(&parsed) },
        Subcommand(name: "samples", section: .instructors, help: [
            ("samples exN DIR [--count N]", "write N sample submissions (correct, partly wrong, not compiling, hanging, …)"),
        ]) { command, course, parsed in try InstructorCommands(course: course, output: command.output).samples(&parsed) },
        Subcommand(name: "gradescope", section: .instructors, help: [
            ("gradescope exN --out DIR", "write a Gradescope autograder for exercise N"),
        ]) { command, course, parsed in try InstructorCommands(course: course, output: command.output).gradescope(&parsed) },
        Subcommand(name: "autograde", section: .instructors, help: [
            ("autograde exN --submission DIR --results FILE", "grade one submission into a Gradescope results.json (what run_autograder calls)"),
        ]) { command, course, parsed in try InstructorCommands(course: course, output: command.output).autograde(&parsed) },
        Subcommand(name: "warm", section: .instructors, help: [
            ("warm [exN]", "build the shared libraries and check runners ahead of grading (Gradescope's setup.sh)"),
        ]) { command, course, parsed in try InstructorCommands(course: course, output: command.output).warm(&parsed) },
        Subcommand(name: "mutants", section: .instructors, help: [
            ("mutants [exN] [--only TEXT]", "grade every known-buggy variant in Tests/Mutants/ (those whose name contains TEXT) and require each to lose points"),
        ]) { command, course, parsed in try command.mutants(course, &parsed) },
        Subcommand(name: "help", section: .studying, help: [("help", "this text (also -h, --help)")]) { command, _, parsed in
            try parsed.rejectUnknown()
            command.output(GradeCommand.usage)
            return 0
        },
    ]

    public var arguments: [String]
    public var output: (String) -> Void
    public var errorOutput: (String) -> Void
    public var directory: URL

    public init(arguments: [String], directory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                output: @escaping (String) -> Void = { print($0) },
                errorOutput: @escaping (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }) {
        self.arguments = arguments; self.output = output; self.errorOutput = errorOutput; self.directory = directory
    }

    public func run() -> Int32 {
        var parsed = ParsedArguments(arguments)
        guard let command = parsed.positionals.first else {
            output(Self.usage)
            return 2
        }
        do {
            if ["-h", "--help"].contains(command) { output(Self.usage); return 0 }
            let course = try Course.locate(from: directory)
            let subcommand = Self.subcommands.first { $0.name == command } ?? Self.subcommands[0]
            return try subcommand.run(self, course, &parsed)
        } catch let error as GradeError {
            errorOutput("grade: \(error)")
            switch error {
            case .unknownExercise, .usage, .notACourse, .missingFolder: return 2
            default: return 1
            }
        } catch {
            errorOutput("grade: \(error)")
            return 1
        }
    }

    // MARK: Grading

    func gradeOne(_ course: Course, _ name: String, _ parsed: inout ParsedArguments) throws -> Int32 {
        let exercise = try course.resolveExercise(name)
        let json = parsed.flag("--json")
        let junit = parsed.value("--junit")
        var options = GradeOptions()
        options.solutions = parsed.flag("--solutions")
        options.includeHidden = !parsed.flag("--public-only")
        try parsed.rejectUnknown()
        if options.solutions && !course.hasSolutions {
            throw GradeError.usage("This copy of the course has no Solutions/ folder (a student release); grade your own work with: swift run grade \(exercise)")
        }
        let grader = try Grader.forCourse(course)
        let manifest = try course.manifest(exercise)
        let renderer = ReportRenderer.forStandardOutput()
        if !json { output(renderer.header(manifest, source: (options.solutions ? "Solutions/" : "Exercises/") + exercise, toolchain: grader.builder.toolchain.version)) }
        let report = try grader.grade(exercise, options: options, onResult: json ? nil : { output(renderer.line($0)) })
        EditorSupport.writeCompileCommands(course: course, swiftc: grader.builder.toolchain.swiftc, tensorCore: try? grader.builder.tensorCore().directory)
        if json {
            output(String(decoding: try report.jsonData(), as: UTF8.self))
        } else {
            if report.status == .compileError { output(renderer.compileErrors(report)) }
            output(renderer.footer(report))
        }
        if let junit { try JUnitWriter.write([report], to: URL(fileURLWithPath: junit, relativeTo: directory)) }
        if !options.solutions {
            var progress = ProgressStore(course: course)
            progress.record(report)
            try? progress.save()
        }
        return report.fullMarks ? 0 : 1
    }

    func gradeAll(_ course: Course, _ parsed: inout ParsedArguments) throws -> Int32 {
        var options = GradeOptions()
        options.solutions = parsed.flag("--solutions")
        options.includeHidden = !parsed.flag("--public-only")
        let json = parsed.flag("--json")
        let junit = parsed.value("--junit")
        try parsed.rejectUnknown()
        let grader = try Grader.forCourse(course)
        let renderer = ReportRenderer.forStandardOutput()
        var reports: [Report] = []
        for exercise in course.exerciseIDs() {
            let manifest = try course.manifest(exercise)
            if !json { output(renderer.header(manifest, source: (options.solutions ? "Solutions/" : "Exercises/") + exercise, toolchain: grader.builder.toolchain.version)) }
            let report = try grader.grade(exercise, options: options, onResult: json ? nil : { output(renderer.line($0)) })
            if !json {
                if report.status == .compileError { output(renderer.compileErrors(report)) }
                output(renderer.footer(report) + "\n")
            }
            reports.append(report)
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            output(String(decoding: try encoder.encode(reports), as: UTF8.self))
        } else {
            output(summaryTable(reports))
        }
        if let junit { try JUnitWriter.write(reports, to: URL(fileURLWithPath: junit, relativeTo: directory)) }
        return reports.allSatisfy(\.fullMarks) ? 0 : 1
    }

    func summaryTable(_ reports: [Report]) -> String {
        var rows = [["exercise", "title", "score", "max", "status", "seconds"]]
        for report in reports {
            rows.append([report.exercise, report.title, formatPoints(report.score), formatPoints(report.maxScore),
                         report.status == .graded ? (report.fullMarks ? "full marks" : "points missing") : report.status.rawValue,
                         String(format: "%.1f", report.seconds)])
        }
        let total = reports.reduce(0) { $0 + $1.score }, max = reports.reduce(0) { $0 + $1.maxScore }
        let seconds = reports.reduce(0) { $0 + $1.seconds }
        rows.append(["total", "", formatPoints(total), formatPoints(max), "", String(format: "%.1f", seconds)])
        return TextTable.render(rows)
    }

    // MARK: Studying

    func list(_ course: Course) throws -> Int32 {
        let progress = ProgressStore(course: course)
        var rows = [["exercise", "title", "tasks", "points", "last score"]]
        for id in course.exerciseIDs() {
            let manifest = try course.manifest(id)
            let checks = manifest.checks.filter { !$0.hidden || FileManager.default.fileExists(atPath: course.checkFolder(id).appendingPathComponent("Hidden").path) }
            let max = checks.reduce(0) { $0 + $1.points }
            let last = progress.entries[id].map { "\(formatPoints($0.score))/\(formatPoints($0.maxScore))" } ?? "not graded yet"
            rows.append([id, manifest.title, String(manifest.tasks.count), formatPoints(max), last])
        }
        output(TextTable.render(rows))
        return 0
    }

    func hint(_ course: Course, _ name: String) throws -> Int32 {
        let exercise = try course.resolveExercise(name)
        let manifest = try course.manifest(exercise)
        var progress = ProgressStore(course: course)
        // The first task that is not finished, by the last report if there is one.
        let grader = try Grader.forCourse(course)
        var options = GradeOptions(); options.includeHidden = false
        let report = try grader.grade(exercise, options: options)
        guard let task = manifest.tasks.first(where: { task in
            report.checks.contains { $0.task == task.id && $0.status != .passed }
        }) else {
            output("Every public check of \(exercise) passes: no hint needed.")
            return 0
        }
        let index = progress.nextHint(exercise: exercise, task: task.id)
        try? progress.save()
        guard !task.hints.isEmpty else { output("\(task.id) \(task.title): no hints written for this task."); return 0 }
        let shown = min(index, task.hints.count - 1)
        output("\(task.id) \(task.title) — hint \(shown + 1) of \(task.hints.count):\n  \(task.hints[shown])")
        if index >= task.hints.count { output("(That was the last hint; `grade \(exercise)` shows what each failing check expected.)") }
        return 0
    }

    func reset(_ course: Course, _ name: String, yes: Bool) throws -> Int32 {
        let exercise = try course.resolveExercise(name)
        let stubs = try StubSource(course: course).stubs(for: exercise)
        if !yes {
            output("This replaces every file of Exercises/\(exercise) with its original stub; your work there is lost. Type \"yes\" to go on:")
            guard readLine()?.trimmingCharacters(in: .whitespaces).lowercased() == "yes" else {
                output("Nothing changed.")
                return 1
            }
        }
        let folder = course.exercises.appendingPathComponent(exercise)
        for (relative, data) in stubs {
            let url = folder.appendingPathComponent(relative)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url, options: .atomic)
        }
        output("Exercises/\(exercise) is back to its stub (\(stubs.count) files).")
        return 0
    }

    /// `grade watch exN`: grades now, then again whenever a `.swift` file of the exercise is
    /// saved (its list of files and their modification times change), polling every `poll`
    /// seconds. `keepWatching` is asked after each grading (tests stop the loop with it).
    func watch(_ course: Course, _ name: String, _ parsed: inout ParsedArguments, poll: TimeInterval = 0.5,
               keepWatching: (Int) -> Bool = { _ in true }) throws -> Int32 {
        let exercise = try course.resolveExercise(name)
        let folder = course.exercises.appendingPathComponent(exercise)
        output("Watching Exercises/\(exercise); every save re-grades it. Stop with Ctrl-C.")
        var last = ""
        var gradings = 0
        while true {
            let stamp = FileManager.default.files(under: folder, suffix: ".swift").map { url -> String in
                let date = (try? url.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate) ?? .distantPast
                return "\(url.path)@\(date.timeIntervalSince1970)"
            }.joined(separator: "|")
            if stamp != last {
                last = stamp
                var args = parsed
                _ = try gradeOne(course, exercise, &args)
                gradings += 1
                output("\nWaiting for changes…")
                if !keepWatching(gradings) { return 0 }
            }
            Thread.sleep(forTimeInterval: poll)
        }
    }

    // MARK: Instructors

    /// `grade mutants [exN] [--only TEXT]`: proves each suite catches its known-buggy variants.
    func mutants(_ course: Course, _ parsed: inout ParsedArguments) throws -> Int32 {
        let only = parsed.value("--only")
        try parsed.rejectUnknown()
        let exercises = parsed.positionals.count > 1 ? [try course.resolveExercise(parsed.positionals[1])] : course.exerciseIDs()
        let grader = try Grader.forCourse(course)
        var missed = 0, total = 0, skipped = 0
        for exercise in exercises {
            output("\(exercise):")
            let outcomes = try MutationTesting.run(grader: grader, exercise: exercise, only: only) { outcome in
                let mark = outcome.skipped != nil ? "SKIPPED" : outcome.caught ? "caught" : "MISSED"
                self.output("  \(mark)  \(outcome.mutant)  (\(formatPoints(outcome.score))/\(formatPoints(outcome.maxScore)))")
                for problem in outcome.problems { self.output("          \(problem)") }
                if let why = outcome.skipped { self.output("          \(why)") }
            }
            total += outcomes.count
            missed += outcomes.filter { !$0.caught }.count
            skipped += outcomes.filter { $0.skipped != nil }.count
        }
        output("\(total - missed - skipped) of \(total) mutants caught" + (skipped > 0 ? ", \(skipped) skipped." : "."))
        return missed == 0 ? 0 : 1
    }

    func regenerate(_ course: Course, check: Bool) throws -> Int32 {
        guard course.hasSolutions else { throw GradeError.usage("There is no Solutions/ folder here: stubs are regenerated from solutions in the instructor's copy.") }
        if check {
            let problems = try StubGenerator.differences(course: course)
            if problems.isEmpty { output("Exercises/ matches the stubs generated from Solutions/."); return 0 }
            output("Exercises/ is out of date with Solutions/ (run: swift run grade regenerate):")
            for problem in problems { output("  " + problem) }
            return 1
        }
        let written = try StubGenerator.regenerate(course: course)
        output(written.isEmpty ? "Exercises/ was already up to date." : "Wrote \(written.count) files:\n" + written.map { "  " + $0 }.joined(separator: "\n"))
        return 0
    }
}

/// One subcommand of `grade`: its name, its lines in the help, and what runs it.
struct Subcommand: Sendable {
    enum Section: String, CaseIterable, Sendable { case grading = "Grading", studying = "Studying", instructors = "Instructors" }
    var name: String
    var section: Section
    var help: [(String, String)]
    var run: @Sendable (GradeCommand, Course, inout ParsedArguments) throws -> Int32
}

/// Options and positional arguments, read as they are asked for.
public struct ParsedArguments {
    public private(set) var positionals: [String] = []
    private var options: [(name: String, value: String?)] = []
    private var used = Set<Int>()
    static let valued: Set<String> = ["--junit", "--out", "--exercise", "--jobs", "--only", "--submission", "--results", "--count"]

    public init(_ arguments: [String]) {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument.hasPrefix("-") && argument.count > 1 && Int(argument) == nil {
                if let equals = argument.firstIndex(of: "=") {
                    options.append((String(argument[..<equals]), String(argument[argument.index(after: equals)...])))
                } else if Self.valued.contains(argument), index + 1 < arguments.count {
                    options.append((argument, arguments[index + 1]))
                    index += 1
                } else {
                    options.append((argument, nil))
                }
            } else {
                positionals.append(argument)
            }
            index += 1
        }
    }

    public mutating func flag(_ name: String) -> Bool {
        guard let index = options.firstIndex(where: { $0.name == name }) else { return false }
        used.insert(index)
        return true
    }

    public mutating func value(_ name: String) -> String? {
        guard let index = options.firstIndex(where: { $0.name == name }) else { return nil }
        used.insert(index)
        return options[index].value
    }

    public func positional(_ index: Int, _ missing: String) throws -> String {
        guard index < positionals.count else { throw GradeError.usage(missing) }
        return positionals[index]
    }

    public func rejectUnknown() throws {
        for (index, option) in options.enumerated() where !used.contains(index) {
            throw GradeError.usage("Unknown option \(option.name). Run `swift run grade help` for the list of commands and options.")
        }
    }
}

/// A plain text table with aligned columns.
public enum TextTable {
    public static func render(_ rows: [[String]]) -> String {
        guard let first = rows.first else { return "" }
        var widths = [Int](repeating: 0, count: first.count)
        for row in rows { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) } }
        return rows.enumerated().map { (n, row) in
            let line = row.enumerated().map { i, cell in cell.padding(toLength: widths[i], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
            return n == 0 ? line + "\n" + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") : line
        }.joined(separator: "\n")
    }
}

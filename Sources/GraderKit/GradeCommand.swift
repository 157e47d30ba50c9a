import Foundation
#if canImport(Glibc)
import Glibc
#endif

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
        return text + "\nOptions: --junit FILE writes JUnit XML; NO_COLOR=1 turns colours off.\n`grade help CMD` (or `grade CMD --help`) tells more about one command."
    }

    static var commandNames: [String] { subcommands.dropFirst().map(\.name) }

    static func subcommand(named name: String) -> Subcommand? {
        subcommands.dropFirst().first { $0.name == name }
    }

    /// `ex3`, `Ex03`, `3`: what `Course.resolveExercise` would try.
    static func looksLikeExercise(_ name: String) -> Bool {
        var rest = Substring(name.lowercased())
        if rest.hasPrefix("ex") { rest = rest.dropFirst(2) }
        return !rest.isEmpty && rest.allSatisfy(\.isNumber) || name.lowercased().hasPrefix("ex") && name.count <= 6
    }

    /// `; did you mean `grade list`?` for the candidate nearest to `word` (at most two edits, or
    /// one for a short word, or one it begins), or "." when none is near: the end of a sentence.
    static func didYouMean(_ word: String, among candidates: [String], prefix: String) -> String {
        guard let best = nearest(word, among: candidates) else { return "." }
        return "; did you mean `\(prefix)\(best)`?"
    }

    static func nearest(_ word: String, among candidates: [String]) -> String? {
        let word = word.lowercased()
        if word.count >= 3, let started = candidates.first(where: { $0.lowercased().hasPrefix(word) }) { return started }
        let limit = word.count <= 3 ? 1 : 2
        let scored = candidates.map { ($0, editDistance(word, $0.lowercased())) }.filter { $0.1 <= limit }
        return scored.min { $0.1 < $1.1 }?.0
    }

    /// Levenshtein distance, with a swap of two neighbours counting as one edit (`lsit` → `list`).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[a.count][b.count]
    }

    /// Every subcommand: its name, its help lines, and what runs it. `exN` (any exercise name) is
    /// the default, for a first argument that names no other command.
    static let subcommands: [Subcommand] = [
        Subcommand(name: "exN", section: .grading, help: [
            ("ex1", "grade Exercises/ex1 (also: ex01, 1); one line per check, then the score"),
            ("ex1 --solutions", "grade Solutions/ex1 instead (instructors)"),
            ("ex1 --json", "the same report as JSON on standard output (schema in the README)"),
            ("ex1 --public-only", "grade as a student's copy would: hidden checks left out"),
        ], details: """
            Compiles Exercises/ex1 on its own and runs every check of Tests/Checks/ex1 in processes of
            its own, then prints one line per check (what was expected, what your code gave, a hint)
            and the score. A compile error in one file costs only the tasks of that file. Exit status:
            0 with full marks, 1 when points are missing, 2 for a usage error.
            Options: --json, --junit FILE, --solutions, --public-only.
            """) { command, course, parsed in try command.gradeOne(course, parsed.positionals[0], &parsed) },
        Subcommand(name: "all", section: .grading, help: [("all [--solutions]", "every exercise, then a summary table")], details: """
            Grades every exercise in turn, as `grade exN` does, then prints a table of scores.
            Options: --solutions, --public-only, --json, --junit FILE.
            """) { command, course, parsed in
            try command.gradeAll(course, &parsed)
        },
        Subcommand(name: "list", section: .studying, help: [("list", "every exercise: title, tasks, points and your last score")], details: """
            One line per exercise: its id, title, number of tasks, points and the score of your last
            `grade exN` (kept in .grade/progress.json).
            """) { command, course, parsed in
            try parsed.rejectUnknown()
            return try command.list(course)
        },
        Subcommand(name: "hint", section: .studying, help: [("hint ex1", "the next hint for the first task that is not finished"),
                                                     ("hint ex1.3", "the next hint for task ex1.3")], details: """
            Each task has a few hints that build up: first the idea, then the formula, then the code.
            Every call shows the next one; the last stays. With an exercise, the task is the first whose
            public checks do not all pass (the exercise is graded first); with a task, that task.
            """) { command, course, parsed in
            let exercise = try parsed.positional(1, "grade hint needs an exercise: grade hint ex1")
            try parsed.rejectUnknown()
            return try command.hint(course, exercise)
        },
        Subcommand(name: "reset", section: .studying, help: [("reset ex1", "restore the stub of ex1 (asks first; --yes to skip the question)")], details: """
            Replaces every file of Exercises/ex1 with the stub you started from. Your work there is
            lost, so it asks first: answer y or yes to go on. --yes skips the question.
            """) { command, course, parsed in
            let exercise = try parsed.positional(1, "grade reset needs an exercise: grade reset ex1")
            let yes = parsed.flag("--yes")
            try parsed.rejectUnknown()
            return try command.reset(course, exercise, yes: yes)
        },
        Subcommand(name: "watch", section: .studying, help: [("watch ex1", "re-grade every time a file of ex1 is saved")], details: """
            Grades ex1, then again each time a .swift file of Exercises/ex1 is saved. On a terminal
            the screen is cleared for each grading and a progress bar shows the check being run.
            Stop with Ctrl-C. Options: as for `grade ex1`.
            """) { command, course, parsed in
            try command.watch(course, parsed.positional(1, "grade watch needs an exercise: grade watch ex1"), &parsed)
        },
        Subcommand(name: "regenerate", section: .instructors, help: [
            ("regenerate [--check] [--force]", "write Exercises/ from Solutions/; --check only compares and names the files that differ"),
        ], details: """
            Writes each stub of Exercises/ from its solution in Solutions/ (the blocks between
            // BEGIN SOLUTION and // END SOLUTION become todo(...)). A stub whose todo(...) lines were
            replaced by hand is left alone and named; --force overwrites it too. --check writes
            nothing and exits 1 when Exercises/ is out of date.
            """) { command, course, parsed in
            let check = parsed.flag("--check")
            let force = parsed.flag("--force")
            try parsed.rejectUnknown()
            return try command.regenerate(course, check: check, force: force)
        },
        Subcommand(name: "release", section: .instructors, help: [
            ("release DIR [--with-reference]", "write a student repository: stubs, public checks, the grader; no solutions"),
        ], details: """
            Writes DIR as the repository students clone: the stubs, the public checks, the grader, the
            tensor core, the lecture notes and the data; no Solutions/, no hidden checks, and no
            reference implementation unless --with-reference.
            """) { command, course, parsed in try InstructorCommands(course: course, output: command.output).release(&parsed) },
        Subcommand(name: "batch", section: .instructors, help: [
            ("batch DIR --exercise exN [--out DIR] [--jobs N] [--reveal-hidden]", "grade a folder of submissions into grades.csv and one feedback file each"),
        ], details: """
            DIR holds one folder or .zip per student; only their Exercises/exN/*.swift files are used.
            Writes OUT/grades.csv (student, exercise, task scores, total, max, status, feedback file)
            and OUT/feedback/NAME.txt, one per student, however alike their folder names are
            (OUT defaults to grades-exN). Hidden checks' messages are left out of the feedback unless
            --reveal-hidden. --jobs N grades N students at a time (default: one per core).
            """) { command, course, parsed in try InstructorCommands(course: course, output: command.output).batch(&parsed) },
        Subcommand(name: "samples", section: .instructors, help: [
            ("samples exN DIR [--count N]", "write N sample submissions (correct, partly wrong, not compiling, hanging, …)"),
        ], details: """
            Writes N (default 20) sample submissions of exN into DIR, built from the solution, the stub
            and the mutants of Tests/Mutants: a class to try `grade batch` on.
            """) { command, course, parsed in try InstructorCommands(course: course, output: command.output).samples(&parsed) },
        Subcommand(name: "gradescope", section: .instructors, help: [
            ("gradescope exN --out DIR", "write a Gradescope autograder for exercise N"),
        ], details: """
            Writes setup.sh, run_autograder and the checks of exN into DIR; zip the folder's contents
            and upload them to Gradescope (see the README.md written there).
            """) { command, course, parsed in try InstructorCommands(course: course, output: command.output).gradescope(&parsed) },
        Subcommand(name: "autograde", section: .instructors, help: [
            ("autograde exN --submission DIR --results FILE", "grade one submission into a Gradescope results.json (what run_autograder calls)"),
        ], details: """
            Grades the submission in DIR and writes Gradescope's results.json to FILE. Exits 0
            whenever FILE was written, whatever the score.
            """) { command, course, parsed in try InstructorCommands(course: course, output: command.output).autograde(&parsed) },
        Subcommand(name: "warm", section: .instructors, help: [
            ("warm [exN]", "build the shared libraries and check runners ahead of grading (Gradescope's setup.sh)"),
        ], details: """
            Builds TensorCore, the check support, the reference implementation and the check runners
            of exN (or of every exercise), so that grading afterwards compiles only the student's code.
            """) { command, course, parsed in try InstructorCommands(course: course, output: command.output).warm(&parsed) },
        Subcommand(name: "mutants", section: .instructors, help: [
            ("mutants [exN] [--only TEXT]", "grade every known-buggy variant in Tests/Mutants/ (those whose name contains TEXT) and require each to lose points"),
        ], details: """
            Grades each mutant of Tests/Mutants/exN.json (a solution with one known mistake) and
            checks that it loses the points it must. Exit 1 when one is missed.
            """) { command, course, parsed in try command.mutants(course, &parsed) },
        Subcommand(name: "mutate", section: .instructors, help: [
            ("mutate exN [--sample N --seed S] [--only ID,…] [--file F.swift] [--jobs N] [--list]", "generate mutants of the solution by operator, grade them and list every survivor not in Tests/Mutants/exN.equivalent.json"),
        ], details: """
            Generates mutants of Solutions/exN by operator (relational and arithmetic swaps, off-by-one
            constants and ranges, += ↔ =, negated conditions, deleted statements, swapped arguments,
            changed defaults, max ↔ min, removed guard/precondition), grades each on the checks of the
            task it changed, N at a time (--jobs), and prints generated, killed (by a check or by the
            compiler), equivalent and survived, with the diff of each survivor. --sample N --seed S
            grades a fixed sample; --list only lists them. Exit 1 when a survivor is not listed, with
            its reason, in Tests/Mutants/exN.equivalent.json.
            """) { command, course, parsed in try command.mutate(course, &parsed) },
        Subcommand(name: "help", section: .studying, help: [("help", "this text (also -h, --help)"), ("help CMD", "the help of one command")], details: """
            Without a command, the list of every command; with one, what it does and its options.
            `grade CMD --help` does the same.
            """) { command, _, parsed in
            try parsed.rejectUnknown()
            guard parsed.positionals.count > 1 else { command.output(GradeCommand.usage); return 0 }
            let name = parsed.positionals[1]
            guard let subcommand = GradeCommand.subcommand(named: name) else {
                throw GradeError.usage("There is no command \"\(name)\"\(GradeCommand.didYouMean(name, among: GradeCommand.commandNames, prefix: "grade help ")) Run `swift run grade help` for the list.")
            }
            command.output(subcommand.fullHelp)
            return 0
        },
    ]

    public var arguments: [String]
    public var output: (String) -> Void
    public var errorOutput: (String) -> Void
    public var directory: URL
    /// One line the user types (`reset`'s question); nil at the end of input.
    public var input: () -> String? = { readLine() }

    public init(arguments: [String], directory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                output: @escaping (String) -> Void = { print($0) },
                errorOutput: @escaping (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }) {
        self.arguments = arguments; self.output = output; self.errorOutput = errorOutput; self.directory = directory
    }

    public func run() -> Int32 {
        var parsed = ParsedArguments(arguments)
        guard let command = parsed.positionals.first else {
            output(Self.usage)
            return arguments.contains("--help") || arguments.contains("-h") ? 0 : 2
        }
        do {
            if ["-h", "--help"].contains(command) { output(Self.usage); return 0 }
            let named = Self.subcommand(named: command)
            if parsed.flag("--help") || parsed.flag("-h") { output((named ?? Self.subcommands[0]).fullHelp); return 0 }
            let course = try Course.locate(from: directory)
            if named == nil, !Self.looksLikeExercise(command) {
                // Neither a command nor an exercise: the nearest of either.
                let exercises = course.exerciseIDs()
                throw GradeError.usage("There is no command or exercise \"\(command)\"\(Self.didYouMean(command, among: Self.commandNames + exercises, prefix: "grade "))"
                    + " Commands: \(Self.commandNames.joined(separator: ", ")); exercises: \(exercises.joined(separator: ", ")). Run `swift run grade help` for more.")
            }
            return try (named ?? Self.subcommands[0]).run(self, course, &parsed)
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

    func gradeOne(_ course: Course, _ name: String, _ parsed: inout ParsedArguments, screen: WatchScreen? = nil) throws -> Int32 {
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
        // Under `watch`, a progress bar below the last line, replaced by the next check's line.
        let planned = grader.checks(for: manifest, includeHidden: options.includeHidden)
        var done = 0
        if let screen, !json, let first = planned.first { output(screen.progress(done: 0, total: planned.count, running: first.id)) }
        let report = try grader.grade(exercise, options: options, onResult: json ? nil : { result in
            guard let screen else { output(renderer.line(result)); return }
            done += 1
            output(screen.replacingProgress(renderer.line(result)))
            if done < planned.count { output(screen.progress(done: done, total: planned.count, running: planned[done].id)) }
        })
        if let screen, !json, done < planned.count, done > 0 || !planned.isEmpty { output(screen.replacingProgress("")) }
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
        // `ex1.3` (or `1.3`) names a task; `ex1` the exercise.
        let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
        let exercise = try course.resolveExercise(parts[0])
        let manifest = try course.manifest(exercise)
        var progress = ProgressStore(course: course)
        let task: TaskInfo
        if parts.count == 2 {
            let id = "\(exercise).\(parts[1])"
            guard let named = manifest.tasks.first(where: { $0.id == id }) else {
                let ids = manifest.tasks.map(\.id)
                throw GradeError.usage("\(exercise) has no task \(id)\(Self.didYouMean(id, among: ids, prefix: "grade hint ")) Its tasks: \(ids.joined(separator: ", ")).")
            }
            task = named
        } else {
            // The first task that is not finished.
            let grader = try Grader.forCourse(course)
            var options = GradeOptions(); options.includeHidden = false
            let report = try grader.grade(exercise, options: options)
            guard let first = manifest.tasks.first(where: { task in
                report.checks.contains { $0.task == task.id && $0.status != .passed }
            }) else {
                output("Every public check of \(exercise) passes: no hint needed.")
                return 0
            }
            task = first
        }
        let index = progress.nextHint(exercise: exercise, task: task.id)
        try? progress.save()
        guard !task.hints.isEmpty else { output("\(task.id) \(task.title): no hints written for this task."); return 0 }
        let shown = min(index, task.hints.count - 1)
        output("\(task.id) \(task.title) — hint \(shown + 1) of \(task.hints.count):\n  \(task.hints[shown])")
        if shown == task.hints.count - 1 { output("(That was the last hint; `grade \(exercise)` shows what each failing check expected.)") }
        return 0
    }

    func reset(_ course: Course, _ name: String, yes: Bool) throws -> Int32 {
        let exercise = try course.resolveExercise(name)
        let stubs = try StubSource(course: course).stubs(for: exercise)
        if !yes {
            output("This replaces every file of Exercises/\(exercise) with its original stub; your work there is lost. Go on? [y/N]")
            guard let answer = input()?.trimmingCharacters(in: .whitespaces).lowercased(), ["y", "yes"].contains(answer) else {
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
               terminal: Bool = isatty(STDOUT_FILENO) == 1, now: () -> Date = Date.init,
               keepWatching: (Int) -> Bool = { _ in true }) throws -> Int32 {
        let exercise = try course.resolveExercise(name)
        let folder = course.exercises.appendingPathComponent(exercise)
        let screen = WatchScreen(terminal: terminal, symbols: ReportRenderer.forStandardOutput().symbols)
        if !terminal { output("Watching Exercises/\(exercise); every save re-grades it. Stop with Ctrl-C.") }
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
                gradings += 1
                if terminal { output(screen.top(exercise: exercise, grading: gradings, at: now())) }
                _ = try gradeOne(course, exercise, &args, screen: screen)
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

    func regenerate(_ course: Course, check: Bool, force: Bool = false) throws -> Int32 {
        guard course.hasSolutions else { throw GradeError.usage("There is no Solutions/ folder here: stubs are regenerated from solutions in the instructor's copy.") }
        if check {
            let problems = try StubGenerator.differences(course: course)
            if problems.isEmpty { output("Exercises/ matches the stubs generated from Solutions/."); return 0 }
            output("Exercises/ is out of date with Solutions/ (run: swift run grade regenerate):")
            for problem in problems { output("  " + problem) }
            return 1
        }
        let (written, kept) = try StubGenerator.regenerate(course: course, force: force)
        output(written.isEmpty ? (kept.isEmpty ? "Exercises/ was already up to date." : "Wrote nothing.")
                               : "Wrote \(written.count) file\(written.count == 1 ? "" : "s"):\n" + written.map { "  " + $0 }.joined(separator: "\n"))
        guard kept.isEmpty else {
            output("Left alone, because they were edited by hand (their todo(...) lines were replaced):\n"
                + kept.map { "  " + $0 }.joined(separator: "\n")
                + "\nYour changes there are kept. To overwrite them with the stubs anyway: swift run grade regenerate --force")
            return 1
        }
        return 0
    }
}

/// What `grade watch` draws on a terminal: the screen cleared for each grading, and below the
/// check lines a progress bar naming the check that runs, replaced by that check's line when it ends.
struct WatchScreen {
    var terminal: Bool
    var symbols: Bool
    static let clear = "\u{1B}[2J\u{1B}[H"
    /// Moves up over the progress bar and erases it (on a terminal; elsewhere nothing).
    var eraseProgress: String { terminal ? "\u{1B}[1A\u{1B}[2K" : "" }

    func top(exercise: String, grading: Int, at date: Date) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "HH:mm:ss"
        return Self.clear + "Watching Exercises/\(exercise): grading #\(grading), started \(formatter.string(from: date)). Every save re-grades it; stop with Ctrl-C."
    }

    /// `  [██████░░░░░░░░░░░░░░]  3/11  running ex1.3.swish-beta…`
    func progress(done: Int, total: Int, running: String) -> String {
        let width = 20
        let filled = total == 0 ? width : done * width / total
        let (full, empty) = symbols ? ("█", "░") : ("#", "-")
        return "  [" + String(repeating: full, count: filled) + String(repeating: empty, count: width - filled)
            + "] \(String(done).leftPadded(to: String(total).count, with: " "))/\(total)  running \(running)…"
    }

    /// `line`, printed over the progress bar.
    func replacingProgress(_ line: String) -> String { eraseProgress + line }
}

/// One subcommand of `grade`: its name, its lines in the help, and what runs it.
struct Subcommand: Sendable {
    enum Section: String, CaseIterable, Sendable { case grading = "Grading", studying = "Studying", instructors = "Instructors" }
    var name: String
    var section: Section
    var help: [(String, String)]
    /// What `grade help NAME` adds below the synopsis lines: what the command does, in full.
    var details: String
    var run: @Sendable (GradeCommand, Course, inout ParsedArguments) throws -> Int32

    init(name: String, section: Section, help: [(String, String)], details: String = "",
         run: @escaping @Sendable (GradeCommand, Course, inout ParsedArguments) throws -> Int32) {
        self.name = name; self.section = section; self.help = help; self.details = details; self.run = run
    }

    /// `grade help NAME`: the synopsis lines, then the details.
    var fullHelp: String {
        var text = "Usage:\n"
        for (synopsis, summary) in help { text += "  swift run grade \(synopsis)\n      \(summary)\n" }
        return details.isEmpty ? text : text + "\n" + details
    }
}

/// Options and positional arguments, read as they are asked for.
public struct ParsedArguments {
    public private(set) var positionals: [String] = []
    private var options: [(name: String, value: String?)] = []
    private var used = Set<Int>()
    static let valued: Set<String> = ["--junit", "--out", "--exercise", "--jobs", "--only", "--submission", "--results", "--count", "--file"]

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

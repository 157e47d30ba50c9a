import Foundation

/// `grade release`, `grade batch`, `grade gradescope`, `grade autograde` and `grade warm`.
struct InstructorCommands {
    let course: Course
    let output: (String) -> Void

    func release(_ parsed: inout ParsedArguments) throws -> Int32 {
        let destination = try parsed.positional(1, "grade release needs a destination folder: grade release ../course-student")
        let includeReference = parsed.flag("--with-reference")
        try parsed.rejectUnknown()
        let url = URL(fileURLWithPath: destination, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
        try ReleaseWriter(course: course, includeReference: includeReference).write(to: url)
        output("Wrote the student release to \(url.path): stubs, public checks and the grader; no Solutions/, no hidden checks\(includeReference ? "" : ", no reference implementation").")
        output("Check it: cd \(url.path) && swift run grade ex1")
        return 0
    }

    func batch(_ parsed: inout ParsedArguments) throws -> Int32 {
        let folder = try parsed.positional(1, "grade batch needs the folder of submissions: grade batch submissions/ --exercise ex3")
        guard let exerciseName = parsed.value("--exercise") else {
            throw GradeError.usage("grade batch needs the exercise to grade: grade batch \(folder) --exercise ex3")
        }
        let exercise = try course.resolveExercise(exerciseName)
        let jobs = Int(parsed.value("--jobs") ?? "") ?? ProcessInfo.processInfo.activeProcessorCount
        let reveal = parsed.flag("--reveal-hidden")
        let out = parsed.value("--out") ?? "grades-\(exercise)"
        try parsed.rejectUnknown()
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        var batch = BatchGrader(grader: try Grader.forCourse(course), exercise: exercise, jobs: jobs)
        batch.revealHidden = reveal
        let outURL = URL(fileURLWithPath: out, relativeTo: cwd).standardizedFileURL
        let started = Date()
        let results = try batch.run(submissions: URL(fileURLWithPath: folder, relativeTo: cwd).standardizedFileURL, output: outURL) { self.output($0) }
        output(String(format: "Graded %d submissions in %.1f s: %@/grades.csv and %@/feedback/", results.count, Date().timeIntervalSince(started), outURL.path, outURL.path))
        return 0
    }

    func gradescope(_ parsed: inout ParsedArguments) throws -> Int32 {
        let exercise = try course.resolveExercise(try parsed.positional(1, "grade gradescope needs an exercise: grade gradescope ex3 --out autograder-ex3"))
        guard let out = parsed.value("--out") else { throw GradeError.usage("grade gradescope needs --out DIR, the folder to write the autograder to") }
        try parsed.rejectUnknown()
        let url = URL(fileURLWithPath: out, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
        try Gradescope.writeAutograder(course: course, exercise: exercise, to: url)
        output("Wrote a Gradescope autograder for \(exercise) to \(url.path); zip its contents and upload them (see its README.md).")
        return 0
    }

    /// Inside an autograder: grade one submission and write results.json. Exit 0 whenever a results file was written.
    func autograde(_ parsed: inout ParsedArguments) throws -> Int32 {
        let exercise = try course.resolveExercise(try parsed.positional(1, "grade autograde needs an exercise"))
        guard let submission = parsed.value("--submission"), let results = parsed.value("--results") else {
            throw GradeError.usage("grade autograde needs --submission DIR and --results FILE")
        }
        try parsed.rejectUnknown()
        let outcome = Gradescope.autograde(course: course, exercise: exercise, submission: URL(fileURLWithPath: submission),
                                           results: URL(fileURLWithPath: results))
        output("\(exercise): \(formatPoints(outcome.score)) points; results written to \(results)")
        return 0
    }

    /// `grade samples exN DIR [--count N]`: a class of sample submissions, built from the solution,
    /// the stub and the mutants in Tests/Mutants — a realistic mix for trying `grade batch`:
    /// in every ten, four correct, two partly wrong, one stub, one not compiling, one hanging, one crashing.
    func samples(_ parsed: inout ParsedArguments) throws -> Int32 {
        let exercise = try course.resolveExercise(try parsed.positional(1, "grade samples needs an exercise: grade samples ex1 samples/"))
        let folder = try parsed.positional(2, "grade samples needs a destination folder: grade samples \(exercise) samples/")
        let count = Int(parsed.value("--count") ?? "") ?? 20
        try parsed.rejectUnknown()
        let destination = URL(fileURLWithPath: folder, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
        let kinds = try SampleSubmissions(course: course, exercise: exercise).write(count: count, to: destination)
        output("Wrote \(count) sample submissions of \(exercise) to \(destination.path): " +
               kinds.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", "))
        return 0
    }

    /// Builds the shared libraries, the pristine stubs and the check runners (of `exN`, or of every
    /// exercise), so that later grading compiles only student code.
    func warm(_ parsed: inout ParsedArguments) throws -> Int32 {
        let exercises = parsed.positionals.count > 1 ? [try course.resolveExercise(parsed.positionals[1])] : course.exerciseIDs()
        try parsed.rejectUnknown()
        let grader = try Grader.forCourse(course)
        _ = try grader.builder.tensorCore()
        _ = try grader.builder.checkSupport()
        if grader.builder.hasReference { _ = try grader.builder.reference() }
        for exercise in exercises {
            let manifest = try course.manifest(exercise)
            _ = try grader.builder.runner(manifest, checks: grader.checks(for: manifest, includeHidden: true))
        }
        output("The grader's libraries and the check runners of \(exercises.joined(separator: ", ")) are built.")
        return 0
    }
}

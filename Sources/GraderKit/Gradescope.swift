import Foundation

/// Gradescope's autograder format: `setup.sh` and `run_autograder` at the top of the uploaded
/// zip, the submission in `/autograder/submission`, and the result in
/// `/autograder/results/results.json` with `score`, `execution_time`, `output`, `visibility`,
/// `stdout_visibility` and `tests[]` (`name`, `number`, `score`, `max_score`, `status`,
/// `output`, `visibility`, `tags`). A check's `visibility` comes from checks.json
/// (`visible`, `hidden`, `after_due_date`, `after_published`); Gradescope applies it.
public enum Gradescope {
    public struct Results: Codable, Equatable {
        public struct Test: Codable, Equatable {
            public var name: String
            public var number: String
            public var score: Double
            public var max_score: Double
            public var status: String
            public var output: String
            public var visibility: String
            public var tags: [String]
        }
        public var score: Double
        public var execution_time: Int
        public var output: String
        public var visibility: String
        public var stdout_visibility: String
        public var tests: [Test]
    }

    public static func results(for report: Report) -> Results {
        var output = "\(report.exercise): \(report.title) — checks v\(report.version), seed \(report.seed), \(report.toolchain)"
        if report.status == .compileError {
            if let files = report.stubbedFiles, !files.isEmpty {
                output += "\n\(files.joined(separator: ", ")) does not compile, so the checks of its tasks score 0; the other files were graded with its original stub in its place:\n"
            } else {
                output += "\nYour code does not compile, so every check scores 0:\n"
            }
            output += report.compileErrors.prefix(20).map(\.renderedWithSource).joined(separator: "\n")
        }
        let tests = report.checks.enumerated().map { index, check -> Results.Test in
            var text = check.message
            if check.status == .timeout { text = "[timeout] " + text }
            if check.status == .error { text = "[error] " + text }
            if check.status != .passed, let hint = check.hint { text += "\nhint: \(hint)" }
            if let printed = check.output, !printed.isEmpty { text += "\nyour code printed:\n" + ReportRenderer.shownOutput(printed).joined(separator: "\n") }
            let task = check.task.split(separator: ".").last.map(String.init) ?? "0"
            return Results.Test(name: "\(check.id): \(check.name)", number: "\(task).\(index + 1)", score: check.points,
                                max_score: check.max, status: check.status == .passed ? "passed" : "failed",
                                output: text, visibility: check.visibility.rawValue, tags: [check.task])
        }
        return Results(score: report.score, execution_time: Int(report.seconds.rounded(.up)), output: output,
                       visibility: "visible", stdout_visibility: "hidden", tests: tests)
    }

    public static func write(_ results: Results, to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try encoder.encode(results).write(to: url, options: .atomic)
    }

    /// The student's files for `exercise` in a Gradescope submission: an `Exercises/exN/` folder
    /// anywhere inside, or else the `.swift` files at the top of the submission.
    public static func submissionFiles(in submission: URL, exercise: String) -> [(String, URL)] {
        if let files = BatchGrader.exerciseFiles(in: submission, exercise: exercise) { return files }
        let top = (try? FileManager.default.contentsOfDirectory(at: submission, includingPropertiesForKeys: [.isSymbolicLinkKey])) ?? []
        return top.filter { $0.pathExtension == "swift" && $0.lastPathComponent != "Package.swift"
            && (try? $0.resourceValues(forKeys: [.isSymbolicLinkKey]).isSymbolicLink) != true }
            .sorted { $0.path < $1.path }
            .map { ($0.lastPathComponent, $0) }
    }

    /// `grade autograde`: grade a submission and write results.json. Never throws for the
    /// student's code: whatever happens, a results file is written.
    public static func autograde(course: Course, exercise: String, submission: URL, results: URL) -> Results {
        let started = Date()
        let work = course.stateFolder.appendingPathComponent("autograde")
        let fm = FileManager.default
        var outcome: Results
        do {
            let manifest = try course.manifest(exercise)
            try? fm.removeItem(at: work)
            let source = work.appendingPathComponent("source/\(exercise)")
            try fm.createDirectory(at: source, withIntermediateDirectories: true)
            let files = submissionFiles(in: submission, exercise: exercise)
            if files.isEmpty {
                outcome = Results(score: 0, execution_time: 0,
                                  output: "No Swift files found in the submission: upload the files of Exercises/\(exercise)/ (or the folder itself).",
                                  visibility: "visible", stdout_visibility: "hidden", tests: [])
            } else {
                for (relative, url) in files {
                    let target = source.appendingPathComponent(relative)
                    try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try fm.copyItem(at: url, to: target)
                }
                let grader = try Grader.forCourse(course)
                let options = GradeOptions()
                // The graded processes see neither the upload nor the results folder: their root is their own (`CheckSandbox`).
                let report = try grader.grade(manifest.id, sourceFolder: source, displayName: "Exercises/\(exercise)",
                                              buildFolder: work.appendingPathComponent("build"), options: options)
                outcome = Self.results(for: report)
            }
        } catch {
            outcome = Results(score: 0, execution_time: 0,
                              output: "The autograder could not grade this submission (not your code's fault; tell your instructor): \(error)",
                              visibility: "visible", stdout_visibility: "hidden", tests: [])
        }
        outcome.execution_time = Int(Date().timeIntervalSince(started).rounded(.up))
        try? write(outcome, to: results)
        return outcome
    }

    /// Writes the autograder folder to zip and upload.
    public static func writeAutograder(course: Course, exercise: String, to folder: URL) throws {
        let fm = FileManager.default
        if fm.fileExists(atPath: folder.path), !((try? fm.contentsOfDirectory(atPath: folder.path)) ?? []).isEmpty {
            throw GradeError.usage("\(folder.path) exists and is not empty; choose a new folder.")
        }
        let source = folder.appendingPathComponent("source")
        try fm.createDirectory(at: source.appendingPathComponent("Tests/Checks"), withIntermediateDirectories: true)
        try fm.createDirectory(at: source.appendingPathComponent("Sources"), withIntermediateDirectories: true)
        for module in ["TensorCore", "GraderKit", "grade", "DeepLearning"] {
            let from = course.sources.appendingPathComponent(module)
            if fm.fileExists(atPath: from.path) { try fm.copyItem(at: from, to: source.appendingPathComponent("Sources/\(module)")) }
        }
        try fm.copyItem(at: course.checkSupport, to: source.appendingPathComponent("Tests/Checks/Support"))
        try fm.copyItem(at: course.checkFolder(exercise), to: source.appendingPathComponent("Tests/Checks/\(exercise)"))
        try StubSource(course: course).writeReleased(exercise, toCourseAt: source)
        let package = """
        // swift-tools-version:6.0
        // The grader inside a Gradescope autograder, written by `grade gradescope`.
        import PackageDescription

        let package = Package(
            name: "CourseAutograder",
            products: [.executable(name: "grade", targets: ["grade"])],
            targets: [
                .target(name: "GraderKit"),
                .executableTarget(name: "grade", dependencies: ["GraderKit"]),
            ],
            swiftLanguageModes: [.v5]
        )

        """
        try Data(package.utf8).write(to: source.appendingPathComponent("Package.swift"))
        let setup = """
        #!/usr/bin/env bash
        # Gradescope runs this once when the autograder image is built (Ubuntu, as root, with network).
        set -euo pipefail
        SWIFT_VERSION=6.3.1
        apt-get update
        apt-get install -y --no-install-recommends binutils git gnupg2 libc6-dev libcurl4-openssl-dev \\
            libedit2 libgcc-13-dev libpython3-dev libsqlite3-0 libstdc++-13-dev libxml2-dev libz3-dev \\
            pkg-config tzdata unzip zlib1g-dev curl ca-certificates
        if ! command -v swiftc >/dev/null; then
            . /etc/os-release
            platform="ubuntu${VERSION_ID}"; tag="swift-${SWIFT_VERSION}-RELEASE"
            curl -fsSL "https://download.swift.org/swift-${SWIFT_VERSION}-release/${platform//./}/${tag}/${tag}-${platform}.tar.gz" -o /tmp/swift.tar.gz
            mkdir -p /opt/swift && tar -xzf /tmp/swift.tar.gz -C /opt/swift --strip-components=2
            ln -sf /opt/swift/bin/* /usr/local/bin/
        fi
        cd /autograder/source
        swift build -c release --product grade
        # Build the shared libraries once, so each submission only compiles its own code.
        ./.build/release/grade warm \(exercise)

        """
        let run = """
        #!/usr/bin/env bash
        # Gradescope runs this for each submission. AUTOGRADER_ROOT and GRADE_BIN exist for local tests.
        set -u
        ROOT="${AUTOGRADER_ROOT:-/autograder}"
        GRADE="${GRADE_BIN:-$ROOT/source/.build/release/grade}"
        mkdir -p "$ROOT/results"
        cd "$ROOT/source" && exec "$GRADE" autograde \(exercise) --submission "$ROOT/submission" --results "$ROOT/results/results.json"

        """
        try Data(setup.utf8).write(to: folder.appendingPathComponent("setup.sh"))
        try Data(run.utf8).write(to: folder.appendingPathComponent("run_autograder"))
        for script in ["setup.sh", "run_autograder"] {
            try fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.appendingPathComponent(script).path)
        }
        let readme = """
        # Gradescope autograder for \(exercise)

        Upload a zip of this folder's contents (`cd \(folder.lastPathComponent) && zip -r ../autograder-\(exercise).zip .`)
        as a "Zip file upload" autograder. `setup.sh` installs Swift and builds the grader; `run_autograder`
        grades `/autograder/submission` (the student's `Exercises/\(exercise)/` folder or its `.swift` files)
        with the public and hidden checks and writes `/autograder/results/results.json`.
        Each check's visibility on Gradescope is its `visibility` in `source/Tests/Checks/\(exercise)/checks.json`.

        """
        try Data(readme.utf8).write(to: folder.appendingPathComponent("README.md"))
    }
}

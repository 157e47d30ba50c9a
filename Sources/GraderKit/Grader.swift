import Foundation

/// What to grade and how.
public struct GradeOptions: Sendable {
    /// Grade `Solutions/exN` instead of `Exercises/exN`.
    public var solutions = false
    /// Include hidden checks when their sources are present (an instructor's copy).
    public var includeHidden = true
    /// How many checks run at once; the machine's core count by default.
    public var parallelism = ProcessInfo.processInfo.activeProcessorCount
    /// Grade only these check ids (nil: every check).
    public var onlyChecks: Set<String>?
    public init() {}
}

/// Grades exercises: build, then one process per check, results streamed as they finish.
public final class Grader: @unchecked Sendable {
    public let course: Course
    public let builder: Builder
    /// Hide the course's files from the checks (`CheckSandbox`); `GRADE_SANDBOX=off` turns it off.
    public var sandboxEnabled = ProcessInfo.processInfo.environment["GRADE_SANDBOX"] != "off"

    public init(course: Course, toolchain: Toolchain, cacheFolder: URL? = nil) {
        self.course = course
        self.builder = Builder(course: course, toolchain: toolchain, cacheFolder: cacheFolder)
    }

    public static func forCourse(_ course: Course) throws -> Grader {
        Grader(course: course, toolchain: try Toolchain.locate())
    }

    /// The checks graded for this copy: hidden ones only when their sources exist and are wanted.
    public func checks(for manifest: ExerciseManifest, includeHidden: Bool) -> [CheckInfo] {
        let hiddenFolder = course.checkFolder(manifest.id).appendingPathComponent("Hidden")
        let hiddenPresent = FileManager.default.fileExists(atPath: hiddenFolder.path)
        return manifest.checks.filter { !$0.hidden || (includeHidden && hiddenPresent) }
    }

    /// Grades `Exercises/exN` (or `Solutions/exN`) of this course.
    public func grade(_ exercise: String, options: GradeOptions = GradeOptions(),
                      onResult: ((CheckResult) -> Void)? = nil) throws -> Report {
        let folder = options.solutions ? course.solutions : course.exercises
        let display = (options.solutions ? "Solutions/" : "Exercises/") + exercise
        return try grade(exercise, sourceFolder: folder.appendingPathComponent(exercise), displayName: display,
                         buildFolder: builder.cacheFolder.appendingPathComponent(options.solutions ? "solutions/\(exercise)" : "exercises/\(exercise)"),
                         options: options, onResult: onResult)
    }

    /// Grades any folder holding an exercise's Swift files (a submission, a mutant, a fixture).
    public func grade(_ exercise: String, sourceFolder: URL, displayName: String, buildFolder: URL,
                      options: GradeOptions = GradeOptions(), onResult: ((CheckResult) -> Void)? = nil) throws -> Report {
        let started = Date()
        let manifest = try course.manifest(exercise)
        let all = self.checks(for: manifest, includeHidden: options.includeHidden)
            .filter { options.onlyChecks?.contains($0.id) ?? true }
        // Where XCTest cannot be compiled against (a Mac with the Command Line Tools only), the
        // Swift Testing checks grade and each XCTest check says why it cannot.
        let checks = all.filter { $0.framework == .swiftTesting || Platform.hasXCTest }
        let unrunnable = all.filter { check in !checks.contains { $0.id == check.id } }
        var report = Report(exercise: manifest.id, title: manifest.title, version: manifest.version,
                            source: displayName, toolchain: builder.toolchain.version, seed: manifest.seed,
                            score: 0, maxScore: all.reduce(0) { $0 + $1.points }, status: .graded,
                            compileErrors: [], tasks: [], checks: [], seconds: 0)
        guard FileManager.default.fileExists(atPath: sourceFolder.path) else {
            throw GradeError.missingFolder(path: displayName)
        }
        switch try builder.build(manifest: manifest, sourceFolder: sourceFolder, displayName: displayName,
                                 checks: checks, buildFolder: buildFolder) {
        case .compileFailed(let diagnostics):
            report.status = .compileError
            report.compileErrors = diagnostics
            report.checks = checks.map { check in
                CheckResult(id: check.id, task: check.task, name: check.name, points: 0, max: check.points,
                            status: .error, message: "not graded: the exercise does not compile", hint: nil,
                            hidden: check.hidden, visibility: check.effectiveVisibility, seconds: 0, output: nil)
            }
        case .ready(let products):
            let data = course.sources.appendingPathComponent("DeepLearning/Resources")
            let runner = CheckRunner(products: products, manifest: manifest, sandbox: sandboxLevel(products),
                                     dataFolder: FileManager.default.fileExists(atPath: data.path) ? data : nil)
            if products.compileErrors.isEmpty {
                report.checks = runInOrder(checks, parallelism: options.parallelism, run: { runner.run($0) }, onResult: onResult)
            } else {
                // Some files did not compile: their tasks score 0, the rest ran with those files' stubs.
                report.status = .compileError
                report.compileErrors = products.compileErrors
                report.stubbedFiles = products.stubbedFiles
                let files = products.stubbedFiles.joined(separator: ", ")
                report.checks = runInOrder(checks, parallelism: options.parallelism, run: { check in
                    guard products.stubbedTasks.contains(check.task) else { return runner.run(check) }
                    return CheckResult(id: check.id, task: check.task, name: check.name, points: 0, max: check.points,
                                       status: .error, message: "not graded: \(files) does not compile (the errors are below the checks)", hint: nil,
                                       hidden: check.hidden, visibility: check.effectiveVisibility, seconds: 0, output: nil)
                }, onResult: onResult)
            }
            report.sandbox = report.checks.compactMap(\.sandbox).min()
        }
        for check in unrunnable {
            let result = CheckRunner.result(check, status: .error, message: Platform.missingXCTestReason ?? "")
            report.checks.append(result)
            onResult?(result)
        }
        report.score = report.checks.reduce(0) { $0 + $1.points }
        report.tasks = manifest.tasks.compactMap { task in
            let own = report.checks.filter { $0.task == task.id }
            guard !own.isEmpty else { return nil }
            return TaskScore(id: task.id, title: task.title, score: own.reduce(0) { $0 + $1.points },
                             max: own.reduce(0) { $0 + $1.max })
        }
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    /// The isolation this machine gives the graded processes, learnt once from a trusted start of
    /// the runner beside the stub (`GRADE_MODE=sandbox`): `full` where the kernel allows the
    /// namespaces, `none` elsewhere (then the checks run as plain processes, and a system that
    /// refuses namespaces costs no check). `GRADE_SANDBOX=off` asks for `none`.
    func sandboxLevel(_ products: ExerciseProducts) -> SandboxLevel {
        guard sandboxEnabled else { return .none }
        return probedLevel.value { () -> SandboxLevel in
            let folder = builder.cacheFolder.appendingPathComponent("sandbox-probe-\(getpid())")
            let fm = FileManager.default
            try? fm.removeItem(at: folder)
            defer { try? fm.removeItem(at: folder) }
            guard (try? fm.createDirectory(at: folder, withIntermediateDirectories: true)) != nil,
                  (try? builder.linkOrCopy(products.runner, to: folder.appendingPathComponent("checks"))) != nil,
                  (try? builder.linkOrCopy(products.stubLibrary, to: folder.appendingPathComponent(products.stubLibrary.lastPathComponent))) != nil
            else { return .none }
            let result = Subprocess.run(folder.appendingPathComponent("checks").path, [], workingDirectory: folder.path,
                                        environment: ["GRADE_MODE": "sandbox", "GRADE_ISOLATE": "1", "PATH": "/usr/bin:/bin",
                                                      "SWIFT_BACKTRACE": "enable=no"],
                                        timeLimit: 60, outputLimit: 1 << 16)
            return result.stdout.contains("GRADE-SANDBOX full") && result.exitCode == 0 ? .full : .none
        }
    }
    private let probedLevel = Once<SandboxLevel>()

    /// Runs checks `parallelism` at a time and hands each result on in the checks' order as soon
    /// as it and every check before it have finished.
    func runInOrder(_ checks: [CheckInfo], parallelism: Int, run: @escaping @Sendable (CheckInfo) -> CheckResult,
                    onResult: ((CheckResult) -> Void)?) -> [CheckResult] {
        WorkerPool.map(checks.count, width: parallelism, deliver: onResult) { index, _ in run(checks[index]) }
    }
}

/// A value computed once, on first use, by whichever thread asks first.
final class Once<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value?
    func value(_ make: () -> Value) -> Value {
        lock.lock(); defer { lock.unlock() }
        if let stored { return stored }
        let made = make()
        stored = made
        return made
    }
}

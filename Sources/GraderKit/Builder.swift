import Foundation

/// A compiled Swift module: its shared library and `<name>.swiftmodule` in one folder.
public struct ModuleProduct: Sendable, Equatable {
    public var name: String
    public var directory: URL
    /// Changes whenever the module's sources, flags or dependencies change.
    public var key: String
    public var library: URL { directory.appendingPathComponent(Platform.sharedLibrary(name)) }
}

/// Everything the checks of one copy of an exercise run with.
public struct ExerciseProducts: Sendable {
    /// The check runner, compiled against the pristine stub's interface, shared by every copy of
    /// the exercise; it loads the exercise library from its own folder.
    public var runner: URL
    /// The student's library (`libExN`), which the graded process runs with.
    public var studentLibrary: URL
    /// The pristine stub's library, which the verifying process runs with (it never calls it).
    public var stubLibrary: URL
    /// A folder for the checks' working folders.
    public var workFolder: URL
    /// The student's files that did not compile and were replaced by their pristine stubs
    /// (paths relative to the exercise folder), and the errors they had; empty when all compiled.
    public var stubbedFiles: [String] = []
    public var compileErrors: [CompilerDiagnostic] = []
    /// The tasks of the stubbed files (their `todo("exN.T")` lines): these score 0.
    public var stubbedTasks: Set<String> = []
    /// The student's sources and how the report names their folder, to point a crash at its line.
    public var sourceFolder: URL? = nil
    public var displayName: String = ""
    /// The toolchain's `llvm-symbolizer` (beside `swiftc`, or on the PATH), which turns a crash
    /// address in the student's library into a file and line; nil when there is none.
    public var symbolizer: String? = nil
}

/// The result of building the checks against one copy of an exercise.
public enum ExerciseBuild: Sendable {
    case ready(ExerciseProducts)
    /// The exercise (the student's code) did not compile, or lacks a declaration the checks call.
    case compileFailed([CompilerDiagnostic])
}

/// Builds everything a check needs with `swiftc` directly, outside SwiftPM.
///
/// - The shared libraries (`TensorCore`, `CheckSupport`, and `DeepLearning` for hidden checks
///   that use it as their oracle) are built once and cached under `.grade/build/` by a
///   fingerprint of their sources.
/// - The **pristine stub** of the exercise (`Exercises/exN` as `grade regenerate` writes it) is
///   compiled as module `ExN` with library evolution, and the checks are compiled against *its*
///   interface into one runner per exercise. The checks therefore never see the student's
///   declarations: a student's extra function or extension cannot shadow or collide with
///   anything a check calls.
/// - The **student's** copy is compiled as module `ExN` too, seeing only `TensorCore` (a compile
///   error in one exercise cannot touch another; the reference implementation and the checks
///   are not on its search path). Library evolution makes it a drop-in replacement for the stub:
///   the runner, started beside the student's library, calls the student's code; started beside
///   the stub, it calls nothing of the student's. A probe start of the runner with the student's
///   library tells whether every declaration the checks call is there, and names the first that
///   is not.
///
/// SwiftPM's own build folder is never touched, so the grader can run from inside `swift test`.
public final class Builder: @unchecked Sendable {
    public let course: Course
    public let toolchain: Toolchain
    public let cacheFolder: URL
    private let lock = NSLock()
    private var libraries: [String: ModuleProduct] = [:]

    /// Compiler time limits: the shared libraries may take a while on a first build; a student's module may not.
    public static let libraryTimeLimit: Double = 900
    public static let exerciseTimeLimit: Double = 180

    /// How a student's module is compiled: -O for speed (the training checks need it);
    /// -assert-config Debug keeps the runtime's messages ("Index out of range", a precondition's
    /// text), which -O alone drops.
    /// `-gline-tables-only`: line tables (no types, no variables), so that a crash can be traced to
    /// the student's line (`CheckRunner.crashLocation`, with `llvm-symbolizer`).
    static let studentFlags = ["-O", "-assert-config", "Debug", "-swift-version", "5", "-gline-tables-only"]

    /// The package name the course's modules share (`package` declarations of TensorCore).
    static let packageName = "DeepLearningCourse"

    public init(course: Course, toolchain: Toolchain, cacheFolder: URL? = nil) {
        self.course = course
        self.toolchain = toolchain
        // GRADE_BUILD_DIR moves the build cache (CI, or several graders that must not share one).
        let override = ProcessInfo.processInfo.environment["GRADE_BUILD_DIR"].map { URL(fileURLWithPath: $0) }
        self.cacheFolder = cacheFolder ?? override ?? course.stateFolder.appendingPathComponent("build")
    }

    // MARK: Shared libraries

    public func tensorCore() throws -> ModuleProduct {
        try library("TensorCore", folder: course.sources.appendingPathComponent("TensorCore"), dependencies: [])
    }

    public func reference() throws -> ModuleProduct {
        try library("DeepLearning", folder: course.sources.appendingPathComponent("DeepLearning"), dependencies: [tensorCore()],
                    pathDependent: true)
    }

    public func checkSupport() throws -> ModuleProduct {
        try library("CheckSupport", folder: course.checkSupport, dependencies: [tensorCore()], extraFlags: Platform.testFrameworkFlags())
    }

    /// True when the reference implementation is present (it is left out of some student releases).
    public var hasReference: Bool {
        FileManager.default.fileExists(atPath: course.sources.appendingPathComponent("DeepLearning").path)
    }

    func swiftFiles(_ folder: URL) -> [URL] {
        FileManager.default.files(under: folder, suffix: ".swift")
    }

    /// A shared library, built once per content: the key covers the toolchain, the dependencies and
    /// every source file's path inside `folder` and contents, so copies of the course (a batch's
    /// snapshot, say) share one build. `pathDependent` adds the folder itself, for a module that
    /// bakes its own location in (`#filePath`, as the data loaders do).
    private func library(_ name: String, folder: URL, dependencies: [ModuleProduct], pathDependent: Bool = false,
                         extraFlags: [String] = []) throws -> ModuleProduct {
        let sources = swiftFiles(folder)
        lock.lock(); defer { lock.unlock() }
        guard !sources.isEmpty else { throw GradeError.infrastructure("module \(name) has no Swift sources in \(folder.path)") }
        var print = Fingerprint()
        print.add(toolchain.version)
        print.add(cacheFolder.path)
        if pathDependent { print.add(folder.standardizedFileURL.path) }
        for dependency in dependencies { print.add(dependency.key) }
        let base = folder.standardizedFileURL.path
        for source in sources { print.add(String(source.path.dropFirst(base.count))); print.add(file: source) }
        let key = print.hex
        if let cached = libraries[name], cached.key == key { return cached }
        let directory = cacheFolder.appendingPathComponent("lib/\(name)-\(key)")
        let product = ModuleProduct(name: name, directory: directory, key: key)
        let library = directory.appendingPathComponent(Platform.sharedLibrary(name))
        if !FileManager.default.fileExists(atPath: library.path) {
            let staging = cacheFolder.appendingPathComponent("lib/.staging-\(name)-\(key)-\(getpid())")
            try? FileManager.default.removeItem(at: staging)
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
            var arguments = ["-O", "-wmo", "-num-threads", "2", "-swift-version", "5", "-parse-as-library",
                             "-package-name", Self.packageName,
                             "-module-name", name, "-emit-library", "-emit-module",
                             "-emit-module-path", staging.appendingPathComponent("\(name).swiftmodule").path,
                             "-o", staging.appendingPathComponent(Platform.sharedLibrary(name)).path]
            arguments += Platform.installNameFlags(name)
            arguments += extraFlags
            arguments += linkArguments(dependencies)
            arguments += sources.map(\.path)
            let result = Subprocess.run(toolchain.swiftc, arguments, workingDirectory: staging.path,
                                        timeLimit: Self.libraryTimeLimit, outputLimit: 4 << 20)
            guard result.succeeded else {
                try? FileManager.default.removeItem(at: staging)
                throw GradeError.infrastructure("compiling \(name) failed:\n" + (result.stderr + result.stdout).prefix(4000))
            }
            try? FileManager.default.removeItem(at: directory)
            do {
                try FileManager.default.moveItem(at: staging, to: directory)
            } catch {
                // Another grader finished the same build first; theirs is identical.
                try? FileManager.default.removeItem(at: staging)
            }
        }
        libraries[name] = product
        return product
    }

    private func linkArguments(_ modules: [ModuleProduct]) -> [String] {
        modules.flatMap { module in
            ["-I", module.directory.path, "-L", module.directory.path, "-l\(module.name)",
             "-Xlinker", "-rpath", "-Xlinker", module.directory.path]
        }
    }

    private func removeSiblings(of directory: URL, prefix: String) {
        let parent = directory.deletingLastPathComponent()
        for name in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        where name.hasPrefix(prefix) && name != directory.lastPathComponent {
            try? FileManager.default.removeItem(at: parent.appendingPathComponent(name))
        }
    }

    // MARK: One exercise

    /// The student's sources in `folder`: every `.swift` file below it but a `Package.swift`.
    public func exerciseSources(in folder: URL) -> [URL] {
        swiftFiles(folder).filter { $0.lastPathComponent != "Package.swift" }
    }

    /// Compiles an exercise module (`ExN`, library evolution, seeing `TensorCore` only) from
    /// `sources` into `folder/module-KEY/`, unless that build exists. Returns the module, or the
    /// compiler's diagnostics with paths shown relative to `base` as `display`.
    func exerciseModule(_ manifest: ExerciseManifest, sources: [URL], base: URL, display: String,
                        into folder: URL) throws -> Result<ModuleProduct, CompileFailure> {
        let tensor = try tensorCore()
        let fm = FileManager.default
        var print = Fingerprint()
        print.add(tensor.key)
        print.add(Self.studentFlags.joined(separator: " "))
        for source in sources { print.add(String(source.path.dropFirst(base.path.count))); print.add(file: source) }
        let name = manifest.moduleName
        let product = ModuleProduct(name: name, directory: folder.appendingPathComponent("module-\(print.hex)"), key: print.hex)
        if fm.fileExists(atPath: product.library.path) { return .success(product) }
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        let staging = folder.appendingPathComponent(".staging-module-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try? fm.removeItem(at: staging)
        try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        var arguments = Self.studentFlags + ["-parse-as-library", "-module-name", name,
                         "-emit-library", "-emit-module", "-enable-library-evolution",
                         "-emit-module-path", staging.appendingPathComponent("\(name).swiftmodule").path,
                         "-o", staging.appendingPathComponent(Platform.sharedLibrary(name)).path]
        arguments += Platform.installNameFlags(name)
        arguments += linkArguments([tensor])
        arguments += sources.map(\.path)
        let result = Subprocess.run(toolchain.swiftc, arguments, workingDirectory: staging.path,
                                    environment: compilerEnvironment(),
                                    timeLimit: Self.exerciseTimeLimit, outputLimit: 1 << 20)
        guard result.succeeded else {
            try? fm.removeItem(at: staging)
            if result.timedOut {
                return .failure(CompileFailure([CompilerDiagnostic(file: display, line: 0, column: 0,
                    message: "compiling took longer than \(Int(Self.exerciseTimeLimit)) s; simplify the expression the type checker is stuck on")]))
            }
            return .failure(CompileFailure(CompilerDiagnostic.parse(result.stderr + result.stdout,
                                                                    base: base.standardizedFileURL.path, display: display)))
        }
        try? fm.removeItem(at: product.directory)
        do { try fm.moveItem(at: staging, to: product.directory) } catch { try? fm.removeItem(at: staging) }
        removeSiblings(of: product.directory, prefix: "module-")
        return .success(product)
    }

    /// Compiler errors of an exercise module.
    struct CompileFailure: Error { var diagnostics: [CompilerDiagnostic]; init(_ d: [CompilerDiagnostic]) { diagnostics = d } }

    /// The pristine stub of an exercise, compiled: what the checks are compiled against, and what
    /// the verifying process runs with.
    public func stubModule(_ manifest: ExerciseManifest) throws -> ModuleProduct {
        let stubs = try StubSource(course: course).stubs(for: manifest.id).filter { $0.key.hasSuffix(".swift") }
        var print = Fingerprint()
        for (path, data) in stubs.sorted(by: { $0.key < $1.key }) { print.add(path); print.add(data) }
        let folder = cacheFolder.appendingPathComponent("stubs/\(manifest.id)-\(print.hex)")
        let sources = folder.appendingPathComponent("src")
        let fm = FileManager.default
        if !fm.fileExists(atPath: sources.path) {
            let staging = cacheFolder.appendingPathComponent("stubs/.staging-\(manifest.id)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
            for (path, data) in stubs {
                let file = staging.appendingPathComponent(path)
                try fm.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: file)
            }
            try fm.createDirectory(at: folder, withIntermediateDirectories: true)
            do { try fm.moveItem(at: staging, to: sources) } catch { try? fm.removeItem(at: staging) }
        }
        switch try exerciseModule(manifest, sources: exerciseSources(in: sources), base: sources,
                                  display: "the pristine stub of \(manifest.id)", into: folder) {
        case .success(let module): return module
        case .failure(let failure):
            throw GradeError.infrastructure("the pristine stub of \(manifest.id) does not compile (run `grade regenerate`):\n"
                                            + failure.diagnostics.map(\.rendered).joined(separator: "\n"))
        }
    }

    /// The check runner of an exercise: these checks and a generated `main.swift`, compiled against
    /// the stub's interface, with the exercise library looked up beside the executable.
    public func runner(_ manifest: ExerciseManifest, checks: [CheckInfo]) throws -> URL {
        let tensor = try tensorCore()
        let support = try checkSupport()
        let stub = try stubModule(manifest)
        let includesHidden = checks.contains { $0.hidden }
        let checkSources = checkFiles(manifest: manifest, hidden: includesHidden)
        // Only checks that import the reference implementation pay for building it.
        let needsReference = checkSources.contains { file in
            ((try? String(contentsOf: file, encoding: .utf8)) ?? "").contains("import DeepLearning")
        }
        let reference = needsReference ? try self.reference() : nil
        let main = Self.generatedMain(checks: checks)
        var print = Fingerprint()
        print.add(support.key)
        print.add(reference?.key ?? "-")
        print.add(stub.key)
        print.add(main)
        let checksBase = course.checks.standardizedFileURL.path
        for file in checkSources { print.add(String(file.path.dropFirst(checksBase.count))); print.add(file: file) }
        let folder = cacheFolder.appendingPathComponent("runners/\(manifest.id)-\(print.hex)")
        let runner = folder.appendingPathComponent("checks")
        let fm = FileManager.default
        if fm.fileExists(atPath: runner.path) { return runner }
        let staging = cacheFolder.appendingPathComponent("runners/.staging-\(manifest.id)-\(print.hex)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try? fm.removeItem(at: staging)
        try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        let mainFile = staging.appendingPathComponent("main.swift")
        try Data(main.utf8).write(to: mainFile)
        var arguments = ["-Onone", "-swift-version", "5", "-module-name", "ExerciseChecks",
                         "-o", staging.appendingPathComponent("checks").path]
        var modules = [tensor, support]
        if let reference { modules.append(reference) }
        arguments += linkArguments(modules)
        // The stub satisfies the linker; at run time the library beside the executable is used.
        arguments += ["-I", stub.directory.path, "-L", stub.directory.path, "-l\(stub.name)"]
        arguments += Platform.ownFolderSearchPath
        arguments += Platform.testFrameworkFlags()
        arguments += checkSources.map(\.path) + [mainFile.path]
        let result = Subprocess.run(toolchain.swiftc, arguments, workingDirectory: staging.path,
                                    timeLimit: Self.libraryTimeLimit, outputLimit: 1 << 20)
        guard result.succeeded else {
            try? fm.removeItem(at: staging)
            throw GradeError.infrastructure("the checks of \(manifest.id) do not compile against its stub:\n"
                                            + (result.stderr + result.stdout).prefix(4000))
        }
        do { try fm.moveItem(at: staging, to: folder) } catch { try? fm.removeItem(at: staging) }
        return runner
    }

    /// Builds the checks against one copy of an exercise.
    ///
    /// - Parameters:
    ///   - sourceFolder: the folder holding the exercise's `.swift` files (`Exercises/ex1`).
    ///   - displayName: how that folder is named in compiler errors (`Exercises/ex1`).
    ///   - checks: the checks to compile in (the caller leaves hidden ones out when it must).
    ///   - buildFolder: where this copy's products go; one per student in a batch.
    public func build(manifest: ExerciseManifest, sourceFolder: URL, displayName: String,
                      checks: [CheckInfo], buildFolder: URL) throws -> ExerciseBuild {
        let sources = exerciseSources(in: sourceFolder)
        guard !sources.isEmpty else {
            return .compileFailed([CompilerDiagnostic(file: displayName, line: 0, column: 0,
                                                      message: "no Swift files found in \(displayName)")])
        }
        let runner = try self.runner(manifest, checks: checks)
        let stub = try stubModule(manifest)
        var student: ModuleProduct
        var stubbed: (files: [String], errors: [CompilerDiagnostic], tasks: Set<String>) = ([], [], [])
        switch try exerciseModule(manifest, sources: sources, base: sourceFolder, display: displayName, into: buildFolder) {
        case .success(let module): student = module
        case .failure(let failure):
            // A compile error costs only the tasks of the files that have one: those files are
            // replaced by their pristine stubs and the rest is graded.
            guard let (module, files, tasks) = try withStubsInPlace(manifest, sources: sources, base: sourceFolder, display: displayName,
                                                                    errors: failure.diagnostics, buildFolder: buildFolder)
            else { return .compileFailed(failure.diagnostics) }
            student = module
            stubbed = (files, failure.diagnostics, tasks)
        }
        if let missing = try probe(runner: runner, student: student, buildFolder: buildFolder) {
            return .compileFailed(stubbed.errors + [missing])
        }
        let work = buildFolder.appendingPathComponent("work")
        try? FileManager.default.removeItem(at: work)
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        return .ready(ExerciseProducts(runner: runner, studentLibrary: student.library, stubLibrary: stub.library, workFolder: work,
                                       stubbedFiles: stubbed.files, compileErrors: stubbed.errors, stubbedTasks: stubbed.tasks,
                                       sourceFolder: sourceFolder, displayName: displayName, symbolizer: toolchain.symbolizer))
    }

    /// The student's module with each file that has a compile error replaced by its pristine stub,
    /// or nil when that does not compile either (or an error is in no file of the student's that
    /// has a stub). Returns the module, the files replaced and their tasks.
    func withStubsInPlace(_ manifest: ExerciseManifest, sources: [URL], base: URL, display: String,
                          errors: [CompilerDiagnostic], buildFolder: URL) throws -> (ModuleProduct, [String], Set<String>)? {
        let prefix = display + "/"
        var broken = Set<String>()
        for error in errors {
            guard error.file.hasPrefix(prefix), error.line > 0 else { return nil }
            broken.insert(String(error.file.dropFirst(prefix.count)))
        }
        guard let stubs = try? StubSource(course: course).stubs(for: manifest.id),
              !broken.isEmpty, broken.allSatisfy({ stubs[$0] != nil }) else { return nil }
        let basePath = base.standardizedFileURL.path + "/"
        let relative = sources.map { String($0.standardizedFileURL.path.dropFirst(basePath.count)) }
        guard broken.count < relative.count else { return nil }
        let fm = FileManager.default
        let patched = buildFolder.appendingPathComponent("with-stubs")
        try? fm.removeItem(at: patched)
        for (path, source) in zip(relative, sources) {
            let target = patched.appendingPathComponent(path)
            try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            if broken.contains(path) { try stubs[path]!.write(to: target) } else { try fm.copyItem(at: source, to: target) }
        }
        defer { try? fm.removeItem(at: patched) }
        guard case .success(let module) = try exerciseModule(manifest, sources: exerciseSources(in: patched), base: patched,
                                                             display: display, into: buildFolder) else { return nil }
        var tasks = Set<String>()
        for path in broken {
            let text = String(decoding: stubs[path]!, as: UTF8.self)
            for task in manifest.tasks where text.contains("todo(\"\(task.id)\")") { tasks.insert(task.id) }
        }
        return (module, broken.sorted(), tasks)
    }

    /// Starts the runner once beside the student's library, with every symbol bound at start-up.
    /// Nil when the library has every declaration the checks call; else a diagnostic naming the
    /// first one missing, demangled. The runner exits at once (`GRADE_MODE=probe`): no student
    /// code runs. The verdict is remembered per runner and library.
    func probe(runner: URL, student: ModuleProduct, buildFolder: URL) throws -> CompilerDiagnostic? {
        let fm = FileManager.default
        let runnerKey = runner.deletingLastPathComponent().lastPathComponent
        let marker = student.directory.appendingPathComponent("probe-ok-\(runnerKey)")
        if fm.fileExists(atPath: marker.path) { return nil }
        let folder = buildFolder.appendingPathComponent("probe")
        try? fm.removeItem(at: folder)
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: folder) }
        let executable = folder.appendingPathComponent("checks")
        try linkOrCopy(runner, to: executable)
        try linkOrCopy(student.library, to: folder.appendingPathComponent(student.library.lastPathComponent))
        var environment = Platform.bindNowEnvironment
        environment["GRADE_MODE"] = "probe"
        environment["PATH"] = "/usr/bin:/bin"
        let result = Subprocess.run(executable.path, [], workingDirectory: folder.path, environment: environment,
                                    timeLimit: 60, outputLimit: 1 << 16)
        if result.exitCode == 0 {
            _ = fm.createFile(atPath: marker.path, contents: Data())
            return nil
        }
        let text = result.stderr + result.stdout
        let declaration = Platform.missingSymbol(in: text).map(demangle) ?? text.trimmingCharacters(in: .whitespacesAndNewlines)
        return CompilerDiagnostic(file: "", line: 0, column: 0, message:
            "your code compiles, but it does not declare what the checks call: \(declaration). Keep the names, argument labels and types of the stub's public declarations (compare with `grade reset` or the exercise's README).")
    }

    /// A Swift symbol in words (`swift demangle --compact`), or the symbol itself.
    func demangle(_ symbol: String) -> String {
        let demangler = URL(fileURLWithPath: toolchain.swiftc).deletingLastPathComponent().appendingPathComponent("swift-demangle").path
        guard FileManager.default.isExecutableFile(atPath: demangler) else { return symbol }
        let result = Subprocess.run(demangler, ["--compact", symbol], timeLimit: 20, outputLimit: 1 << 16)
        let text = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        return result.succeeded && !text.isEmpty ? "`\(text)`" : symbol
    }

    func linkOrCopy(_ from: URL, to: URL) throws {
        try? FileManager.default.removeItem(at: to)
        if link(from.path, to.path) != 0 { try FileManager.default.copyItem(at: from, to: to) }
    }

    /// The checks' sources: `Public/` always, `Hidden/` when hidden checks are graded.
    public func checkFiles(manifest: ExerciseManifest, hidden: Bool) -> [URL] {
        let folder = course.checkFolder(manifest.id)
        var files = swiftFiles(folder.appendingPathComponent("Public"))
        if hidden { files += swiftFiles(folder.appendingPathComponent("Hidden")) }
        // Without XCTest, the files that import it are left out (their checks say why).
        guard !Platform.hasXCTest else { return files }
        return files.filter { !(((try? String(contentsOf: $0, encoding: .utf8)) ?? "").contains("\nimport XCTest")) }
    }

    /// `main.swift` for the runner: the XCTest entries and the Swift Testing names of exactly these checks.
    static func generatedMain(checks: [CheckInfo]) -> String {
        var lines = ["// Generated by the grader: the checks of checks.json, by framework.",
                     "#if canImport(XCTest)", "import XCTest", "#endif", "import CheckSupport", "", "CheckHarness.main(xctest: ["]
        let xctest = checks.filter { $0.framework == .xctest }
        for check in xctest {
            #if canImport(Darwin)
            lines.append("    \"\(check.test)\": { \(check.className)(selector: NSSelectorFromString(\"\(check.methodName)\")) },")
            #else
            lines.append("    \"\(check.test)\": { testCase([(\"\(check.methodName)\", \(check.className).\(check.methodName))]) },")
            #endif
        }
        if xctest.isEmpty { lines.append("    :") }
        lines.append("], swiftTesting: [")
        for check in checks where check.framework == .swiftTesting {
            lines.append("    \"\(check.test)\",")
        }
        lines.append("])")
        return lines.joined(separator: "\n") + "\n"
    }

    private func compilerEnvironment() -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["SWIFT_BACKTRACE"] = "enable=no"
        return env
    }
}

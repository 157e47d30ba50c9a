import Foundation

/// A compiled Swift module: `lib<name>.so` and `<name>.swiftmodule` in one folder.
public struct ModuleProduct: Sendable, Equatable {
    public var name: String
    public var directory: URL
    /// Changes whenever the module's sources, flags or dependencies change.
    public var key: String
}

/// The result of building one exercise's check runner against one copy of the exercise.
public enum ExerciseBuild: Sendable {
    /// The runner executable, ready for one process per check; it loads the student's library
    /// from `libraryFolder` (through LD_LIBRARY_PATH).
    case ready(runner: URL, workFolder: URL, libraryFolder: URL)
    /// The exercise (the student's code) did not compile.
    case compileFailed([CompilerDiagnostic])
}

/// Builds everything a check needs with `swiftc` directly, outside SwiftPM.
///
/// Each exercise is compiled on its own, as module `ExN`, seeing only `TensorCore`: a compile
/// error in one exercise cannot touch another, and an exercise cannot import the reference
/// implementation or the checks (they are not on its search path). The checks are then compiled
/// into one runner executable per exercise that links the student's module, `CheckSupport`,
/// `TensorCore` and (for hidden checks) `DeepLearning`. Shared libraries are built once and
/// cached under `.grade/build/` by a fingerprint of their sources; SwiftPM's own build folder is
/// never touched, so the grader can run from inside `swift test` without waiting on its lock.
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
    static let studentFlags = ["-O", "-assert-config", "Debug", "-swift-version", "5"]

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
        try library("CheckSupport", folder: course.checkSupport, dependencies: [tensorCore()])
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
    private func library(_ name: String, folder: URL, dependencies: [ModuleProduct], pathDependent: Bool = false) throws -> ModuleProduct {
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
        let library = directory.appendingPathComponent("lib\(name).so")
        if !FileManager.default.fileExists(atPath: library.path) {
            let staging = cacheFolder.appendingPathComponent("lib/.staging-\(name)-\(key)-\(getpid())")
            try? FileManager.default.removeItem(at: staging)
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
            var arguments = ["-O", "-wmo", "-num-threads", "2", "-swift-version", "5", "-parse-as-library",
                             "-module-name", name, "-emit-library", "-emit-module",
                             "-emit-module-path", staging.appendingPathComponent("\(name).swiftmodule").path,
                             "-o", staging.appendingPathComponent("lib\(name).so").path,
                             "-Xlinker", "-soname", "-Xlinker", "lib\(name).so"]
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

    /// Builds the check runner for one copy of an exercise.
    ///
    /// - Parameters:
    ///   - sourceFolder: the folder holding the exercise's `.swift` files (`Exercises/ex1`).
    ///   - displayName: how that folder is named in compiler errors (`Exercises/ex1`).
    ///   - checks: the checks to compile in (the caller leaves hidden ones out when it must).
    ///   - buildFolder: where this copy's products go; one per student in a batch.
    public func build(manifest: ExerciseManifest, sourceFolder: URL, displayName: String,
                      checks: [CheckInfo], buildFolder: URL) throws -> ExerciseBuild {
        let tensor = try tensorCore()
        let support = try checkSupport()
        let includesHidden = checks.contains { $0.hidden }
        // Only checks that import the reference implementation pay for building it.
        let needsReference = includesHidden && checkFiles(manifest: manifest, hidden: true).contains { file in
            ((try? String(contentsOf: file, encoding: .utf8)) ?? "").contains("import DeepLearning")
        }
        let reference = needsReference ? try self.reference() : nil
        let fm = FileManager.default
        try fm.createDirectory(at: buildFolder, withIntermediateDirectories: true)

        // 1. The student's module, seeing TensorCore only.
        let sources = exerciseSources(in: sourceFolder)
        guard !sources.isEmpty else {
            return .compileFailed([CompilerDiagnostic(file: displayName, line: 0, column: 0,
                                                      message: "no Swift files found in \(displayName)")])
        }
        var modulePrint = Fingerprint()
        modulePrint.add(tensor.key)
        modulePrint.add(Self.studentFlags.joined(separator: " "))
        for source in sources { modulePrint.add(String(source.path.dropFirst(sourceFolder.path.count))); modulePrint.add(file: source) }
        let moduleKey = modulePrint.hex
        let moduleName = manifest.moduleName
        let moduleFolder = buildFolder.appendingPathComponent("module-\(moduleKey)")
        let student = ModuleProduct(name: moduleName, directory: moduleFolder, key: moduleKey)
        let interface = moduleFolder.appendingPathComponent("\(moduleName).swiftinterface")
        if !fm.fileExists(atPath: moduleFolder.appendingPathComponent("lib\(moduleName).so").path) {
            let staging = buildFolder.appendingPathComponent(".staging-module")
            try? fm.removeItem(at: staging)
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
            var arguments = Self.studentFlags + ["-parse-as-library", "-module-name", moduleName,
                             "-emit-library", "-emit-module", "-enable-library-evolution",
                             "-emit-module-interface-path", staging.appendingPathComponent("\(moduleName).swiftinterface").path,
                             "-emit-module-path", staging.appendingPathComponent("\(moduleName).swiftmodule").path,
                             "-o", staging.appendingPathComponent("lib\(moduleName).so").path,
                             "-Xlinker", "-soname", "-Xlinker", "lib\(moduleName).so"]
            arguments += linkArguments([tensor])
            arguments += sources.map(\.path)
            let result = Subprocess.run(toolchain.swiftc, arguments, workingDirectory: staging.path,
                                        environment: compilerEnvironment(),
                                        timeLimit: Self.exerciseTimeLimit, outputLimit: 1 << 20)
            if !result.succeeded {
                try? fm.removeItem(at: staging)
                if result.timedOut {
                    return .compileFailed([CompilerDiagnostic(file: displayName, line: 0, column: 0,
                        message: "compiling took longer than \(Int(Self.exerciseTimeLimit)) s; simplify the expression the type checker is stuck on")])
                }
                return .compileFailed(CompilerDiagnostic.parse(result.stderr + result.stdout,
                                                               base: sourceFolder.standardizedFileURL.path,
                                                               display: displayName))
            }
            try? fm.removeItem(at: moduleFolder)
            try fm.moveItem(at: staging, to: moduleFolder)
            removeSiblings(of: moduleFolder, prefix: "module-")
        }

        // 2. The runner: checks + generated main, rebuilt only when the module's interface or the checks change.
        let checkSources = checkFiles(manifest: manifest, hidden: includesHidden)
        let main = Self.generatedMain(checks: checks)
        var runnerPrint = Fingerprint()
        runnerPrint.add(support.key)
        runnerPrint.add(reference?.key ?? "-")
        runnerPrint.add(moduleName)
        runnerPrint.add((try? Data(contentsOf: interface)) ?? Data())
        runnerPrint.add(main)
        let checksBase = course.checks.standardizedFileURL.path
        for file in checkSources { runnerPrint.add(String(file.path.dropFirst(checksBase.count))); runnerPrint.add(file: file) }
        // Runners are shared by every copy of the exercise with the same interface (all the
        // students of a batch, usually), so most gradings compile only the student's module.
        let runnerFolder = cacheFolder.appendingPathComponent("runners/\(manifest.id)-\(runnerPrint.hex)")
        let runner = runnerFolder.appendingPathComponent("checks")
        if !fm.fileExists(atPath: runner.path) {
            let staging = cacheFolder.appendingPathComponent("runners/.staging-\(manifest.id)-\(runnerPrint.hex)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
            try? fm.removeItem(at: staging)
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
            let mainFile = staging.appendingPathComponent("main.swift")
            try Data(main.utf8).write(to: mainFile)
            var arguments = ["-Onone", "-swift-version", "5", "-module-name", "ExerciseChecks",
                             "-o", staging.appendingPathComponent("checks").path]
            var modules = [tensor, support]
            if let reference { modules.append(reference) }
            arguments += linkArguments(modules)
            // The student's module is linked by its folder, which changes with every edit.
            arguments += ["-I", moduleFolder.path, "-L", moduleFolder.path, "-l\(moduleName)"]
            arguments += checkSources.map(\.path) + [mainFile.path]
            let result = Subprocess.run(toolchain.swiftc, arguments, workingDirectory: staging.path,
                                        timeLimit: Self.exerciseTimeLimit, outputLimit: 1 << 20)
            if !result.succeeded {
                try? fm.removeItem(at: staging)
                // The student's module compiled, so a failure here means the student changed a
                // signature the checks call (or the checks are broken, which the project's tests catch).
                var diagnostics = CompilerDiagnostic.parse(result.stderr + result.stdout,
                                                           base: course.checks.standardizedFileURL.path,
                                                           display: "Tests/Checks")
                diagnostics.insert(CompilerDiagnostic(file: displayName, line: 0, column: 0,
                    message: "your code compiles, but the checks cannot call it: keep the names, argument labels and types of the public declarations in the stub"), at: 0)
                if checks.contains(where: \.hidden) && !displayNameIsInstructor(displayName) {
                    diagnostics = Array(diagnostics.prefix(1))
                }
                return .compileFailed(diagnostics)
            }
            do {
                try fm.moveItem(at: staging, to: runnerFolder)
            } catch {
                try? fm.removeItem(at: staging)   // built by a concurrent grader first: identical
            }
        }
        // This build's own name for the shared runner (a hard link): code that deletes the
        // executable it runs in removes only this link, never another student's runner.
        let ownRunner = buildFolder.appendingPathComponent("checks-\(runnerPrint.hex)")
        if !fm.fileExists(atPath: ownRunner.path) {
            for name in (try? fm.contentsOfDirectory(atPath: buildFolder.path)) ?? [] where name.hasPrefix("checks-") {
                try? fm.removeItem(at: buildFolder.appendingPathComponent(name))
            }
            if link(runner.path, ownRunner.path) != 0 { try fm.copyItem(at: runner, to: ownRunner) }
        }
        let work = buildFolder.appendingPathComponent("work")
        try? fm.removeItem(at: work)
        try fm.createDirectory(at: work, withIntermediateDirectories: true)
        return .ready(runner: ownRunner, workFolder: work, libraryFolder: moduleFolder)
    }

    private func displayNameIsInstructor(_ name: String) -> Bool { name.hasPrefix("Solutions/") }

    /// The checks' sources: `Public/` always, `Hidden/` when hidden checks are graded.
    public func checkFiles(manifest: ExerciseManifest, hidden: Bool) -> [URL] {
        let folder = course.checkFolder(manifest.id)
        var files = swiftFiles(folder.appendingPathComponent("Public"))
        if hidden { files += swiftFiles(folder.appendingPathComponent("Hidden")) }
        return files
    }

    /// `main.swift` for the runner: the XCTest entries for exactly these checks.
    static func generatedMain(checks: [CheckInfo]) -> String {
        var byClass: [(String, [String])] = []
        for check in checks {
            if let index = byClass.firstIndex(where: { $0.0 == check.className }) {
                byClass[index].1.append(check.methodName)
            } else {
                byClass.append((check.className, [check.methodName]))
            }
        }
        var lines = ["// Generated by the grader: one XCTest entry per check in checks.json.",
                     "import XCTest", "import CheckSupport", "", "CheckHarness.main(["]
        for (className, methods) in byClass {
            let entries = methods.map { "(\"\($0)\", \(className).\($0))" }.joined(separator: ", ")
            lines.append("    testCase([\(entries)]),")
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

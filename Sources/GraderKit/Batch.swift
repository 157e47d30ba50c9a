import Foundation

/// Grades a class: one folder or zip per student, each holding (somewhere inside) their
/// `Exercises/exN/` files. Only those `.swift` files are taken — tests, a `Package.swift`, other
/// exercises and anything else in a submission are ignored.
///
/// Students are graded `jobs` at a time, each in a build folder of its own, against a private
/// snapshot of the checks taken before any student code runs; every check is its own process
/// under the exercise's time, memory and output limits. Results are written in the order of the
/// students' names, so a re-run gives identical files.
public struct BatchGrader {
    public struct StudentResult: Sendable {
        public var student: String
        public var report: Report?
        /// Set when the submission could not be graded at all (no files found, a broken zip).
        public var problem: String?
    }

    public let grader: Grader
    public var exercise: String
    public var jobs: Int
    /// Show hidden checks' messages in the feedback files (off: they say only that a hidden check failed).
    public var revealHidden = false

    public init(grader: Grader, exercise: String, jobs: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.grader = grader; self.exercise = exercise; self.jobs = max(1, jobs)
    }

    /// The students in `submissions`: every folder, and every `.zip` (named by the file without `.zip`).
    public func students(in submissions: URL) throws -> [(name: String, url: URL)] {
        let fm = FileManager.default
        guard fm.fileExists(atPath: submissions.path) else { throw GradeError.missingFolder(path: submissions.path) }
        let names = try fm.contentsOfDirectory(atPath: submissions.path).filter { !$0.hasPrefix(".") }.sorted()
        return names.compactMap { name in
            let url = submissions.appendingPathComponent(name)
            var isFolder: ObjCBool = false
            if fm.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue { return (name, url) }
            if name.hasSuffix(".zip") { return (String(name.dropLast(4)), url) }
            return nil
        }
    }

    public func run(submissions: URL, output: URL, log: ((String) -> Void)? = nil) throws -> [StudentResult] {
        let fm = FileManager.default
        let manifest = try grader.course.manifest(exercise)
        let students = try self.students(in: submissions)
        let work = output.appendingPathComponent(".work")
        try? fm.removeItem(at: work)
        try fm.createDirectory(at: work, withIntermediateDirectories: true)
        // `--out` keeps grades.csv and feedback/ only, whatever happens.
        defer { try? fm.removeItem(at: work) }

        // Everything shared is built before any student's code runs.
        let snapshot = try snapshotCourse(into: work.appendingPathComponent("course"))
        let snapshotGrader = Grader(course: snapshot, toolchain: grader.builder.toolchain, cacheFolder: grader.builder.cacheFolder)
        snapshotGrader.sandboxEnabled = grader.sandboxEnabled
        _ = try snapshotGrader.builder.tensorCore()
        _ = try snapshotGrader.builder.checkSupport()
        if snapshotGrader.builder.hasReference { _ = try snapshotGrader.builder.reference() }

        let all = WorkerPool.map(students.count, width: jobs) { index, _ in
            let (name, url) = students[index]
            let result = self.gradeStudent(name: name, submission: url, work: work.appendingPathComponent("students/\(index)"),
                                           grader: snapshotGrader, manifest: manifest)
            log?("\(name): " + (result.report.map { "\(formatPoints($0.score))/\(formatPoints($0.maxScore)) \($0.status)" } ?? (result.problem ?? "")))
            return result
        }
        try writeOutputs(all, manifest: manifest, to: output)
        return all
    }

    /// A private copy of what building and checking needs, so nothing a student's code does to the
    /// instructor's folders can change another student's result.
    func snapshotCourse(into folder: URL) throws -> Course {
        let fm = FileManager.default
        let source = grader.course.root
        try fm.createDirectory(at: folder.appendingPathComponent("Tests"), withIntermediateDirectories: true)
        try fm.createDirectory(at: folder.appendingPathComponent("Sources"), withIntermediateDirectories: true)
        try fm.copyItem(at: source.appendingPathComponent("Package.swift"), to: folder.appendingPathComponent("Package.swift"))
        try fm.copyItem(at: source.appendingPathComponent("Tests/Checks"), to: folder.appendingPathComponent("Tests/Checks"))
        for module in ["TensorCore", "DeepLearning"] where fm.fileExists(atPath: source.appendingPathComponent("Sources/\(module)").path) {
            try fm.copyItem(at: source.appendingPathComponent("Sources/\(module)"), to: folder.appendingPathComponent("Sources/\(module)"))
        }
        // The pristine stubs, which the checks are compiled against, as a release keeps them.
        try StubSource(course: grader.course).writeReleased(exercise, toCourseAt: folder)
        let snapshot = Course(root: folder)
        return snapshot
    }

    /// Grades one student's submission in `work`. Their checks' graded processes see none of the
    /// instructor's course, the other submissions or the batch's output (`CheckSandbox`: a root
    /// of their own).
    func gradeStudent(name: String, submission: URL, work: URL, grader: Grader, manifest: ExerciseManifest) -> StudentResult {
        let fm = FileManager.default
        try? fm.removeItem(at: work)
        do {
            try fm.createDirectory(at: work, withIntermediateDirectories: true)
            var root = submission
            if submission.pathExtension == "zip" {
                root = work.appendingPathComponent("unpacked")
                try Self.unzip(submission, into: root)
            }
            guard let files = Self.exerciseFiles(in: root, exercise: exercise) else {
                return StudentResult(student: name, report: nil, problem: "no Exercises/\(exercise)/ folder with Swift files in the submission")
            }
            let source = work.appendingPathComponent("source/\(exercise)")
            try fm.createDirectory(at: source, withIntermediateDirectories: true)
            for (relative, url) in files {
                let target = source.appendingPathComponent(relative)
                try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try fm.copyItem(at: url, to: target)
            }
            var options = GradeOptions()
            options.parallelism = max(1, ProcessInfo.processInfo.activeProcessorCount / jobs)
            let report = try grader.grade(exercise, sourceFolder: source, displayName: "Exercises/\(exercise)",
                                          buildFolder: work.appendingPathComponent("build"), options: options)
            try? fm.removeItem(at: work.appendingPathComponent("build"))
            return StudentResult(student: name, report: report, problem: nil)
        } catch {
            return StudentResult(student: name, report: nil, problem: "\(error)")
        }
    }

    /// The student's `.swift` files of the exercise (relative path → file): regular files only
    /// (no links), at most 1 MiB each, no `Package.swift`. Nil when there are none.
    static func exerciseFiles(in root: URL, exercise: String) -> [(String, URL)]? {
        let fm = FileManager.default
        guard let walker = fm.enumerator(at: root, includingPropertiesForKeys: [.isDirectoryKey, .isSymbolicLinkKey]) else { return nil }
        var folder: URL?
        for case let url as URL in walker {
            let values = try? url.resourceValues(forKeys: [.isDirectoryKey, .isSymbolicLinkKey])
            if values?.isSymbolicLink == true { walker.skipDescendants(); continue }
            if values?.isDirectory == true, url.lastPathComponent == exercise,
               url.deletingLastPathComponent().lastPathComponent == "Exercises" {
                folder = url.standardizedFileURL
                break
            }
        }
        guard let folder else { return nil }
        var files: [(String, URL)] = []
        for file in fm.files(under: folder, suffix: ".swift") where file.lastPathComponent != "Package.swift" {
            let values = try? file.resourceValues(forKeys: [.isSymbolicLinkKey, .fileSizeKey])
            guard values?.isSymbolicLink != true, (values?.fileSize ?? 0) <= 1 << 20 else { continue }
            files.append((String(file.path.dropFirst(folder.path.count + 1)), file))
        }
        return files.isEmpty ? nil : files
    }

    static func unzip(_ archive: URL, into folder: URL) throws {
        // Read the archive's table of contents first: an archive that could write outside its
        // folder is refused before anything is unpacked, in words a TA can pass on.
        let entries: [ZipEntry]
        do { entries = try ZipEntry.list(try Data(contentsOf: archive)) } catch let problem as ZipEntry.Problem {
            throw GradeError.usage(problem.sentence(archive.lastPathComponent))
        }
        if let unsafe = entries.first(where: { $0.unsafeReason != nil }) {
            throw GradeError.usage("\(archive.lastPathComponent) was not unpacked: it holds \(unsafe.unsafeReason!) (\"\(unsafe.printableName)\"). "
                + "Ask the student to zip their Exercises folder as it is, without links or paths outside it.")
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let result: SubprocessResult
        if let unzip = Subprocess.which("unzip") {
            result = Subprocess.run(unzip, ["-qq", "-o", archive.path, "-d", folder.path], timeLimit: 60, outputLimit: 1 << 20)
        } else if let python = Subprocess.which("python3") {
            result = Subprocess.run(python, ["-m", "zipfile", "-e", archive.path, folder.path], timeLimit: 60, outputLimit: 1 << 20)
        } else {
            throw GradeError.usage("neither unzip nor python3 is installed, so \(archive.lastPathComponent) cannot be unpacked")
        }
        guard result.exitCode == 0 else {
            throw GradeError.usage("\(archive.lastPathComponent) could not be unpacked (it may be damaged, encrypted or use a compression unzip does not know). "
                + "Ask the student to zip their Exercises folder again.")
        }
    }

    // MARK: Output

    func writeOutputs(_ results: [StudentResult], manifest: ExerciseManifest, to output: URL) throws {
        let fm = FileManager.default
        let feedback = output.appendingPathComponent("feedback")
        try? fm.removeItem(at: feedback)
        try fm.createDirectory(at: feedback, withIntermediateDirectories: true)
        let files = Self.feedbackFileNames(results.map(\.student))
        var csv = [(["student", "exercise"] + manifest.tasks.map(\.id) + ["total", "max", "status", "feedback"]).map(Self.csvField).joined(separator: ",")]
        let renderer = ReportRenderer(color: false, symbols: false)
        for (result, file) in zip(results, files) {
            let max = grader.checks(for: manifest, includeHidden: true).reduce(0) { $0 + $1.points }
            let head = "Feedback for \(result.student)\n"
            if let report = result.report {
                let taskScores = manifest.tasks.map { task in report.tasks.first { $0.id == task.id }.map { formatPoints($0.score) } ?? "0" }
                csv.append(([result.student, exercise] + taskScores + [formatPoints(report.score), formatPoints(report.maxScore), report.status.rawValue, "feedback/" + file])
                    .map(Self.csvField).joined(separator: ","))
                let shown = revealHidden ? report : report.redactingHidden()
                try Data((head + renderer.render(shown, manifest: manifest) + "\n").utf8).write(to: feedback.appendingPathComponent(file))
            } else {
                csv.append(([result.student, exercise] + manifest.tasks.map { _ in "0" } + ["0", formatPoints(max), "not_graded", "feedback/" + file])
                    .map(Self.csvField).joined(separator: ","))
                try Data((head + "\(exercise): not graded: \(result.problem ?? "unknown problem")\n").utf8).write(to: feedback.appendingPathComponent(file))
            }
        }
        try Data((csv.joined(separator: "\n") + "\n").utf8).write(to: output.appendingPathComponent("grades.csv"), options: .atomic)
    }

    /// One CSV cell: quoted when it holds a comma, quote or line break, and, when it starts like
    /// a spreadsheet formula (`=`, `+`, `-`, `@`, a tab or a carriage return), prefixed with `'`
    /// so that Excel, LibreOffice and Google Sheets show it as text instead of running it.
    static func csvField(_ text: String) -> String {
        var text = text
        if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { text = "'" + text }
        return text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    /// A file name for each student's feedback (`NAME.txt`), from the folder name with every
    /// character but letters, digits, `-`, `_` and `.` replaced by `_`, and distinct from all the
    /// others, letter case ignored (as macOS and Windows compare names): `John Smith` and
    /// `John_Smith` both become `John_Smith`, so the second, in sorted order, gets `John_Smith-2.txt`.
    /// The CSV's `feedback` column and each file's first line say whose it is.
    static func feedbackFileNames(_ students: [String]) -> [String] {
        var taken = Set<String>()
        return students.map { student in
            var base = String(student.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "_" })
            if base.isEmpty || base.hasPrefix(".") { base = "_" + base }
            var name = base, n = 1
            while taken.contains(name.lowercased()) { n += 1; name = "\(base)-\(n)" }
            taken.insert(name.lowercased())
            return name + ".txt"
        }
    }
}

/// One entry of a zip archive's central directory: its name and whether it is a symbolic link.
struct ZipEntry {
    var name: String
    var isSymbolicLink: Bool

    enum Problem: Error {
        case notAZip, truncated
        func sentence(_ file: String) -> String {
            switch self {
            case .notAZip: return "\(file) is not a zip archive (no zip table of contents found in it). Ask the student to upload their Exercises folder as a .zip."
            case .truncated: return "\(file) is a damaged zip archive (its table of contents is cut short). Ask the student to zip their Exercises folder again."
            }
        }
    }

    /// The name with control characters shown as `?`, for a message.
    var printableName: String { String(name.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : Character($0) }) }

    /// Why unpacking this entry is unsafe, as the end of "it holds …", or nil.
    var unsafeReason: String? {
        let path = name.replacingOccurrences(of: "\\", with: "/")
        if isSymbolicLink { return "a symbolic link" }
        if path.hasPrefix("/") || (path.count >= 2 && path.dropFirst().first == ":") { return "a file with an absolute path" }
        if path.split(separator: "/", omittingEmptySubsequences: false).contains("..") { return "a file whose path leads out of its folder with \"..\"" }
        if name.unicodeScalars.contains(where: { $0.value == 0 }) { return "a file name with a NUL character" }
        return nil
    }

    /// The entries of the archive in `data`, read from its end-of-central-directory record.
    static func list(_ data: Data) throws -> [ZipEntry] {
        let bytes = [UInt8](data)
        func u16(_ i: Int) -> Int { Int(bytes[i]) | Int(bytes[i + 1]) << 8 }
        func u32(_ i: Int) -> Int { u16(i) | u16(i + 2) << 16 }
        guard bytes.count >= 22 else { throw Problem.notAZip }
        var end = -1
        var i = bytes.count - 22
        while i >= max(0, bytes.count - 22 - 65_535) {
            if bytes[i] == 0x50, bytes[i + 1] == 0x4B, bytes[i + 2] == 0x05, bytes[i + 3] == 0x06 { end = i; break }
            i -= 1
        }
        guard end >= 0 else { throw Problem.notAZip }
        let count = u16(end + 10)
        var offset = u32(end + 16)
        var entries: [ZipEntry] = []
        for _ in 0..<count {
            guard offset >= 0, offset + 46 <= bytes.count, u32(offset) == 0x0201_4B50 else { throw Problem.truncated }
            let madeBy = u16(offset + 4) >> 8
            let nameLength = u16(offset + 28), extraLength = u16(offset + 30), commentLength = u16(offset + 32)
            let external = u32(offset + 38)
            guard offset + 46 + nameLength <= bytes.count else { throw Problem.truncated }
            let name = String(decoding: bytes[(offset + 46)..<(offset + 46 + nameLength)], as: UTF8.self)
            let unixMode = (external >> 16) & 0o170000
            entries.append(ZipEntry(name: name, isSymbolicLink: madeBy == 3 && unixMode == 0o120000))
            offset += 46 + nameLength + extraLength + commentLength
        }
        return entries
    }
}

/// A value shared between threads behind a lock.
final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()
    init(_ value: Value) { self.value = value }
    func withLock<R>(_ body: (inout Value) -> R) -> R {
        lock.lock(); defer { lock.unlock() }
        return body(&value)
    }
}

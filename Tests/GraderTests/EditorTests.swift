import Foundation
import XCTest
@testable import GraderKit

/// What VS Code shows in an exercise file, asked of `sourcekit-lsp` the way the editor asks it.
///
/// On a fresh clone, an editor session over standard input and output: `initialize` and `didOpen`
/// of an exercise file (a few probe lines appended); then the README's first command only
/// (`grade ex1`, run here in-process so that the package is not built a second time); then, once
/// the file is closed and opened again, its diagnostics, a completion, a hover and a definition
/// against `TensorCore`; and the package's own sources still get SwiftPM's settings. Another exercise that does not compile is in the clone
/// throughout. Every wait has a time limit; the clone (and sourcekit-lsp's own build folder
/// inside it) is a temporary folder, removed at the end.
final class EditorTests: XCTestCase {
    /// Appended to the opened file: one type error naming a TensorCore type, one member to complete.
    static let probe = """

    // editor probe
    func editorProbe(_ t: Tensor) -> Int {
        let wrong: Int = t
        _ = t.sha
        return wrong
    }

    """

    func testSourceKitLSPUnderstandsExerciseFilesAfterTheFirstGrade() throws {
        let fm = FileManager.default
        guard fm.fileExists(atPath: TestCourse.root.appendingPathComponent(".git").path) else {
            throw XCTSkip("the course is not a git checkout, so there is nothing to clone")
        }
        guard let git = Self.executable("git") else { throw XCTSkip("git is not installed") }
        let toolchain = try Toolchain.locate()
        let server = try XCTUnwrap(Self.sourceKitLSP(swiftc: toolchain.swiftc),
                                   "sourcekit-lsp is not next to \(toolchain.swiftc) (set SOURCEKIT_LSP to its path)")

        let clone = fm.temporaryDirectory.appendingPathComponent("editor-test-\(UUID().uuidString)").resolvingSymlinksInPath()
        defer { try? fm.removeItem(at: clone) }
        let cloned = try Self.run(git, ["clone", "--quiet", TestCourse.root.path, clone.path], timeLimit: 120)
        XCTAssertEqual(cloned, 0, "git clone failed")
        guard cloned == 0 else { return }

        // A second exercise that does not compile: it must break neither the grade of ex1 nor ex1 in the editor.
        let broken = clone.appendingPathComponent("Exercises/ex2/Broken.swift")
        try Data("import TensorCore\n\npublic func broken(_ x: Tensor) -> Tensor {\n    return x +\n}\n".utf8).write(to: broken)

        // The editor is open before the first grade, with an exercise file in it: a student who opens
        // the file first, then runs the README's first command.
        try fm.createDirectory(at: clone.appendingPathComponent(".grade"), withIntermediateDirectories: true)
        let lsp = try LanguageServer(executable: server, root: clone)
        defer { lsp.stop() }
        let initialized = try lsp.request("initialize", [
            "processId": Int(ProcessInfo.processInfo.processIdentifier),
            "rootUri": clone.absoluteString,
            "workspaceFolders": [["uri": clone.absoluteString, "name": "course"]],
            "capabilities": [
                "textDocument": [
                    "publishDiagnostics": [:],
                    "completion": ["completionItem": ["snippetSupport": false]],
                    "hover": ["contentFormat": ["markdown", "plaintext"]],
                    "definition": [:],
                ],
                "workspace": ["didChangeWatchedFiles": ["dynamicRegistration": true]],
            ],
            // The package's own background index would build the whole package: not what is tested here.
            "initializationOptions": ["backgroundIndexing": false],
        ], timeLimit: 60)
        XCTAssertNotNil((initialized as? [String: Any])?["capabilities"], "initialize: \(String(describing: initialized))")
        lsp.notify("initialized", [:])
        let exercise = clone.appendingPathComponent("Exercises/ex1/Activations.swift")
        let text = try String(contentsOf: exercise, encoding: .utf8) + Self.probe
        lsp.open(exercise, text: text)

        // The README's first command, and nothing else.
        let (status, transcript) = try Self.grade(["ex1"], in: clone, timeLimit: 900)
        XCTAssertEqual(status, 1, "grade ex1 on the stubs: 0 points, exit status 1\n\(transcript)")
        XCTAssertTrue(transcript.contains("Score: 0/"), transcript)
        let database = clone.appendingPathComponent(".grade/editor/compile_commands.json")
        XCTAssertTrue(fm.fileExists(atPath: database.path), "grade ex1 wrote no compilation database")
        // What VS Code reports (sourcekit-lsp watches every file), then the README's advice for a file
        // that was open before the first grade: close it and open it again.
        lsp.notify("workspace/didChangeWatchedFiles", ["changes": [["uri": database.absoluteString, "type": 1]]])
        lsp.notify("textDocument/didClose", ["textDocument": ["uri": exercise.absoluteString]])
        lsp.open(exercise, text: text, version: 2)

        // 1. The exercise file: diagnostics, completion, hover and definition against TensorCore.
        let lines = text.components(separatedBy: "\n")
        let signatureLine = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("func editorProbe(") })
        let memberLine = try XCTUnwrap(lines.firstIndex { $0.hasSuffix("_ = t.sha") })
        let diagnostics = try lsp.diagnostics(for: exercise, timeLimit: 180) { messages in
            messages.contains { $0.contains("'Tensor'") }
        }
        XCTAssertTrue(diagnostics.contains { $0.lowercased().contains("cannot convert value of type 'tensor' to specified type 'int'") },
                      "the type error in the probe: \(diagnostics)")
        XCTAssertFalse(diagnostics.contains { $0.contains("no such module") }, "\(diagnostics)")

        let position: (Int, Int) -> [String: Any] = { line, character in
            ["textDocument": ["uri": exercise.absoluteString], "position": ["line": line, "character": character]]
        }
        let completion = try lsp.request("textDocument/completion", position(memberLine, lines[memberLine].utf16.count), timeLimit: 60)
        let items = ((completion as? [String: Any])?["items"] as? [[String: Any]]) ?? (completion as? [[String: Any]]) ?? []
        let labels = items.compactMap { $0["label"] as? String }
        XCTAssertTrue(labels.contains { $0.hasPrefix("shape") }, "completing t.sha: \(labels.prefix(20))")

        let tensorColumn = try XCTUnwrap(lines[signatureLine].range(of: "Tensor")).lowerBound.utf16Offset(in: lines[signatureLine]) + 2
        let hover = try lsp.request("textDocument/hover", position(signatureLine, tensorColumn), timeLimit: 60)
        let hoverText = (((hover as? [String: Any])?["contents"] as? [String: Any])?["value"] as? String) ?? String(describing: hover)
        XCTAssertTrue(hoverText.contains("struct Tensor"), "hover on Tensor: \(hoverText.prefix(300))")

        let definition = try lsp.request("textDocument/definition", position(signatureLine, tensorColumn), timeLimit: 60)
        let locations = (definition as? [[String: Any]]) ?? ((definition as? [String: Any]).map { [$0] } ?? [])
        let targets = locations.compactMap { ($0["uri"] ?? $0["targetUri"]) as? String }
        XCTAssertTrue(targets.contains { $0.hasSuffix("/Sources/TensorCore/Tensor.swift") },
                      "definition of Tensor: \(String(describing: definition))")

        // 2. The exercise that does not compile shows its own error, in its own file.
        lsp.open(broken, text: try String(contentsOf: broken, encoding: .utf8))
        let brokenDiagnostics = try lsp.diagnostics(for: broken, timeLimit: 60) { !$0.isEmpty }
        XCTAssertFalse(brokenDiagnostics.isEmpty)

        // 3. The package's own sources keep SwiftPM's settings (the whole module, so `Tensor` is known).
        let packageFile = clone.appendingPathComponent("Sources/TensorCore/Approximate.swift")
        lsp.open(packageFile, text: try String(contentsOf: packageFile, encoding: .utf8) + Self.probe)
        let packageDiagnostics = try lsp.diagnostics(for: packageFile, timeLimit: 180) { messages in
            messages.contains { $0.contains("'Tensor'") }
        }
        XCTAssertTrue(packageDiagnostics.contains { $0.lowercased().contains("cannot convert value of type 'tensor' to specified type 'int'") },
                      "a package source file: \(packageDiagnostics)")
    }

    /// What can be checked of the devcontainer without Docker: valid JSON, the official Swift image
    /// (pinned to a release), the Swift extension, and nothing that replaces the README's commands.
    func testDevcontainerUsesTheOfficialSwiftImageAndTheSwiftExtension() throws {
        let folder = TestCourse.root.appendingPathComponent(".devcontainer")
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("devcontainer.json"))) as? [String: Any])
        let dockerfileName = try XCTUnwrap((json["build"] as? [String: Any])?["dockerfile"] as? String, "build.dockerfile")
        let dockerfile = try String(contentsOf: folder.appendingPathComponent(dockerfileName), encoding: .utf8)
        let from = dockerfile.components(separatedBy: "\n").filter { $0.hasPrefix("FROM ") }
        XCTAssertEqual(from.count, 1, "one FROM line: \(from)")
        XCTAssertNotNil(from.first?.range(of: #"^FROM swift:[0-9]+\.[0-9]+(\.[0-9]+)?$"#, options: .regularExpression),
                        "the official image, at a release tag: \(from)")
        let extensions = ((json["customizations"] as? [String: Any])?["vscode"] as? [String: Any])?["extensions"] as? [String]
        XCTAssertEqual(extensions, ["swiftlang.swift-vscode"])
        let create = json["postCreateCommand"] as? String ?? ""
        XCTAssertTrue(create.isEmpty || create == "swift build --product grade", "postCreateCommand: \(create)")
        for file in (((json["customizations"] as? [String: Any])?["codespaces"] as? [String: Any])?["openFiles"] as? [String]) ?? [] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: TestCourse.root.appendingPathComponent(file).path), "openFiles: \(file)")
        }
    }

    // MARK: Helpers

    /// Runs `GradeCommand` in-process, as `swift run grade …` would in `folder`, with the clone's own build cache.
    static func grade(_ arguments: [String], in folder: URL, timeLimit: Double) throws -> (Int32, String) {
        let saved = ProcessInfo.processInfo.environment["GRADE_BUILD_DIR"]
        unsetenv("GRADE_BUILD_DIR")   // a fresh clone builds into its own .grade/build
        defer { if let saved { setenv("GRADE_BUILD_DIR", saved, 1) } }
        let box = Transcript()
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            let command = GradeCommand(arguments: arguments, directory: folder,
                                       output: { box.append($0) }, errorOutput: { box.append($0) })
            box.status = command.run()
            done.signal()
        }
        guard done.wait(timeout: .now() + timeLimit) == .success else {
            throw GradeError.infrastructure("grade \(arguments.joined(separator: " ")) took longer than \(Int(timeLimit)) s")
        }
        return (box.status, box.text)
    }

    final class Transcript: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        var status: Int32 = -1
        func append(_ line: String) { lock.lock(); lines.append(line); lock.unlock() }
        var text: String { lock.lock(); defer { lock.unlock() }; return lines.joined(separator: "\n") }
    }

    /// Runs a program to its end, or kills it after `timeLimit` seconds; returns its exit status (-1 on a time-out).
    static func run(_ executable: String, _ arguments: [String], timeLimit: Double) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeLimit)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            return -1
        }
        return process.terminationStatus
    }

    static func executable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// `SOURCEKIT_LSP`, else the `sourcekit-lsp` that ships beside the grader's `swiftc`, else the one on the PATH.
    static func sourceKitLSP(swiftc: String) -> String? {
        if let path = ProcessInfo.processInfo.environment["SOURCEKIT_LSP"], !path.isEmpty { return path }
        let compiler = URL(fileURLWithPath: swiftc)
        for folder in [compiler.deletingLastPathComponent(), compiler.resolvingSymlinksInPath().deletingLastPathComponent()] {
            let candidate = folder.appendingPathComponent("sourcekit-lsp").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return executable("sourcekit-lsp")
    }
}

/// A language-server client over standard input and output: JSON-RPC messages framed by
/// `Content-Length` headers, as an editor speaks them. Requests the server sends (capability
/// registrations, progress) get a null result.
final class LanguageServer: @unchecked Sendable {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let condition = NSCondition()
    private var messages: [[String: Any]] = []
    private var closed = false
    private var nextID = 0
    private let writeLock = NSLock()

    init(executable: String, root: URL) throws {
        signal(SIGPIPE, SIG_IGN)   // writing to a server that died must fail the test, not end the test process
        process.executableURL = URL(fileURLWithPath: executable)
        process.currentDirectoryURL = root
        process.standardInput = input
        process.standardOutput = output
        let log = root.appendingPathComponent(".grade/sourcekit-lsp.stderr")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        let reader = output.fileHandleForReading
        Thread.detachNewThread { [self] in
            var buffer = Data()
            while true {
                let chunk = reader.availableData
                if chunk.isEmpty { break }
                buffer.append(chunk)
                while let message = Self.takeMessage(from: &buffer) { received(message) }
            }
            condition.lock(); closed = true; condition.broadcast(); condition.unlock()
        }
    }

    /// One framed message off the front of `buffer`, if a whole one is there.
    static func takeMessage(from buffer: inout Data) -> [String: Any]? {
        guard let end = buffer.range(of: Data("\r\n\r\n".utf8)) else { return nil }
        let header = String(decoding: buffer[buffer.startIndex..<end.lowerBound], as: UTF8.self)
        guard let lengthLine = header.components(separatedBy: "\r\n").first(where: { $0.lowercased().hasPrefix("content-length:") }),
              let length = Int(lengthLine.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)),
              buffer.distance(from: end.upperBound, to: buffer.endIndex) >= length else { return nil }
        let bodyEnd = buffer.index(end.upperBound, offsetBy: length)
        let body = buffer[end.upperBound..<bodyEnd]
        buffer = Data(buffer[bodyEnd...])
        return (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
    }

    private func received(_ message: [String: Any]) {
        if message["method"] != nil, let id = message["id"] {
            write(["jsonrpc": "2.0", "id": id, "result": NSNull()])
            return
        }
        condition.lock(); messages.append(message); condition.broadcast(); condition.unlock()
    }

    private func write(_ message: [String: Any]) {
        guard let body = try? JSONSerialization.data(withJSONObject: message) else { return }
        writeLock.lock(); defer { writeLock.unlock() }
        // A server that has exited gets nothing (EPIPE, not SIGPIPE: see init).
        try? input.fileHandleForWriting.write(contentsOf: Data("Content-Length: \(body.count)\r\n\r\n".utf8) + body)
    }

    func notify(_ method: String, _ params: [String: Any]? = nil) {
        var message: [String: Any] = ["jsonrpc": "2.0", "method": method]
        if let params { message["params"] = params }
        write(message)
    }

    /// Sends a request and waits at most `timeLimit` seconds for its result.
    func request(_ method: String, _ params: [String: Any]?, timeLimit: Double) throws -> Any? {
        condition.lock(); nextID += 1; let id = nextID; condition.unlock()
        var message: [String: Any] = ["jsonrpc": "2.0", "id": id, "method": method]
        if let params { message["params"] = params }
        write(message)
        let response = try wait(timeLimit, "the response to \(method)") { ($0["id"] as? Int) == id && $0["method"] == nil }
        if let error = response["error"] { throw GradeError.infrastructure("\(method) failed: \(error)") }
        return response["result"] is NSNull ? nil : response["result"]
    }

    func open(_ file: URL, text: String, version: Int = 1) {
        notify("textDocument/didOpen", ["textDocument": ["uri": file.absoluteString, "languageId": "swift", "version": version, "text": text]])
    }

    /// Waits for diagnostics of `file` whose messages satisfy `accept`; returns those messages.
    func diagnostics(for file: URL, timeLimit: Double, accept: @escaping ([String]) -> Bool) throws -> [String] {
        func messagesOf(_ message: [String: Any]) -> [String]? {
            guard message["method"] as? String == "textDocument/publishDiagnostics",
                  let params = message["params"] as? [String: Any], params["uri"] as? String == file.absoluteString else { return nil }
            return ((params["diagnostics"] as? [[String: Any]]) ?? []).compactMap { $0["message"] as? String }
        }
        let message = try wait(timeLimit, "diagnostics that satisfy the test for \(file.lastPathComponent)") { message in
            messagesOf(message).map(accept) ?? false
        }
        return messagesOf(message) ?? []
    }

    /// The first message (received or still to come) that matches, within `timeLimit` seconds.
    private func wait(_ timeLimit: Double, _ what: String, _ matches: ([String: Any]) -> Bool) throws -> [String: Any] {
        let deadline = Date().addingTimeInterval(timeLimit)
        condition.lock(); defer { condition.unlock() }
        var seen = 0
        while true {
            while seen < messages.count {
                let message = messages[seen]
                seen += 1
                if matches(message) { messages.remove(at: seen - 1); return message }
            }
            if closed { throw GradeError.infrastructure("sourcekit-lsp exited while waiting for \(what)") }
            if !condition.wait(until: deadline) {
                throw GradeError.infrastructure("no \(what) within \(Int(timeLimit)) s")
            }
        }
    }

    /// `shutdown` and `exit`, each with a time limit; then the process is ended if it is still there.
    func stop() {
        if process.isRunning {
            _ = try? request("shutdown", nil, timeLimit: 20)
            notify("exit")
        }
        let deadline = Date().addingTimeInterval(20)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            process.terminate()
            let killDeadline = Date().addingTimeInterval(5)
            while process.isRunning && Date() < killDeadline { Thread.sleep(forTimeInterval: 0.05) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        try? input.fileHandleForWriting.close()
    }
}

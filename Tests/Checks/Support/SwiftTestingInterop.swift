import Foundation

/// `#expect` and `#require` inside an XCTest method: Swift Testing hands such issues to a
/// "fallback event handler" (there is no Swift Testing run to take them). Installing one here
/// turns each into a failure of the check instead of a line on standard error.
enum SwiftTestingIssues {
    nonisolated(unsafe) static var collected: [Failure] = []
    nonisolated(unsafe) static var collecting = false

    typealias Handler = @convention(c) (UnsafePointer<CChar>, UnsafeRawPointer, Int, UnsafeRawPointer?) -> Void

    static func install(collect: Bool) {
        collecting = collect
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "_swift_testing_installFallbackEventHandler") else { return }
        let install = unsafeBitCast(symbol, to: (@convention(c) (Handler) -> Bool).self)
        _ = install { _, base, count, _ in
            guard SwiftTestingIssues.collecting else { return }
            let data = Data(bytes: base, count: count)
            if let failure = EventStream.failure(fromRecord: data) { SwiftTestingIssues.collected.append(failure) }
        }
    }
}

/// Swift Testing's JSON event stream (schema version 0), as the verifying process reads it.
enum EventStream {
    struct Summary {
        var failures: [Failure] = []
        var testsRun = 0
        var allPassed = true
    }

    static func read(_ path: String) -> Summary {
        var summary = Summary()
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return summary }
        for line in text.split(separator: "\n") {
            let data = Data(line.utf8)
            guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                  object["kind"] as? String == "event",
                  let payload = object["payload"] as? [String: Any], let kind = payload["kind"] as? String else { continue }
            switch kind {
            case "issueRecorded":
                if let failure = failure(fromRecord: data) { summary.failures.append(failure) }
            case "testEnded":
                summary.testsRun += 1
            case "testSkipped":
                summary.allPassed = false
                summary.failures.append(Failure(message: "the check was skipped", file: nil, line: nil))
            default:
                break
            }
        }
        return summary
    }

    static func failures(in path: String) -> [Failure] { read(path).failures }

    /// The failure an `issueRecorded` record describes (its messages joined, with its place),
    /// or nil for a record that is not a failing issue (a warning, a known issue).
    static func failure(fromRecord data: Data) -> Failure? {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let payload = object["payload"] as? [String: Any],
              payload["kind"] as? String == "issueRecorded" else { return nil }
        let issue = payload["issue"] as? [String: Any] ?? [:]
        if issue["isKnown"] as? Bool == true { return nil }
        if let isFailure = issue["isFailure"] as? Bool, !isFailure { return nil }
        // "Issue recorded" heads an `Issue.record(…)` (the CheckSupport helpers): its comment follows.
        var messages = (payload["messages"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
        if messages.count > 1 { messages.removeAll { $0 == "Issue recorded" } }
        let location = issue["sourceLocation"] as? [String: Any]
        let file = (location?["fileID"] as? String).map { String($0.split(separator: "/").last ?? "") }
        return Failure(message: messages.joined(separator: "\n"), file: file, line: location?["line"] as? Int)
    }
}

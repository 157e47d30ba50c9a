import Foundation

/// The tests a check source declares, read from the text (no compiler needed): XCTest methods as
/// `Class/testMethod`, Swift Testing functions as `Suite/name(labels:)` (or `name()` at the top
/// level), the names `checks.json` uses.
public enum CheckInventory {
    public static func tests(inSource text: String) -> [String] {
        var found: [String] = []
        var depth = 0
        var xctestClass: String?
        var typeAtTop: String?
        var pendingTest = false
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("//") || line.hasPrefix("///") { continue }
            if depth == 0, let name = firstMatch(#"\b(?:struct|class|enum|actor)\s+(\w+)"#, in: line) {
                typeAtTop = name
                xctestClass = line.range(of: #":\s*XCTestCase"#, options: .regularExpression) != nil ? name : nil
            }
            if line.contains("@Test") { pendingTest = true }
            if let signature = firstMatch(#"\bfunc\s+(\w+\s*\([^)]*\))"#, in: line) {
                let name = String(signature.prefix { $0 != "(" }).trimmingCharacters(in: .whitespaces)
                if pendingTest {
                    let id = name + "(" + labels(signature) + ")"
                    found.append(depth > 0 && typeAtTop != nil ? "\(typeAtTop!)/\(id)" : id)
                } else if let xctestClass, depth == 1, name.hasPrefix("test"), signature.hasSuffix("()") {
                    found.append("\(xctestClass)/\(name)")
                }
                pendingTest = false
            }
            depth += line.filter { $0 == "{" }.count - line.filter { $0 == "}" }.count
            if depth <= 0 { depth = 0 }
        }
        return found
    }

    /// What is wrong between a manifest and the tests its sources declare (`tests`: test → hidden):
    /// a check whose test is missing or in the wrong folder, and a test no check grades.
    public static func mismatches(manifest: ExerciseManifest, tests: [String: Bool]) -> [String] {
        var problems: [String] = []
        for check in manifest.checks {
            guard let hidden = tests[check.test] else {
                problems.append("\(check.id): no \(check.framework == .xctest ? "XCTest method" : "Swift Testing function") \(check.test) in Tests/Checks/\(manifest.id)")
                continue
            }
            if hidden != check.hidden {
                problems.append("\(check.id): the manifest says hidden = \(check.hidden), but \(check.test) is in \(hidden ? "Hidden" : "Public")/")
            }
        }
        let graded = Set(manifest.checks.map(\.test))
        for test in tests.keys.sorted() where !graded.contains(test) {
            problems.append("\(manifest.id): \(test) is not graded by any check in checks.json")
        }
        return problems
    }

    /// Every test in an exercise's `Public/` and `Hidden/` folders, with whether it is hidden.
    public static func tests(of exercise: String, in course: Course) throws -> [String: Bool] {
        var tests: [String: Bool] = [:]
        for hidden in [false, true] {
            let folder = course.checkFolder(exercise).appendingPathComponent(hidden ? "Hidden" : "Public")
            for file in FileManager.default.files(under: folder, suffix: ".swift") {
                for test in Self.tests(inSource: try String(contentsOf: file, encoding: .utf8)) { tests[test] = hidden }
            }
        }
        return tests
    }

    /// `f(of:)` from `f(of activation: Activation)`, `g(_:)` from `g(_ x: Int)`.
    static func labels(_ signature: String) -> String {
        guard let open = signature.firstIndex(of: "("), let close = signature.lastIndex(of: ")") else { return "" }
        let parameters = signature[signature.index(after: open)..<close]
        return parameters.split(separator: ",").compactMap { parameter -> String? in
            let names = parameter.split(separator: ":").first?.split(separator: " ").map(String.init) ?? []
            return names.first.map { $0 + ":" }
        }.joined()
    }

    private static func firstMatch(_ pattern: String, in text: String) -> String? {
        guard let regex = try? NSRegularExpression(pattern: pattern),
              let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
              match.numberOfRanges > 1, let range = Range(match.range(at: 1), in: text) else { return nil }
        return String(text[range])
    }
}

import Foundation
import XCTest

/// Every relative link in the lecture notes (to the reference code, the exercises, the figures,
/// another note) points at a file that exists, so a renamed file cannot leave a dead link.
final class LectureLinksTests: XCTestCase {
    func testEveryRelativeLinkResolves() throws {
        let lectures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("lectures")
        let notes = try FileManager.default.contentsOfDirectory(atPath: lectures.path).filter { $0.hasSuffix(".md") }
        XCTAssertGreaterThanOrEqual(notes.count, 8, "lectures/ should hold L1–L8")
        let pattern = try NSRegularExpression(pattern: #"\]\(([^)\s]+)\)"#)
        var checked = 0
        for note in notes {
            let text = try String(contentsOf: lectures.appendingPathComponent(note), encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                guard let range = Range(match.range(at: 1), in: text) else { continue }
                let target = String(text[range]).components(separatedBy: "#")[0]
                guard !target.isEmpty, !target.contains("://"), !target.hasPrefix("mailto:") else { continue }
                let url = lectures.appendingPathComponent(target).standardizedFileURL
                XCTAssertTrue(FileManager.default.fileExists(atPath: url.path), "\(note): dead link \(target)")
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 50, "the notes link the code, exercises and figures")
    }
}

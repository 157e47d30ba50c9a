import XCTest
import Foundation

/// The shape every note shares: questions at the end with the answers folded away, no `\|` in a
/// table row (GitHub's tables turn it into a plain `|`, so ‖g‖ would print as |g|), and errata
/// boxes that name the seed's claim, the right one and the reason.
final class LectureStructureTests: XCTestCase {
    private let names = ["L1", "L2", "L3", "L4", "L5", "L6", "L7", "L8"]

    func testEveryNoteEndsWithQuestionsAndFoldedAnswers() {
        for name in names {
            let note = lecture(name)
            guard let questions = note.range(of: "\n## Questions\n") else { XCTFail("\(name) has no Questions section"); continue }
            let section = note[questions.upperBound...].prefix { _ in true }
            let end = section.range(of: "\n## ")?.lowerBound ?? section.endIndex
            let body = String(section[..<end])
            let asked = body.components(separatedBy: "\n").filter { $0.range(of: #"^[1-9]\. "#, options: .regularExpression) != nil }
            XCTAssertTrue(body.contains("<details>") && body.contains("<summary>Answers</summary>") && body.contains("</details>"),
                          "\(name): the answers are in a collapsible block")
            // Questions before the block, as many answers inside it.
            let (before, inside) = (body.components(separatedBy: "<details>")[0], body.components(separatedBy: "<details>").dropFirst().joined())
            let q = before.components(separatedBy: "\n").filter { $0.range(of: #"^[1-9]\. "#, options: .regularExpression) != nil }.count
            let a = inside.components(separatedBy: "\n").filter { $0.range(of: #"^[1-9]\. "#, options: .regularExpression) != nil }.count
            XCTAssertTrue((3...5).contains(q), "\(name): \(q) questions (three to five)")
            XCTAssertEqual(q, a, "\(name): \(q) questions but \(a) answers")
            XCTAssertEqual(asked.count, q + a)
        }
    }

    func testNoEscapedBarInsideTableRows() {
        for name in names {
            for (i, line) in lecture(name).components(separatedBy: "\n").enumerated() where line.hasPrefix("|") {
                XCTAssertFalse(line.contains("\\|"), "\(name) line \(i + 1): a table row with \\| (write \\lVert … \\rVert)")
            }
        }
    }

    func testSeedErrataBoxesNameClaimRightAndReason() {
        for name in names {
            let boxes = lecture(name).components(separatedBy: "\n\n").filter { $0.hasPrefix("> **Errata") && $0.contains("*The seed's claim:*") }
            for box in boxes {
                XCTAssertTrue(box.contains("*What is right:*"), "\(name): \(box.prefix(60))… says what is right")
                XCTAssertTrue(box.contains("*Why"), "\(name): \(box.prefix(60))… gives the reason")
            }
        }
        let count = names.map { lecture($0).components(separatedBy: "*The seed's claim:*").count - 1 }.reduce(0, +)
        XCTAssertEqual(count, 6, "swish, cross-entropy, minibatch sizes, the L1 penalty, conv notation, equivariance")
    }
}

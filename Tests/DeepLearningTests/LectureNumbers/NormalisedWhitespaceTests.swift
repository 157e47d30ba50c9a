import XCTest

/// The lecture-number tests compare quoted prose with white space normalised: reflowing a
/// paragraph, or moving it into a block quote, must not break them; changing a word or a number must.
final class NormalisedWhitespaceTests: XCTestCase {
    func testReflowAndBlockQuotesAreIgnored() {
        let note = "The output is\n28×28×6, as\n> the box\n>   says   here.\n\n| a | b |\n"
        assertQuoted("output is 28×28×6, as the box says here.", in: note)
        assertQuoted("The output\nis 28×28×6", in: note)
        XCTAssertEqual(normalisedWhitespace("  a\n\n  b\t c  "), "a b c")
        XCTAssertEqual(normalisedWhitespace("> quoted\n> line"), "quoted line")
    }

    func testWordsAndNumbersStillCount() {
        let note = normalisedWhitespace("The output is\n28×28×6.")
        XCTAssertFalse(note.contains(normalisedWhitespace("output is 28×28×5")))
        XCTAssertFalse(note.contains(normalisedWhitespace("output  was 28×28×6")))
        XCTAssertFalse(note.contains(normalisedWhitespace("output is28×28×6")), "a space is not optional")
    }

    func testParagraphsForCitations() {
        let note = "First, Krizhevsky et al.\nsay 15.3 %.\n\n> Box one\n>\n> Box two cites 61.1 M"
        XCTAssertEqual(paragraphsOf(note), ["First, Krizhevsky et al. say 15.3 %.", "Box one", "Box two cites 61.1 M"])
        assertCited("say 15.3\n%", source: "Krizhevsky et al.", in: note)
    }
}

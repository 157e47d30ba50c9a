import XCTest
import Foundation

// Shared helpers for the LectureNumbers tests: every number a lecture note quotes is computed
// here (with the reference implementation where one exists), formatted the way the note spells
// it, and looked up verbatim in the note's text.

/// The text of the lecture note whose file name starts with `name` (e.g. "L1" → `lectures/L1-….md`),
/// found from this file's location: Tests/DeepLearningTests/LectureNumbers/ → ../../../lectures/.
func lecture(_ name: String, filePath: String = #filePath) -> String {
    let directory = URL(fileURLWithPath: filePath)
        .deletingLastPathComponent()   // LectureNumbers/
        .deletingLastPathComponent()   // DeepLearningTests/
        .deletingLastPathComponent()   // Tests/
        .deletingLastPathComponent()   // package root
        .appendingPathComponent("lectures")
    let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    let prefix = name.hasSuffix(".md") ? name : name + "-"
    guard let file = files.sorted().first(where: { $0 == name || $0.hasPrefix(prefix) }),
          let text = try? String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8) else {
        XCTFail("no lecture note \(name) in \(directory.path)")
        return ""
    }
    return text
}

/// `text` with its layout taken out: every run of white space (spaces, line breaks, tabs) becomes
/// one space, and the quote markers of a block quote (`> ` at a line's start, as in the notes'
/// errata boxes and callouts) are dropped. Reflowing a paragraph, or moving it into a box, leaves
/// its normalised form unchanged.
func normalisedWhitespace(_ text: String) -> String {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
        var rest = line.drop { $0 == " " || $0 == "\t" }
        while rest.first == ">" { rest = rest.dropFirst().drop { $0 == " " || $0 == "\t" } }
        return rest
    }
    var out = ""
    var pendingSpace = false
    for character in lines.joined(separator: " ") {
        if character.isWhitespace {
            pendingSpace = !out.isEmpty
        } else {
            if pendingSpace { out.append(" ") }
            pendingSpace = false
            out.append(character)
        }
    }
    return out
}

/// Asserts that `note` contains `text` (the number as the note spells it, usually with a little
/// surrounding context so that the match is not accidental), both compared with white space
/// normalised (`normalisedWhitespace`): the words and symbols must match, the line breaks need not.
func assertQuoted(_ text: String, in note: String, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertTrue(normalisedWhitespace(note).contains(normalisedWhitespace(text)),
                  "the note does not contain \"\(text)\" (white space normalised)", file: file, line: line)
}

// MARK: Formatting as the notes write numbers

/// `x` with `digits` decimals ("0.7311"); negative values with an ASCII minus ("-0.3410"), as
/// inside LaTeX. A value that rounds to zero keeps its sign ("-0.0000"), as Python prints it.
func fixed(_ x: Double, _ digits: Int) -> String {
    String(format: "%.\(digits)f", x)
}

/// `fixed` with the typographic minus sign "−" (U+2212) that the notes use in running text and tables.
func fixedU(_ x: Double, _ digits: Int) -> String {
    unicodeMinus(fixed(x, digits))
}

/// Replaces ASCII "-" by "−".
func unicodeMinus(_ s: String) -> String { s.replacingOccurrences(of: "-", with: "−") }

/// The shortest decimal form of `x` rounded to `maxDigits` decimals, without trailing zeros
/// ("0.065", "2.5", "0.1", "3").
func short(_ x: Double, maxDigits: Int = 6) -> String {
    var s = String(format: "%.\(maxDigits)f", x)
    if s.contains(".") {
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
    }
    if s == "-0" { s = "0" }
    return s
}

/// An integer with thousands separators ("480,010,000").
func grouped(_ n: Int) -> String {
    let digits = Array(String(abs(n)))
    var out = ""
    for (i, d) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
        out.append(d)
    }
    return (n < 0 ? "-" : "") + out
}

/// LaTeX scientific notation with `digits` significant decimals: `sci(9.54e-7, 1)` → "9.5\times10^{-7}";
/// a mantissa of exactly one digit is written without decimals when `digits` is 0 ("4\times10^{-7}").
func sci(_ x: Double, _ digits: Int) -> String {
    let s = String(format: "%.\(digits)e", x)          // "9.5e-07"
    let parts = s.split(separator: "e")
    let mantissa = String(parts[0])
    let exponent = Int(parts[1])!
    return "\(mantissa)\\times10^{\(exponent)}"
}

/// A power of ten in LaTeX: 1e-8 → "10^{-8}".
func powerOfTen(_ x: Double) -> String {
    let e = Int(log10(x).rounded())
    XCTAssertEqual(x, pow(10, Double(e)), accuracy: abs(x) * 1e-12, "\(x) is not a power of ten")
    return "10^{\(e)}"
}

/// A shape written the way the notes write feature maps: [6, 28, 28] → "6×28×28".
func shape(_ dims: [Int]) -> String { dims.map(String.init).joined(separator: "×") }

/// Asserts that the values, joined by `separator`, appear verbatim: a list the note writes inside a
/// formula (`[0.0900,\; 0.2447,\; 0.6652]`) or a table row (`| 6 | 3.25 | 1 |`).
func assertQuotedList(_ values: [String], separator: String, in note: String, file: StaticString = #filePath, line: UInt = #line) {
    assertQuoted(values.joined(separator: separator), in: note, file: file, line: line)
}

/// For a number no code can compute — a published result, a date, another library's default
/// without a counterpart here, a rule of thumb: asserts that the note quotes `text` verbatim AND
/// names where it comes from (`source`, e.g. "Krizhevsky et al., 2012" or "PyTorch's `nn.Conv2d`")
/// in the same paragraph. So the figure cannot change, and its attribution cannot disappear,
/// without a test failing; whether the source says it is for a reader to verify.
func assertCited(_ text: String, source: String, in note: String, file: StaticString = #filePath, line: UInt = #line) {
    let quoted = normalisedWhitespace(text), named = normalisedWhitespace(source)
    let paragraphs = paragraphsOf(note).filter { $0.contains(quoted) }
    XCTAssertFalse(paragraphs.isEmpty, "the note does not contain \"\(text)\" (white space normalised)", file: file, line: line)
    guard !paragraphs.isEmpty else { return }
    XCTAssertTrue(paragraphs.contains { $0.contains(named) },
                  "the note quotes \"\(text)\" without naming its source \"\(source)\" in the same paragraph",
                  file: file, line: line)
}

/// The note's paragraphs (separated by blank lines; a line holding only `>` or white space counts
/// as blank), each with white space normalised.
func paragraphsOf(_ note: String) -> [String] {
    var paragraphs: [String] = [], current: [Substring] = []
    for line in note.split(separator: "\n", omittingEmptySubsequences: false) {
        if line.allSatisfy({ $0 == ">" || $0.isWhitespace }) {
            if !current.isEmpty { paragraphs.append(normalisedWhitespace(current.joined(separator: "\n"))) }
            current = []
        } else {
            current.append(line)
        }
    }
    if !current.isEmpty { paragraphs.append(normalisedWhitespace(current.joined(separator: "\n"))) }
    return paragraphs
}

/// An integer with LaTeX thousands separators, as inside the notes' formulas: 61706 → "61{,}706".
func groupedTeX(_ n: Int) -> String { grouped(n).replacingOccurrences(of: ",", with: "{,}") }

/// `n` as the notes write it in words: "zero" … "ten", "a hundred", "a thousand", "a million"
/// (other numbers with digits, `grouped`); with `capitalized`, at a sentence start ("Three").
func inWords(_ n: Int, capitalized: Bool = false) -> String {
    let small = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
    let large = [100: "a hundred", 1_000: "a thousand", 1_000_000: "a million"]
    let word = n >= 0 && n < small.count ? small[n] : large[n] ?? grouped(n)
    return capitalized ? word.prefix(1).uppercased() + word.dropFirst() : word
}

/// A list in brackets with `short` numbers: [2, -3, -3] → "[2, -3, -3]".
func bracketed(_ values: [Double]) -> String { "[" + values.map { short($0) }.joined(separator: ", ") + "]" }

/// A matrix in LaTeX, rows from `m`, entries with `short`: spaced as in displayed formulas
/// (`\begin{bmatrix} 0 & 1\\ 1 & 0\end{bmatrix}`), or `compact` as inline
/// (`\begin{bmatrix}0&1\\1&0\end{bmatrix}`).
func bmatrix(_ m: [[Double]], compact: Bool = false) -> String {
    let (cell, row, open) = compact ? ("&", "\\\\", "\\begin{bmatrix}") : (" & ", "\\\\ ", "\\begin{bmatrix} ")
    return open + m.map { $0.map { short($0) }.joined(separator: cell) }.joined(separator: row) + "\\end{bmatrix}"
}

import XCTest
@testable import GraderKit

/// The report a beginner reads: a compile error with its source line and caret that costs only
/// its file's tasks, a crash at the student's own line with their message, numbers that differ
/// looking different, and the student's output escaped and capped.
final class ReportTests: XCTestCase {
    let course = TestCourse.course

    func edit(_ file: URL, _ old: String, with new: String) throws {
        let text = try String(contentsOf: file, encoding: .utf8)
        XCTAssertTrue(text.contains(old), "\(file.lastPathComponent) has no \(old)")
        try text.replacingOccurrences(of: old, with: new).write(to: file, atomically: true, encoding: .utf8)
    }

    /// One submission of ex1: Activations.swift does not compile, softmax is off by one part in
    /// 10⁹ and prints escape codes and 10 KB, and denseParameterCount fails its own precondition.
    func testTheReportABeginnerReads() throws {
        let source = TestCourse.scratch("report-submission").appendingPathComponent("ex1")
        try FileManager.default.copyItem(at: course.solutions.appendingPathComponent("ex1"), to: source)
        try edit(source.appendingPathComponent("Activations.swift"), "    return x.map(stableSigmoid)\n", with: "    let broken: Int = \"one\"\n    return x.map(stableSigmoid)\n")
        try edit(source.appendingPathComponent("Softmax.swift"), "    return exponentials.dividingColumnVector(exponentials.sum(axis: 1))",
                 with: "    print(String(repeating: \"x\", count: 10_000))\n    print(\"\\u{1B}[2J\\u{1B}[31mred\\u{1B}[0m\\tand a bell \\u{07}\")\n    return exponentials.dividingColumnVector(exponentials.sum(axis: 1)).map { $0 * (1 + 1e-9) }")
        try edit(source.appendingPathComponent("ParameterCount.swift"), "    var total = 0\n",
                 with: "    precondition(layerSizes.count < 3, \"my own check: \\(layerSizes.count) layers\")\n    var total = 0\n")
        let report = try TestCourse.grader.grade("ex1", sourceFolder: source, displayName: "Exercises/ex1",
                                                 buildFolder: TestCourse.scratch("report-build"))
        let byID = Dictionary(uniqueKeysWithValues: report.checks.map { ($0.id, $0) })
        let renderer = ReportRenderer(color: false, symbols: false)

        // The compile error costs ex1.3 only; ex1.1 is graded with Activations.swift's stub in its place.
        XCTAssertEqual(report.status, .compileError)
        XCTAssertEqual(report.stubbedFiles, ["Activations.swift"])
        XCTAssertEqual(report.tasks.first { $0.id == "ex1.1" }?.score, 6)
        XCTAssertEqual(report.tasks.first { $0.id == "ex1.3" }?.score, 0)
        XCTAssertEqual(byID["ex1.3.sigmoid"]?.message, "not graded: Activations.swift does not compile (the errors are below the checks)")
        let lines = try String(contentsOf: source.appendingPathComponent("Activations.swift"), encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let number = try XCTUnwrap(lines.firstIndex { $0.contains("let broken") }) + 1
        XCTAssertEqual(renderer.compileErrors(report), """
              Activations.swift does not compile: the checks of task ex1.3 score 0 until it does. The other files were graded with the original stub of Activations.swift in place of it.
                Exercises/ex1/Activations.swift:\(number):23: error: cannot convert value of type 'String' to specified type 'Int'
                 \(number) |     let broken: Int = "one"
                    |                       ^
            """)
        let rendered = renderer.render(report, manifest: try course.manifest("ex1"))
        XCTAssertTrue(rendered.contains("  PASS ex1.1.worked-example"), rendered)
        XCTAssertTrue(rendered.contains("  ERROR ex1.3.sigmoid"), rendered)

        // Numbers that differ look different.
        let overflow = try XCTUnwrap(byID["ex1.4.overflow"])
        XCTAssertEqual(overflow.status, .failed)
        XCTAssertTrue(overflow.message.hasPrefix("softmax of logits near ±1000, rows [1000, 1001, 1002], [−1000, −1000, −1000], [−1000, 0, 1000] (subtract each row's maximum before exp, not its minimum): at index [2, 2] expected 1, observed 1.000000001; tolerance 1.0000e-12."), overflow.message)
        // … in the previews too: the first six entries are off by one part in 10⁹ (the next two
        // underflow to exactly 0 in both), and each of those pairs prints differently.
        let previews = try XCTUnwrap(overflow.message.range(of: ". Expected [3, 3] [")).upperBound
        let parts = overflow.message[previews...].components(separatedBy: "], observed [3, 3] [")
        XCTAssertEqual(parts.count, 2, overflow.message)
        let expectedShown = parts[0].components(separatedBy: ", "), observedShown = parts[1].dropLast().components(separatedBy: ", ")
        XCTAssertEqual(expectedShown.count, 9, overflow.message)   // eight values and "…"
        XCTAssertEqual(observedShown.count, 9, overflow.message)
        XCTAssertEqual(Array(expectedShown[6...7]), ["0", "0"], overflow.message)
        for (e, o) in zip(expectedShown, observedShown).prefix(6) {
            XCTAssertNotEqual(e, o, "previews: \(overflow.message)")
            XCTAssertEqual(Double(e).map { String(format: "%.6g", $0) }, Double(o).map { String(format: "%.6g", $0) },
                           "six digits would have shown \(e) and \(o) alike (what this pins)")
        }

        // The crash names the student's file and line, and shows their precondition's message.
        let lecture = try XCTUnwrap(byID["ex1.2.lecture"])
        XCTAssertEqual(lecture.status, .error)
        let count = try String(contentsOf: source.appendingPathComponent("ParameterCount.swift"), encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let line = try XCTUnwrap(count.firstIndex { $0.contains("my own check") }) + 1
        XCTAssertTrue(lecture.message.hasPrefix("crashed (SIGILL: a Swift runtime trap): Exercises/ex1/ParameterCount.swift:\(line): Precondition failed: my own check: 3 layers"), lecture.message)

        // All of the output in the report (and its JSON); escaped and capped in the text.
        let output = try XCTUnwrap(overflow.output)
        XCTAssertTrue(output.hasPrefix(String(repeating: "x", count: 10_000) + "\n\u{1B}[2J\u{1B}[31mred\u{1B}[0m\tand a bell \u{07}"), String(output.prefix(100)))
        let json = String(decoding: try report.jsonData(), as: UTF8.self)
        XCTAssertTrue(json.contains(String(repeating: "x", count: 10_000)))
        let text = renderer.line(overflow)
        XCTAssertFalse(text.contains("\u{1B}"), "no escape code reaches the terminal")
        XCTAssertLessThan(text.utf8.count, 6000, "the text report shows a few KiB of output")
        XCTAssertTrue(text.contains("      your code printed:\n        | … \(output.utf8.count - 4096) bytes before this are left out (swift run grade … --json has all of it)\n        | xxxx"), text)
        XCTAssertTrue(text.hasSuffix("xxxx\n        | \\e[2J\\e[31mred\\e[0m\\tand a bell \\u{7}"), String(text.suffix(200)))
    }

    func testOutputIsEscapedAndCapped() {
        XCTAssertEqual(ReportRenderer.shownOutput("a\u{1B}[31mb\rc\u{7F}\u{202E}d\n\nend\n"), ["a\\e[31mb\\rc\\u{7F}\\u{202E}d", "", "end"])
        let long = String(repeating: "é", count: 3000)   // 6000 bytes
        let shown = ReportRenderer.shownOutput(long)
        XCTAssertEqual(shown.count, 2)
        XCTAssertEqual(shown[0], "… 1904 bytes before this are left out (swift run grade … --json has all of it)")
        XCTAssertEqual(shown[1], String(repeating: "é", count: 2048))
    }

    func testACompileErrorShowsItsLineAndCaret() {
        let diagnostic = CompilerDiagnostic(file: "Exercises/ex1/Softmax.swift", line: 12, column: 12, message: "cannot find 'x' in scope",
                                            sourceLine: "    return x + 1")
        XCTAssertEqual(diagnostic.renderedWithSource, """
            Exercises/ex1/Softmax.swift:12:12: error: cannot find 'x' in scope
             12 |     return x + 1
                |            ^
            """)
        let tabbed = CompilerDiagnostic(file: "F.swift", line: 3, column: 3, message: "m", sourceLine: "\t\tx")
        XCTAssertEqual(tabbed.renderedWithSource, "F.swift:3:3: error: m\n 3 | \t\tx\n   | \t\t^")
    }
}

extension ReportTests {
    /// A trap inside the standard library (an index out of range in the student's code) names the
    /// student's function and the student's line that trapped (where the toolchain has
    /// llvm-symbolizer; else the line that declares the function), never the library's file.
    func testACrashNamesTheStudentsFunction() throws {
        let source = TestCourse.scratch("report-crash").appendingPathComponent("ex1")
        try FileManager.default.copyItem(at: course.solutions.appendingPathComponent("ex1"), to: source)
        try edit(source.appendingPathComponent("ParameterCount.swift"), "    var total = 0\n", with: "    var total = [0][layerSizes.count]\n")
        let report = try TestCourse.grader.grade("ex1", sourceFolder: source, displayName: "Exercises/ex1",
                                                 buildFolder: TestCourse.scratch("report-crash-build"), options: { var o = GradeOptions(); o.onlyChecks = ["ex1.2.lecture"]; return o }())
        let lecture = try XCTUnwrap(report.checks.first { $0.id == "ex1.2.lecture" })
        let lines = try String(contentsOf: source.appendingPathComponent("ParameterCount.swift"), encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let declared = try XCTUnwrap(lines.firstIndex { $0.contains("func denseParameterCount(") }) + 1
        let trapped = try XCTUnwrap(lines.firstIndex { $0.contains("[0][layerSizes.count]") }) + 1
        let shown = TestCourse.grader.builder.toolchain.symbolizer == nil ? declared : trapped
        XCTAssertEqual(lecture.message, "crashed (SIGILL: a Swift runtime trap): Fatal error: Index out of range (in your function denseParameterCount(layerSizes:includeBiases:), Exercises/ex1/ParameterCount.swift:\(shown))")
        XCTAssertNil(lecture.output, "the runtime's own lines are in the message, not in what the student printed: \(lecture.output ?? "")")
    }
}

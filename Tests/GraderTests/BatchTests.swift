import XCTest
@testable import GraderKit

/// `grade batch` as a TA sees it: one feedback file per student whatever the folder names,
/// CSV cells a spreadsheet shows as text, unsafe zips refused in plain words, and `--out` holding
/// nothing but `grades.csv` and `feedback/`.
final class BatchTests: XCTestCase {
    let course = TestCourse.course

    func testFeedbackFileNamesNeverCollide() {
        XCTAssertEqual(BatchGrader.feedbackFileNames(["John Smith", "John_Smith", "john_smith", "John_Smith-2", "=1+1", "Zoë"]),
                       ["John_Smith.txt", "John_Smith-2.txt", "john_smith-3.txt", "John_Smith-2-2.txt", "_1_1.txt", "Zoë.txt"])
    }

    func testCSVCellsThatLookLikeFormulasAreText() {
        XCTAssertEqual(BatchGrader.csvField("=1+1"), "'=1+1")
        XCTAssertEqual(BatchGrader.csvField("+44 20"), "'+44 20")
        XCTAssertEqual(BatchGrader.csvField("-2"), "'-2")
        XCTAssertEqual(BatchGrader.csvField("@SUM(A1:A9)"), "'@SUM(A1:A9)")
        XCTAssertEqual(BatchGrader.csvField("=HYPERLINK(\"http://x\",\"y\")"), "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")
        XCTAssertEqual(BatchGrader.csvField("Smith, John"), "\"Smith, John\"")
        XCTAssertEqual(BatchGrader.csvField("alice"), "alice")
        XCTAssertEqual(BatchGrader.csvField("22"), "22")
    }

    /// Writes a zip of `entries` (name → contents; a nil content is a symbolic link to "/etc").
    func zip(_ entries: [(String, String?)], to url: URL) throws {
        let script = """
        import sys, zipfile
        z = zipfile.ZipFile(sys.argv[1], 'w')
        args = sys.argv[2:]
        for name, body in zip(args[0::2], args[1::2]):
            if body == '<link>':
                info = zipfile.ZipInfo(name); info.create_system = 3; info.external_attr = 0o120777 << 16
                z.writestr(info, '/etc')
            else:
                z.writestr(name, body)
        z.close()
        """
        let result = Subprocess.run("/usr/bin/env", ["python3", "-c", script, url.path] + entries.flatMap { [$0.0, $0.1 ?? "<link>"] }, timeLimit: 60)
        XCTAssertEqual(result.exitCode, 0, result.stderr)
    }

    func testUnsafeZipsAreRefusedInPlainWords() throws {
        let folder = TestCourse.scratch("batch-zips")
        let cases: [(String, [(String, String?)], String)] = [
            ("dotdot", [("Exercises/ex1/Softmax.swift", "x"), ("../../outside.swift", "x")],
             "dotdot.zip was not unpacked: it holds a file whose path leads out of its folder with \"..\" (\"../../outside.swift\"). Ask the student to zip their Exercises folder as it is, without links or paths outside it."),
            ("absolute", [("/tmp/outside.swift", "x")],
             "absolute.zip was not unpacked: it holds a file with an absolute path (\"/tmp/outside.swift\"). Ask the student to zip their Exercises folder as it is, without links or paths outside it."),
            ("link", [("Exercises/ex1/Softmax.swift", nil)],
             "link.zip was not unpacked: it holds a symbolic link (\"Exercises/ex1/Softmax.swift\"). Ask the student to zip their Exercises folder as it is, without links or paths outside it."),
        ]
        for (name, entries, message) in cases {
            let archive = folder.appendingPathComponent("\(name).zip")
            try zip(entries, to: archive)
            XCTAssertThrowsError(try BatchGrader.unzip(archive, into: folder.appendingPathComponent("out-\(name)"))) { error in
                XCTAssertEqual("\(error)", message)
            }
            XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("out-\(name)").path), "nothing unpacked")
        }
        let junk = folder.appendingPathComponent("junk.zip")
        try "not a zip at all".write(to: junk, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try BatchGrader.unzip(junk, into: folder.appendingPathComponent("out-junk"))) { error in
            XCTAssertEqual("\(error)", "junk.zip is not a zip archive (no zip table of contents found in it). Ask the student to upload their Exercises folder as a .zip.")
        }
        // A good archive still unpacks.
        let good = folder.appendingPathComponent("good.zip")
        try zip([("Exercises/ex1/A.swift", "let a = 1")], to: good)
        try BatchGrader.unzip(good, into: folder.appendingPathComponent("out-good"))
        XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent("out-good/Exercises/ex1/A.swift"), encoding: .utf8), "let a = 1")
    }

    /// Two students whose names differ only by a space, one named like a formula, and an unsafe
    /// zip: four feedback files, a CSV that says whose each is, and no work folders left.
    func testABatchLosesNobody() throws {
        let fm = FileManager.default
        let submissions = TestCourse.scratch("batch-names")
        func place(_ name: String, from source: URL) throws {
            let target = submissions.appendingPathComponent("\(name)/Exercises/ex1")
            try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try fm.copyItem(at: source, to: target)
        }
        try place("John Smith", from: course.solutions.appendingPathComponent("ex1"))
        try place("John_Smith", from: course.exercises.appendingPathComponent("ex1"))
        try place("=1+1", from: course.exercises.appendingPathComponent("ex1"))
        try zip([("../Exercises/ex1/Softmax.swift", "x")], to: submissions.appendingPathComponent("mallory.zip"))
        let out = TestCourse.scratch("batch-names-out")
        let results = try BatchGrader(grader: TestCourse.grader, exercise: "ex1", jobs: 2).run(submissions: submissions, output: out)
        XCTAssertEqual(results.map(\.student), ["=1+1", "John Smith", "John_Smith", "mallory"])

        XCTAssertEqual(try fm.contentsOfDirectory(atPath: out.path).sorted(), ["feedback", "grades.csv"], "--out holds no work folders")
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: out.appendingPathComponent("feedback").path).sorted(),
                       ["John_Smith-2.txt", "John_Smith.txt", "_1_1.txt", "mallory.txt"])
        let csv = try String(contentsOf: out.appendingPathComponent("grades.csv"), encoding: .utf8)
        XCTAssertEqual(csv, """
            student,exercise,ex1.1,ex1.2,ex1.3,ex1.4,total,max,status,feedback
            '=1+1,ex1,0,0,0,0,0,22,graded,feedback/_1_1.txt
            John Smith,ex1,6,3,8,5,22,22,graded,feedback/John_Smith.txt
            John_Smith,ex1,0,0,0,0,0,22,graded,feedback/John_Smith-2.txt
            mallory,ex1,0,0,0,0,0,22,not_graded,feedback/mallory.txt

            """)
        let john = try String(contentsOf: out.appendingPathComponent("feedback/John_Smith.txt"), encoding: .utf8)
        XCTAssertTrue(john.hasPrefix("Feedback for John Smith\nex1: Neurons and dense layers"), john)
        XCTAssertTrue(john.contains("Score: 22/22"), john)
        let other = try String(contentsOf: out.appendingPathComponent("feedback/John_Smith-2.txt"), encoding: .utf8)
        XCTAssertTrue(other.hasPrefix("Feedback for John_Smith\n"), other)
        XCTAssertTrue(other.contains("Score: 0/22"), other)
        XCTAssertEqual(try String(contentsOf: out.appendingPathComponent("feedback/mallory.txt"), encoding: .utf8), """
            Feedback for mallory
            ex1: not graded: mallory.zip was not unpacked: it holds a file whose path leads out of its folder with ".." ("../Exercises/ex1/Softmax.swift"). Ask the student to zip their Exercises folder as it is, without links or paths outside it.

            """)
    }
}

import XCTest
@testable import GraderKit

/// `MutationGenerator`: the exact mutants of a small source (every operator), and a fixed seeded
/// sample of the generated mutants of every exercise, each of which the checks must kill (or the
/// exercise's `Tests/Mutants/exN.equivalent.json` must list).
final class MutationGeneratorTests: XCTestCase {
    static let source = """
        /// A function with every kind of mutation point.
        public func f(_ x: Int, scale: Double = 0.5, flag: Bool = true) -> Int {
            // BEGIN SOLUTION ex9.1
            precondition(x >= 0, "x must not be negative, got \\(x - 1)")
            var total = 0
            for i in 0..<x { total += max(i, 2) * 3 }
            if flag { total = -total }
            return x == 0 ? total : g(total, x)
            // END SOLUTION
        }

        func outside(_ y: Int) -> Int { y + 1 }
        """

    func testOperatorsOnASmallSource() {
        let mutants = MutationGenerator.mutants(of: Self.source, file: "F.swift")
        let shown = mutants.map { m in
            "\(m.op.rawValue) \(m.line):\(m.column) `\(m.original.replacingOccurrences(of: "\n", with: "⏎"))` → `\(m.replacement)`"
        }
        XCTAssertEqual(shown, Self.expected, "\n" + shown.map { "            \"\($0)\"," }.joined(separator: "\n"))
        XCTAssertEqual(Set(mutants.map(\.id)).count, mutants.count, "ids are unique")
        XCTAssertTrue(mutants.allSatisfy { $0.task == "ex9.1" })
        // Deterministic, and each mutant applies to exactly its range.
        XCTAssertEqual(MutationGenerator.mutants(of: Self.source, file: "F.swift"), mutants)
        let relational = mutants.first { $0.op == .relational }!
        XCTAssertEqual(relational.id.prefix(while: { $0 != ":" }), "relational")
        XCTAssertTrue(relational.apply(to: Self.source).contains("precondition(x > 0, "))
        XCTAssertEqual(relational.diff, """
            @@ F.swift:4
            -    precondition(x >= 0, "x must not be negative, got \\(x - 1)")
            +    precondition(x > 0, "x must not be negative, got \\(x - 1)")
            """)
        let removed = mutants.first { $0.op == .guardRemoved }!
        XCTAssertFalse(removed.apply(to: Self.source).contains("precondition"))
        // Nothing outside the block, in comments or in string literals is mutated.
        XCTAssertFalse(mutants.contains { $0.line > 9 || $0.line < 2 })
    }

    static let expected = [
        "default 2:41 `0.5` → `1.0`",
        "default 2:59 `true` → `false`",
        #"guard 4:1 `    precondition(x >= 0, "x must not be negative, got \(x - 1)")⏎` → ``"#,
        "relational 4:20 `>=` → `>`",
        "constant 4:23 `0` → `1`",
        "constant 5:17 `0` → `1`",
        "constant 6:14 `0` → `1`",
        "range 6:15 `..<` → `...`",
        "assignment 6:28 `+=` → `=`",
        "maxmin 6:31 `max` → `min`",
        "swap 6:35 `i, 2` → `2, i`",
        "constant 6:38 `2` → `1`",
        "constant 6:38 `2` → `3`",
        "arithmetic 6:41 `*` → `/`",
        "constant 6:43 `3` → `2`",
        "constant 6:43 `3` → `4`",
        "delete 7:1 `    if flag { total = -total }⏎` → ``",
        "condition 7:8 `flag` → `!(flag)`",
        "assignment 7:21 `=` → `+=`",
        "sign 7:23 `-` → ``",
        "condition 8:12 `x == 0` → `!(x == 0)`",
        "relational 8:14 `==` → `!=`",
        "constant 8:17 `0` → `1`",
        "swap 8:31 `total, x` → `x, total`",
    ]

    /// A fixed, seeded sample of every exercise's generated mutants (5 of ex1 and ex2, 3 of each
    /// other): each is killed, or listed as equivalent. (The full run is `grade mutate exN`; its
    /// figures are in the README.)
    func testSeededSampleIsKilled() throws {
        let grader = TestCourse.grader
        for exercise in grader.course.exerciseIDs() {
            let all = try MutationGenerator.mutants(course: grader.course, exercise: exercise)
            XCTAssertGreaterThan(all.count, 50, exercise)
            let count = ["ex1", "ex2"].contains(exercise) ? 5 : 3
            let sample = GeneratedMutationTesting.sample(all, count: count, seed: 14)
            XCTAssertEqual(sample.count, count)
            XCTAssertEqual(sample.map(\.id), GeneratedMutationTesting.sample(all, count: count, seed: 14).map(\.id), "the sample is fixed by its seed")
            let equivalent = try GeneratedMutationTesting.equivalents(course: grader.course, exercise: exercise)
            for outcome in try GeneratedMutationTesting.run(grader: grader, exercise: exercise, mutants: sample, lanes: 2) {
                switch outcome.verdict {
                case .killed, .killedByCompiler: break
                case .survived where equivalent[outcome.mutant.id] != nil: break
                case .survived: XCTFail("\(exercise): mutant survived: \(outcome.mutant.description)\n\(outcome.mutant.diff)")
                case .error(let problem): XCTFail("\(exercise): \(outcome.mutant.id): \(problem)")
                }
            }
        }
    }

    /// Every mutant listed as equivalent is one the generator still makes, with a reason: an edit
    /// of a solution shifts the ids (file:line:column), and a stale list would hide survivors.
    func testEquivalentListsNameGeneratedMutants() throws {
        let course = TestCourse.grader.course
        for exercise in course.exerciseIDs() {
            let listed = try GeneratedMutationTesting.equivalents(course: course, exercise: exercise)
            guard !listed.isEmpty else { continue }
            let generated = Set(try MutationGenerator.mutants(course: course, exercise: exercise).map(\.id))
            for (id, reason) in listed.sorted(by: { $0.key < $1.key }) {
                XCTAssertTrue(generated.contains(id), "Tests/Mutants/\(exercise).equivalent.json lists \(id), which grade mutate no longer generates")
                XCTAssertGreaterThan(reason.trimmingCharacters(in: .whitespaces).count, 10, "\(exercise) \(id): a reason anyone can check")
            }
        }
    }
}

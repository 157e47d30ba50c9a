import Foundation

/// `Tests/Mutants/exN.equivalent.json`: the generated mutants that no check can kill because
/// they do not change what the code computes, each with the reason.
public struct EquivalentMutants: Codable, Sendable {
    public struct Entry: Codable, Sendable {
        public var id: String
        public var reason: String
    }
    public var exercise: String
    public var equivalent: [Entry]
}

/// What the checks made of one generated mutant.
public struct GeneratedOutcome: Sendable {
    public enum Verdict: Sendable, Equatable {
        /// A check of the mutated task lost points (its id).
        case killed(String)
        /// The mutant does not compile (the first error).
        case killedByCompiler(String)
        /// Every check of the mutated task passed.
        case survived
        /// The grader itself failed.
        case error(String)
    }
    public var mutant: GeneratedMutant
    public var verdict: Verdict
    public var seconds: Double
}

/// Grades mutants from `MutationGenerator` through the same machinery as the hand-written ones
/// (`MutationTesting.grade`): each lane has its own source and build folder, and a mutant is graded
/// only on the checks of the task whose block (or signature) it changed.
public enum GeneratedMutationTesting {
    public static func equivalentsFile(course: Course, exercise: String) -> URL {
        course.root.appendingPathComponent("Tests/Mutants/\(exercise).equivalent.json")
    }

    /// The listed equivalent mutants, id → reason (empty when the file does not exist).
    public static func equivalents(course: Course, exercise: String) throws -> [String: String] {
        let url = equivalentsFile(course: course, exercise: exercise)
        guard FileManager.default.fileExists(atPath: url.path) else { return [:] }
        do {
            let file = try JSONDecoder().decode(EquivalentMutants.self, from: Data(contentsOf: url))
            return Dictionary(file.equivalent.map { ($0.id, $0.reason) }, uniquingKeysWith: { first, _ in first })
        } catch {
            throw GradeError.invalidManifest(path: url.path, reason: "\(error)")
        }
    }

    /// `count` mutants drawn without replacement by a seeded shuffle, in the generator's order.
    public static func sample(_ mutants: [GeneratedMutant], count: Int, seed: UInt64) -> [GeneratedMutant] {
        guard count < mutants.count else { return mutants }
        var state = seed &+ 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {   // SplitMix64
            state = state &+ 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var indices = Array(mutants.indices)
        for i in stride(from: indices.count - 1, to: 0, by: -1) {
            indices.swapAt(i, Int(next() % UInt64(i + 1)))
        }
        return indices.prefix(count).sorted().map { mutants[$0] }
    }

    /// Grades `mutants` of `exercise`, `lanes` at a time; outcomes are handed on in order.
    public static func run(grader: Grader, exercise: String, mutants: [GeneratedMutant],
                           lanes: Int = ProcessInfo.processInfo.activeProcessorCount,
                           onOutcome: ((GeneratedOutcome) -> Void)? = nil) throws -> [GeneratedOutcome] {
        let manifest = try grader.course.manifest(exercise)
        let checks = grader.checks(for: manifest, includeHidden: true)
        let folder = grader.course.solutions.appendingPathComponent(exercise)
        var sources: [String: String] = [:]
        for file in Set(mutants.map(\.file)) {
            sources[file] = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
        }
        let base = grader.builder.cacheFolder.appendingPathComponent("mutate/\(exercise)")
        let width = max(1, min(lanes, mutants.count))
        let texts = sources
        return WorkerPool.map(mutants.count, width: width, deliver: onOutcome) { index, lane in
            let generated = mutants[index]
            let started = Date()
            let own = checks.filter { $0.task == generated.task }.map(\.id)
            let original = texts[generated.file] ?? ""
            // One edit that replaces the whole file, so it occurs exactly once.
            let mutant = Mutant(name: generated.id,
                                edits: [.init(file: generated.file, replace: original, with: generated.apply(to: original))],
                                mustFail: own.isEmpty ? checks.map(\.id) : own)
            let outcome = MutationTesting.grade(mutant, grader: grader, exercise: exercise,
                                                folder: base.appendingPathComponent("lane-\(lane)"),
                                                parallelism: max(1, ProcessInfo.processInfo.activeProcessorCount / width))
            let verdict: GeneratedOutcome.Verdict
            if let report = outcome.report {
                if report.status == .compileError {
                    verdict = .killedByCompiler(report.compileErrors.first?.rendered ?? "does not compile")
                } else if let lost = report.checks.first(where: { $0.status != .passed }) {
                    verdict = .killed(lost.id)
                } else {
                    verdict = .survived
                }
            } else {
                verdict = .error(outcome.problems.joined(separator: "; "))
            }
            return GeneratedOutcome(mutant: generated, verdict: verdict, seconds: Date().timeIntervalSince(started))
        }
    }
}

import Foundation

extension GradeCommand {
    /// `grade mutate exN [--sample N --seed S] [--jobs N] [--list]`: generates mutants of the
    /// solution by operator (`MutationGenerator`), grades them, and prints per exercise how many
    /// were generated, killed (by a check or by the compiler), survived and listed as equivalent
    /// in `Tests/Mutants/exN.equivalent.json`, with the diff of every unlisted survivor.
    /// Exit 1 when a survivor is not listed (or the grader failed), 0 otherwise.
    func mutate(_ course: Course, _ parsed: inout ParsedArguments) throws -> Int32 {
        // --sample and --seed take a value; read them from the raw arguments (`--sample 5` or `--sample=5`).
        func value(_ name: String) throws -> String? {
            guard parsed.flag(name) || parsed.value(name) != nil else { return nil }
            if let inline = arguments.first(where: { $0.hasPrefix(name + "=") }) { return String(inline.dropFirst(name.count + 1)) }
            guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else {
                throw GradeError.usage("\(name) needs a number: grade mutate ex1 --sample 5 --seed 1")
            }
            return arguments[index + 1]
        }
        func number(_ name: String) throws -> Int? {
            guard let text = try value(name) else { return nil }
            guard let n = Int(text), n >= 0 else { throw GradeError.usage("\(name) needs a whole number, got \(text)") }
            return n
        }
        let sample = try number("--sample"), seed = try number("--seed") ?? 1
        let jobs = try number("--jobs") ?? ProcessInfo.processInfo.activeProcessorCount
        let listOnly = parsed.flag("--list")
        // --only ID,ID,… (re-grade just these, e.g. the survivors of a previous run); --file F.swift
        // (only the mutants of that solution file).
        let only = parsed.value("--only").map { Set($0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }) }
        let file = parsed.value("--file")
        try parsed.rejectUnknown()
        let numbers = Set([sample, seed, jobs].compactMap { $0 }.map(String.init))
        let names = parsed.positionals.dropFirst().filter { !numbers.contains($0) }
        guard !names.isEmpty else { throw GradeError.usage("grade mutate needs an exercise: grade mutate ex1 [--sample N --seed S] [--jobs N]") }
        guard course.hasSolutions else { throw GradeError.usage("grade mutate mutates Solutions/, which this copy does not have") }
        let exercises = try names.map { try course.resolveExercise($0) }
        let grader = try Grader.forCourse(course)
        var failed = false
        var rows = [["exercise", "generated", "graded", "killed", "by compiler", "equivalent", "survived", "score", "seconds"]]
        for exercise in exercises {
            let started = Date()
            let all = try MutationGenerator.mutants(course: course, exercise: exercise)
            let filtered = all.filter { m in
                (only.map { $0.contains(m.id) } ?? true) && (file.map { m.id.split(separator: ":").dropFirst().first.map(String.init) == $0 } ?? true)
            }
            if let only, filtered.count < only.count {
                let missing = only.subtracting(filtered.map(\.id)).sorted()
                throw GradeError.usage("--only: no generated mutant of \(exercise) has the id \(missing.joined(separator: ", ")) (grade mutate \(exercise) --list shows them)")
            }
            let chosen = sample.map { GeneratedMutationTesting.sample(filtered, count: $0, seed: UInt64(seed)) } ?? filtered
            let equivalents = try GeneratedMutationTesting.equivalents(course: course, exercise: exercise)
            output("\(exercise): \(all.count) mutants generated" + (sample != nil ? ", \(chosen.count) sampled (seed \(seed))" : ""))
            if listOnly {
                for mutant in chosen { output("  \(mutant.id)  \(mutant.description)") }
                continue
            }
            var killed = 0, compiler = 0, equivalent = 0, survivors: [GeneratedMutant] = [], errors = 0
            _ = try GeneratedMutationTesting.run(grader: grader, exercise: exercise, mutants: chosen, lanes: max(1, jobs)) { outcome in
                let m = outcome.mutant, time = String(format: "%.1f s", outcome.seconds)
                switch outcome.verdict {
                case .killed(let check):
                    killed += 1
                    if equivalents[m.id] != nil { self.output("  note: \(m.id) is listed as equivalent but \(check) kills it") }
                    self.output("  killed       \(m.description)  [\(check), \(time)]")
                case .killedByCompiler(let error):
                    compiler += 1
                    self.output("  compiler     \(m.description)  [\(error.prefix(100)), \(time)]")
                case .survived where equivalents[m.id] != nil:
                    equivalent += 1
                    self.output("  equivalent   \(m.description)  [\(equivalents[m.id]!)]")
                case .survived:
                    survivors.append(m)
                    self.output("  SURVIVED     \(m.description)  [\(time)]\n    id: \(m.id)\n" + m.diff.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
                case .error(let problem):
                    errors += 1
                    self.output("  ERROR        \(m.description): \(problem)")
                }
            }
            let seconds = Date().timeIntervalSince(started)
            let nonEquivalent = chosen.count - equivalent
            let score = nonEquivalent == 0 ? 100 : 100 * Double(killed + compiler) / Double(nonEquivalent)
            output("\(exercise): generated \(all.count), graded \(chosen.count): killed \(killed + compiler) (\(compiler) by the compiler), "
                   + "equivalent \(equivalent), survived \(survivors.count)" + (errors > 0 ? ", errors \(errors)" : "")
                   + String(format: "; mutation score %.1f %%, %.0f s\n", score, seconds))
            if !survivors.isEmpty {
                output("Unlisted survivors of \(exercise) (add a check that kills each, or list it with its reason in Tests/Mutants/\(exercise).equivalent.json):")
                for m in survivors { output("  \(m.id)\n" + m.diff.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n")) }
            }
            failed = failed || !survivors.isEmpty || errors > 0
            rows.append([exercise, String(all.count), String(chosen.count), String(killed + compiler), String(compiler), String(equivalent),
                         String(survivors.count), String(format: "%.1f %%", score), String(format: "%.0f", seconds)])
        }
        if !listOnly && exercises.count > 1 { output(TextTable.render(rows)) }
        return failed ? 1 : 0
    }
}

import Foundation
import TensorCore

/// Hyper-parameter search (lecture L5): grid, random, and coarse-to-fine.
///
/// A configuration is a dictionary from hyper-parameter name to value. The objective is
/// minimized (pass a validation loss or error; negate an accuracy).
public enum HyperparameterSearch {
    /// How one hyper-parameter is drawn in a random search.
    public enum Range: Sendable, Equatable {
        /// Uniform on `[lower, upper]`.
        case uniform(Double, Double)
        /// Log-uniform: `10^U(log10 lower, log10 upper)`, for scale parameters such as the
        /// learning rate or weight decay, where 1e−4…1e−3 matters as much as 1e−2…1e−1.
        case logUniform(Double, Double)
        /// One of the listed values, uniformly.
        case choice([Double])
    }

    /// One evaluated configuration.
    public struct Trial: Sendable {
        public var configuration: [String: Double]
        public var score: Double
    }

    /// All combinations of the listed values (the Cartesian product), in a fixed order: names
    /// sorted alphabetically, the last name varying fastest.
    public static func grid(_ values: [String: [Double]]) -> [[String: Double]] {
        var result: [[String: Double]] = [[:]]
        for name in values.keys.sorted() {
            let options = values[name]!
            precondition(!options.isEmpty, "grid: no values listed for \(name)")
            result = result.flatMap { partial in options.map { v in partial.merging([name: v]) { $1 } } }
        }
        return result
    }

    /// `trials` random configurations drawn independently from `space`, reproducible from `seed`.
    /// Bergstra & Bengio (2012): with few hyper-parameters that matter, random search tries more
    /// distinct values of each than a grid of the same size.
    public static func random(_ space: [String: Range], trials: Int, seed: UInt64) -> [[String: Double]] {
        var generator = SeededGenerator(seed: seed)
        let names = space.keys.sorted()
        return (0..<trials).map { _ in
            var configuration: [String: Double] = [:]
            for name in names { configuration[name] = draw(space[name]!, name: name, using: &generator) }
            return configuration
        }
    }

    /// Evaluates each configuration and returns the trials sorted best (lowest score) first.
    public static func evaluate(_ configurations: [[String: Double]],
                                objective: ([String: Double]) -> Double) -> [Trial] {
        configurations.map { Trial(configuration: $0, score: objective($0)) }
            .sorted { $0.score < $1.score }
    }

    /// Coarse-to-fine search: a random search over `space`, then `rounds − 1` more, each over a
    /// range `shrink` times as wide as the previous one, centred on the best configuration found
    /// so far (shifted, not cut, to stay inside the original range; log-uniform ranges shrink in
    /// log space; `choice` ranges are kept as they are). With the default `shrink = 0.5` four
    /// rounds look at the full range, then ½, ¼ and ⅛ of it. Returns every trial, best first.
    public static func coarseToFine(_ space: [String: Range], rounds: Int = 3, trialsPerRound: Int = 10,
                                    shrink: Double = 0.5, seed: UInt64,
                                    objective: ([String: Double]) -> Double) -> [Trial] {
        precondition(rounds >= 1 && trialsPerRound >= 1,
                     "coarseToFine: rounds \(rounds) and trials per round \(trialsPerRound) must be positive")
        precondition(shrink > 0 && shrink < 1, "coarseToFine: shrink factor \(shrink) is outside (0, 1)")
        var current = space
        var all: [Trial] = []
        var generator = SeededGenerator(seed: seed)
        for _ in 0..<rounds {
            let configurations = random(current, trials: trialsPerRound, seed: generator.next())
            all = (all + evaluate(configurations, objective: objective)).sorted { $0.score < $1.score }
            let best = all[0].configuration
            for (name, range) in current {
                current[name] = zoomed(range, around: best[name]!, by: shrink, within: space[name]!)
            }
        }
        return all
    }

    // MARK: helpers

    static func draw(_ range: Range, name: String, using generator: inout SeededGenerator) -> Double {
        switch range {
        case .uniform(let a, let b):
            precondition(a <= b, "random search: \(name) has lower bound \(a) above upper bound \(b)")
            return generator.uniform(in: a...b)
        case .logUniform(let a, let b):
            precondition(a > 0 && a <= b, "random search: \(name) needs 0 < \(a) ≤ \(b) for a log-uniform range")
            return pow(10, generator.uniform(in: log10(a)...log10(b)))
        case .choice(let options):
            precondition(!options.isEmpty, "random search: \(name) has no choices")
            return options[generator.integer(below: options.count)]
        }
    }

    /// `range` scaled by `factor` around `centre`, shifted to lie inside `bounds`.
    static func zoomed(_ range: Range, around centre: Double, by factor: Double, within bounds: Range) -> Range {
        func zoom(_ a: Double, _ b: Double, _ c: Double, _ lo: Double, _ hi: Double) -> (Double, Double) {
            let half = (b - a) * factor / 2
            var low = c - half, high = c + half
            if low < lo { high += lo - low; low = lo }
            if high > hi { low -= high - hi; high = hi }
            return (max(low, lo), min(high, hi))
        }
        switch (range, bounds) {
        case let (.uniform(a, b), .uniform(lo, hi)):
            let (low, high) = zoom(a, b, centre, lo, hi)
            return .uniform(low, high)
        case let (.logUniform(a, b), .logUniform(lo, hi)):
            let (low, high) = zoom(log10(a), log10(b), log10(centre), log10(lo), log10(hi))
            return .logUniform(pow(10, low), pow(10, high))
        default:
            return range
        }
    }
}

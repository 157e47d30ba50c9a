import Foundation
import TensorCore

// ex12.3 — Ensembles (probability averaging vs majority vote) and hyper-parameter search.
//
// Ensembles. M models each give class probabilities for the same N examples: members[m] is
// [N, K], every row a probability distribution.
//   - Probability averaging: p̄ = (1/M) Σ_m members[m]; the prediction is argmax of each row of p̄.
//   - Majority vote: each member votes for its own argmax; the class with the most votes wins.
//     Ties between classes go to the SMALLEST class index (this course's rule; the checks rely on it),
//     and a member's own argmax ties go to the smallest index too (as Tensor.argmax).
// The two can disagree: one very confident member can outweigh two lukewarm ones in the average,
// never in the vote.
//
// Search. A configuration is a dictionary of named values, e.g. ["lr": 0.01, "momentum": 0.9];
// the objective returns a score to MINIMISE (a validation loss).
//   - Grid search evaluates every combination of the axes' values (the product grid), with the
//     FIRST axis varying slowest, and returns the best one (on a tie, the first evaluated).
//   - Random search draws `budget` configurations from `generator`: for each configuration, for
//     each dimension in order, one `generator.uniform(in:)` draw — on a log scale (log-uniform:
//     exp(uniform(in: ln low ... ln high))) when `logScale` is true, as learning rates should be,
//     otherwise uniform in low...high. Return the best (on a tie, the first drawn).
// Both report how many times they called the objective.

/// The mean of the members' probabilities, [N, K]. Precondition: at least one member, equal shapes.
public func averageProbabilities(_ members: [Tensor]) -> Tensor {
    todo("ex12.3")
}

/// The class of each example by probability averaging: argmax of each row of the mean, [N] classes.
public func averagingPrediction(_ members: [Tensor]) -> [Int] {
    todo("ex12.3")
}

/// The class of each example by majority vote of the members' argmaxes; ties → the smallest class index.
public func majorityVote(_ members: [Tensor]) -> [Int] {
    todo("ex12.3")
}

/// One axis of a grid: a named hyper-parameter and the values to try.
public struct GridAxis {
    public var name: String
    public var values: [Double]
    public init(name: String, values: [Double]) { self.name = name; self.values = values }
}

/// One dimension of a random search: a named range, sampled log-uniformly when `logScale` is true.
public struct SearchDimension {
    public var name: String
    public var low: Double
    public var high: Double
    public var logScale: Bool
    public init(name: String, low: Double, high: Double, logScale: Bool) {
        self.name = name; self.low = low; self.high = high; self.logScale = logScale
    }
}

/// The best configuration found, its score (lower is better) and the number of objective calls.
public struct SearchResult {
    public var configuration: [String: Double]
    public var score: Double
    public var evaluations: Int
    public init(configuration: [String: Double], score: Double, evaluations: Int) {
        self.configuration = configuration; self.score = score; self.evaluations = evaluations
    }
}

/// Evaluates every point of the product grid (first axis slowest) and returns the lowest score.
public func gridSearch(_ axes: [GridAxis], objective: ([String: Double]) -> Double) -> SearchResult {
    todo("ex12.3")
}

/// Draws `budget` configurations (log-uniform where asked) and returns the lowest score.
public func randomSearch(_ dimensions: [SearchDimension], budget: Int, generator: inout SeededGenerator,
                         objective: ([String: Double]) -> Double) -> SearchResult {
    todo("ex12.3")
}

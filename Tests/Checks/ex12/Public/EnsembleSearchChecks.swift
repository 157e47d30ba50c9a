import XCTest
import Foundation
import TensorCore
import CheckSupport
import Ex12

/// ex12.3: ensembles and hyper-parameter search.
final class EnsembleSearchChecks: XCTestCase {
    /// Three members, two examples, three classes: one confident member outweighs two lukewarm ones
    /// in the average, but not in the vote.
    func testAveragingVersusVote() {
        let members = [Tensor([[0.9, 0.05, 0.05], [0.2, 0.5, 0.3]]),
                       Tensor([[0.3, 0.4, 0.3], [0.1, 0.2, 0.7]]),
                       Tensor([[0.3, 0.4, 0.3], [0.3, 0.4, 0.3]])]
        let (average, averaging, vote) = student {
            (Ex12.averageProbabilities(members), Ex12.averagingPrediction(members), Ex12.majorityVote(members))
        }
        let mean: [[Double]] = [[0.5, 0.85 / 3, 0.65 / 3], [0.2, 1.1 / 3, 1.3 / 3]]
        guard expectClose(average, Tensor(mean), tolerance: 1e-12, "mean of the three members' probabilities") else { return }
        guard expectEqual(averaging, [0, 2], "predictions by probability averaging") else { return }
        expectEqual(vote, [1, 1], "predictions by majority vote (votes 0, 1, 1 and 1, 2, 1)")
    }

    /// Ties between classes go to the smallest class index.
    func testVoteTies() {
        let two = [Tensor([[0.1, 0.2, 0.7]]), Tensor([[0.6, 0.3, 0.1]])]
        let four = [Tensor([[0, 0, 0, 1.0]]), Tensor([[0, 1.0, 0, 0]]), Tensor([[0.1, 0, 0, 0.9]]), Tensor([[0.2, 0.8, 0, 0]])]
        let (twoVotes, fourVotes) = student { (Ex12.majorityVote(two), Ex12.majorityVote(four)) }
        guard expectEqual(twoVotes, [0], "vote with one vote for class 2 and one for class 0 (tie → smallest index)") else { return }
        expectEqual(fourVotes, [1], "vote with two votes each for classes 3 and 1 (tie → class 1)")
    }

    /// A 3 × 3 grid over lr and momentum: the objective is lowest at lr = 0.01, momentum = 0.5.
    func testGridSearch() {
        // The objective is the check's, but it is called by the student's search: it runs, and
        // counts its calls, in the graded process, inside the closure.
        let (calls, evaluations, keys, values, score) = student {
            var calls = 0
            let result = Ex12.gridSearch([GridAxis(name: "lr", values: [0.1, 0.01, 0.001]),
                                          GridAxis(name: "momentum", values: [0, 0.5, 0.9])]) { c in
                calls += 1
                return pow(log10(c["lr"]!) + 2, 2) + pow(c["momentum"]! - 0.5, 2)
            }
            let (keys, values) = flatten(result.configuration)
            return (calls, result.evaluations, keys, values, result.score)
        }
        guard expectEqual(calls, 9, "objective calls for a 3 × 3 grid") else { return }
        guard expectEqual(evaluations, 9, "result.evaluations for a 3 × 3 grid") else { return }
        guard expectEqual(configuration(keys, values), ["lr": 0.01, "momentum": 0.5], "best configuration of the grid (the lowest score, not the last evaluated)") else { return }
        expectClose(score, 0, tolerance: 1e-12, "best score of the grid")
    }

    /// 400 log-uniform learning rates in [1e−5, 1e−1]: half of them fall below 1e−3.
    ///
    /// The samples are the student's (drawn by its search and handed to the check's objective), so
    /// the distribution is judged from what its code recorded; the best is the check's minimum of them.
    func testRandomSearchLogUniform() {
        func objective(_ lr: Double) -> Double { pow(log10(lr) + 2.5, 2) }
        let (seen, bestLR) = student {
            var seen: [Double] = []
            var generator = SeededGenerator(seed: 99)
            let result = Ex12.randomSearch([SearchDimension(name: "lr", low: 1e-5, high: 1e-1, logScale: true)], budget: 400,
                                           generator: &generator) { c in
                seen.append(c["lr"]!)
                return objective(c["lr"]!)
            }
            return (seen, result.configuration["lr"])
        }
        guard expectEqual(seen.count, 400, "objective calls with a budget of 400") else { return }
        guard expectTrue(seen.allSatisfy { $0 >= 1e-5 && $0 <= 1e-1 }, "every sampled lr must lie in [1e−5, 1e−1]; observed \(seen.min()!)…\(seen.max()!)") else { return }
        let below = Double(seen.filter { $0 < 1e-3 }.count) / 400
        guard expectTrue(abs(below - 0.5) <= 0.075,
                         "fraction of lr below 1e−3: expected 0.5 ± 0.075 for log-uniform sampling over four decades, observed \(format(below)) (uniform sampling would give ≈ 0.01)") else { return }
        expectClose(bestLR ?? .nan, seen.min { objective($0) < objective($1) }!, tolerance: 0, "best lr found (the sample with the lowest score)")
    }
}

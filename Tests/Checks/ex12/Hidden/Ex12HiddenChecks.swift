import XCTest
import Foundation
import TensorCore
import CheckSupport
import Ex12

/// Hidden checks for ex12: awkward shapes, other seeds, orderings.
final class Ex12HiddenChecks: XCTestCase {
    /// Non-square input [3, 10, 7] with stride 2 and padding 1, a pool of stride 1, two dense layers.
    func testWalkAwkwardShapes() {
        // 10 → ⌊(10 + 2 − 3)/2⌋ + 1 = 5 and 7 → ⌊(7 + 2 − 3)/2⌋ + 1 = 4; then 3×3 unpadded → [4, 3, 2];
        // pool 2/1 → [4, 2, 1]; flatten → 8; dense 7 (8·7 + 7); dense 2 (7·2 + 2).
        let layers: [Layer] = [.conv(outChannels: 6, kernel: 3, stride: 2, padding: 1), .relu,
                               .conv(outChannels: 4, kernel: 3, stride: 1, padding: 0), .pool(size: 2, stride: 1),
                               .flatten, .dense(outFeatures: 7), .dense(outFeatures: 2)]
        let (shapes, parameters) = student { studentWalk(layers, input: [3, 10, 7]) }
        guard expectEqual(shapes, [[6, 5, 4], [6, 5, 4], [4, 3, 2], [4, 2, 1], [8], [7], [2]],
                          "output shapes on input [3, 10, 7] (conv 3×3 stride 2 padding 1, …)") else { return }
        expectEqual(parameters, [6 * 3 * 9 + 6, 0, 4 * 6 * 9 + 4, 0, 0, 8 * 7 + 7, 7 * 2 + 2], "parameter counts on input [3, 10, 7] (weights + biases)")
    }

    /// A walk that ends in dense layers on a non-square map, with stride 2 and padding 2.
    func testWalkStridePadding() {
        let layers: [Layer] = [.conv(outChannels: 5, kernel: 5, stride: 2, padding: 2), .pool(size: 2, stride: 2),
                               .flatten, .relu, .dense(outFeatures: 3)]
        let (shapes, parameters) = student { studentWalk(layers, input: [2, 12, 9]) }
        guard expectEqual(shapes, [[5, 6, 5], [5, 3, 2], [30], [30], [3]],
                          "output shapes on input [2, 12, 9] (conv 5×5 stride 2 padding 2, pool 2/2)") else { return }
        expectEqual(parameters, [5 * 2 * 25 + 5, 0, 0, 0, 30 * 3 + 3], "parameter counts on input [2, 12, 9]")
    }

    func testResidualGradientsWide() {
        checkResidualGradients(n: 2, d: 6, hidden: 3, salt: 101)
        var generator = checkGenerator(102)
        let h = Tensor.normal([5, 2], using: &generator)
        let (w1, b1) = (Tensor.normal([2, 4], using: &generator), Tensor.normal([4], using: &generator))
        let (w2, b2) = (Tensor.normal([4, 2], using: &generator), Tensor.normal([2], using: &generator))
        let output = student { Ex12.residualForward(h, parameters: ResidualParameters(w1: w1, b1: b1, w2: w2, b2: b2)).output }
        expectClose(output, residualOracle(h, w1, b1, w2, b2), tolerance: 1e-12, "residual forward on h [5, 2] with hidden width 4")
    }

    /// Random members: averaging against the oracle; votes against counting by hand.
    func testEnsembleOracle() {
        var generator = checkGenerator(103)
        let members = (0..<5).map { _ -> Tensor in
            let raw = Tensor.uniform([8, 4], in: 0.01...1, using: &generator)
            return raw.dividingColumnVector(raw.sum(axis: 1))
        }
        let (average, averaging, vote) = student {
            (Ex12.averageProbabilities(members), Ex12.averagingPrediction(members), Ex12.majorityVote(members))
        }
        var sum = Tensor.zeros([8, 4])
        for m in members { sum = sum + m }
        guard expectClose(average, sum / 5, tolerance: 1e-12, "average of 5 members [8, 4]") else { return }
        guard expectEqual(averaging, (sum / 5).argmax(axis: 1).scalars.map { Int($0) }, "averaging predictions of 5 members") else { return }
        var expected: [Int] = []
        for i in 0..<8 {
            var counts = [0, 0, 0, 0]
            for m in members { counts[m.row(i).argmax()] += 1 }
            expected.append(counts.firstIndex(of: counts.max()!)!)
        }
        guard expectEqual(vote, expected, "majority votes of 5 members (ties → smallest class)") else { return }
        // An ensemble of one member (a valid ensemble): its own probabilities, its own argmax.
        let single = [members[2]]
        let (singleAverage, singleAveraging, singleVote) = student {
            (Ex12.averageProbabilities(single), Ex12.averagingPrediction(single), Ex12.majorityVote(single))
        }
        let own = members[2].argmax(axis: 1).scalars.map { Int($0) }
        guard expectClose(singleAverage, members[2], tolerance: 1e-12, "average of an ensemble of one member [8, 4] (the member itself)"),
              expectEqual(singleAveraging, own, "averaging predictions of an ensemble of one member (its argmax)") else { return }
        expectEqual(singleVote, own, "majority votes of an ensemble of one member (its argmax)")
    }

    /// Three axes: the first varies slowest; a tie keeps the first configuration evaluated.
    func testGridOrderAndTies() {
        let (a, b, c, keys, values) = student {
            var a: [Double] = [], b: [Double] = [], c: [Double] = []
            let result = Ex12.gridSearch([GridAxis(name: "a", values: [1, 2]), GridAxis(name: "b", values: [10, 20]),
                                          GridAxis(name: "c", values: [5])]) { configuration in
                a.append(configuration["a"]!); b.append(configuration["b"]!); c.append(configuration["c"]!)
                return configuration["b"]! == 10 ? 0 : 1
            }
            let (keys, values) = flatten(result.configuration)
            return (a, b, c, keys, values)
        }
        let order = zip(a, zip(b, c)).map { [$0, $1.0, $1.1] }
        guard expectEqual(a.count, 4, "objective calls for a 2 × 2 × 1 grid"),
              expectEqual(order, [[1, 10, 5], [1, 20, 5], [2, 10, 5], [2, 20, 5]], "evaluation order of the grid (first axis slowest)") else { return }
        expectEqual(configuration(keys, values), ["a": 1, "b": 10, "c": 5], "best configuration when two tie (the first evaluated wins)")
    }

    /// Random search: reproducible from the seed; a linear dimension stays uniform; the best is the minimum.
    ///
    /// The samples are the student's, so their distribution and the best among them are judged from
    /// what its code recorded.
    func testRandomSearchSeeded() {
        func score(_ lr: Double, _ dropout: Double) -> Double { abs(log10(lr) + 1.7) + abs(dropout - 0.2) }
        /// One search from `seed`: the best configuration (keys, values), the evaluations, every lr and dropout tried.
        func search(_ seed: UInt64) -> ([String], [Double], Int, [Double], [Double]) {
            var lrs: [Double] = [], dropouts: [Double] = []
            var g = SeededGenerator(seed: seed)
            let result = Ex12.randomSearch([SearchDimension(name: "lr", low: 1e-4, high: 1, logScale: true),
                                            SearchDimension(name: "dropout", low: 0, high: 0.5, logScale: false)],
                                           budget: 300, generator: &g) { c in
                lrs.append(c["lr"]!); dropouts.append(c["dropout"]!)
                return score(c["lr"]!, c["dropout"]!)
            }
            let (keys, values) = flatten(result.configuration)
            return (keys, values, result.evaluations, lrs, dropouts)
        }
        let (keys, values, evaluations, lrs, dropouts) = student { search(31) }
        let (againKeys, againValues, _, _, _) = student { search(31) }
        let first = configuration(keys, values)
        guard expectEqual(first, configuration(againKeys, againValues), "random search twice from seed 31") else { return }
        guard expectEqual(evaluations, 300, "evaluations with budget 300"),
              expectEqual(lrs.count, 300, "objective calls (lr) with budget 300"),
              expectEqual(dropouts.count, 300, "objective calls (dropout) with budget 300") else { return }
        guard expectTrue(dropouts.allSatisfy { $0 >= 0 && $0 <= 0.5 }, "every sampled dropout must lie in [0, 0.5]"),
              expectTrue(lrs.allSatisfy { $0 >= 1e-4 && $0 <= 1 }, "every sampled lr must lie in [1e−4, 1]") else { return }
        let lowHalf = Double(dropouts.filter { $0 < 0.25 }.count) / 300
        guard expectTrue(abs(lowHalf - 0.5) <= 0.09, "fraction of the linear dimension below its midpoint: expected 0.5 ± 0.09, observed \(format(lowHalf))") else { return }
        let lowDecades = Double(lrs.filter { $0 < 1e-2 }.count) / 300
        guard expectTrue(abs(lowDecades - 0.5) <= 0.09, "fraction of log-uniform lr in [1e−4, 1] below 1e−2: expected 0.5 ± 0.09, observed \(format(lowDecades))") else { return }
        let best = zip(lrs, dropouts).min { score($0.0, $0.1) < score($1.0, $1.1) }!
        guard expectEqual(first, ["lr": best.0, "dropout": best.1], "best configuration of the random search (the lowest score among the 300 evaluated)") else { return }
        // The edges: a budget of 1, and a range with low = high (a fixed value, on either scale).
        let (oneKeys, oneValues, oneEvaluations) = student { () -> ([String], [Double], Int) in
            var g = SeededGenerator(seed: 32)
            let result = Ex12.randomSearch([SearchDimension(name: "lr", low: 0.01, high: 0.01, logScale: true),
                                            SearchDimension(name: "momentum", low: 0.9, high: 0.9, logScale: false)],
                                           budget: 1, generator: &g) { c in abs(c["lr"]! - 0.01) + abs(c["momentum"]! - 0.9) }
            let (keys, values) = flatten(result.configuration)
            return (keys, values, result.evaluations)
        }
        guard expectEqual(oneEvaluations, 1, "evaluations with budget 1") else { return }
        let found = configuration(oneKeys, oneValues)
        guard expectTrue(found.count == 2 && abs((found["lr"] ?? .nan) - 0.01) <= 1e-15 && found["momentum"] == 0.9,
                         "random search with budget 1 over lr in [0.01, 0.01] (log scale) and momentum in [0.9, 0.9]: expected [lr: 0.01, momentum: 0.9] (low = high is a fixed value), observed \(found)") else { return }
        // Every score ties: the best is the first configuration drawn (a later equal score is not
        // better; the same rule as grid search's "on a tie, the first evaluated").
        let (tieKeys, tieValues, drawn) = student { () -> ([String], [Double], [Double]) in
            var g = SeededGenerator(seed: 33)
            var drawn: [Double] = []
            let result = Ex12.randomSearch([SearchDimension(name: "dropout", low: 0, high: 0.5, logScale: false)], budget: 4, generator: &g) { c in
                drawn.append(c["dropout"]!)
                return 1
            }
            let (keys, values) = flatten(result.configuration)
            return (keys, values, drawn)
        }
        lazy var oracleDraws: [Double] = {
            var g = SeededGenerator(seed: 33)
            return (0..<4).map { _ in g.uniform(in: 0...0.5) }
        }()
        guard expectEqual(drawn, oracleDraws, "dropout values drawn with budget 4 from seed 33 (one generator.uniform(in: 0...0.5) per configuration)") else { return }
        expectEqual(configuration(tieKeys, tieValues), ["dropout": oracleDraws[0]],
                    "best configuration when all 4 scores tie (the first drawn is kept, as in grid search: a later equal score is not better)")
    }

    /// Another split and another training seed: still at least 95%.
    func testDigitsOtherSplit() {
        guard let accuracy = digitsTestAccuracy(splitSeed: 7, trainSeed: 12) else { return }
        expectTrue(accuracy >= 0.95, "test accuracy with split seed 7 and training seed 12: expected at least 0.95, observed \(format(accuracy))")
    }
}

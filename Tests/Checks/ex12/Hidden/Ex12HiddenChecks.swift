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
        let layers: [LayerSpec] = [.conv(outChannels: 6, kernel: 3, stride: 2, padding: 1), .relu,
                                   .conv(outChannels: 4, kernel: 3, stride: 1, padding: 0), .pool(size: 2, stride: 1),
                                   .flatten, .dense(outFeatures: 7), .dense(outFeatures: 2)]
        let steps = Ex12.walkLayers(layers, input: [3, 10, 7])
        let shapes: [[Int]] = [[6, 5, 4], [6, 5, 4], [4, 3, 2], [4, 2, 1], [8], [7], [2]]
        let parameters = [6 * 3 * 9 + 6, 0, 4 * 6 * 9 + 4, 0, 0, 8 * 7 + 7, 7 * 2 + 2]
        guard expectEqual(steps.map(\.outputShape), shapes, "output shapes on input [3, 10, 7] (conv 3×3 stride 2 padding 1, …)") else { return }
        expectEqual(steps.map(\.parameters), parameters, "parameter counts on input [3, 10, 7] (weights + biases)")
    }

    /// A walk that ends in dense layers on a non-square map, with stride 2 and padding 2.
    func testWalkStridePadding() {
        let layers: [LayerSpec] = [.conv(outChannels: 5, kernel: 5, stride: 2, padding: 2), .pool(size: 2, stride: 2),
                                   .flatten, .relu, .dense(outFeatures: 3)]
        let steps = Ex12.walkLayers(layers, input: [2, 12, 9])
        let shapes: [[Int]] = [[5, 6, 5], [5, 3, 2], [30], [30], [3]]
        let parameters = [5 * 2 * 25 + 5, 0, 0, 0, 30 * 3 + 3]
        guard expectEqual(steps.map(\.outputShape), shapes, "output shapes on input [2, 12, 9] (conv 5×5 stride 2 padding 2, pool 2/2)") else { return }
        expectEqual(steps.map(\.parameters), parameters, "parameter counts on input [2, 12, 9]")
    }

    func testResidualGradientsWide() {
        checkResidualGradients(n: 2, d: 6, hidden: 3, salt: 101)
        var generator = checkGenerator(102)
        let h = Tensor.normal([5, 2], using: &generator)
        let p = ResidualParameters(w1: Tensor.normal([2, 4], using: &generator), b1: Tensor.normal([4], using: &generator),
                                   w2: Tensor.normal([4, 2], using: &generator), b2: Tensor.normal([2], using: &generator))
        let a = Tensor.naiveMatmul(h, p.w1).addingRowVector(p.b1).map { max(0, $0) }
        expectClose(Ex12.residualForward(h, parameters: p).output, h + Tensor.naiveMatmul(a, p.w2).addingRowVector(p.b2),
                    tolerance: 1e-12, "residual forward on h [5, 2] with hidden width 4")
    }

    /// Random members: averaging against the oracle; votes against counting by hand.
    func testEnsembleOracle() {
        var generator = checkGenerator(103)
        let members = (0..<5).map { _ -> Tensor in
            let raw = Tensor.uniform([8, 4], in: 0.01...1, using: &generator)
            return raw.dividingColumnVector(raw.sum(axis: 1))
        }
        var sum = Tensor.zeros([8, 4])
        for m in members { sum = sum + m }
        guard expectClose(Ex12.averageProbabilities(members), sum / 5, tolerance: 1e-12, "average of 5 members [8, 4]") else { return }
        guard expectEqual(Ex12.averagingPrediction(members), (sum / 5).argmax(axis: 1).scalars.map { Int($0) }, "averaging predictions of 5 members") else { return }
        var expected: [Int] = []
        for i in 0..<8 {
            var counts = [0, 0, 0, 0]
            for m in members { counts[m.row(i).argmax()] += 1 }
            expected.append(counts.firstIndex(of: counts.max()!)!)
        }
        expectEqual(Ex12.majorityVote(members), expected, "majority votes of 5 members (ties → smallest class)")
    }

    /// Three axes: the first varies slowest; a tie keeps the first configuration evaluated.
    func testGridOrderAndTies() {
        var order: [[Double]] = []
        let result = Ex12.gridSearch([GridAxis(name: "a", values: [1, 2]), GridAxis(name: "b", values: [10, 20]),
                                      GridAxis(name: "c", values: [5])]) { c in
            order.append([c["a"]!, c["b"]!, c["c"]!])
            return c["b"]! == 10 ? 0 : 1
        }
        guard expectEqual(order, [[1, 10, 5], [1, 20, 5], [2, 10, 5], [2, 20, 5]], "evaluation order of the grid (first axis slowest)") else { return }
        expectEqual(result.configuration, ["a": 1, "b": 10, "c": 5], "best configuration when two tie (the first evaluated wins)")
    }

    /// Random search: reproducible from the seed; a linear dimension stays uniform; the best is the minimum.
    func testRandomSearchSeeded() {
        func search(_ seed: UInt64) -> (SearchResult, [[String: Double]]) {
            var seen: [[String: Double]] = []
            var g = SeededGenerator(seed: seed)
            let result = Ex12.randomSearch([SearchDimension(name: "lr", low: 1e-4, high: 1, logScale: true),
                                            SearchDimension(name: "dropout", low: 0, high: 0.5, logScale: false)],
                                           budget: 300, generator: &g) { c in
                seen.append(c)
                return abs(log10(c["lr"]!) + 1.7) + abs(c["dropout"]! - 0.2)
            }
            return (result, seen)
        }
        let (first, seen) = search(31)
        let (second, _) = search(31)
        guard expectEqual(first.configuration, second.configuration, "random search twice from seed 31") else { return }
        guard expectEqual(first.evaluations, 300, "evaluations with budget 300") else { return }
        let dropouts = seen.map { $0["dropout"]! }
        let lowHalf = Double(dropouts.filter { $0 < 0.25 }.count) / 300
        guard expectTrue(abs(lowHalf - 0.5) <= 0.09, "fraction of the linear dimension below its midpoint: expected 0.5 ± 0.09, observed \(format(lowHalf))") else { return }
        let lrs = seen.map { $0["lr"]! }
        let lowDecades = Double(lrs.filter { $0 < 1e-2 }.count) / 300
        guard expectTrue(abs(lowDecades - 0.5) <= 0.09, "fraction of log-uniform lr in [1e−4, 1] below 1e−2: expected 0.5 ± 0.09, observed \(format(lowDecades))") else { return }
        let best = seen.min { abs(log10($0["lr"]!) + 1.7) + abs($0["dropout"]! - 0.2) < abs(log10($1["lr"]!) + 1.7) + abs($1["dropout"]! - 0.2) }!
        expectEqual(first.configuration, best, "best configuration of the random search (the lowest score among the 300 evaluated)")
    }

    /// Another split and another training seed: still at least 95%.
    func testDigitsOtherSplit() {
        guard let accuracy = digitsTestAccuracy(splitSeed: 7, trainSeed: 12) else { return }
        expectTrue(accuracy >= 0.95, "test accuracy with split seed 7 and training seed 12: expected at least 0.95, observed \(format(accuracy))")
    }
}

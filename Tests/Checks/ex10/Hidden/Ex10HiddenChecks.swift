import XCTest
import Foundation
import TensorCore
import CheckSupport
import Ex10

/// Hidden checks for ex10: other shapes, probabilities and patience values.
final class Ex10HiddenChecks: XCTestCase {
    /// A rank-3 tensor, λ = 0 (a valid λ: no penalty) for all four functions, and the
    /// weight-decay reading of the L2 gradient: w − ηλw = (1 − ηλ)w.
    func testPenaltiesRank3() {
        var generator = checkGenerator(101)
        let w = Tensor.normal([2, 3, 4], using: &generator)
        let lambda = 0.02
        let (l2, l1, l2Gradient, l1Gradient, l2GradientAtZero) = student {
            (Ex10.l2Penalty(w, lambda: lambda), Ex10.l1Penalty(w, lambda: lambda), Ex10.l2PenaltyGradient(w, lambda: lambda),
             Ex10.l1PenaltyGradient(w, lambda: lambda), Ex10.l2PenaltyGradient(w, lambda: 0))
        }
        let (l2AtZero, l1AtZero, l1GradientAtZero) = student {
            (Ex10.l2Penalty(w, lambda: 0), Ex10.l1Penalty(w, lambda: 0), Ex10.l1PenaltyGradient(w, lambda: 0))
        }
        var squares = 0.0, absolutes = 0.0
        for v in w.scalars { squares += v * v; absolutes += abs(v) }
        guard expectClose(l2, 0.5 * lambda * squares, tolerance: 1e-12, "l2Penalty of a [2, 3, 4] tensor") else { return }
        guard expectClose(l1, lambda * absolutes, tolerance: 1e-12, "l1Penalty of a [2, 3, 4] tensor") else { return }
        guard expectShape(l2Gradient, w.shape, "l2PenaltyGradient of a [2, 3, 4] tensor") else { return }
        let decayed = w - 0.5 * l2Gradient
        guard expectClose(decayed, w * (1 - 0.5 * lambda), tolerance: 1e-12, "w − η·∇(½λ‖w‖²) with η = 0.5 (should be (1 − ηλ)·w: weight decay)") else { return }
        guard expectClose(l1Gradient, w.map { $0 > 0 ? lambda : -lambda }, tolerance: 1e-15, "l1PenaltyGradient of a [2, 3, 4] tensor") else { return }
        guard expectClose(l2GradientAtZero, Tensor.zeros(w.shape), tolerance: 0, "l2PenaltyGradient of a [2, 3, 4] tensor with λ = 0") else { return }
        guard expectClose(l2AtZero, 0, tolerance: 0, "l2Penalty of a [2, 3, 4] tensor with λ = 0 (λ ≥ 0 is valid: no penalty)") else { return }
        guard expectClose(l1AtZero, 0, tolerance: 0, "l1Penalty of a [2, 3, 4] tensor with λ = 0 (λ ≥ 0 is valid: no penalty)") else { return }
        expectClose(l1GradientAtZero, Tensor.zeros(w.shape), tolerance: 0, "l1PenaltyGradient of a [2, 3, 4] tensor with λ = 0")
    }

    /// [4, 5, 50, 100] (100,000 elements) of a random x with p = 0.6: fraction, scale, mean, eval identity.
    func testDropoutRank4() {
        var generator = checkGenerator(102)
        let x = Tensor.uniform([4, 5, 50, 100], in: 1...2, using: &generator)
        let p = 0.6
        let (output, evaluation) = student { () -> (Tensor, Tensor) in
            var draws = SeededGenerator(seed: 55)
            let result = Ex10.dropoutForward(x, p: p, training: true, generator: &draws)
            return (result.output, Ex10.dropoutForward(x, p: 0.9, training: false, generator: &draws).output)
        }
        guard expectShape(output, x.shape, "dropout output of x [4, 5, 50, 100]") else { return }
        let dropped = Double(output.scalars.filter { $0 == 0 }.count) / Double(x.count)
        let sigma = (p * (1 - p) / Double(x.count)).squareRoot()
        guard expectTrue(abs(dropped - p) <= 3 * sigma, "fraction dropped with p = 0.6: expected within \(format(3 * sigma)) of 0.6, observed \(format(dropped))") else { return }
        guard expectClose(output.mean(), x.mean(), tolerance: 0.02, "mean of the dropout output (should match the input's mean \(format(x.mean())))") else { return }
        let ratioOK = zip(output.scalars, x.scalars).allSatisfy { $0 == 0 || abs($0 / $1 - 2.5) < 1e-12 }
        guard expectTrue(ratioOK, "kept elements should be x/(1 − p) = 2.5·x with p = 0.6") else { return }
        expectClose(evaluation, x, tolerance: 0, "dropout in evaluation mode with p = 0.9")
    }

    /// The state before the first update, patience 1 and 0, and a tie (equal loss) that does not
    /// count as an improvement.
    func testEarlyStoppingEdgeCases() {
        let (freshLoss, freshEpoch, freshWeights, freshCount) = student { () -> (Double, Int, [Tensor], Int) in
            let monitor = Ex10.EarlyStopping(patience: 2)
            return (monitor.bestLoss, monitor.bestEpoch, monitor.bestWeights, monitor.epochsWithoutImprovement)
        }
        guard expectEqual(freshLoss, Double.infinity, "bestLoss of EarlyStopping(patience: 2) before the first update (+∞)"),
              expectEqual(freshEpoch, -1, "bestEpoch of EarlyStopping(patience: 2) before the first update (−1)"),
              expectEqual(freshWeights, [Tensor](), "bestWeights of EarlyStopping(patience: 2) before the first update (empty)"),
              expectEqual(freshCount, 0, "epochsWithoutImprovement of EarlyStopping(patience: 2) before the first update") else { return }
        /// The stop epoch (nil if never), bestEpoch and bestWeights: call only inside `student { }`.
        func run(_ patience: Int, _ losses: [Double]) -> (Int?, Int, [Tensor]) {
            var monitor = Ex10.EarlyStopping(patience: patience)
            for (epoch, loss) in losses.enumerated() {
                if monitor.update(epoch: epoch, validationLoss: loss, weights: [Tensor([Double(epoch)])]) {
                    return (epoch, monitor.bestEpoch, monitor.bestWeights)
                }
            }
            return (nil, monitor.bestEpoch, monitor.bestWeights)
        }
        let (one, _, bestWeightsOne) = student { run(1, [0.5, 0.4, 0.4, 0.3]) }
        guard expectEqual(one, 2, "stop epoch with patience 1 and losses 0.5, 0.4, 0.4, 0.3 (a tie is no improvement)") else { return }
        guard expectEqual(bestWeightsOne, [Tensor([1])], "bestWeights with patience 1 (epoch 1, the first of the tie)") else { return }
        let (zero, _, _) = student { run(0, [0.5, 0.6]) }
        guard expectEqual(zero, 1, "stop epoch with patience 0 (stop at the first epoch that does not improve)") else { return }
        let (never, bestEpochNever, _) = student { run(3, [5, 4, 3, 2.5, 2.6, 2.7, 2.4]) }
        guard expectEqual(never, nil, "patience 3 with losses 5, 4, 3, 2.5, 2.6, 2.7, 2.4 (never three bad epochs in a row)") else { return }
        expectEqual(bestEpochNever, 6, "bestEpoch with losses ending in 2.4")
    }

    /// 2,000 two-pixel images: about 30% flipped with probability 0.3; crops cover all 9 offsets for padding 1.
    func testAugmentationFrequencies() {
        var generator = checkGenerator(103)
        let x = Tensor.uniform([2000, 1, 1, 2], in: 1...2, using: &generator)
        let images = Tensor.uniform([300, 2, 3, 3], in: 1...2, using: &generator)
        let (y, crops) = student { () -> (Tensor, Tensor) in
            var g = SeededGenerator(seed: 77)
            let y = Ex10.randomHorizontalFlip(x, probability: 0.3, generator: &g)
            return (y, Ex10.randomCrop(images, padding: 1, generator: &g))
        }
        guard expectShape(y, x.shape, "randomHorizontalFlip of [2000, 1, 1, 2] with probability 0.3") else { return }
        var flipped = 0
        for n in 0..<2000 {
            if y[n, 0, 0, 0] == x[n, 0, 0, 1] && y[n, 0, 0, 1] == x[n, 0, 0, 0] { flipped += 1 } else if y[n, 0, 0, 0] != x[n, 0, 0, 0] || y[n, 0, 0, 1] != x[n, 0, 0, 1] {
                expectTrue(false, "image \(n) [1, 1, 2] is neither unchanged nor mirrored along the width"); return
            }
        }
        let fraction = Double(flipped) / 2000, sigma = (0.3 * 0.7 / 2000).squareRoot()
        guard expectTrue(abs(fraction - 0.3) <= 3 * sigma, "fraction of images flipped with probability 0.3: expected within \(format(3 * sigma)) of 0.3, observed \(format(fraction))") else { return }
        guard expectShape(crops, images.shape, "randomCrop of [300, 2, 3, 3] with padding 1") else { return }
        var seen = Set<[Int]>()
        let padded = images.padded([(0, 0), (0, 0), (1, 1), (1, 1)])
        for n in 0..<300 {
            var found: [Int]? = nil
            for top in 0...2 { for left in 0...2 where found == nil {
                var same = true
                for c in 0..<2 { for i in 0..<3 { for j in 0..<3 where crops[n, c, i, j] != padded[n, c, top + i, left + j] { same = false } } }
                if same { found = [top, left] }
            } }
            guard let offset = found else { expectTrue(false, "crop \(n) is not a window of the padded image"); return }
            seen.insert(offset)
        }
        expectEqual(seen.count, 9, "distinct (top, left) offsets over 300 crops with padding 1 (all of 0...2 × 0...2 should occur)")
    }

    /// Every parameter frozen, none frozen, and two frozen of four.
    func testFreezingVariants() {
        var generator = checkGenerator(104)
        let original = (0..<4).map { Tensor.normal([2, $0 + 1], using: &generator) }
        let gradients = original.map { Tensor.normal($0.shape, using: &generator) }
        let (all, none, some) = student { () -> ([Tensor], [Tensor], [Tensor]) in
            var all = original
            Ex10.sgdStep(parameters: &all, gradients: gradients, learningRate: 0.5, frozen: [0, 1, 2, 3])
            var none = original
            Ex10.sgdStep(parameters: &none, gradients: gradients, learningRate: 0.2, frozen: [])
            var some = original
            Ex10.sgdStep(parameters: &some, gradients: gradients, learningRate: 0.05, frozen: [0, 2])
            return (all, none, some)
        }
        guard expectTrue(all == original, "with every parameter frozen, sgdStep changed something") else { return }
        guard expectEqual(none.count, 4, "number of parameters after sgdStep with nothing frozen"),
              expectEqual(some.count, 4, "number of parameters after sgdStep with frozen = {0, 2}") else { return }
        for i in 0..<4 {
            guard expectClose(none[i], original[i] - 0.2 * gradients[i], tolerance: 1e-15, "parameter \(i) with nothing frozen (p − 0.2·g)") else { return }
        }
        for i in 0..<4 {
            let expected = (i == 0 || i == 2) ? original[i] : original[i] - 0.05 * gradients[i]
            guard expectClose(some[i], expected, tolerance: (i == 0 || i == 2) ? 0 : 1e-15, "parameter \(i) with frozen = {0, 2}") else { return }
        }
    }
}

import XCTest
import Foundation
import TensorCore
import CheckSupport
import Ex10

/// ex10.2: inverted dropout, checked statistically on large tensors with fixed seeds.
final class DropoutChecks: XCTestCase {
    /// 100,000 ones with p = 0.3: about 30% dropped, the kept ones equal 1/0.7, the mean stays 1.
    func testTrainStatistics() {
        let x = Tensor.ones([200, 500])
        let p = 0.3
        let (output, mask) = student { () -> (Tensor, Tensor) in
            var generator = checkGenerator(21)
            let result = Ex10.dropoutForward(x, p: p, training: true, generator: &generator)
            return (result.output, result.mask)
        }
        guard expectShape(output, [200, 500], "dropout output of x [200, 500]") else { return }
        let count = Double(x.count)
        let dropped = Double(output.scalars.filter { $0 == 0 }.count) / count
        let sigma = (p * (1 - p) / count).squareRoot()
        guard expectTrue(abs(dropped - p) <= 3 * sigma,
                         "fraction of elements dropped with p = 0.3: expected within 3σ = \(format(3 * sigma)) of 0.3, observed \(format(dropped)) (p is the DROP probability)") else { return }
        let kept = output.scalars.filter { $0 != 0 }
        guard expectTrue(kept.allSatisfy { abs($0 - 1 / (1 - p)) <= 1e-12 },
                         "every kept element of a tensor of ones should be 1/(1 − p) = \(format(1 / (1 - p))); observed e.g. \(format(kept.first { abs($0 - 1 / (1 - p)) > 1e-12 } ?? .nan))") else { return }
        guard expectClose(output.mean(), 1, tolerance: 0.01, "mean of the dropout output of ones (inverted dropout preserves the mean)") else { return }
        expectClose(mask, output, tolerance: 1e-12, "the mask (for x = ones, the mask equals the output: 0 or 1/(1 − p))")
    }

    /// Evaluation mode is the identity for any p; training with p = 0 is the identity too.
    func testEvaluationAndZero() {
        var inputs = checkGenerator(22)
        let x = Tensor.normal([7, 9], using: &inputs)
        let (evaluation, zero) = student { () -> (Tensor, Tensor) in
            var generator = checkGenerator(22)
            let evaluation = Ex10.dropoutForward(x, p: 0.5, training: false, generator: &generator)
            let zero = Ex10.dropoutForward(x, p: 0, training: true, generator: &generator)
            return (evaluation.output, zero.output)
        }
        guard expectClose(evaluation, x, tolerance: 0, "dropout in evaluation mode with p = 0.5 (must be the identity)") else { return }
        expectClose(zero, x, tolerance: 0, "dropout in training mode with p = 0 (must be the identity)")
    }

    /// p = 0.999 keeps about 1 in 1,000 (scaled by 1,000); p = 1 gives zeros, never NaN;
    /// p = 10⁻⁹ keeps every one of 1,000 elements (a drop would have probability 10⁻⁶), the first included.
    func testExtremeProbabilities() {
        let x = Tensor.ones([100, 1000])
        var inputs = checkGenerator(1023)
        let dy = Tensor.normal(x.shape, using: &inputs)
        let small = Tensor.normal([20, 50], using: &inputs)
        let tiny = 1e-9
        let (nearlyAll, all, allMask, dx, nearlyNone) = student { () -> (Tensor, Tensor, Tensor, Tensor, Tensor) in
            var generator = checkGenerator(23)
            let nearlyAll = Ex10.dropoutForward(x, p: 0.999, training: true, generator: &generator)
            let all = Ex10.dropoutForward(x, p: 1, training: true, generator: &generator)
            var fresh = checkGenerator(123)
            let nearlyNone = Ex10.dropoutForward(small, p: tiny, training: true, generator: &fresh)
            return (nearlyAll.output, all.output, all.mask, Ex10.dropoutBackward(dy, mask: all.mask), nearlyNone.output)
        }
        guard expectTrue(nearlyAll.isFinite, "dropout with p = 0.999 produced NaN or ∞") else { return }
        guard expectShape(nearlyAll, x.shape, "dropout output with p = 0.999 of x [100, 1000]") else { return }
        let dropped = Double(nearlyAll.scalars.filter { $0 == 0 }.count) / Double(x.count)
        let sigma = (0.999 * 0.001 / Double(x.count)).squareRoot()
        guard expectTrue(abs(dropped - 0.999) <= 3 * sigma,
                         "fraction dropped with p = 0.999: expected within \(format(3 * sigma)) of 0.999, observed \(format(dropped))") else { return }
        guard expectTrue(nearlyAll.scalars.allSatisfy { $0 == 0 || abs($0 - 1000) <= 1e-9 },
                         "with p = 0.999 every kept element of ones should be 1/(1 − p) = 1000") else { return }
        guard expectTrue(all.isFinite && allMask.isFinite,
                         "dropout with p = 1 produced NaN or ∞ (do not compute 1/(1 − p) when p = 1)") else { return }
        guard expectTrue(all != nearlyAll,
                         "the call with p = 1 returned exactly the output of the call with p = 0.999 made before it with the same generator: a mask cached from an earlier call? Each call must draw a new mask from the generator it is given, and p = 1 drops every element") else { return }
        guard expectClose(all, Tensor.zeros(x.shape), tolerance: 0, "dropout with p = 1 (everything dropped: all zeros)") else { return }
        guard expectClose(dx, Tensor.zeros(x.shape), tolerance: 0, "dropout backward with p = 1 (zero gradient, no NaN)") else { return }
        expectClose(nearlyNone, small / (1 - tiny), tolerance: 1e-15,
                    "dropout with p = 10⁻⁹ of a random x [20, 50] (every element kept, element [0, 0] included, and scaled by 1/(1 − p))")
    }

    /// One generator, two training calls on the same x: each call draws a new mask from the
    /// generator it is given, so the two masks differ (the chance that 200 independent draws
    /// with p = 0.5 repeat is 2⁻²⁰⁰) and the caller's generator advances. Both masks are first
    /// checked against what a mask must be (every entry 0 or 1/(1 − p)). The other checks give
    /// every call a freshly seeded generator, so only this one sees a mask drawn from a copy.
    func testOneGeneratorDrawsANewMaskPerCall() {
        var inputs = checkGenerator(25)
        let x = Tensor.normal([8, 25], using: &inputs)
        let seed: UInt64 = 2525
        let p = 0.5
        let (first, second, nextDraw) = student { () -> (Tensor, Tensor, Double) in
            var generator = SeededGenerator(seed: seed)
            let first = Ex10.dropoutForward(x, p: p, training: true, generator: &generator)
            let second = Ex10.dropoutForward(x, p: p, training: true, generator: &generator)
            return (first.mask, second.mask, generator.uniform())
        }
        guard expectShape(first, x.shape, "mask of the first of two dropout calls with one generator, x [8, 25]"),
              expectShape(second, x.shape, "mask of the second of two dropout calls with one generator, x [8, 25]") else { return }
        let scale = 1 / (1 - p)
        guard expectTrue((first.scalars + second.scalars).allSatisfy { $0 == 0 || abs($0 - scale) <= 1e-12 },
                         "every entry of both masks of two dropout calls with one generator (p = 0.5) should be 0 (dropped) or 1/(1 − p) = \(format(scale)) (kept)") else { return }
        var unused = SeededGenerator(seed: seed)
        let freshDraw = unused.uniform()
        guard expectTrue(first != second,
                         "two training calls of dropoutForward with one generator (seed \(seed), p = 0.5, x [8, 25]) returned the same mask: two calls with one generator must draw different masks, and the generator must advance (draw from the generator passed in, not from a copy of it or a mask cached from an earlier call)") else { return }
        expectTrue(nextDraw != freshDraw,
                   "after two training calls of dropoutForward the generator passed in (seed \(seed)) had not advanced: its next draw is a fresh generator's first. The generator must advance: draw the masks from the generator passed in (inout), not from a copy of it")
    }

    /// The backward pass uses the forward pass's mask. The mask is the student's own draw, so
    /// it is first checked against what a mask must be (every entry 0 or 1/(1 − p), some of
    /// each, the output x ⊙ mask, the same again from the same seed); then dx is compared with
    /// centred differences of the oracle forward x ↦ Σ dy ⊙ x ⊙ mask.
    func testBackwardUsesTheMask() {
        var generator = checkGenerator(24)
        let x = Tensor.normal([6, 7], using: &generator)
        let dy = Tensor.normal([6, 7], using: &generator)
        let seed: UInt64 = 4242
        let p = 0.4
        let (output, mask, again, dx) = student { () -> (Tensor, Tensor, Tensor, Tensor) in
            var first = SeededGenerator(seed: seed)
            let result = Ex10.dropoutForward(x, p: p, training: true, generator: &first)
            var second = SeededGenerator(seed: seed)
            let again = Ex10.dropoutForward(x, p: p, training: true, generator: &second)
            return (result.output, result.mask, again.output, Ex10.dropoutBackward(dy, mask: result.mask))
        }
        guard expectShape(mask, x.shape, "dropout mask of x [6, 7]") else { return }
        let scale = 1 / (1 - p)
        guard expectTrue(mask.scalars.allSatisfy { $0 == 0 || abs($0 - scale) <= 1e-12 },
                         "every entry of the dropout mask with p = 0.4 should be 0 (dropped) or 1/(1 − p) = \(format(scale)) (kept)") else { return }
        guard expectTrue(mask.scalars.contains(0) && mask.scalars.contains { $0 != 0 },
                         "the dropout mask of 42 elements with p = 0.4 should drop some elements and keep others") else { return }
        guard expectClose(output, x * mask, tolerance: 1e-12, "dropout output (should be x ⊙ mask, with the mask it returned)") else { return }
        guard expectClose(again, output, tolerance: 0, "dropout twice from the same seed (must give the same output)") else { return }
        expectGradient(dx, matches: numericGradient(at: x) { ($0 * mask * dy).sum() },
                       parameter: "x (dropout p = 0.4, random dy; dx = dy ⊙ the forward pass's mask)", tolerance: 1e-7)
    }
}

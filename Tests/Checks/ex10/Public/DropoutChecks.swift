import XCTest
import Foundation
import TensorCore
import CheckSupport
import Ex10

/// ex10.2: inverted dropout, checked statistically on large tensors with fixed seeds.
final class DropoutChecks: XCTestCase {
    /// 100,000 ones with p = 0.3: about 30% dropped, the kept ones equal 1/0.7, the mean stays 1.
    func testTrainStatistics() {
        var generator = checkGenerator(21)
        let x = Tensor.ones([200, 500])
        let p = 0.3
        let result = Ex10.dropoutForward(x, p: p, training: true, generator: &generator)
        guard expectShape(result.output, [200, 500], "dropout output of x [200, 500]") else { return }
        let count = Double(x.count)
        let dropped = Double(result.output.scalars.filter { $0 == 0 }.count) / count
        let sigma = (p * (1 - p) / count).squareRoot()
        guard expectTrue(abs(dropped - p) <= 3 * sigma,
                         "fraction of elements dropped with p = 0.3: expected within 3σ = \(format(3 * sigma)) of 0.3, observed \(format(dropped)) (p is the DROP probability)") else { return }
        let kept = result.output.scalars.filter { $0 != 0 }
        guard expectTrue(kept.allSatisfy { abs($0 - 1 / (1 - p)) <= 1e-12 },
                         "every kept element of a tensor of ones should be 1/(1 − p) = \(format(1 / (1 - p))); observed e.g. \(format(kept.first ?? .nan))") else { return }
        guard expectClose(result.output.mean(), 1, tolerance: 0.01, "mean of the dropout output of ones (inverted dropout preserves the mean)") else { return }
        expectClose(result.mask, result.output, tolerance: 1e-12, "the mask (for x = ones, the mask equals the output: 0 or 1/(1 − p))")
    }

    /// Evaluation mode is the identity for any p; training with p = 0 is the identity too.
    func testEvaluationAndZero() {
        var generator = checkGenerator(22)
        let x = Tensor.normal([7, 9], using: &generator)
        let evaluation = Ex10.dropoutForward(x, p: 0.5, training: false, generator: &generator)
        guard expectClose(evaluation.output, x, tolerance: 0, "dropout in evaluation mode with p = 0.5 (must be the identity)") else { return }
        let zero = Ex10.dropoutForward(x, p: 0, training: true, generator: &generator)
        expectClose(zero.output, x, tolerance: 0, "dropout in training mode with p = 0 (must be the identity)")
    }

    /// p = 0.999 keeps about 1 in 1,000 (scaled by 1,000); p = 1 gives zeros, never NaN.
    func testExtremeProbabilities() {
        var generator = checkGenerator(23)
        let x = Tensor.ones([100, 1000])
        let nearlyAll = Ex10.dropoutForward(x, p: 0.999, training: true, generator: &generator)
        guard expectTrue(nearlyAll.output.isFinite, "dropout with p = 0.999 produced NaN or ∞") else { return }
        let dropped = Double(nearlyAll.output.scalars.filter { $0 == 0 }.count) / Double(x.count)
        let sigma = (0.999 * 0.001 / Double(x.count)).squareRoot()
        guard expectTrue(abs(dropped - 0.999) <= 3 * sigma,
                         "fraction dropped with p = 0.999: expected within \(format(3 * sigma)) of 0.999, observed \(format(dropped))") else { return }
        guard expectTrue(nearlyAll.output.scalars.allSatisfy { $0 == 0 || abs($0 - 1000) <= 1e-9 },
                         "with p = 0.999 every kept element of ones should be 1/(1 − p) = 1000") else { return }
        let all = Ex10.dropoutForward(x, p: 1, training: true, generator: &generator)
        guard expectTrue(all.output.isFinite && all.mask.isFinite,
                         "dropout with p = 1 produced NaN or ∞ (do not compute 1/(1 − p) when p = 1)") else { return }
        guard expectClose(all.output, Tensor.zeros(x.shape), tolerance: 0, "dropout with p = 1 (everything dropped: all zeros)") else { return }
        let dx = Ex10.dropoutBackward(Tensor.normal(x.shape, using: &generator), mask: all.mask)
        expectClose(dx, Tensor.zeros(x.shape), tolerance: 0, "dropout backward with p = 1 (zero gradient, no NaN)")
    }

    /// The backward pass uses the forward pass's mask: compare with centred differences of
    /// x ↦ Σ dy ⊙ dropout(x) with the generator reset to the same seed for every evaluation.
    func testBackwardUsesTheMask() {
        var generator = checkGenerator(24)
        let x = Tensor.normal([6, 7], using: &generator)
        let dy = Tensor.normal([6, 7], using: &generator)
        let seed: UInt64 = 4242
        var first = SeededGenerator(seed: seed)
        let result = Ex10.dropoutForward(x, p: 0.4, training: true, generator: &first)
        var again = SeededGenerator(seed: seed)
        guard expectClose(Ex10.dropoutForward(x, p: 0.4, training: true, generator: &again).output, result.output, tolerance: 0,
                          "dropout twice from the same seed (must give the same output)") else { return }
        let numeric = numericGradient(at: x) { probe in
            var g = SeededGenerator(seed: seed)
            return (Ex10.dropoutForward(probe, p: 0.4, training: true, generator: &g).output * dy).sum()
        }
        expectGradient(Ex10.dropoutBackward(dy, mask: result.mask), matches: numeric, parameter: "x (dropout p = 0.4, random dy)", tolerance: 1e-7)
    }
}

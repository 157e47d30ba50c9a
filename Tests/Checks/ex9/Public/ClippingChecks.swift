import Testing
import Foundation
import TensorCore
import CheckSupport
import Ex9

/// ex9.4: clipping by value and by global norm.
@Suite struct ClippingChecks {
    @Test func clipByValue() {
        let clipped = student { Ex9.clipByValue([Tensor([[-5, 0.3], [2, -0.7]]), Tensor([1, -1, 0.99, 100])], limit: 1) }
        guard expectEqual(clipped.count, 2, "clipByValue on 2 tensors: number of tensors returned") else { return }
        expectClose(clipped[0], Tensor([[-1, 0.3], [1, -0.7]]), tolerance: 0, "clipByValue(limit 1) of [[−5, 0.3], [2, −0.7]] (each entry to [−1, 1])")
        expectClose(clipped[1], Tensor([1, -1, 0.99, 1]), tolerance: 0, "clipByValue(limit 1) of [1, −1, 0.99, 100]")
    }

    /// Global norm 13 of [3, 4] and [[12]]: below a threshold of 20 nothing changes (not even rounding).
    @Test func belowThreshold() {
        let original = [Tensor([3, 4]), Tensor([[12]])]
        let (global, norm, gradients) = student { () -> (Double, Double, [Tensor]) in
            var gradients = original
            let norm = Ex9.clipByGlobalNorm(&gradients, maxNorm: 20)
            return (Ex9.globalNorm(original), norm, gradients)
        }
        expectClose(global, 13, tolerance: 1e-12, "globalNorm of [3, 4] and [[12]] (√(9 + 16 + 144), one norm over all tensors)")
        expectClose(norm, 13, tolerance: 1e-12, "clipByGlobalNorm's returned norm (before clipping) for [3, 4] and [[12]]")
        expectTensors(gradients, original, tolerance: 0, call: "clipByGlobalNorm(maxNorm 20) of [3, 4] and [[12]]") { i in
            "clipByGlobalNorm(maxNorm 20) of [3, 4] and [[12]], global norm 13 < 20: tensor \(i) must be unchanged"
        }
    }

    /// Global norm 13, maxNorm 6.5: EVERY tensor is halved, even [3, 4] whose own norm 5 is below 6.5.
    @Test func aboveThreshold() {
        var generator = checkGenerator(41)
        let before = [Tensor.normal([3, 2], standardDeviation: 5, using: &generator), Tensor.normal([7], using: &generator)]
        let (norm, gradients, randomNorm, normAfter, random) = student { () -> (Double, [Tensor], Double, Double, [Tensor]) in
            var gradients = [Tensor([3, 4]), Tensor([[12]]), Tensor([0])]
            let norm = Ex9.clipByGlobalNorm(&gradients, maxNorm: 6.5)
            var random = before
            let randomNorm = Ex9.clipByGlobalNorm(&random, maxNorm: 1)
            return (norm, gradients, randomNorm, Ex9.globalNorm(random), random)
        }
        expectClose(norm, 13, tolerance: 1e-12, "clipByGlobalNorm's returned norm: the global norm BEFORE clipping")
        guard expectTensors(gradients, [Tensor([1.5, 2]), Tensor([[6]]), Tensor([0])], tolerance: 1e-12,
                            call: "clipByGlobalNorm(maxNorm 6.5) of [3, 4], [[12]], [0]", { _ in
            "clipByGlobalNorm(maxNorm 6.5) of [3, 4], [[12]], [0] (global norm 13: every tensor scaled by the same 6.5/13 — one norm for all, not one per tensor)"
        }) else { return }
        // The oracle: the global norm written out, entry by entry.
        let squares = before.map { $0.scalars.reduce(0) { $0 + $1 * $1 } }.reduce(0, +)
        expectClose(randomNorm, squares.squareRoot(), tolerance: 1e-12, "clipByGlobalNorm's returned norm for a [3, 2] and a [7] tensor")
        expectClose(normAfter, 1, tolerance: 1e-12, "globalNorm after clipByGlobalNorm(maxNorm 1) (must equal maxNorm)")
        expectTensors(random, before.map { $0 / squares.squareRoot() }, tolerance: 1e-12, call: "clipByGlobalNorm(maxNorm 1) of a [3, 2] and a [7] tensor") { i in
            "tensor \(i) after clipByGlobalNorm(maxNorm 1): same direction, scaled by 1/‖g‖"
        }
    }
}

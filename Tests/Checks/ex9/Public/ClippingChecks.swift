import XCTest
import Foundation
import TensorCore
import CheckSupport
import Ex9

/// ex9.4: clipping by value and by global norm.
final class ClippingChecks: XCTestCase {
    func testClipByValue() {
        let clipped = Ex9.clipByValue([Tensor([[-5, 0.3], [2, -0.7]]), Tensor([1, -1, 0.99, 100])], limit: 1)
        guard expectEqual(clipped.count, 2, "clipByValue on 2 tensors: number of tensors returned") else { return }
        expectClose(clipped[0], Tensor([[-1, 0.3], [1, -0.7]]), tolerance: 0, "clipByValue(limit 1) of [[−5, 0.3], [2, −0.7]] (each entry to [−1, 1])")
        expectClose(clipped[1], Tensor([1, -1, 0.99, 1]), tolerance: 0, "clipByValue(limit 1) of [1, −1, 0.99, 100]")
    }

    /// Global norm 13 of [3, 4] and [[12]]: below a threshold of 20 nothing changes (not even rounding).
    func testBelowThreshold() {
        expectClose(Ex9.globalNorm([Tensor([3, 4]), Tensor([[12]])]), 13, tolerance: 1e-12,
                    "globalNorm of [3, 4] and [[12]] (√(9 + 16 + 144), one norm over all tensors)")
        let original = [Tensor([3, 4]), Tensor([[12]])]
        var gradients = original
        let norm = Ex9.clipByGlobalNorm(&gradients, maxNorm: 20)
        expectClose(norm, 13, tolerance: 1e-12, "clipByGlobalNorm's returned norm (before clipping) for [3, 4] and [[12]]")
        for i in 0..<2 {
            guard expectClose(gradients[i], original[i], tolerance: 0,
                              "clipByGlobalNorm(maxNorm 20) of [3, 4] and [[12]], global norm 13 < 20: tensor \(i) must be unchanged") else { return }
        }
    }

    /// Global norm 13, maxNorm 6.5: EVERY tensor is halved, even [3, 4] whose own norm 5 is below 6.5.
    func testAboveThreshold() {
        var gradients = [Tensor([3, 4]), Tensor([[12]]), Tensor([0])]
        let norm = Ex9.clipByGlobalNorm(&gradients, maxNorm: 6.5)
        expectClose(norm, 13, tolerance: 1e-12, "clipByGlobalNorm's returned norm: the global norm BEFORE clipping")
        let expected = [Tensor([1.5, 2]), Tensor([[6]]), Tensor([0])]
        for i in 0..<3 {
            guard expectClose(gradients[i], expected[i], tolerance: 1e-12,
                              "clipByGlobalNorm(maxNorm 6.5) of [3, 4], [[12]], [0] (global norm 13: every tensor scaled by the same 6.5/13 — one norm for all, not one per tensor)") else { return }
        }
        var generator = checkGenerator(41)
        var random = [Tensor.normal([3, 2], standardDeviation: 5, using: &generator), Tensor.normal([7], using: &generator)]
        let before = random
        let randomNorm = Ex9.clipByGlobalNorm(&random, maxNorm: 1)
        let squares = before.map { ($0 * $0).sum() }.reduce(0, +)
        expectClose(randomNorm, squares.squareRoot(), tolerance: 1e-12, "clipByGlobalNorm's returned norm for a [3, 2] and a [7] tensor")
        expectClose(Ex9.globalNorm(random), 1, tolerance: 1e-12, "global norm after clipByGlobalNorm(maxNorm 1) (must equal maxNorm)")
        for i in 0..<2 {
            expectClose(random[i], before[i] / squares.squareRoot(), tolerance: 1e-12, "tensor \(i) after clipByGlobalNorm(maxNorm 1): same direction, scaled by 1/‖g‖")
        }
    }
}

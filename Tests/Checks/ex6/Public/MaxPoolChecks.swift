import XCTest
import TensorCore
import CheckSupport
import Ex6

/// ex6.2: max pooling, forward and backward.
final class MaxPoolChecks: XCTestCase {
    private func image(_ rows: [[Double]]) -> Tensor { Tensor([[rows]]) }

    /// The lecture's examples: two 3×3 windows and a 2×2, stride-2 pooling of a 4×4 map.
    func testWorkedExamples() {
        let x = image([[1, 1, 2, 4], [5, 6, 7, 8], [3, 2, 1, 0], [1, 2, 3, 4]])
        let (first, second, pooled, dx) = student {
            (Ex6.maxPool2dForward(image([[1, 2, 3], [4, 5, 6], [7, 8, 9]]), size: 3, stride: 3),
             Ex6.maxPool2dForward(image([[5, 2, 1], [5, 7, 1], [9, 5, 12]]), size: 3, stride: 3),
             Ex6.maxPool2dForward(x, size: 2, stride: 2),
             Ex6.maxPool2dBackward(Tensor([[[[1, 2], [3, 4]]]]), x: x, size: 2, stride: 2))
        }
        guard expectClose(first, Tensor([[[[9]]]]), "3×3 max pooling of [[1,2,3],[4,5,6],[7,8,9]]") else { return }
        guard expectClose(second, Tensor([[[[12]]]]), "3×3 max pooling of [[5,2,1],[5,7,1],[9,5,12]]") else { return }
        guard expectClose(pooled, Tensor([[[[6, 8], [3, 4]]]]),
                          "2×2 max pooling with stride 2 of [[1,1,2,4],[5,6,7,8],[3,2,1,0],[1,2,3,4]]") else { return }
        // Backward: each dy entry lands on the maximum of its window (6, 8, 3 and 4).
        expectClose(dx, image([[0, 0, 0, 0], [0, 1, 0, 2], [3, 0, 0, 0], [0, 0, 0, 4]]),
                    "max-pool gradient of the 4×4 example with dy = [[1, 2], [3, 4]] (only the maxima receive it)")
    }

    /// Ties: the whole gradient goes to the first maximum in row-major order.
    func testTiesGoToFirstMaximum() {
        let x = image([[7, 1, 0, 3], [7, 7, 3, 3]])
        let dx = student { Ex6.maxPool2dBackward(Tensor([[[[2, 5]]]]), x: x, size: 2, stride: 2) }
        expectClose(dx, image([[2, 0, 0, 5], [0, 0, 0, 0]]),
                    "max-pool gradient with tied maxima (windows [[7,1],[7,7]] and [[0,3],[3,3]]): all of dy to the FIRST maximum in row-major order, nothing to the other tied entries")
    }

    /// N = 2, C = 3, non-overlapping 2×2 windows on a 6×8 map.
    func testGradientNonOverlapping() {
        checkMaxPoolGradient(shape: [2, 3, 6, 8], size: 2, stride: 2, salt: 21)
    }

    /// Overlapping 3×3 windows with stride 2 (AlexNet's pooling) on a 7×9 map: overlaps add up.
    func testGradientOverlapping() {
        checkMaxPoolGradient(shape: [2, 2, 7, 9], size: 3, stride: 2, salt: 22)
    }

    /// The forward pass against the oracle's, the backward against centred differences of the oracle's forward.
    private func checkMaxPoolGradient(shape: [Int], size: Int, stride: Int, salt: UInt64) {
        var generator = checkGenerator(salt)
        let x = Tensor.normal(shape, using: &generator)
        let dy = Tensor.normal(poolOutputShape(shape, size: size, stride: stride), using: &generator)
        let (y, analytic) = student {
            (Ex6.maxPool2dForward(x, size: size, stride: stride), Ex6.maxPool2dBackward(dy, x: x, size: size, stride: stride))
        }
        guard expectClose(y, poolForwardOracle(x, size: size, stride: stride, maxOfWindow),
                          "max pooling of \(format(shape)) with size \(size), stride \(stride)") else { return }
        expectGradient(analytic, matches: numericGradient(at: x) { (poolForwardOracle($0, size: size, stride: stride, maxOfWindow) * dy).sum() },
                       parameter: "x of max pooling \(format(shape)), size \(size), stride \(stride)", tolerance: 1e-6)
    }
}

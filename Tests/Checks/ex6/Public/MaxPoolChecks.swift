import XCTest
import TensorCore
import CheckSupport
import Ex6

/// ex6.2: max pooling, forward and backward.
final class MaxPoolChecks: XCTestCase {
    private func image(_ rows: [[Double]]) -> Tensor { Tensor([[rows]]) }

    /// The lecture's examples: two 3×3 windows and a 2×2, stride-2 pooling of a 4×4 map. The 4×4
    /// map is pooled without `stride:`, forward and backward: the documented default stride is the
    /// window size (2 here), not 1.
    func testWorkedExamples() {
        let x = image([[1, 1, 2, 4], [5, 6, 7, 8], [3, 2, 1, 0], [1, 2, 3, 4]])
        let (first, second, pooled) = student {
            (Ex6.maxPool2dForward(image([[1, 2, 3], [4, 5, 6], [7, 8, 9]]), size: 3, stride: 3),
             Ex6.maxPool2dForward(image([[5, 2, 1], [5, 7, 1], [9, 5, 12]]), size: 3, stride: 3),
             Ex6.maxPool2dForward(x, size: 2))
        }
        guard expectClose(first, Tensor([[[[9]]]]), "maxPool2dForward (forward), 3×3 window, of [[1,2,3],[4,5,6],[7,8,9]]") else { return }
        guard expectClose(second, Tensor([[[[12]]]]), "maxPool2dForward (forward), 3×3 window, of [[5,2,1],[5,7,1],[9,5,12]]") else { return }
        guard expectClose(pooled, Tensor([[[[6, 8], [3, 4]]]]),
                          "maxPool2dForward (forward) of [[1,1,2,4],[5,6,7,8],[3,2,1,0],[1,2,3,4]] with size 2 and no stride argument (the default stride is the window size, 2)") else { return }
        // Backward: each dy entry lands on the maximum of its window (6, 8, 3 and 4).
        let dx = student { Ex6.maxPool2dBackward(Tensor([[[[1, 2], [3, 4]]]]), x: x, size: 2) }
        expectClose(dx, image([[0, 0, 0, 0], [0, 1, 0, 2], [3, 0, 0, 0], [0, 0, 0, 4]]),
                    "maxPool2dBackward (backward) of the 4×4 example with dy = [[1, 2], [3, 4]], size 2 and no stride argument (the default stride is the window size, 2): only the maxima receive dy")
    }

    /// The forward pass on its own, against the oracle, on random inputs shifted down so that many
    /// windows hold only negative values: the default stride (the window size), overlapping 3×3
    /// windows with stride 2, and 2×2 windows with stride 1.
    func testForwardAgainstOracle() {
        let cases: [([Int], Int, Int?, UInt64)] = [([2, 3, 4, 6], 2, nil, 23), ([2, 2, 7, 9], 3, 2, 24), ([3, 2, 5, 4], 2, 1, 25)]
        for (shape, size, stride, salt) in cases {
            var generator = checkGenerator(salt)
            let x = Tensor.normal(shape, using: &generator) - 1
            let y = student { () -> Tensor in
                if let stride { return Ex6.maxPool2dForward(x, size: size, stride: stride) }
                return Ex6.maxPool2dForward(x, size: size)
            }
            let setting = stride.map { "stride \($0)" } ?? "no stride argument (the default stride is the window size, \(size))"
            guard expectClose(y, poolForwardOracle(x, size: size, stride: stride ?? size, maxOfWindow),
                              "maxPool2dForward (the forward pass, on its own) of \(format(shape)) with values mostly below 0, size \(size), \(setting)") else { return }
        }
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

    /// The forward pass against the oracle's (first, with its own message), the backward against
    /// centred differences of the oracle's forward.
    private func checkMaxPoolGradient(shape: [Int], size: Int, stride: Int, salt: UInt64) {
        var generator = checkGenerator(salt)
        let x = Tensor.normal(shape, using: &generator)
        let dy = Tensor.normal(poolOutputShape(shape, size: size, stride: stride), using: &generator)
        let (y, analytic) = student {
            (Ex6.maxPool2dForward(x, size: size, stride: stride), Ex6.maxPool2dBackward(dy, x: x, size: size, stride: stride))
        }
        guard expectClose(y, poolForwardOracle(x, size: size, stride: stride, maxOfWindow),
                          "maxPool2dForward (the forward pass, checked before the gradient) of \(format(shape)) with size \(size), stride \(stride)") else { return }
        expectGradient(analytic, matches: numericGradient(at: x) { (poolForwardOracle($0, size: size, stride: stride, maxOfWindow) * dy).sum() },
                       parameter: "x of maxPool2dBackward (the backward pass) \(format(shape)), size \(size), stride \(stride)", tolerance: 1e-6)
    }
}

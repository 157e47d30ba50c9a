import XCTest
import TensorCore
import CheckSupport
import Ex6

/// ex6.3: average and min pooling, forward and backward.
final class AvgMinPoolChecks: XCTestCase {
    private func image(_ rows: [[Double]]) -> Tensor { Tensor([[rows]]) }

    /// The lecture's maps; the 4×4 one pooled without `stride:` (the default stride is the window size).
    func testWorkedExamples() {
        let x = image([[1, 1, 2, 4], [5, 6, 7, 8], [3, 2, 1, 0], [1, 2, 3, 4]])
        let nine = image([[5, 2, 1], [5, 7, 1], [9, 5, 12]])
        let (average, minimum, averageNine, minimumNine) = student {
            (Ex6.avgPool2dForward(x, size: 2), Ex6.minPool2dForward(x, size: 2),
             Ex6.avgPool2dForward(nine, size: 3, stride: 3), Ex6.minPool2dForward(nine, size: 3, stride: 3))
        }
        guard expectClose(average, Tensor([[[[3.25, 5.25], [2, 2]]]]), tolerance: 1e-12,
                          "avgPool2dForward (forward) of the lecture's 4×4 map with size 2 and no stride argument (the default stride is the window size, 2)") else { return }
        guard expectClose(minimum, Tensor([[[[1, 2], [1, 0]]]]),
                          "minPool2dForward (forward) of the lecture's 4×4 map with size 2 and no stride argument (the default stride is the window size, 2)") else { return }
        let mean: Double = 47.0 / 9
        guard expectClose(averageNine, Tensor(shape: [1, 1, 1, 1], scalars: [mean]), tolerance: 1e-12,
                          "3×3 average pooling of [[5,2,1],[5,7,1],[9,5,12]]") else { return }
        expectClose(minimumNine, Tensor([[[[1]]]]), "3×3 min pooling of [[5,2,1],[5,7,1],[9,5,12]]")
    }

    /// Average pooling spreads dy evenly: dy / (k·k) to each element of the window. Called without
    /// `stride:`: the default stride is the window size.
    func testAverageBackwardByHand() {
        let dx = student { Ex6.avgPool2dBackward(Tensor([[[[4, 8]]]]), inputShape: [1, 1, 2, 4], size: 2) }
        expectClose(dx, image([[1, 1, 2, 2], [1, 1, 2, 2]]), tolerance: 1e-12,
                    "avgPool2dBackward (backward) of dy = [[4, 8]] over two 2×2 windows, size 2 and no stride argument (the default stride is the window size, 2): each element receives dy/4")
    }

    /// Min pooling sends dy to the first minimum in row-major order, and nowhere else; the lecture's
    /// 4×4 map is pooled without `stride:` (the default stride is the window size).
    func testMinBackwardTies() {
        let x = image([[5, 2, 1], [5, 7, 1], [9, 5, 12]])
        let map = image([[1, 1, 2, 4], [5, 6, 7, 8], [3, 2, 1, 0], [1, 2, 3, 4]])
        let (dx, dMap) = student {
            (Ex6.minPool2dBackward(Tensor([[[[3]]]]), x: x, size: 3, stride: 3),
             Ex6.minPool2dBackward(Tensor([[[[1, 2], [3, 4]]]]), x: map, size: 2))
        }
        guard expectClose(dx, image([[0, 0, 3], [0, 0, 0], [0, 0, 0]]),
                          "minPool2dBackward (backward) of [[5,2,1],[5,7,1],[9,5,12]] with dy = 3: the minimum 1 appears twice, all of dy goes to the first one (row 0, column 2)") else { return }
        // Windows [[1,1],[5,6]] (the first 1, at (0, 0)), [[2,4],[7,8]] (2), [[3,2],[1,2]] (1 at (3, 0)), [[1,0],[3,4]] (0).
        expectClose(dMap, image([[1, 0, 2, 0], [0, 0, 0, 0], [0, 0, 0, 4], [3, 0, 0, 0]]),
                    "minPool2dBackward (backward) of [[1,1,2,4],[5,6,7,8],[3,2,1,0],[1,2,3,4]] with dy = [[1, 2], [3, 4]], size 2 and no stride argument (the default stride is the window size, 2): each dy to the first minimum of its window")
    }

    func testAverageGradient() {
        let cases: [([Int], Int, Int, UInt64)] = [([2, 3, 6, 4], 2, 2, 31), ([3, 2, 5, 7], 3, 1, 32)]
        for (shape, size, stride, salt) in cases {
            var generator = checkGenerator(salt)
            let x = Tensor.normal(shape, using: &generator)
            let dy = Tensor.normal(poolOutputShape(shape, size: size, stride: stride), using: &generator)
            let (y, analytic) = student {
                (Ex6.avgPool2dForward(x, size: size, stride: stride), Ex6.avgPool2dBackward(dy, inputShape: shape, size: size, stride: stride))
            }
            let setting = "\(format(shape)), size \(size), stride \(stride)"
            guard expectClose(y, poolForwardOracle(x, size: size, stride: stride, meanOfWindow), tolerance: 1e-12,
                              "avgPool2dForward (the forward pass, checked before the gradient) of \(setting)") else { return }
            let numeric = numericGradient(at: x) { (poolForwardOracle($0, size: size, stride: stride, meanOfWindow) * dy).sum() }
            guard expectGradient(analytic, matches: numeric, parameter: "x of avgPool2dBackward (the backward pass) \(setting)", tolerance: 1e-6) else { return }
        }
    }

    func testMinGradient() {
        let cases: [([Int], Int, Int, UInt64)] = [([2, 3, 6, 4], 2, 2, 33), ([2, 2, 7, 5], 3, 2, 34)]
        for (shape, size, stride, salt) in cases {
            var generator = checkGenerator(salt)
            let x = Tensor.normal(shape, using: &generator)
            let dy = Tensor.normal(poolOutputShape(shape, size: size, stride: stride), using: &generator)
            let (y, analytic) = student {
                (Ex6.minPool2dForward(x, size: size, stride: stride), Ex6.minPool2dBackward(dy, x: x, size: size, stride: stride))
            }
            let setting = "\(format(shape)), size \(size), stride \(stride)"
            guard expectClose(y, poolForwardOracle(x, size: size, stride: stride, minOfWindow),
                              "minPool2dForward (the forward pass, checked before the gradient) of \(setting)") else { return }
            let numeric = numericGradient(at: x) { (poolForwardOracle($0, size: size, stride: stride, minOfWindow) * dy).sum() }
            guard expectGradient(analytic, matches: numeric, parameter: "x of minPool2dBackward (the backward pass) \(setting)", tolerance: 1e-6) else { return }
        }
    }
}

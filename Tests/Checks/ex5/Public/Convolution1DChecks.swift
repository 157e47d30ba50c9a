import XCTest
import TensorCore
import CheckSupport
import Ex5

/// ex5.2: 1D cross-correlation and true convolution.
final class Convolution1DChecks: XCTestCase {
    /// The lecture: [3, 3, 3, 0, 0] padded to 6 (one zero at the end), kernel [+1, −1], stride 2 → 3 outputs.
    func testLectureExample() {
        let x = Tensor([3, 3, 3, 0, 0])
        let kernel = Tensor([1, -1])
        guard expectClose(Ex5.correlate1D(x, kernel: kernel, stride: 2, padding: (0, 1)), Tensor([0, 3, 0]),
                          "correlate1D of [3, 3, 3, 0, 0], kernel [+1, −1], stride 2, padding (before 0, after 1)") else { return }
        guard expectClose(Ex5.convolve1D(x, kernel: kernel, stride: 2, padding: (0, 1)), Tensor([0, -3, 0]),
                          "convolve1D (kernel flipped to [−1, +1]) of the same input") else { return }
        expectClose(Ex5.correlate1D(x, kernel: kernel), Tensor([0, 0, 3, 0]),
                    "correlate1D of [3, 3, 3, 0, 0] with [+1, −1], stride 1, no padding (4 outputs)")
    }

    /// Random input, an asymmetric 3-tap kernel, stride 2 with padding (1, 1) and stride 3 with padding (2, 0).
    func testAgainstOracle() {
        var generator = checkGenerator(521)
        let kernel = Tensor.normal([3], using: &generator)
        for (length, stride, padding) in [(11, 2, (1, 1)), (10, 3, (2, 0)), (6, 1, (0, 0))] {
            let x = Tensor.normal([length], using: &generator)
            let what = "x [\(length)], kernel [3], stride \(stride), padding (before \(padding.0), after \(padding.1))"
            guard expectClose(Ex5.correlate1D(x, kernel: kernel, stride: stride, padding: padding),
                              correlateOracle(x, kernel, stride, padding.0, padding.1), tolerance: 1e-12, "correlate1D with \(what)") else { return }
            let flipped = Tensor(shape: [3], scalars: kernel.scalars.reversed())
            guard expectClose(Ex5.convolve1D(x, kernel: kernel, stride: stride, padding: padding),
                              correlateOracle(x, flipped, stride, padding.0, padding.1), tolerance: 1e-12, "convolve1D with \(what)") else { return }
        }
    }
}

private func correlateOracle(_ x: Tensor, _ w: Tensor, _ stride: Int, _ before: Int, _ after: Int) -> Tensor {
    let padded = [Double](repeating: 0, count: before) + x.scalars + [Double](repeating: 0, count: after)
    let outputs = (padded.count - w.count) / stride + 1
    let values = (0..<outputs).map { i in (0..<w.count).reduce(0.0) { $0 + padded[i * stride + $1] * w[$1] } }
    return Tensor(values)
}

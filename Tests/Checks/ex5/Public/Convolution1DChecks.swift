import Testing
import TensorCore
import CheckSupport
import Ex5

/// One random 1D configuration: input length, stride, padding at the two ends.
struct Conv1DCase: Sendable, CustomTestStringConvertible {
    var index: Int, length: Int, stride: Int, before: Int, after: Int, taps = 3
    var testDescription: String { "x [\(length)], kernel [\(taps)], stride \(stride), padding (\(before), \(after))" }

    /// Stride 2 with padding (1, 1), stride 3 with padding (2, 0), stride 1 without padding; a 1-tap
    /// kernel; a 2-tap kernel with stride 3 (padded 8 − 2 = 6 tiles, 8 + 2 would not); a kernel as
    /// long as the padded input (one output).
    static let all = [
        Conv1DCase(index: 0, length: 11, stride: 2, before: 1, after: 1),
        Conv1DCase(index: 1, length: 10, stride: 3, before: 2, after: 0),
        Conv1DCase(index: 2, length: 6, stride: 1, before: 0, after: 0),
        Conv1DCase(index: 3, length: 7, stride: 2, before: 0, after: 0, taps: 1),
        Conv1DCase(index: 4, length: 5, stride: 3, before: 1, after: 2, taps: 2),
        Conv1DCase(index: 5, length: 4, stride: 1, before: 1, after: 1, taps: 6),
    ]
}

/// ex5.2: 1D cross-correlation and true convolution.
@Suite struct Convolution1DChecks {
    /// The lecture: [3, 3, 3, 0, 0] padded to 6 (one zero at the end), kernel [+1, −1], stride 2 → 3 outputs.
    @Test func lectureExample() {
        let x = Tensor([3, 3, 3, 0, 0])
        let kernel = Tensor([1, -1])
        let (correlation, convolution, defaults) = student {
            (Ex5.correlate1D(x, kernel: kernel, stride: 2, padding: (0, 1)),
             Ex5.convolve1D(x, kernel: kernel, stride: 2, padding: (0, 1)),
             Ex5.correlate1D(x, kernel: kernel))
        }
        guard expectClose(correlation, Tensor([0, 3, 0]),
                          "correlate1D of [3, 3, 3, 0, 0], kernel [+1, −1], stride 2, padding (before 0, after 1)") else { return }
        guard expectClose(convolution, Tensor([0, -3, 0]),
                          "convolve1D (kernel flipped to [−1, +1]) of the same input") else { return }
        expectClose(defaults, Tensor([0, 0, 3, 0]),
                    "correlate1D of [3, 3, 3, 0, 0] with [+1, −1], stride 1, no padding (4 outputs)")
    }

    /// Random input, a random (asymmetric) kernel, against the sums written out.
    @Test(arguments: Conv1DCase.all)
    func againstOracle(of c: Conv1DCase) {
        var generator = checkGenerator(521 + UInt64(c.index))
        let kernel = Tensor.normal([c.taps], using: &generator)
        let x = Tensor.normal([c.length], using: &generator)
        let (correlation, convolution) = student {
            (Ex5.correlate1D(x, kernel: kernel, stride: c.stride, padding: (c.before, c.after)),
             Ex5.convolve1D(x, kernel: kernel, stride: c.stride, padding: (c.before, c.after)))
        }
        let what = "x [\(c.length)], kernel [\(c.taps)], stride \(c.stride), padding (before \(c.before), after \(c.after))"
        guard expectClose(correlation, correlateOracle(x, kernel, stride: c.stride, before: c.before, after: c.after), tolerance: 1e-12,
                          "correlate1D with \(what)") else { return }
        expectClose(convolution, convolveOracle(x, kernel, stride: c.stride, before: c.before, after: c.after), tolerance: 1e-12,
                    "convolve1D (the kernel reversed) with \(what)")
    }
}

import XCTest
import TensorCore
import CheckSupport
import Ex5

/// Hidden checks for ex5: sweeps and random inputs of awkward shapes against oracles written out here.
final class Ex5HiddenChecks: XCTestCase {
    // MARK: ex5.1

    /// Every input 1–12, kernel 1–5, stride 1–3, padding 0–2: the size when the windows tile,
    /// an error otherwise; and paddingForOutput inverts convOutputSize.
    func testOutputSizeSweep() {
        for input in 1...12 { for kernel in 1...5 { for stride in 1...3 { for padding in 0...2 {
            let span = input + 2 * padding - kernel
            let what = "convOutputSize(input: \(input), kernel: \(kernel), stride: \(stride), padding: \(padding))"
            let observed = try? Ex5.convOutputSize(input: input, kernel: kernel, stride: stride, padding: padding)
            if span >= 0 && span % stride == 0 {
                let expected = span / stride + 1
                guard expectEqual(observed, expected, what) else { return }
                let z = try? Ex5.paddingForOutput(input: input, output: expected, kernel: kernel, stride: stride)
                guard expectEqual(z, padding, "paddingForOutput(input: \(input), output: \(expected), kernel: \(kernel), stride: \(stride))") else { return }
            } else {
                guard expectTrue(observed == nil, "\(what): the windows do not fit or do not tile, so it must throw; observed \(observed.map(String.init) ?? "nil")") else { return }
            }
        } } } }
    }

    // MARK: ex5.2

    func testConvolve1DProperties() {
        // NumPy's convolve(mode: "valid"): [1, 2, 3, 4] with [1, 0, −1] → [2, 2]; the correlation is [−2, −2].
        guard expectClose(Ex5.convolve1D(Tensor([1, 2, 3, 4]), kernel: Tensor([1, 0, -1])), Tensor([2, 2]),
                          "convolve1D([1, 2, 3, 4], kernel [1, 0, −1]) (as numpy.convolve(mode: \"valid\"))") else { return }
        guard expectClose(Ex5.correlate1D(Tensor([1, 2, 3, 4]), kernel: Tensor([1, 0, -1])), Tensor([-2, -2]),
                          "correlate1D([1, 2, 3, 4], kernel [1, 0, −1])") else { return }
        var generator = checkGenerator(5201)
        let x = Tensor.normal([9], using: &generator)
        // A symmetric kernel: convolution and correlation agree (stride 2, padding (1, 1)).
        let symmetric = Tensor([0.5, -1, 2, -1, 0.5])
        guard expectClose(Ex5.convolve1D(x, kernel: symmetric, stride: 2, padding: (1, 1)),
                          Ex5.correlate1D(x, kernel: symmetric, stride: 2, padding: (1, 1)), tolerance: 1e-12,
                          "convolve1D and correlate1D with the symmetric kernel [0.5, −1, 2, −1, 0.5]") else { return }
        // Stride 4 with padding only in front: x [9] padded to 12, kernel 4 → 3 outputs.
        let kernel = Tensor([1, -2, 0.5, 3])
        let padded = [0, 0, 0] + x.scalars
        let expected = Tensor((0..<3).map { i in (0..<4).reduce(0.0) { $0 + padded[i * 4 + $1] * kernel[$1] } })
        expectClose(Ex5.correlate1D(x, kernel: kernel, stride: 4, padding: (3, 0)), expected, tolerance: 1e-12,
                    "correlate1D with x [9], kernel [4], stride 4, padding (before 3, after 0)")
    }

    // MARK: ex5.3

    func testConv2DOracle() {
        var generator = checkGenerator(5301)
        let configs: [(n: Int, c: Int, h: Int, w: Int, f: Int, kh: Int, kw: Int, s: Int, p: Int)] = [
            (3, 1, 7, 7, 1, 3, 3, 3, 1), (1, 4, 4, 9, 5, 2, 3, 2, 2), (2, 3, 6, 5, 2, 5, 1, 1, 0), (1, 2, 1, 1, 3, 1, 1, 1, 0),
        ]
        for g in configs {
            let x = Tensor.normal([g.n, g.c, g.h, g.w], using: &generator)
            let weight = Tensor.normal([g.f, g.c, g.kh, g.kw], using: &generator)
            let bias = Tensor.normal([g.f], using: &generator)
            let expected = oracle(x, weight, bias, stride: g.s, padding: g.p)
            guard expectClose(Ex5.conv2dForward(x, weight: weight, bias: bias, stride: g.s, padding: g.p), expected, tolerance: 1e-10,
                              "conv2dForward with x \(format(x.shape)), weight \(format(weight.shape)), stride \(g.s), padding \(g.p)") else { return }
        }
    }

    /// All-ones 2×2 filters over 3 constant channels (1, 2, 3): every output is 4·(1 + 2 + 3) plus THAT filter's bias.
    func testBiasPerFilterAndChannelSum() {
        var scalars: [Double] = []
        for image in 0..<2 { for channel in 0..<3 { scalars += [Double](repeating: Double(channel + 1 + image), count: 4 * 5) } }
        let x = Tensor(shape: [2, 3, 4, 5], scalars: scalars)
        let weight = Tensor(shape: [3, 3, 2, 2], repeating: 1)
        let bias = Tensor([1, -2, 10])
        let y = Ex5.conv2dForward(x, weight: weight, bias: bias, stride: 1, padding: 0)
        guard expectShape(y, [2, 3, 3, 4], "3 filters of 2×2 over [2, 3, 4, 5]") else { return }
        for image in 0..<2 {
            let channelSum = Double(6 + 3 * image)
            for filter in 0..<3 {
                let expected = Tensor(shape: [3, 4], repeating: 4 * channelSum + bias[filter])
                let map = Tensor(shape: [3, 4], scalars: Array(y.scalars[((image * 3 + filter) * 12)..<((image * 3 + filter + 1) * 12)]))
                guard expectClose(map, expected, tolerance: 1e-12,
                                  "output map of image \(image), filter \(filter): the sum over all 3 channels plus bias[\(filter)] = \(format(bias[filter]))") else { return }
            }
        }
    }

    // MARK: ex5.4

    func testParameterCountAsymmetric() {
        guard expectEqual(Ex5.convParameterCount(inChannels: 3, outChannels: 7, kernelHeight: 2, kernelWidth: 5), 217,
                          "conv 2×5, 3 → 7 channels, with biases (7·3·2·5 + 7)") else { return }
        guard expectEqual(Ex5.convParameterCount(inChannels: 3, outChannels: 7, kernelHeight: 2, kernelWidth: 5, includeBiases: false), 210,
                          "conv 2×5, 3 → 7 channels, weights only") else { return }
        expectEqual(Ex5.convParameterCount(inChannels: 3, outChannels: 96, kernelSize: 11), 34_944, "AlexNet's conv1: 11×11, 3 → 96, with biases")
    }

    private func oracle(_ x: Tensor, _ w: Tensor, _ b: Tensor, stride: Int, padding: Int) -> Tensor {
        let (n, c, h, wd) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let (f, kh, kw) = (w.shape[0], w.shape[2], w.shape[3])
        let oh = (h + 2 * padding - kh) / stride + 1, ow = (wd + 2 * padding - kw) / stride + 1
        var y = Tensor.zeros([n, f, oh, ow])
        for a in 0..<n { for o in 0..<f { for i in 0..<oh { for j in 0..<ow {
            var sum = b[o]
            for ch in 0..<c { for p in 0..<kh { for q in 0..<kw {
                let row = i * stride + p - padding, column = j * stride + q - padding
                if row >= 0 && row < h && column >= 0 && column < wd { sum += w[o, ch, p, q] * x[a, ch, row, column] }
            } } }
            y[a, o, i, j] = sum
        } } } }
        return y
    }
}

import Testing
import TensorCore
import CheckSupport
import Ex5

/// One awkward 2D configuration.
struct Conv2DCase: Sendable, CustomTestStringConvertible {
    var index: Int, n: Int, c: Int, h: Int, w: Int, f: Int, kh: Int, kw: Int, s: Int, p: Int
    var testDescription: String { "x [\(n), \(c), \(h), \(w)], weight [\(f), \(c), \(kh), \(kw)], stride \(s), padding \(p)" }

    /// Stride 3 with padding 1, padding 2, a 5×1 kernel, 1×1 images; stride 3 with a 2×4 kernel
    /// (8 − 2 and 10 − 4 are multiples of 3, 8 + 2 and 10 + 4 are not).
    static let all = [
        Conv2DCase(index: 0, n: 3, c: 1, h: 7, w: 7, f: 1, kh: 3, kw: 3, s: 3, p: 1),
        Conv2DCase(index: 1, n: 1, c: 4, h: 4, w: 9, f: 5, kh: 2, kw: 3, s: 2, p: 2),
        Conv2DCase(index: 2, n: 2, c: 3, h: 6, w: 5, f: 2, kh: 5, kw: 1, s: 1, p: 0),
        Conv2DCase(index: 3, n: 1, c: 2, h: 1, w: 1, f: 3, kh: 1, kw: 1, s: 1, p: 0),
        Conv2DCase(index: 4, n: 2, c: 2, h: 8, w: 10, f: 3, kh: 2, kw: 4, s: 3, p: 0),
    ]
}

/// Hidden checks for ex5: sweeps and random inputs of awkward shapes against oracles written out here.
@Suite struct Ex5HiddenChecks {
    // MARK: ex5.1

    /// For each input 1–12, every kernel 1–5, stride 1–3, padding 0–2: the size when the windows tile,
    /// the right error otherwise; and paddingForOutput inverts convOutputSize.
    ///
    /// Every call of one case is made in one closure before anything is compared, so a case that
    /// fails early leaves no recorded value behind for the next case to read.
    @Test(arguments: 1...12)
    func outputSizeSweep(input: Int) {
        var configurations: [(kernel: Int, stride: Int, padding: Int)] = []
        for kernel in 1...5 { for stride in 1...3 { for padding in 0...2 { configurations.append((kernel, stride, padding)) } } }
        // The wanted output of each configuration that tiles, for paddingForOutput (0 where none does).
        let outputs = configurations.map { outputSizeOracle(input: input, kernel: $0.kernel, stride: $0.stride, padding: $0.padding) ?? 0 }
        let (sizes, sizeErrors, paddings, paddingErrors) = student {
            var sizes: [Int?] = [], sizeErrors: [String?] = [], paddings: [Int?] = [], paddingErrors: [String?] = []
            for (c, output) in zip(configurations, outputs) {
                let size = outcome { try Ex5.convOutputSize(input: input, kernel: c.kernel, stride: c.stride, padding: c.padding) }
                sizes.append(size.0); sizeErrors.append(size.1)
                let padding = output > 0 ? outcome { try Ex5.paddingForOutput(input: input, output: output, kernel: c.kernel, stride: c.stride) } : (nil, nil)
                paddings.append(padding.0); paddingErrors.append(padding.1)
            }
            return (sizes, sizeErrors, paddings, paddingErrors)
        }
        guard expectEqual(sizes.count, configurations.count, "number of convOutputSize results recorded for input \(input)"),
              expectEqual(sizeErrors.count, configurations.count, "number of convOutputSize errors recorded for input \(input)"),
              expectEqual(paddings.count, configurations.count, "number of paddingForOutput results recorded for input \(input)"),
              expectEqual(paddingErrors.count, configurations.count, "number of paddingForOutput errors recorded for input \(input)") else { return }
        for (i, c) in configurations.enumerated() {
            let (kernel, stride, padding) = c
            let what = "convOutputSize(input: \(input), kernel: \(kernel), stride: \(stride), padding: \(padding))"
            let observed = (sizes[i], sizeErrors[i])
            if let expected = outputSizeOracle(input: input, kernel: kernel, stride: stride, padding: padding) {
                guard expectValue(observed, expected, what) else { return }
                guard expectValue((paddings[i], paddingErrors[i]), padding,
                                  "paddingForOutput(input: \(input), output: \(expected), kernel: \(kernel), stride: \(stride))") else { return }
            } else if input + 2 * padding < kernel {
                guard expectThrown(observed, "ConvolutionError.kernelLargerThanInput(input: \(input), kernel: \(kernel), padding: \(padding))",
                                   "\(what): the kernel does not fit the padded input, so it must throw") else { return }
            } else {
                guard expectThrown(observed, "ConvolutionError.doesNotTile(input: \(input), kernel: \(kernel), stride: \(stride), padding: \(padding))",
                                   "\(what): the windows do not tile, so it must throw") else { return }
            }
        }
    }

    // MARK: ex5.2

    @Test func convolve1DProperties() {
        var generator = checkGenerator(5201)
        let x = Tensor.normal([9], using: &generator)
        let symmetric = Tensor([0.5, -1, 2, -1, 0.5])
        let kernel = Tensor([1, -2, 0.5, 3])
        let (numpyConvolve, numpyCorrelate, symmetricConvolve, symmetricCorrelate, stride4) = student {
            (Ex5.convolve1D(Tensor([1, 2, 3, 4]), kernel: Tensor([1, 0, -1])),
             Ex5.correlate1D(Tensor([1, 2, 3, 4]), kernel: Tensor([1, 0, -1])),
             Ex5.convolve1D(x, kernel: symmetric, stride: 2, padding: (1, 1)),
             Ex5.correlate1D(x, kernel: symmetric, stride: 2, padding: (1, 1)),
             Ex5.correlate1D(x, kernel: kernel, stride: 4, padding: (3, 0)))
        }
        // NumPy's convolve(mode: "valid"): [1, 2, 3, 4] with [1, 0, −1] → [2, 2]; the correlation is [−2, −2].
        guard expectClose(numpyConvolve, Tensor([2, 2]),
                          "convolve1D([1, 2, 3, 4], kernel [1, 0, −1]) (as numpy.convolve(mode: \"valid\"))") else { return }
        guard expectClose(numpyCorrelate, Tensor([-2, -2]), "correlate1D([1, 2, 3, 4], kernel [1, 0, −1])") else { return }
        // A symmetric kernel: convolution and correlation agree (stride 2, padding (1, 1)), and both are the oracle's.
        guard expectClose(symmetricCorrelate, correlateOracle(x, symmetric, stride: 2, before: 1, after: 1), tolerance: 1e-12,
                          "correlate1D with the symmetric kernel [0.5, −1, 2, −1, 0.5], x [9], stride 2, padding (1, 1)") else { return }
        guard expectClose(symmetricConvolve, symmetricCorrelate, tolerance: 1e-12,
                          "convolve1D and correlate1D with the symmetric kernel [0.5, −1, 2, −1, 0.5] (they must agree)") else { return }
        // Stride 4 with padding only in front: x [9] padded to 12, kernel 4 → 3 outputs.
        let padded = [0, 0, 0] + x.scalars
        expectClose(stride4, Tensor((0..<3).map { i in (0..<4).reduce(0.0) { $0 + padded[i * 4 + $1] * kernel[$1] } }), tolerance: 1e-12,
                    "correlate1D with x [9], kernel [4], stride 4, padding (before 3, after 0)")
    }

    // MARK: ex5.3

    @Test(arguments: Conv2DCase.all)
    func conv2DOracle(of g: Conv2DCase) {
        var generator = checkGenerator(5301 + UInt64(g.index))
        let x = Tensor.normal([g.n, g.c, g.h, g.w], using: &generator)
        let weight = Tensor.normal([g.f, g.c, g.kh, g.kw], using: &generator)
        let bias = Tensor.normal([g.f], using: &generator)
        let y = student { Ex5.conv2dForward(x, weight: weight, bias: bias, stride: g.s, padding: g.p) }
        expectClose(y, conv2dOracle(x, weight, bias, stride: g.s, padding: g.p), tolerance: 1e-10,
                    "conv2dForward with x \(format(x.shape)), weight \(format(weight.shape)), stride \(g.s), padding \(g.p)")
    }

    /// All-ones 2×2 filters over 3 constant channels (1, 2, 3): every output is 4·(1 + 2 + 3) plus THAT filter's bias.
    @Test func biasPerFilterAndChannelSum() {
        var scalars: [Double] = []
        for image in 0..<2 { for channel in 0..<3 { scalars += [Double](repeating: Double(channel + 1 + image), count: 4 * 5) } }
        let x = Tensor(shape: [2, 3, 4, 5], scalars: scalars)
        let weight = Tensor(shape: [3, 3, 2, 2], repeating: 1)
        let bias = Tensor([1, -2, 10])
        let y = student { Ex5.conv2dForward(x, weight: weight, bias: bias, stride: 1, padding: 0) }
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

    @Test func parameterCountAsymmetric() {
        let (withBiases, weightsOnly, alexNet, ones, pointwise) = student {
            (Ex5.convParameterCount(inChannels: 3, outChannels: 7, kernelHeight: 2, kernelWidth: 5),
             Ex5.convParameterCount(inChannels: 3, outChannels: 7, kernelHeight: 2, kernelWidth: 5, includeBiases: false),
             Ex5.convParameterCount(inChannels: 3, outChannels: 96, kernelSize: 11),
             Ex5.convParameterCount(inChannels: 1, outChannels: 1, kernelHeight: 1, kernelWidth: 3),
             Ex5.convParameterCount(inChannels: 64, outChannels: 32, kernelHeight: 1, kernelWidth: 1))
        }
        guard expectEqual(withBiases, convParameterOracle(inChannels: 3, outChannels: 7, kernelHeight: 2, kernelWidth: 5),
                          "conv 2×5, 3 → 7 channels, with biases (7·3·2·5 + 7 = 217)") else { return }
        guard expectEqual(weightsOnly, convParameterOracle(inChannels: 3, outChannels: 7, kernelHeight: 2, kernelWidth: 5, includeBiases: false),
                          "conv 2×5, 3 → 7 channels, weights only (210)") else { return }
        guard expectEqual(alexNet, 34_944, "AlexNet's conv1: 11×11, 3 → 96, with biases") else { return }
        // 1 is a valid channel count and kernel size.
        guard expectEqual(ones, convParameterOracle(inChannels: 1, outChannels: 1, kernelHeight: 1, kernelWidth: 3),
                          "conv 1×3, 1 → 1 channel, with biases (1·1·1·3 + 1 = 4)") else { return }
        expectEqual(pointwise, convParameterOracle(inChannels: 64, outChannels: 32, kernelHeight: 1, kernelWidth: 1),
                    "a 1×1 convolution, 64 → 32 channels, with biases (32·64 + 32 = 2,080)")
    }
}

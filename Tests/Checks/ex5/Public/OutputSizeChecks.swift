import Testing
import TensorCore
import CheckSupport
import Ex5

/// One call of `convOutputSize` and the size it must give.
struct OutputSizeCase: Sendable, CustomTestStringConvertible {
    var input: Int, kernel: Int, stride: Int, padding: Int, expected: Int
    var testDescription: String { "\(input), kernel \(kernel), stride \(stride), padding \(padding)" }
    var call: String { "convOutputSize(input: \(input), kernel: \(kernel), stride: \(stride), padding: \(padding))" }

    /// The lecture's 7×7 input with a 3×3 kernel, the 32 → 28 of six 5×5 filters, AlexNet's 227 → 55.
    static let lecture = [
        OutputSizeCase(input: 7, kernel: 3, stride: 1, padding: 0, expected: 5),
        OutputSizeCase(input: 7, kernel: 3, stride: 2, padding: 0, expected: 3),
        OutputSizeCase(input: 7, kernel: 3, stride: 3, padding: 1, expected: 3),
        OutputSizeCase(input: 32, kernel: 5, stride: 1, padding: 0, expected: 28),
        OutputSizeCase(input: 32, kernel: 5, stride: 1, padding: 2, expected: 32),
        OutputSizeCase(input: 227, kernel: 11, stride: 4, padding: 0, expected: 55),
        OutputSizeCase(input: 5, kernel: 5, stride: 1, padding: 0, expected: 1),
    ]
}

/// One call of `paddingForOutput`: the padding per side it must give, or why it must throw.
struct PaddingCase: Sendable, CustomTestStringConvertible {
    var input: Int, output: Int, kernel: Int, stride: Int
    /// Nil when no padding gives this output (`reason` says why).
    var expected: Int?
    var reason = ""
    /// An argument below 1: `.invalidArgument`, not `.noIntegerPadding`.
    var invalid = false
    var testDescription: String { "\(input) → \(output), kernel \(kernel), stride \(stride)" }
    var call: String { "paddingForOutput(input: \(input), output: \(output), kernel: \(kernel), stride: \(stride))" }

    /// Z = ((M − 1)·S + F − N)/2: the lecture's N = 7, F = 3, S = 3, M = 3 → 1; "same" padding for a
    /// 5×5 kernel → 2; and four outputs no padding gives (a fraction, a negative fraction, and two
    /// negative integers: the numerator is even there, yet Z < 0 must be rejected); and an argument
    /// below 1 in each place, which is `.invalidArgument`.
    static let all = [
        PaddingCase(input: 7, output: 3, kernel: 3, stride: 3, expected: 1),
        PaddingCase(input: 32, output: 32, kernel: 5, stride: 1, expected: 2),
        PaddingCase(input: 7, output: 7, kernel: 3, stride: 1, expected: 1),
        PaddingCase(input: 7, output: 5, kernel: 3, stride: 1, expected: 0),
        PaddingCase(input: 27, output: 27, kernel: 5, stride: 1, expected: 2),
        PaddingCase(input: 7, output: 6, kernel: 3, stride: 1, expected: nil, reason: "Z = (5 + 3 − 7)/2 = 1/2 is not an integer"),
        PaddingCase(input: 7, output: 2, kernel: 3, stride: 1, expected: nil, reason: "Z = (1 + 3 − 7)/2 = −3/2 is negative"),
        PaddingCase(input: 7, output: 1, kernel: 3, stride: 1, expected: nil, reason: "Z = (0 + 3 − 7)/2 = −2 is an integer, but negative"),
        PaddingCase(input: 9, output: 2, kernel: 3, stride: 2, expected: nil, reason: "Z = (1·2 + 3 − 9)/2 = −2 is an integer, but negative"),
        PaddingCase(input: 0, output: 1, kernel: 3, stride: 1, expected: nil, reason: "input 0", invalid: true),
        PaddingCase(input: 7, output: 0, kernel: 3, stride: 1, expected: nil, reason: "output 0", invalid: true),
        PaddingCase(input: 5, output: 6, kernel: 0, stride: 1, expected: nil, reason: "kernel 0", invalid: true),
        PaddingCase(input: 3, output: 2, kernel: 3, stride: 0, expected: nil, reason: "stride 0", invalid: true),
    ]
}

/// Checks that a call recorded with `outcome` threw `expected` (written as `errorCase` writes it).
@discardableResult
func expectThrown(_ observed: (Int?, String?), _ expected: String, _ what: String, advice: String = "",
                  file: StaticString = #filePath, line: UInt = #line) -> Bool {
    guard expectTrue(observed.0 == nil, "\(what): expected \(expected) to be thrown, observed the size \(observed.0.map(String.init) ?? "")\(advice)",
                     file: file, line: line) else { return false }
    return expectEqual(observed.1 ?? "no error", expected, "\(what): the error thrown", file: file, line: line)
}

/// Checks that a call recorded with `outcome` returned `expected` without throwing.
@discardableResult
func expectValue(_ observed: (Int?, String?), _ expected: Int, _ what: String, file: StaticString = #filePath, line: UInt = #line) -> Bool {
    guard expectTrue(observed.1 == nil, "\(what): expected \(expected), but it threw \(observed.1 ?? "")", file: file, line: line) else { return false }
    return expectEqual(observed.0, expected, what, file: file, line: line)
}

/// ex5.1: output sizes that must tile, and the padding for a wanted output size.
@Suite struct OutputSizeChecks {
    @Test(arguments: OutputSizeCase.lecture)
    func lectureSizes(of c: OutputSizeCase) {
        let observed = student { outcome { try Ex5.convOutputSize(input: c.input, kernel: c.kernel, stride: c.stride, padding: c.padding) } }
        expectValue(observed, c.expected, "\(c.call) (padding counted per side)")
    }

    /// 7×7 with a 3×3 kernel and stride 3 does not tile: an error, never a floored 2.
    @Test func rejectsConfigurationsThatDoNotTile() {
        let notTiling = student { outcome { try Ex5.convOutputSize(input: 7, kernel: 3, stride: 3, padding: 0) } }
        let notTilingPadded = student { outcome { try Ex5.convOutputSize(input: 32, kernel: 5, stride: 2, padding: 1) } }
        let tooLarge = student { outcome { try Ex5.convOutputSize(input: 3, kernel: 7, stride: 1, padding: 1) } }
        // 3 + 2·1 − 6 = −1 is negative AND not a multiple of 2: the kernel's fit is checked first.
        let tooLargeStride2 = student { outcome { try Ex5.convOutputSize(input: 3, kernel: 6, stride: 2, padding: 1) } }
        let strideZero = student { outcome { try Ex5.convOutputSize(input: 7, kernel: 3, stride: 0, padding: 0) } }
        // Arguments out of range come first, before the kernel's fit and the tiling.
        let inputZero = student { outcome { try Ex5.convOutputSize(input: 0, kernel: 3, stride: 2, padding: 0) } }
        let kernelZero = student { outcome { try Ex5.convOutputSize(input: 7, kernel: 0, stride: 1, padding: 0) } }
        let paddingNegative = student { outcome { try Ex5.convOutputSize(input: 7, kernel: 3, stride: 1, padding: -1) } }
        let advice = " (do not floor: reject)"
        expectThrown(notTiling, "ConvolutionError.doesNotTile(input: 7, kernel: 3, stride: 3, padding: 0)",
                     "convOutputSize(input: 7, kernel: 3, stride: 3, padding: 0)", advice: advice)
        expectThrown(notTilingPadded, "ConvolutionError.doesNotTile(input: 32, kernel: 5, stride: 2, padding: 1)",
                     "convOutputSize(input: 32, kernel: 5, stride: 2, padding: 1)", advice: advice)
        expectThrown(tooLarge, "ConvolutionError.kernelLargerThanInput(input: 3, kernel: 7, padding: 1)",
                     "convOutputSize(input: 3, kernel: 7, stride: 1, padding: 1)", advice: " (the kernel does not fit the padded input)")
        expectThrown(tooLargeStride2, "ConvolutionError.kernelLargerThanInput(input: 3, kernel: 6, padding: 1)",
                     "convOutputSize(input: 3, kernel: 6, stride: 2, padding: 1): 3 + 2·1 − 6 = −1, the kernel does not fit (check that before whether the windows tile)",
                     advice: " (the kernel does not fit the padded input)")
        expectThrown(strideZero, "ConvolutionError.invalidArgument", "convOutputSize(input: 7, kernel: 3, stride: 0, padding: 0): stride 0")
        expectThrown(inputZero, "ConvolutionError.invalidArgument",
                     "convOutputSize(input: 0, kernel: 3, stride: 2, padding: 0): input 0 (an argument out of range is reported first)")
        expectThrown(kernelZero, "ConvolutionError.invalidArgument", "convOutputSize(input: 7, kernel: 0, stride: 1, padding: 0): kernel 0")
        expectThrown(paddingNegative, "ConvolutionError.invalidArgument", "convOutputSize(input: 7, kernel: 3, stride: 1, padding: -1): negative padding")
    }

    @Test(arguments: PaddingCase.all)
    func paddingForOutput(of c: PaddingCase) {
        let observed = student { outcome { try Ex5.paddingForOutput(input: c.input, output: c.output, kernel: c.kernel, stride: c.stride) } }
        if let z = c.expected {
            expectValue(observed, z, "\(c.call) (zeros per side)")
        } else if c.invalid {
            expectThrown(observed, "ConvolutionError.invalidArgument", "\(c.call) (\(c.reason): every argument must be ≥ 1)")
        } else {
            expectThrown(observed, "ConvolutionError.noIntegerPadding(input: \(c.input), output: \(c.output), kernel: \(c.kernel), stride: \(c.stride))",
                         "\(c.call) (\(c.reason))")
        }
    }
}

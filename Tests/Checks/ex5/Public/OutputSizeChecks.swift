import XCTest
import TensorCore
import CheckSupport
import Ex5

/// ex5.1: output sizes that must tile, and the padding for a wanted output size.
final class OutputSizeChecks: XCTestCase {
    /// The lecture's 7×7 input with a 3×3 kernel, the 32 → 28 of six 5×5 filters, AlexNet's 227 → 55.
    func testLectureSizes() {
        let cases: [(input: Int, kernel: Int, stride: Int, padding: Int, expected: Int)] = [
            (7, 3, 1, 0, 5), (7, 3, 2, 0, 3), (7, 3, 3, 1, 3), (32, 5, 1, 0, 28), (32, 5, 1, 2, 32), (227, 11, 4, 0, 55), (5, 5, 1, 0, 1),
        ]
        for c in cases {
            let what = "convOutputSize(input: \(c.input), kernel: \(c.kernel), stride: \(c.stride), padding: \(c.padding)) (padding counted per side)"
            guard let observed = outputSize(c.input, c.kernel, c.stride, c.padding, what) else { return }
            guard expectEqual(observed, c.expected, what) else { return }
        }
    }

    /// 7×7 with a 3×3 kernel and stride 3 does not tile: an error, never a floored 2.
    func testRejectsConfigurationsThatDoNotTile() {
        expectThrows(.doesNotTile(input: 7, kernel: 3, stride: 3, padding: 0), input: 7, kernel: 3, stride: 3, padding: 0)
        expectThrows(.doesNotTile(input: 32, kernel: 5, stride: 2, padding: 1), input: 32, kernel: 5, stride: 2, padding: 1)
        expectThrows(.kernelLargerThanInput(input: 3, kernel: 7, padding: 1), input: 3, kernel: 7, stride: 1, padding: 1)
        do {
            let size = try Ex5.convOutputSize(input: 7, kernel: 3, stride: 0, padding: 0)
            XCTFail("convOutputSize with stride 0: expected ConvolutionError.invalidArgument, observed the size \(size)")
        } catch let error as ConvolutionError {
            guard case .invalidArgument = error else {
                XCTFail("convOutputSize with stride 0: expected ConvolutionError.invalidArgument, observed .\(error)"); return
            }
        } catch {
            XCTFail("convOutputSize with stride 0: expected a ConvolutionError, observed \(error)")
        }
    }

    /// Z = ((M − 1)·S + F − N)/2: the lecture's N = 7, F = 3, S = 3, M = 3 → 1; "same" padding for a 5×5 kernel → 2.
    func testPaddingForOutput() {
        let cases: [(input: Int, output: Int, kernel: Int, stride: Int, expected: Int)] = [
            (7, 3, 3, 3, 1), (32, 32, 5, 1, 2), (7, 7, 3, 1, 1), (7, 5, 3, 1, 0), (27, 27, 5, 1, 2),
        ]
        for c in cases {
            let what = "paddingForOutput(input: \(c.input), output: \(c.output), kernel: \(c.kernel), stride: \(c.stride))"
            do {
                let z = try Ex5.paddingForOutput(input: c.input, output: c.output, kernel: c.kernel, stride: c.stride)
                guard expectEqual(z, c.expected, "\(what) (zeros per side)") else { return }
            } catch {
                XCTFail("\(what): expected \(c.expected), but it threw \(error)"); return
            }
        }
        // Z = (5 + 3 − 7)/2 = 1/2 and Z = (1 + 3 − 7)/2 < 0: no padding gives these outputs.
        for (output, why) in [(6, "Z = 1/2 is not an integer"), (2, "Z = −3/2 is negative")] {
            do {
                let z = try Ex5.paddingForOutput(input: 7, output: output, kernel: 3, stride: 1)
                XCTFail("paddingForOutput(input: 7, output: \(output), kernel: 3, stride: 1): expected ConvolutionError.noIntegerPadding (\(why)), observed \(z)"); return
            } catch let error as ConvolutionError {
                guard expectEqual(error, .noIntegerPadding(input: 7, output: output, kernel: 3, stride: 1),
                                  "paddingForOutput(input: 7, output: \(output), kernel: 3, stride: 1) (\(why))") else { return }
            } catch {
                XCTFail("paddingForOutput(input: 7, output: \(output), …): expected a ConvolutionError, observed \(error)"); return
            }
        }
    }

    private func outputSize(_ input: Int, _ kernel: Int, _ stride: Int, _ padding: Int, _ what: String) -> Int? {
        do {
            return try Ex5.convOutputSize(input: input, kernel: kernel, stride: stride, padding: padding)
        } catch {
            XCTFail("\(what): expected a size, but it threw \(error)")
            return nil
        }
    }

    private func expectThrows(_ expected: ConvolutionError, input: Int, kernel: Int, stride: Int, padding: Int) {
        let what = "convOutputSize(input: \(input), kernel: \(kernel), stride: \(stride), padding: \(padding))"
        do {
            let size = try Ex5.convOutputSize(input: input, kernel: kernel, stride: stride, padding: padding)
            XCTFail("\(what): expected ConvolutionError.\(expected) to be thrown, observed the size \(size) (do not floor: reject)")
        } catch let error as ConvolutionError {
            expectEqual(error, expected, what)
        } catch {
            XCTFail("\(what): expected ConvolutionError.\(expected), observed \(error)")
        }
    }
}

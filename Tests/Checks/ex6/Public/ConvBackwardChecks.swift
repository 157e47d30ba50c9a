import XCTest
import TensorCore
import CheckSupport
import Ex6

/// ex6.1: the backward pass of a 2D convolution.
final class ConvBackwardChecks: XCTestCase {
    /// One channel, one filter, a 3×3 input and a 2×2 kernel, worked by hand.
    func testWorkedExample() {
        let x = Tensor([[[[1, 2, 3], [4, 5, 6], [7, 8, 9]]]])
        let w = Tensor([[[[1, 0], [0, -1]]]])
        let dy = Tensor([[[[1, 2], [3, 4]]]])
        let (dx, dWeight, dBias) = student {
            let g = Ex6.conv2dBackward(dy, x: x, weight: w, stride: 1, padding: 0)
            return (g.dx, g.dWeight, g.dBias)
        }
        // dW[kh, kw] = Σ dy[oh, ow]·x[oh + kh, ow + kw]: e.g. dW[0, 0] = 1·1 + 2·2 + 3·4 + 4·5 = 37.
        guard expectClose(dWeight, Tensor([[[[37, 47], [67, 77]]]]), "dWeight of the 3×3 worked example (dy = [[1, 2], [3, 4]])") else { return }
        guard expectClose(dBias, Tensor([10]), "dBias of the worked example (the sum of every dy entry)") else { return }
        // dx[i, j] = Σ dy[oh, ow]·w[i − oh, j − ow]: each dy entry stamps the kernel onto its window.
        expectClose(dx, Tensor([[[[1, 2, 0], [3, 3, -2], [0, -3, -4]]]]), "dx of the worked example")
    }

    /// N = 2, C = 3, F = 4, a 2×3 kernel, stride 1, no padding.
    func testGradientsStride1NoPadding() {
        checkConvGradients(n: 2, c: 3, h: 5, w: 6, f: 4, kh: 2, kw: 3, stride: 1, padding: 0, salt: 11)
    }

    /// N = 3, C = 2, F = 3, a 3×2 kernel, stride 2, padding 1 on each side.
    func testGradientsStride2Padding1() {
        checkConvGradients(n: 3, c: 2, h: 7, w: 6, f: 3, kh: 3, kw: 2, stride: 2, padding: 1, salt: 12)
    }

    /// Compares dx, dW and db with centred differences of L = Σ dy ⊙ conv(x, W, b), dy random, the
    /// convolution being the oracle's (written out in Ex6Oracles.swift).
    private func checkConvGradients(n: Int, c: Int, h: Int, w: Int, f: Int, kh: Int, kw: Int, stride: Int, padding: Int, salt: UInt64) {
        var generator = checkGenerator(salt)
        let x = Tensor.normal([n, c, h, w], using: &generator)
        let weight = Tensor.normal([f, c, kh, kw], using: &generator)
        let bias = Tensor.normal([f], using: &generator)
        let dy = Tensor.normal(convOutputShape(x.shape, weight.shape, stride: stride, padding: padding), using: &generator)
        let setting = "x \(format(x.shape)), weight \(format(weight.shape)), stride \(stride), padding \(padding)"
        let (dx, dWeight, dBias) = student {
            let g = Ex6.conv2dBackward(dy, x: x, weight: weight, stride: stride, padding: padding)
            return (g.dx, g.dWeight, g.dBias)
        }
        func loss(_ x: Tensor, _ weight: Tensor, _ bias: Tensor) -> Double {
            (conv2dOracle(x, weight, bias, stride: stride, padding: padding) * dy).sum()
        }
        guard expectGradient(dx, matches: numericGradient(at: x) { loss($0, weight, bias) },
                             parameter: "x (\(setting))", tolerance: 1e-6) else { return }
        guard expectGradient(dWeight, matches: numericGradient(at: weight) { loss(x, $0, bias) },
                             parameter: "weight (\(setting))", tolerance: 1e-6) else { return }
        expectGradient(dBias, matches: numericGradient(at: bias) { loss(x, weight, $0) },
                       parameter: "bias (\(setting))", tolerance: 1e-6, batchSize: n)
    }
}

import XCTest
import TensorCore
import CheckSupport
import Ex6

/// ex6.4: im2col, col2im and convolution as a matrix product.
final class Im2colChecks: XCTestCase {
    /// The 3×3 map 1…9 with a 2×2 kernel: four windows, one per column; rows are (kh, kw) row-major.
    func testLayoutByHand() {
        let x = Tensor([[[[1, 2, 3], [4, 5, 6], [7, 8, 9]]]])
        let cols = student { Ex6.im2col(x, kernelHeight: 2, kernelWidth: 2, stride: 1, padding: 0) }
        expectClose(cols, Tensor([[1, 2, 4, 5], [2, 3, 5, 6], [4, 5, 7, 8], [5, 6, 8, 9]]),
                    "im2col of [[1,2,3],[4,5,6],[7,8,9]] with a 2×2 kernel (row r = kh·KW + kw, column j = oh·OW + ow)")
    }

    /// ⟨im2col(x), c⟩ = ⟨x, col2im(c)⟩ on random x and c: col2im is the adjoint of im2col. The
    /// expected side is computed with the oracle's im2col (written out in Ex6Oracles.swift), and the
    /// student's im2col must give the same ⟨im2col(x), c⟩.
    func testCol2imIsAdjoint() {
        // Unpadded first, so that a padding bug is reported as one.
        let cases: [([Int], Int, Int, Int, Int, UInt64)] = [
            ([2, 2, 7, 5], 3, 1, 2, 0, 42),   // stride 2, no padding, a 3×1 kernel: windows overlap by one row
            ([2, 3, 5, 4], 2, 3, 1, 1, 41),   // overlapping windows, padding 1
        ]
        for (shape, kh, kw, stride, padding, salt) in cases {
            var generator = checkGenerator(salt)
            let x = Tensor.normal(shape, using: &generator)
            let expectedCols = im2colOracle(x, kernelHeight: kh, kernelWidth: kw, stride: stride, padding: padding)
            let c = Tensor.normal(expectedCols.shape, using: &generator)
            let (cols, back) = student {
                (Ex6.im2col(x, kernelHeight: kh, kernelWidth: kw, stride: stride, padding: padding),
                 Ex6.col2im(c, inputShape: shape, kernelHeight: kh, kernelWidth: kw, stride: stride, padding: padding))
            }
            let setting = "x \(format(shape)), kernel \(kh)×\(kw), stride \(stride), padding \(padding)"
            guard expectShape(cols, expectedCols.shape, "im2col(\(setting))") else { return }
            guard expectShape(back, shape, "col2im(c) for \(setting)") else { return }
            let advice = padding == 0
                ? "col2im must add every contribution, +=: overlapping windows copy a pixel into several columns"
                : "the unpadded case passed, so look at the padding: entry (kh, kw) of window (oh, ow) goes back to pixel (oh·S + kh − P, ow·S + kw − P) of x, and entries that came from the padding are dropped"
            guard expectClose((back * x).sum(), (expectedCols * c).sum(), tolerance: 1e-10,
                              "⟨x, col2im(c)⟩ against ⟨im2col(x), c⟩ for \(setting) (\(advice))") else { return }
            guard expectClose((cols * c).sum(), (expectedCols * c).sum(), tolerance: 1e-10,
                              "⟨im2col(x), c⟩ with your im2col for \(setting) (it must be what col2im is the adjoint of: the same layout)") else { return }
        }
    }

    /// The convolution via im2col and one matmul equals the direct convolution (the oracle's,
    /// written out in Ex6Oracles.swift, as conv2dForward computes it).
    func testConvViaIm2colMatchesDirect() {
        let cases: [(Int, Int, Int, Int, Int, Int, Int, Int, Int, UInt64)] = [
            (2, 3, 6, 5, 4, 3, 2, 1, 1, 43),
            (3, 2, 7, 6, 3, 3, 2, 2, 1, 44),
        ]
        for (n, c, h, w, f, kh, kw, stride, padding, salt) in cases {
            var generator = checkGenerator(salt)
            let x = Tensor.normal([n, c, h, w], using: &generator)
            let weight = Tensor.normal([f, c, kh, kw], using: &generator)
            let bias = Tensor.normal([f], using: &generator)
            let y = student { Ex6.conv2dViaIm2col(x, weight: weight, bias: bias, stride: stride, padding: padding) }
            guard expectClose(y, conv2dOracle(x, weight, bias, stride: stride, padding: padding), tolerance: 1e-10,
                              "conv2dViaIm2col against the direct convolution with x \(format(x.shape)), weight \(format(weight.shape)), stride \(stride), padding \(padding)") else { return }
        }
    }
}

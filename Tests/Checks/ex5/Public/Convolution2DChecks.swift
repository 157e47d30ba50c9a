import Testing
import TensorCore
import CheckSupport
import Ex5

/// ex5.3: multi-channel 2D convolution forward (cross-correlation), NCHW.
@Suite struct Convolution2DChecks {
    /// The lecture's filter over [[1, 2, 3], [4, 5, 6], [7, 8, 9]] gives 32; one step right, 36.
    @Test func workedExample() {
        let image = Tensor([[[[1, 2, 3, 1], [4, 5, 6, 3], [7, 8, 9, 8]]]])
        let filter = Tensor([[[[0, 1, -1], [1, 0, 1], [1, 2, 0]]]])
        let (y, withBias) = student {
            (Ex5.conv2dForward(image, weight: filter, bias: Tensor([0])),
             Ex5.conv2dForward(image, weight: filter, bias: Tensor([0.5])))
        }
        guard expectClose(y, Tensor([[[[32, 36]]]]),
                          "the lecture's 3×3 filter over a 3×4 image, stride 1, no padding (cross-correlation: the kernel is not flipped)") else { return }
        expectClose(withBias, Tensor([[[[32.5, 36.5]]]]), "the same with bias 0.5")
    }

    /// A 32×32×3 image, six 5×5 filters, no padding → 28×28×6.
    @Test func leNetShape() {
        var generator = checkGenerator(531)
        let x = Tensor.normal([2, 3, 32, 32], using: &generator)
        let w = Tensor.normal([6, 3, 5, 5], using: &generator)
        let b = Tensor.normal([6], using: &generator)
        let y = student { Ex5.conv2dForward(x, weight: w, bias: b) }
        guard expectShape(y, [2, 6, 28, 28], "two 32×32×3 images through six 5×5 filters, no padding") else { return }
        let expected = conv2dOracle(x, w, b, stride: 1, padding: 0)
        for index in [[0, 0, 0, 0], [1, 5, 27, 27], [1, 2, 13, 20], [0, 4, 27, 0]] {
            guard expectClose(y[index: index], expected[index: index], tolerance: 1e-10, "output \(format(index))") else { return }
        }
    }

    /// N = 2, C = 3, 5×6 images, F = 4 filters of 2×3, stride 1, no padding.
    @Test func stride1NoPadding() {
        compareWithOracle(n: 2, c: 3, h: 5, w: 6, f: 4, kh: 2, kw: 3, stride: 1, padding: 0, salt: 532)
    }

    /// N = 2, C = 2, 5×6 images, F = 3 filters of 3×2, stride 2, one zero per side.
    @Test func stride2Padding1() {
        compareWithOracle(n: 2, c: 2, h: 5, w: 6, f: 3, kh: 3, kw: 2, stride: 2, padding: 1, salt: 533)
    }

    private func compareWithOracle(n: Int, c: Int, h: Int, w: Int, f: Int, kh: Int, kw: Int, stride: Int, padding: Int, salt: UInt64) {
        var generator = checkGenerator(salt)
        let x = Tensor.normal([n, c, h, w], using: &generator)
        let weight = Tensor.normal([f, c, kh, kw], using: &generator)
        let bias = Tensor.normal([f], using: &generator)
        let y = student { Ex5.conv2dForward(x, weight: weight, bias: bias, stride: stride, padding: padding) }
        expectClose(y, conv2dOracle(x, weight, bias, stride: stride, padding: padding), tolerance: 1e-10,
                    "conv2dForward with x \(format(x.shape)), weight \(format(weight.shape)), stride \(stride), padding \(padding) per side")
    }
}

import XCTest
import Foundation
import TensorCore
import CheckSupport
import Ex6

/// Hidden checks for ex6: oracles written out here, on seeded inputs of awkward shapes.
final class Ex6HiddenChecks: XCTestCase {
    // MARK: Oracles (independent of the exercise's code)

    /// The conv gradients written as gathers: for each input pixel, the outputs whose window covers it.
    private func convGradients(_ dy: Tensor, _ x: Tensor, _ w: Tensor, stride s: Int, padding p: Int) -> (dx: Tensor, dw: Tensor, db: Tensor) {
        let (n, c, h, wd) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let (f, kh, kw) = (w.shape[0], w.shape[2], w.shape[3])
        let (oh, ow) = (dy.shape[2], dy.shape[3])
        var dx = Tensor.zeros(x.shape)
        for i in 0..<n { for ch in 0..<c { for row in 0..<h { for col in 0..<wd {
            var v = 0.0
            for o in 0..<f { for u in 0..<kh { for t in 0..<kw {
                let a = row + p - u, bb = col + p - t
                guard a >= 0, bb >= 0, a % s == 0, bb % s == 0, a / s < oh, bb / s < ow else { continue }
                v += dy[i, o, a / s, bb / s] * w[o, ch, u, t]
            } } }
            dx[i, ch, row, col] = v
        } } } }
        var dw = Tensor.zeros(w.shape)
        for o in 0..<f { for ch in 0..<c { for u in 0..<kh { for t in 0..<kw {
            var v = 0.0
            for i in 0..<n { for r in 0..<oh { for q in 0..<ow {
                let row = r * s + u - p, col = q * s + t - p
                if row >= 0 && row < h && col >= 0 && col < wd { v += dy[i, o, r, q] * x[i, ch, row, col] }
            } } }
            dw[o, ch, u, t] = v
        } } } }
        var db = Tensor.zeros([f])
        for o in 0..<f { for i in 0..<n { for r in 0..<oh { for q in 0..<ow { db[o] += dy[i, o, r, q] } } } }
        return (dx, dw, db)
    }

    /// Pooling oracle: the forward value and, per window, the flat offset (within the window, row-major)
    /// of the first extreme.
    private func poolOracle(_ x: Tensor, size k: Int, stride s: Int, kind: String, dy: Tensor) -> (y: Tensor, dx: Tensor) {
        let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let oh = (h - k) / s + 1, ow = (w - k) / s + 1
        var y = Tensor.zeros([n, c, oh, ow]), dx = Tensor.zeros(x.shape)
        for i in 0..<n { for ch in 0..<c { for r in 0..<oh { for q in 0..<ow {
            var window: [Double] = []
            for u in 0..<k { for t in 0..<k { window.append(x[i, ch, r * s + u, q * s + t]) } }
            let g = dy[i, ch, r, q]
            switch kind {
            case "avg":
                y[i, ch, r, q] = window.reduce(0, +) / Double(k * k)
                for u in 0..<k { for t in 0..<k { dx[i, ch, r * s + u, q * s + t] += g / Double(k * k) } }
            default:
                let target = kind == "max" ? window.max()! : window.min()!
                let first = window.firstIndex(of: target)!
                y[i, ch, r, q] = target
                dx[i, ch, r * s + first / k, q * s + first % k] += g
            }
        } } } }
        return (y, dx)
    }

    /// Integers 0…3: many ties inside each window.
    private func tiedInput(_ shape: [Int], _ generator: inout SeededGenerator) -> Tensor {
        Tensor(shape: shape, scalars: (0..<shape.reduce(1, *)).map { _ in Double(generator.integer(below: 4)) })
    }

    // MARK: ex6.1

    func testConvBackwardAgainstOracle() {
        let cases: [(Int, Int, Int, Int, Int, Int, Int, Int, Int, UInt64)] = [
            (2, 2, 6, 5, 3, 2, 3, 2, 2, 201),   // stride 2, padding 2, a 2×3 kernel
            (4, 1, 4, 4, 2, 3, 3, 1, 2, 202),   // padding wider than half the kernel
            (2, 3, 5, 7, 2, 1, 3, 1, 0, 203),   // a 1×3 kernel, no padding
        ]
        for (n, c, h, w, f, kh, kw, stride, padding, salt) in cases {
            var generator = checkGenerator(salt)
            let x = Tensor.normal([n, c, h, w], using: &generator)
            let weight = Tensor.normal([f, c, kh, kw], using: &generator)
            let oh = (h + 2 * padding - kh) / stride + 1, ow = (w + 2 * padding - kw) / stride + 1
            let dy = Tensor.normal([n, f, oh, ow], using: &generator)
            let (dx, dWeight, dBias) = student {
                let g = Ex6.conv2dBackward(dy, x: x, weight: weight, stride: stride, padding: padding)
                return (g.dx, g.dWeight, g.dBias)
            }
            let expected = convGradients(dy, x, weight, stride: stride, padding: padding)
            let setting = "x \(format(x.shape)), weight \(format(weight.shape)), stride \(stride), padding \(padding)"
            guard expectClose(dx, expected.dx, tolerance: 1e-10, "dx (\(setting))") else { return }
            guard expectClose(dWeight, expected.dw, tolerance: 1e-10, "dWeight (\(setting))") else { return }
            guard expectClose(dBias, expected.db, tolerance: 1e-10, "dBias (\(setting)): the sum of dy over the batch and every position") else { return }
        }
    }

    /// Stride 3 with a 2-wide kernel skips inputs (their gradient is 0); padding 2 on each side.
    func testConvGradientStride3() {
        var generator = checkGenerator(204)
        let x = Tensor.normal([2, 2, 7, 5], using: &generator)
        let weight = Tensor.normal([3, 2, 2, 3], using: &generator)
        let bias = Tensor.normal([3], using: &generator)
        let dy = Tensor.normal(convOutputShape(x.shape, weight.shape, stride: 3, padding: 2), using: &generator)
        let (dx, dWeight, dBias) = student {
            let g = Ex6.conv2dBackward(dy, x: x, weight: weight, stride: 3, padding: 2)
            return (g.dx, g.dWeight, g.dBias)
        }
        func loss(_ x: Tensor, _ w: Tensor, _ b: Tensor) -> Double { (conv2dOracle(x, w, b, stride: 3, padding: 2) * dy).sum() }
        guard expectGradient(dx, matches: numericGradient(at: x) { loss($0, weight, bias) }, parameter: "x (stride 3, padding 2)", tolerance: 1e-6) else { return }
        guard expectGradient(dWeight, matches: numericGradient(at: weight) { loss(x, $0, bias) }, parameter: "weight (stride 3, padding 2)", tolerance: 1e-6) else { return }
        expectGradient(dBias, matches: numericGradient(at: bias) { loss(x, weight, $0) }, parameter: "bias (stride 3, padding 2)", tolerance: 1e-6, batchSize: 2)
    }

    // MARK: ex6.2

    func testMaxPoolAgainstOracleWithTies() {
        let cases: [([Int], Int, Int, UInt64)] = [([3, 2, 6, 6], 2, 2, 211), ([2, 3, 7, 7], 3, 2, 212), ([2, 2, 5, 6], 3, 1, 213)]
        for (shape, size, stride, salt) in cases {
            var generator = checkGenerator(salt)
            let x = tiedInput(shape, &generator)
            let dy = Tensor.normal([shape[0], shape[1], (shape[2] - size) / stride + 1, (shape[3] - size) / stride + 1], using: &generator)
            let (y, dx) = student {
                (Ex6.maxPool2dForward(x, size: size, stride: stride), Ex6.maxPool2dBackward(dy, x: x, size: size, stride: stride))
            }
            let expected = poolOracle(x, size: size, stride: stride, kind: "max", dy: dy)
            let setting = "\(format(shape)) with values in 0…3 (many ties), size \(size), stride \(stride)"
            guard expectClose(y, expected.y, "max pooling of \(setting)") else { return }
            guard expectClose(dx, expected.dx, tolerance: 1e-12,
                              "max-pool gradient of \(setting): the first maximum of each window gets all of dy, overlaps add") else { return }
        }
    }

    /// Overlapping windows where one large value is the maximum of every window that covers it.
    func testMaxPoolOverlapAccumulates() {
        var x = Tensor.zeros([1, 1, 4, 4])
        x[0, 0, 1, 2] = 10
        let dy = Tensor([[[[1, 2, 4], [8, 16, 32], [64, 128, 256]]]])
        let dx = student { Ex6.maxPool2dBackward(dy, x: x, size: 2, stride: 1) }
        guard expectShape(dx, [1, 1, 4, 4], "max-pool gradient of a [1, 1, 4, 4] input (2×2 windows, stride 1)") else { return }
        // The 10 at (1, 2) is the maximum of the windows at (0, 1), (0, 2), (1, 1), (1, 2): 2 + 4 + 16 + 32 = 54.
        expectClose(dx[0, 0, 1, 2], 54, "max-pool gradient at the shared maximum of four overlapping 2×2 windows (stride 1): contributions must add")
    }

    // MARK: ex6.3

    func testAverageAndMinAgainstOracle() {
        let cases: [([Int], Int, Int, UInt64)] = [([2, 3, 6, 8], 2, 2, 221), ([3, 2, 7, 5], 3, 2, 222), ([2, 1, 5, 5], 2, 1, 223)]
        for (shape, size, stride, salt) in cases {
            var generator = checkGenerator(salt)
            let x = tiedInput(shape, &generator)
            let dy = Tensor.normal([shape[0], shape[1], (shape[2] - size) / stride + 1, (shape[3] - size) / stride + 1], using: &generator)
            let setting = "\(format(shape)) with values in 0…3, size \(size), stride \(stride)"
            let (average, averageGradient, minimum, minimumGradient) = student {
                (Ex6.avgPool2dForward(x, size: size, stride: stride), Ex6.avgPool2dBackward(dy, inputShape: shape, size: size, stride: stride),
                 Ex6.minPool2dForward(x, size: size, stride: stride), Ex6.minPool2dBackward(dy, x: x, size: size, stride: stride))
            }
            let avg = poolOracle(x, size: size, stride: stride, kind: "avg", dy: dy)
            guard expectClose(average, avg.y, tolerance: 1e-12, "average pooling of \(setting)") else { return }
            guard expectClose(averageGradient, avg.dx, tolerance: 1e-12,
                              "average-pool gradient of \(setting): dy/(k·k) to every element of the window") else { return }
            let min = poolOracle(x, size: size, stride: stride, kind: "min", dy: dy)
            guard expectClose(minimum, min.y, "min pooling of \(setting)") else { return }
            guard expectClose(minimumGradient, min.dx, tolerance: 1e-12,
                              "min-pool gradient of \(setting): the first minimum of each window gets all of dy") else { return }
        }
    }

    // MARK: ex6.4

    func testIm2colLayoutAgainstOracle() {
        var generator = checkGenerator(231)
        let (n, c, h, w, kh, kw, s, p) = (2, 3, 6, 5, 2, 3, 2, 1)
        let x = Tensor.normal([n, c, h, w], using: &generator)
        let oh = (h + 2 * p - kh) / s + 1, ow = (w + 2 * p - kw) / s + 1
        var expected = Tensor.zeros([c * kh * kw, n * oh * ow])
        for ch in 0..<c { for u in 0..<kh { for t in 0..<kw { for i in 0..<n { for r in 0..<oh { for q in 0..<ow {
            let row = r * s + u - p, col = q * s + t - p
            if row >= 0 && row < h && col >= 0 && col < w { expected[(ch * kh + u) * kw + t, (i * oh + r) * ow + q] = x[i, ch, row, col] }
        } } } } } }
        let cols = student { Ex6.im2col(x, kernelHeight: kh, kernelWidth: kw, stride: s, padding: p) }
        expectClose(cols, expected,
                    "im2col of x [2, 3, 6, 5], kernel 2×3, stride 2, padding 1 (row (c·KH + kh)·KW + kw, column (n·OH + oh)·OW + ow, 0 in the padding)")
    }

    /// col2im of a matrix of ones counts how many windows cover each pixel.
    func testCol2imCountsOverlaps() {
        let (kh, kw) = (3, 2)
        let shape = [2, 1, 4, 5]
        let oh = 4 - kh + 1, ow = 5 - kw + 1
        let counts = student { Ex6.col2im(Tensor.ones([kh * kw, 2 * oh * ow]), inputShape: shape, kernelHeight: kh, kernelWidth: kw, stride: 1, padding: 0) }
        var expected = Tensor.zeros(shape)
        for i in 0..<2 { for row in 0..<4 { for col in 0..<5 {
            let rows = (0..<oh).filter { row - $0 >= 0 && row - $0 < kh }.count
            let cols = (0..<ow).filter { col - $0 >= 0 && col - $0 < kw }.count
            expected[i, 0, row, col] = Double(rows * cols)
        } } }
        expectClose(counts, expected, "col2im of all ones with a 3×2 kernel, stride 1, on [2, 1, 4, 5]: each pixel gets the number of windows covering it (overlaps add)")
    }

    func testConvViaIm2colAgainstDirect() {
        let cases: [(Int, Int, Int, Int, Int, Int, Int, Int, Int, UInt64)] = [
            (3, 2, 5, 7, 4, 1, 3, 1, 0, 232),
            (2, 3, 7, 5, 2, 2, 3, 3, 2, 233),
        ]
        for (n, c, h, w, f, kh, kw, stride, padding, salt) in cases {
            var generator = checkGenerator(salt)
            let x = Tensor.normal([n, c, h, w], using: &generator)
            let weight = Tensor.normal([f, c, kh, kw], using: &generator)
            let bias = Tensor.normal([f], using: &generator)
            let y = student { Ex6.conv2dViaIm2col(x, weight: weight, bias: bias, stride: stride, padding: padding) }
            guard expectClose(y,
                              conv2dOracle(x, weight, bias, stride: stride, padding: padding), tolerance: 1e-10,
                              "conv2dViaIm2col with x \(format(x.shape)), weight \(format(weight.shape)), stride \(stride), padding \(padding)") else { return }
        }
    }
}

import XCTest
import TensorCore
import CheckSupport
import Ex12

/// ex12.1: shapes and parameter counts of a layer list.
final class LayerWalkChecks: XCTestCase {
    /// Output sizes: the lecture's 7×7 examples, and AlexNet's first layer (erratum 4).
    func testOutputSizes() {
        let cases: [(Int, Int, Int, Int, Int, String)] = [
            (7, 3, 1, 0, 5, "7×7 input, 3×3 kernel, stride 1"),
            (7, 3, 2, 0, 3, "7×7 input, 3×3 kernel, stride 2"),
            (7, 3, 3, 1, 3, "7×7 input padded by 1 per side (9×9), 3×3 kernel, stride 3"),
            (32, 5, 1, 2, 32, "32×32 input, 5×5 kernel, padding 2 per side"),
            (227, 11, 4, 0, 55, "AlexNet: 227×227, 11×11 kernel, stride 4"),
            (224, 11, 4, 0, 54, "224×224, 11×11, stride 4, no padding: (224 − 11)/4 + 1 = 54.25 floors to 54 (erratum 4: not 55)"),
            (224, 11, 4, 2, 55, "224×224 with padding 2, 11×11, stride 4 (floored)"),
            (6, 1, 2, 0, 3, "6×6 input, 1×1 kernel, stride 2 (a 1×1 kernel is a valid kernel)"),
            (3, 5, 1, 1, 1, "3×3 input padded by 1 per side (5×5), 5×5 kernel: the window fits exactly once (3 + 2·1 = 5)"),
        ]
        for (input, kernel, stride, padding, expected, what) in cases {
            let size = student { Ex12.convOutputSize(input: input, kernel: kernel, stride: stride, padding: padding) }
            guard expectEqual(size, expected, "convOutputSize for \(what)") else { return }
        }
    }

    /// The lecture's small CIFAR-10 net: 1,216 + 8,020 + 10,020 + 3,210 = 22,466 parameters.
    func testCifarNet() {
        let layers: [Layer] = [
            .conv(outChannels: 16, kernel: 5, stride: 1, padding: 2), .relu, .pool(size: 2, stride: 2),
            .conv(outChannels: 20, kernel: 5, stride: 1, padding: 2), .relu, .pool(size: 2, stride: 2),
            .conv(outChannels: 20, kernel: 5, stride: 1, padding: 2), .relu, .pool(size: 2, stride: 2),
            .flatten, .dense(outFeatures: 10),
        ]
        let (shapes, parameters) = student { studentWalk(layers, input: [3, 32, 32]) }
        let expected: [([Int], Int)] = [
            ([16, 32, 32], 1216), ([16, 32, 32], 0), ([16, 16, 16], 0),
            ([20, 16, 16], 8020), ([20, 16, 16], 0), ([20, 8, 8], 0),
            ([20, 8, 8], 10020), ([20, 8, 8], 0), ([20, 4, 4], 0),
            ([320], 0), ([10], 3210),
        ]
        guard expectEqual(shapes.count, layers.count, "number of steps in the walk (one per layer)"),
              expectEqual(parameters.count, layers.count, "number of parameter counts in the walk (one per layer)") else { return }
        for (i, (shape, count)) in expected.enumerated() {
            guard expectEqual(shapes[i], shape, "output shape of layer \(i) (\(layers[i])) of the CIFAR-10 net") else { return }
            guard expectEqual(parameters[i], count, "parameters of layer \(i) (\(layers[i])) of the CIFAR-10 net (weights + biases)") else { return }
        }
        expectEqual(parameters.reduce(0, +), 22466, "total parameters of the small CIFAR-10 net")
    }

    /// AlexNet from a 227×227×3 input (single tower, no grouping).
    func testAlexNet() {
        let layers: [Layer] = [
            .conv(outChannels: 96, kernel: 11, stride: 4, padding: 0), .relu, .pool(size: 3, stride: 2),
            .conv(outChannels: 256, kernel: 5, stride: 1, padding: 2), .relu, .pool(size: 3, stride: 2),
            .conv(outChannels: 384, kernel: 3, stride: 1, padding: 1), .relu,
            .conv(outChannels: 384, kernel: 3, stride: 1, padding: 1), .relu,
            .conv(outChannels: 256, kernel: 3, stride: 1, padding: 1), .relu, .pool(size: 3, stride: 2),
            .flatten, .dense(outFeatures: 4096), .relu, .dense(outFeatures: 4096), .relu, .dense(outFeatures: 1000),
        ]
        let (shapes, parameters) = student { studentWalk(layers, input: [3, 227, 227]) }
        guard expectEqual(shapes.count, layers.count, "number of steps in the AlexNet walk"),
              expectEqual(parameters.count, layers.count, "number of parameter counts in the AlexNet walk") else { return }
        let expected: [Int: [Int]] = [0: [96, 55, 55], 2: [96, 27, 27], 3: [256, 27, 27], 5: [256, 13, 13],
                                      6: [384, 13, 13], 8: [384, 13, 13], 10: [256, 13, 13], 12: [256, 6, 6],
                                      13: [9216], 14: [4096], 16: [4096], 18: [1000]]
        for (i, shape) in expected.sorted(by: { $0.key < $1.key }) {
            guard expectEqual(shapes[i], shape, "AlexNet output shape after layer \(i) (\(layers[i]))") else { return }
        }
        guard expectEqual(parameters[0], 34944, "AlexNet conv1 parameters (96·3·11² + 96)") else { return }
        expectEqual(parameters[14], 37_752_832, "AlexNet fc6 parameters (9,216·4,096 + 4,096)")
    }
}

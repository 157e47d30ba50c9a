import XCTest
import TensorCore
import CheckSupport
import Ex5

/// ex5.4: parameters of a convolution layer.
final class ParameterCountChecks: XCTestCase {
    /// The small CIFAR-10 net: 5×5 convolutions 3 → 16 → 20 → 20 have 1,216, 8,020 and 10,020 parameters.
    func testSmallCIFARNet() {
        guard expectEqual(Ex5.convParameterCount(inChannels: 3, outChannels: 16, kernelSize: 5), 1_216,
                          "conv 5×5, 3 → 16 channels, with biases (16·3·25 + 16)") else { return }
        guard expectEqual(Ex5.convParameterCount(inChannels: 16, outChannels: 20, kernelSize: 5), 8_020,
                          "conv 5×5, 16 → 20 channels, with biases") else { return }
        guard expectEqual(Ex5.convParameterCount(inChannels: 20, outChannels: 20, kernelSize: 5), 10_020,
                          "conv 5×5, 20 → 20 channels, with biases") else { return }
        expectEqual(Ex5.convParameterCount(inChannels: 3, outChannels: 6, kernelSize: 5, includeBiases: false), 450,
                    "six 5×5 filters over 3 channels, weights only")
    }
}

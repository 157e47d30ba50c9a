import Testing
import TensorCore
import CheckSupport
import Ex5

/// ex5.4: parameters of a convolution layer.
@Suite struct ParameterCountChecks {
    /// The small CIFAR-10 net: 5×5 convolutions 3 → 16 → 20 → 20 have 1,216, 8,020 and 10,020 parameters.
    @Test func smallCIFARNet() {
        let (first, second, third, weightsOnly) = student {
            (Ex5.convParameterCount(inChannels: 3, outChannels: 16, kernelSize: 5),
             Ex5.convParameterCount(inChannels: 16, outChannels: 20, kernelSize: 5),
             Ex5.convParameterCount(inChannels: 20, outChannels: 20, kernelSize: 5),
             Ex5.convParameterCount(inChannels: 3, outChannels: 6, kernelSize: 5, includeBiases: false))
        }
        #expect(first == 1_216, "conv 5×5, 3 → 16 channels, with biases (16·3·25 + 16)")
        #expect(second == 8_020, "conv 5×5, 16 → 20 channels, with biases (20·16·25 + 20)")
        #expect(third == 10_020, "conv 5×5, 20 → 20 channels, with biases (20·20·25 + 20)")
        #expect(weightsOnly == 450, "six 5×5 filters over 3 channels, weights only (6·3·25)")
    }
}

/// LeNet-5 (LeCun et al. 1998) in its common modern form: full connections between feature
/// maps, max pooling, ReLU, biases everywhere (lecture L7).
///
///     input 1×32×32
///     conv 6@5×5        → 6×28×28     156 = 6·1·25 + 6
///     maxpool 2/2       → 6×14×14
///     conv 16@5×5       → 16×10×10  2,416 = 16·6·25 + 16
///     maxpool 2/2       → 16×5×5
///     flatten           → 400
///     dense 120         →           48,120 = 400·120 + 120
///     dense 84          →           10,164 = 120·84 + 84
///     dense 10          →              850 = 84·10 + 10
///     total                         61,706
///
/// This total belongs to the 32×32 input of the original paper. The MNIST-sized variant (28×28
/// input, first convolution padded by 2 per side) gives the same 28×28 maps and therefore the
/// same 61,706 (`mnistLayers`). The paper's own count, about 60,000, differs because its C3
/// layer connects each of the 16 maps to only some of the 6 inputs and its output layer is RBF.
public enum LeNet5 {
    public static let inputShape = [1, 32, 32]

    public static let layers: [LayerSpec] = [
        .conv(outChannels: 6, kernel: 5), .relu, .pool(.max, size: 2, stride: 2),
        .conv(outChannels: 16, kernel: 5), .relu, .pool(.max, size: 2, stride: 2),
        .flatten,
        .dense(outFeatures: 120), .relu,
        .dense(outFeatures: 84), .relu,
        .dense(outFeatures: 10),
    ]

    /// The 28×28 (MNIST) variant: the first convolution pads 2 per side.
    public static let mnistInputShape = [1, 28, 28]
    public static let mnistLayers: [LayerSpec] = [.conv(outChannels: 6, kernel: 5, padding: 2)] + layers.dropFirst()

    public static func table() -> ArchitectureTable {
        try! ArchitectureTable(name: "LeNet-5 (32×32 input)", inputShape: inputShape, layers: layers)
    }
}

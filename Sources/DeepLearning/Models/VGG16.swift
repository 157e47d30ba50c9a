/// VGG-16 (Simonyan & Zisserman 2015, configuration D), lecture L7, as torchvision's `vgg16`
/// (no batch norm): thirteen 3×3 convolutions with padding 1 in five blocks of 64, 128, 256,
/// 512, 512 channels, each block ending in a 2×2 max pool (224 → 112 → 56 → 28 → 14 → 7), then
/// 512·7·7 = 25,088 → 4,096 → 4,096 → 1,000. Total 138,357,544 parameters, 89% of them in
/// the three dense layers (102,764,544 in the first alone).
public enum VGG16 {
    public static let inputShape = [3, 224, 224]

    public static let blocks: [(channels: Int, convolutions: Int)] = [(64, 2), (128, 2), (256, 3), (512, 3), (512, 3)]

    public static let layers: [LayerSpec] = {
        var layers: [LayerSpec] = []
        for block in blocks {
            for _ in 0..<block.convolutions {
                layers += [.conv(outChannels: block.channels, kernel: 3, padding: 1), .relu]
            }
            layers.append(.pool(.max, size: 2, stride: 2))
        }
        layers += [.adaptiveAveragePool(size: 7), .flatten,
                   .dense(outFeatures: 4096), .relu, .dropout(rate: 0.5),
                   .dense(outFeatures: 4096), .relu, .dropout(rate: 0.5),
                   .dense(outFeatures: 1000)]
        return layers
    }()

    public static func table() -> ArchitectureTable {
        try! ArchitectureTable(name: "VGG-16", inputShape: inputShape, layers: layers)
    }
}

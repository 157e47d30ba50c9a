/// ResNet-18 (He et al. 2016), lecture L7, as torchvision's `resnet18` (11,689,512 parameters).
///
///     conv 64@7×7 s2 p3 (no bias) + BN + ReLU   → 64×112×112
///     maxpool 3×3 s2 p1                          → 64×56×56
///     layer1: 2 basic blocks, 64 channels        → 64×56×56
///     layer2: 2 basic blocks, 128, first s2      → 128×28×28
///     layer3: 2 basic blocks, 256, first s2      → 256×14×14
///     layer4: 2 basic blocks, 512, first s2      → 512×7×7
///     global average pool, flatten               → 512
///     dense 1,000                                → 1,000    (513,000)
///
/// A basic block computes `relu(BN(conv3×3(relu(BN(conv3×3(x))))) + shortcut(x))` — the
/// lecture's `h_{l+1} = σ(W h_l) + h_l` with two convolutions inside. The shortcut is the
/// identity, except where the block halves the size or changes the channel count: there it is
/// a 1×1 stride-2 convolution (no bias) and a batch norm ("downsample"). Convolutions followed by
/// batch norm carry no bias (the BN's β plays its role). Batch-norm counts are γ and β only.
public enum ResNet18 {
    public static let inputShape = [3, 224, 224]

    /// One basic block from `inChannels` to `outChannels` with the given stride.
    public static func basicBlock(name: String, inChannels: Int, outChannels: Int, stride: Int) -> LayerSpec {
        let body: [LayerSpec] = [
            .conv(outChannels: outChannels, kernel: 3, stride: stride, padding: 1, bias: false), .batchNorm, .relu,
            .conv(outChannels: outChannels, kernel: 3, padding: 1, bias: false), .batchNorm,
        ]
        let shortcut: [LayerSpec] = (stride != 1 || inChannels != outChannels)
            ? [.conv(outChannels: outChannels, kernel: 1, stride: stride, bias: false), .batchNorm]
            : []
        return .residual(name: name, body: body, shortcut: shortcut)
    }

    public static let layers: [LayerSpec] = {
        var layers: [LayerSpec] = [
            .conv(outChannels: 64, kernel: 7, stride: 2, padding: 3, bias: false), .batchNorm, .relu,
            .pool(.max, size: 3, stride: 2, padding: 1),
        ]
        var channels = 64
        for (stage, width) in [64, 128, 256, 512].enumerated() {
            for block in 0..<2 {
                let stride = (stage > 0 && block == 0) ? 2 : 1
                layers.append(basicBlock(name: "layer\(stage + 1).\(block)", inChannels: channels, outChannels: width, stride: stride))
                channels = width
            }
        }
        layers += [.adaptiveAveragePool(size: 1), .flatten, .dense(outFeatures: 1000)]
        return layers
    }()

    public static func table() -> ArchitectureTable {
        try! ArchitectureTable(name: "ResNet-18", inputShape: inputShape, layers: layers)
    }
}

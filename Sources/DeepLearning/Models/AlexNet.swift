/// AlexNet (Krizhevsky et al. 2012), lecture L7, in two forms.
///
/// `torchvisionLayers` is torchvision's `alexnet` (61,100,840 parameters) on a 3×224×224 input:
///
///     conv 64@11×11 s4 p2   → 64×55×55       23,296
///     maxpool 3/2           → 64×27×27
///     conv 192@5×5 p2       → 192×27×27     307,392
///     maxpool 3/2           → 192×13×13
///     conv 384@3×3 p1       → 384×13×13     663,936
///     conv 256@3×3 p1       → 256×13×13     884,992
///     conv 256@3×3 p1       → 256×13×13     590,080
///     maxpool 3/2           → 256×6×6
///     adaptive avgpool 6×6  → 256×6×6   (the identity at this size)
///     flatten               → 9,216
///     dense 4,096 (dropout before)   37,752,832
///     dense 4,096 (dropout before)   16,781,312
///     dense 1,000                     4,097,000
///
/// `lectureLayers` is the paper's single-tower network with the lecture's channel counts
/// 96 / 256 / 384 / 384 / 256 on a 3×227×227 input: the same 55 / 27 / 13 / 6 walk and
/// 9,216 → 4,096 → 4,096 → 1,000, 62,378,344 parameters (the paper split convolutions 2, 4
/// and 5 over two GPUs, which halves their input channels; this does not).
///
/// Erratum 4: the slides feed 224×224 into the 11×11 stride-4 convolution without padding;
/// `(224 − 11)/4 + 1 = 54.25` does not tile. A 227×227 input gives exactly 55; torchvision keeps
/// 224 and pads 2 per side, `⌊(224 + 4 − 11)/4⌋ + 1 = 55` with flooring.
public enum AlexNet {
    public static let torchvisionInputShape = [3, 224, 224]

    public static let torchvisionLayers: [LayerSpec] = [
        .conv(outChannels: 64, kernel: 11, stride: 4, padding: 2), .relu, .pool(.max, size: 3, stride: 2),
        .conv(outChannels: 192, kernel: 5, padding: 2), .relu, .pool(.max, size: 3, stride: 2),
        .conv(outChannels: 384, kernel: 3, padding: 1), .relu,
        .conv(outChannels: 256, kernel: 3, padding: 1), .relu,
        .conv(outChannels: 256, kernel: 3, padding: 1), .relu, .pool(.max, size: 3, stride: 2),
        .adaptiveAveragePool(size: 6), .flatten,
        .dropout(rate: 0.5), .dense(outFeatures: 4096), .relu,
        .dropout(rate: 0.5), .dense(outFeatures: 4096), .relu,
        .dense(outFeatures: 1000),
    ]

    public static let lectureInputShape = [3, 227, 227]

    public static let lectureLayers: [LayerSpec] = [
        .conv(outChannels: 96, kernel: 11, stride: 4), .relu, .pool(.max, size: 3, stride: 2),
        .conv(outChannels: 256, kernel: 5, padding: 2), .relu, .pool(.max, size: 3, stride: 2),
        .conv(outChannels: 384, kernel: 3, padding: 1), .relu,
        .conv(outChannels: 384, kernel: 3, padding: 1), .relu,
        .conv(outChannels: 256, kernel: 3, padding: 1), .relu, .pool(.max, size: 3, stride: 2),
        .flatten,
        .dropout(rate: 0.5), .dense(outFeatures: 4096), .relu,
        .dropout(rate: 0.5), .dense(outFeatures: 4096), .relu,
        .dense(outFeatures: 1000),
    ]

    public static func table() -> ArchitectureTable {
        try! ArchitectureTable(name: "AlexNet (torchvision)", inputShape: torchvisionInputShape, layers: torchvisionLayers)
    }

    public static func lectureTable() -> ArchitectureTable {
        try! ArchitectureTable(name: "AlexNet (lecture channels, 227×227)", inputShape: lectureInputShape, layers: lectureLayers)
    }
}

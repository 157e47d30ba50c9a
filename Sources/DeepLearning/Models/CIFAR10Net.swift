/// The small CIFAR-10 network of the lectures (as in the CS231n / ConvNetJS demo), L7:
///
///     input 3×32×32
///     conv 16@5×5 pad 2  → 16×32×32   1,216 = 16·3·25 + 16
///     maxpool 2/2        → 16×16×16
///     conv 20@5×5 pad 2  → 20×16×16   8,020 = 20·16·25 + 20
///     maxpool 2/2        → 20×8×8
///     conv 20@5×5 pad 2  → 20×8×8    10,020 = 20·20·25 + 20
///     maxpool 2/2        → 20×4×4
///     flatten            → 320
///     dense 10           →            3,210 = 320·10 + 10
///     total                          22,466
public enum CIFAR10Net {
    public static let inputShape = [3, 32, 32]

    public static let layers: [LayerSpec] = [
        .conv(outChannels: 16, kernel: 5, padding: 2), .relu, .pool(.max, size: 2, stride: 2),
        .conv(outChannels: 20, kernel: 5, padding: 2), .relu, .pool(.max, size: 2, stride: 2),
        .conv(outChannels: 20, kernel: 5, padding: 2), .relu, .pool(.max, size: 2, stride: 2),
        .flatten,
        .dense(outFeatures: 10),
    ]

    public static func table() -> ArchitectureTable {
        try! ArchitectureTable(name: "CIFAR-10 net", inputShape: inputShape, layers: layers)
    }
}

import TensorCore

/// A small LeNet-style CNN for the 8×8 digits (`Digits`), lecture L7/L8 (the `course train-digits`
/// demo; ex12's given `DigitsModel` is a smaller cousin):
///
///     input 1×8×8
///     conv 16@3×3 pad 1  → 16×8×8     160 = 16·1·9 + 16
///     relu, maxpool 2/2  → 16×4×4
///     conv 32@3×3 pad 1  → 32×4×4   4,640 = 32·16·9 + 32
///     relu, maxpool 2/2  → 32×2×2
///     flatten            → 128
///     dense 64, relu     → 64       8,256 = 128·64 + 64
///     dense 10           → 10         650 = 64·10 + 10
///     total                        13,706
///
/// (The first version, conv 8 → conv 16 → dense 10 with 1,898 parameters, plateaued at about
/// 97.5–98 % test accuracy; the wider convolutions and the hidden dense layer reach ≥ 98 %.)
///
/// `layers` is the arithmetic description; `makeModel(seed:)` (in `DigitsNet+Model.swift`)
/// builds the same network from real layers for training.
public enum DigitsNet {
    public static let inputShape = [1, 8, 8]

    public static let layers: [LayerSpec] = [
        .conv(outChannels: 16, kernel: 3, padding: 1), .relu, .pool(.max, size: 2, stride: 2),
        .conv(outChannels: 32, kernel: 3, padding: 1), .relu, .pool(.max, size: 2, stride: 2),
        .flatten,
        .dense(outFeatures: 64), .relu,
        .dense(outFeatures: 10),
    ]

    public static func table() -> ArchitectureTable {
        try! ArchitectureTable(name: "Digits net", inputShape: inputShape, layers: layers)
    }
}

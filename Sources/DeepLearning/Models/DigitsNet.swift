import TensorCore

/// A small LeNet-style CNN for the 8×8 digits (`Digits`), lecture L7/L8 and exercise ex12:
///
///     input 1×8×8
///     conv 8@3×3 pad 1   → 8×8×8      80 = 8·1·9 + 8
///     relu, maxpool 2/2  → 8×4×4
///     conv 16@3×3 pad 1  → 16×4×4  1,168 = 16·8·9 + 16
///     relu, maxpool 2/2  → 16×2×2
///     flatten            → 64
///     dense 10           →           650 = 64·10 + 10
///     total                        1,898
///
/// `layers` is the arithmetic description; `makeModel(seed:)` (in `DigitsNet+Model.swift`)
/// builds the same network from real layers for training.
public enum DigitsNet {
    public static let inputShape = [1, 8, 8]

    public static let layers: [LayerSpec] = [
        .conv(outChannels: 8, kernel: 3, padding: 1), .relu, .pool(.max, size: 2, stride: 2),
        .conv(outChannels: 16, kernel: 3, padding: 1), .relu, .pool(.max, size: 2, stride: 2),
        .flatten,
        .dense(outFeatures: 10),
    ]

    public static func table() -> ArchitectureTable {
        try! ArchitectureTable(name: "Digits net", inputShape: inputShape, layers: layers)
    }
}

import TensorCore
import Ex12

// What ex12's checks hand to the student's code and read back from it: the layer lists are the
// check's own values (`Layer`), turned into the exercise's `LayerSpec` only inside `student { }`;
// a configuration (a dictionary, which cannot be recorded) comes back as its sorted keys and values.

/// A layer of the walks, as the checks write it (the same cases as `LayerSpec`, printed the same way).
enum Layer: Equatable {
    case conv(outChannels: Int, kernel: Int, stride: Int, padding: Int)
    case pool(size: Int, stride: Int)
    case flatten
    case dense(outFeatures: Int)
    case relu

    /// The exercise's `LayerSpec`: only inside `student { }`.
    var spec: LayerSpec {
        switch self {
        case let .conv(outChannels, kernel, stride, padding): return .conv(outChannels: outChannels, kernel: kernel, stride: stride, padding: padding)
        case let .pool(size, stride): return .pool(size: size, stride: stride)
        case .flatten: return .flatten
        case let .dense(outFeatures): return .dense(outFeatures: outFeatures)
        case .relu: return .relu
        }
    }
}

/// The student's walk of `layers` from `input`, as (output shapes, parameter counts): only inside `student { }`.
func studentWalk(_ layers: [Layer], input: [Int]) -> ([[Int]], [Int]) {
    let steps = Ex12.walkLayers(layers.map(\.spec), input: input)
    return (steps.map(\.outputShape), steps.map(\.parameters))
}

/// A configuration as two recordable arrays: its keys in order, and their values.
func flatten(_ configuration: [String: Double]) -> ([String], [Double]) {
    let keys = configuration.keys.sorted()
    return (keys, keys.map { configuration[$0]! })
}

/// The configuration again, from what `flatten` gave (a repeated key keeps its first value).
func configuration(_ keys: [String], _ values: [Double]) -> [String: Double] {
    Dictionary(zip(keys, values).map { ($0, $1) }, uniquingKeysWith: { first, _ in first })
}

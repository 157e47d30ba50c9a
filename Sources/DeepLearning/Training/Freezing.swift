/// Freezing layers for transfer learning (lecture L5): keep the pretrained weights of the
/// early layers fixed and train only the later ones (a new head, say).
///
/// The optimizer works on a flat list of parameters, so frozen *layers* are turned into frozen
/// parameter *positions* from each layer's parameter count, in order. `Trainer` then hands the
/// optimizer only the trainable parameters, which it neither updates nor keeps state for —
/// as PyTorch does for parameters with `requires_grad = False` left out of the optimizer.
public struct LayerFreezing: Sendable, Equatable {
    /// Indices of the frozen layers in the layer list.
    public var frozenLayers: Set<Int>

    public init(frozenLayers: Set<Int>) { self.frozenLayers = frozenLayers }

    /// Freezes the first `count` layers (the usual "keep the feature extractor" setting).
    public static func first(_ count: Int) -> LayerFreezing { LayerFreezing(frozenLayers: Set(0..<count)) }

    /// The positions in the flat parameter list that belong to frozen layers, given the number
    /// of parameter tensors of each layer in order (e.g. `[2, 0, 2]` for dense, relu, dense).
    public func frozenParameterIndices(parameterCounts: [Int]) -> Set<Int> {
        for layer in frozenLayers {
            precondition(layer >= 0 && layer < parameterCounts.count,
                         "LayerFreezing: layer \(layer) does not exist; the model has \(parameterCounts.count) layers")
        }
        var result = Set<Int>()
        var position = 0
        for (layer, count) in parameterCounts.enumerated() {
            if frozenLayers.contains(layer) { result.formUnion(position..<(position + count)) }
            position += count
        }
        return result
    }
}

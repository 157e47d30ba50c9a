import Foundation
import TensorCore

/// A stack of layers applied in order (lecture L8, Keras's `Sequential`, PyTorch's `nn.Sequential`).
///
/// - `parameters` is every layer's parameters in layer order, each layer's in its own order;
///   `parameterNames` are `"<index>.<name>"`, e.g. `"0.weight"`, as PyTorch's `named_parameters`;
/// - forward keeps one cache per layer; `backward` walks the layers in reverse and returns the
///   parameter gradients flattened in the order of `parameters`; `backwardPerLayer` returns them
///   grouped per layer;
/// - `shapeTable(inputShape:)` walks the shapes without running anything.
public struct Sequential: Layer {
    /// One cache per layer, in layer order.
    public typealias Cache = [Any]

    public var layers: [AnyLayer]

    public init(_ layers: [AnyLayer]) { self.layers = layers }
    public init(_ layers: AnyLayer...) { self.layers = layers }

    /// Appends a layer.
    public mutating func append<L: Layer>(_ layer: L) { layers.append(AnyLayer(layer)) }

    public var name: String { "sequential (\(layers.count) layers)" }

    public var parameters: [Tensor] {
        get { layers.flatMap(\.parameters) }
        set {
            let expected = layers.reduce(0) { $0 + $1.parameters.count }
            requireThat(newValue.count == expected, "Sequential.parameters: expected \(expected) tensors, got \(newValue.count)")
            var start = 0
            for i in layers.indices {
                let count = layers[i].parameters.count
                layers[i].parameters = Array(newValue[start..<start + count])
                start += count
            }
        }
    }

    public var parameterNames: [String] {
        layers.enumerated().flatMap { index, layer in layer.parameterNames.map { "\(index).\($0)" } }
    }

    public func outputShape(for inputShape: [Int]) -> [Int] {
        layers.reduce(inputShape) { $1.outputShape(for: $0) }
    }

    public mutating func forward(_ input: Tensor, context: inout ForwardContext) -> (output: Tensor, cache: [Any]) {
        var activation = input
        var caches: [Any] = []
        caches.reserveCapacity(layers.count)
        for i in layers.indices {
            let (output, cache) = layers[i].forward(activation, context: &context)
            caches.append(cache)
            activation = output
        }
        return (activation, caches)
    }

    /// The backward pass with the parameter gradients grouped per layer (`layerGradients[i]` in
    /// the order of `layers[i].parameters`).
    public func backwardPerLayer(_ outputGradient: Tensor, cache: [Any]) -> (inputGradient: Tensor, layerGradients: [[Tensor]]) {
        requireThat(cache.count == layers.count, "Sequential.backward: \(cache.count) caches for \(layers.count) layers")
        var gradient = outputGradient
        var perLayer = [[Tensor]](repeating: [], count: layers.count)
        for i in layers.indices.reversed() {
            let (inputGradient, parameterGradients) = layers[i].backward(gradient, cache: cache[i])
            perLayer[i] = parameterGradients
            gradient = inputGradient
        }
        return (gradient, perLayer)
    }

    public func backward(_ outputGradient: Tensor, cache: [Any]) -> (inputGradient: Tensor, parameterGradients: [Tensor]) {
        let (inputGradient, perLayer) = backwardPerLayer(outputGradient, cache: cache)
        return (inputGradient, perLayer.flatMap { $0 })
    }

    /// One row per layer: its name, its output shape (with the batch dimension) and its
    /// parameter count.
    public struct ShapeTableRow: Equatable, Sendable {
        public let name: String
        public let outputShape: [Int]
        public let parameterCount: Int
    }

    /// The layer-by-layer shape walk (lecture L7/L8, Keras's `model.summary()`).
    public struct ShapeTable: CustomStringConvertible, Sendable {
        public let inputShape: [Int]
        public let rows: [ShapeTableRow]
        public var totalParameters: Int { rows.reduce(0) { $0 + $1.parameterCount } }

        /// An aligned text table with a header, one line per layer and a total.
        public var description: String {
            let body = [["layer", "output shape", "parameters"], ["input", "\(inputShape)", ""]]
                + rows.map { [$0.name, "\($0.outputShape)", "\($0.parameterCount)"] }
                + [["total", "", "\(totalParameters)"]]
            let widths = (0..<3).map { column in body.map { $0[column].count }.max() ?? 0 }
            return body.map { row in
                row[0].padding(toLength: widths[0], withPad: " ", startingAt: 0) + "  "
                    + row[1].padding(toLength: widths[1], withPad: " ", startingAt: 0) + "  "
                    + String(repeating: " ", count: widths[2] - row[2].count) + row[2]
            }.joined(separator: "\n")
        }
    }

    /// Walks `inputShape` (with the batch dimension) through the layers; a layer whose input
    /// does not fit stops with its own message.
    public func shapeTable(inputShape: [Int]) -> ShapeTable {
        var shape = inputShape
        var rows: [ShapeTableRow] = []
        for layer in layers {
            shape = layer.outputShape(for: shape)
            rows.append(ShapeTableRow(name: layer.name, outputShape: shape, parameterCount: layer.parameterCount))
        }
        return ShapeTable(inputShape: inputShape, rows: rows)
    }
}

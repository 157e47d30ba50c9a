import TensorCore

/// Min pooling (lecture L7): `y[n, c, oh, ow] = min_{kh, kw < size} x[n, c, oh·S + kh, ow·S + kw]`.
///
/// Shapes, stride default (= size) and tiling rule as `MaxPool2D`; the gradient goes to the FIRST
/// minimum of each window in row-major order (strictly smaller replaces). No PyTorch layer; it
/// equals `−maxpool(−x)` (up to the tie rule, which is the same here).
public struct MinPool2D: Layer {
    public typealias Cache = PoolSelectionCache
    public let size: Int
    public let stride: Int

    public init(size: Int, stride: Int? = nil) {
        requireThat(size >= 1 && (stride ?? size) >= 1, "MinPool2D: size \(size) and stride \(String(describing: stride)) must be ≥ 1")
        self.size = size
        self.stride = stride ?? size
    }

    public var name: String { "min pool \(size)×\(size) s\(stride)" }
    public var parameters: [Tensor] {
        get { [] }
        set { requireThat(newValue.isEmpty, "MinPool2D has no parameters, got \(newValue.count)") }
    }
    public var parameterNames: [String] { [] }

    public func outputShape(for inputShape: [Int]) -> [Int] {
        let g = poolGeometry("MinPool2D \(name)", inputShape, size, stride)
        return [g.n, g.c, g.oh, g.ow]
    }

    public func forward(_ input: Tensor, context: inout ForwardContext) -> (output: Tensor, cache: PoolSelectionCache) {
        selectionPool(input, poolGeometry("MinPool2D \(name)", input.shape, size, stride), takeMaximum: false)
    }

    public func backward(_ outputGradient: Tensor, cache: PoolSelectionCache) -> (inputGradient: Tensor, parameterGradients: [Tensor]) {
        (selectionPoolBackward("MinPool2D", outputGradient, cache), [])
    }
}

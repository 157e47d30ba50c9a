import TensorCore

/// Average pooling (lecture L7), NCHW as PyTorch's `AvgPool2d` (no padding):
///
///     y[n, c, oh, ow] = (1/size²) Σ_{kh, kw < size} x[n, c, oh·S + kh, ow·S + kw]
///
/// Shapes, stride default (= size) and tiling rule as `MaxPool2D`. Backward: every element of a
/// window receives `dy/size²` (overlapping windows add).
public struct AveragePool2D: Layer {
    public typealias Cache = [Int]   // the input shape
    public let size: Int
    public let stride: Int

    public init(size: Int, stride: Int? = nil) {
        requireThat(size >= 1 && (stride ?? size) >= 1, "AveragePool2D: size \(size) and stride \(String(describing: stride)) must be ≥ 1")
        self.size = size
        self.stride = stride ?? size
    }

    public var name: String { "avg pool \(size)×\(size) s\(stride)" }
    public var parameters: [Tensor] {
        get { [] }
        set { requireThat(newValue.isEmpty, "AveragePool2D has no parameters, got \(newValue.count)") }
    }
    public var parameterNames: [String] { [] }

    public func outputShape(for inputShape: [Int]) -> [Int] {
        let g = poolGeometry("AveragePool2D \(name)", inputShape, size, stride)
        return [g.n, g.c, g.oh, g.ow]
    }

    public func forward(_ input: Tensor, context: inout ForwardContext) -> (output: Tensor, cache: [Int]) {
        let g = poolGeometry("AveragePool2D \(name)", input.shape, size, stride)
        let scale = 1 / Double(size * size)
        var y = [Double](repeating: 0, count: g.n * g.c * g.positions)
        input.scalars.withUnsafeBufferPointer { xs in
            var o = 0
            for plane in 0..<(g.n * g.c) {
                for i in 0..<g.oh {
                    for j in 0..<g.ow {
                        var sum = 0.0
                        for p in 0..<size {
                            let row = plane * g.h * g.w + (i * stride + p) * g.w + j * stride
                            for q in 0..<size { sum += xs[row + q] }
                        }
                        y[o] = sum * scale
                        o += 1
                    }
                }
            }
        }
        return (Tensor(shape: [g.n, g.c, g.oh, g.ow], scalars: y), input.shape)
    }

    public func backward(_ outputGradient: Tensor, cache inputShape: [Int]) -> (inputGradient: Tensor, parameterGradients: [Tensor]) {
        let g = poolGeometry("AveragePool2D \(name)", inputShape, size, stride)
        requireThat(outputGradient.shape == [g.n, g.c, g.oh, g.ow],
                    "AveragePool2D.backward: output gradient \(outputGradient.shape) should be \([g.n, g.c, g.oh, g.ow]) for input \(inputShape)")
        let scale = 1 / Double(size * size)
        var dx = [Double](repeating: 0, count: inputShape.reduce(1, *))
        outputGradient.scalars.withUnsafeBufferPointer { d in
            var o = 0
            for plane in 0..<(g.n * g.c) {
                for i in 0..<g.oh {
                    for j in 0..<g.ow {
                        let share = d[o] * scale
                        o += 1
                        for p in 0..<size {
                            let row = plane * g.h * g.w + (i * stride + p) * g.w + j * stride
                            for q in 0..<size { dx[row + q] += share }
                        }
                    }
                }
            }
        }
        return (Tensor(shape: inputShape, scalars: dx), [])
    }
}

// Random tensors, always drawn from an explicit SeededGenerator.

extension Tensor {
    /// A tensor of independent uniform draws from `range`, filled in row-major order with
    /// `generator.uniform(in: range)`, so the same generator state always gives the same tensor.
    public static func uniform(
        _ shape: [Int], in range: ClosedRange<Double> = 0...1, using generator: inout SeededGenerator
    ) -> Tensor {
        if let message = dimensionsError("uniform", shape) { fail(message) }
        let scalars = (0..<shape.reduce(1, *)).map { _ in generator.uniform(in: range) }
        return Tensor(uncheckedShape: shape, scalars: scalars)
    }

    /// A tensor of independent normal draws `N(mean, standardDeviation²)`, filled in row-major
    /// order with `generator.normal(mean:standardDeviation:)` (two `next()` values per element).
    public static func normal(
        _ shape: [Int], mean: Double = 0, standardDeviation: Double = 1, using generator: inout SeededGenerator
    ) -> Tensor {
        if let message = dimensionsError("normal", shape) { fail(message) }
        let scalars = (0..<shape.reduce(1, *)).map { _ in
            generator.normal(mean: mean, standardDeviation: standardDeviation)
        }
        return Tensor(uncheckedShape: shape, scalars: scalars)
    }
}

import TensorCore

/// A weight initializer as a value, for layer specifications and hyper-parameter searches:
/// `Initializer.heNormal.make([64, 10], using: &generator)`. Each case calls the function of the
/// same name in `Initializers`, where the formulas and library conventions are documented.
public enum Initializer: Equatable, Sendable, CustomStringConvertible {
    case zeros
    case constant(Double)
    case glorotUniform
    case glorotNormal
    case heUniform
    case heNormal
    case orthogonal(gain: Double)
    case deltaOrthogonal(gain: Double)

    /// Draws a tensor of `shape`.
    public func make(_ shape: [Int], using generator: inout SeededGenerator) -> Tensor {
        switch self {
        case .zeros: return Initializers.zeros(shape)
        case .constant(let value): return Initializers.constant(shape, value: value)
        case .glorotUniform: return Initializers.glorotUniform(shape, using: &generator)
        case .glorotNormal: return Initializers.glorotNormal(shape, using: &generator)
        case .heUniform: return Initializers.heUniform(shape, using: &generator)
        case .heNormal: return Initializers.heNormal(shape, using: &generator)
        case .orthogonal(let gain): return Initializers.orthogonal(shape, gain: gain, using: &generator)
        case .deltaOrthogonal(let gain): return Initializers.deltaOrthogonal(shape, gain: gain, using: &generator)
        }
    }

    public var description: String {
        switch self {
        case .zeros: return "zeros"
        case .constant(let value): return "constant(\(value))"
        case .glorotUniform: return "glorotUniform"
        case .glorotNormal: return "glorotNormal"
        case .heUniform: return "heUniform"
        case .heNormal: return "heNormal"
        case .orthogonal(let gain): return "orthogonal(gain: \(gain))"
        case .deltaOrthogonal(let gain): return "deltaOrthogonal(gain: \(gain))"
        }
    }
}

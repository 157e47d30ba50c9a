import TensorCore

/// Fan-in and fan-out of a weight tensor: how many inputs feed one output unit, and how many
/// outputs one input unit feeds. Glorot and He initialization scale by them.
///
/// Shapes, with this library's layouts:
/// - dense weight `[D_in, D_out]` (the layer computes `X·W + b`): `fanIn = D_in`, `fanOut = D_out`;
/// - convolution kernel `[F, C, KH, KW]` (NCHW, as PyTorch): `fanIn = C·KH·KW`, `fanOut = F·KH·KW`;
///   any rank ≥ 3 is read the same way, `[out, in, spatial…]`, with the receptive field the
///   product of the spatial sizes;
/// - a vector `[D]` (a bias): `fanIn = fanOut = D`.
///
/// Note the order: a dense weight lists its *input* size first (it multiplies `X` from the
/// right), a convolution kernel lists its *output* filters first — as PyTorch's `Conv2d`,
/// whereas PyTorch's `Linear` stores `[D_out, D_in]`. Mixing the two up swaps fan-in and
/// fan-out, which changes He initialization's scale (Glorot's is symmetric in the two).
public func fans(forShape shape: [Int]) -> (fanIn: Int, fanOut: Int) {
    precondition(!shape.isEmpty, "fans(forShape:): a scalar shape [] has no fan-in or fan-out")
    precondition(shape.allSatisfy { $0 > 0 }, "fans(forShape:): shape \(shape) has a dimension that is not positive")
    switch shape.count {
    case 1:
        return (shape[0], shape[0])
    case 2:
        return (shape[0], shape[1])
    default:
        let receptiveField = shape.dropFirst(2).reduce(1, *)
        return (shape[1] * receptiveField, shape[0] * receptiveField)
    }
}

import Foundation
import TensorCore

/// Weight initializers (lecture L4): constant fills, Glorot/Xavier and He scaling, orthogonal
/// and delta-orthogonal matrices. Every random draw comes from the `SeededGenerator` passed in.
///
/// Fan-in and fan-out come from `fans(forShape:)`: dense weights are `[D_in, D_out]`,
/// convolution kernels `[F, C, KH, KW]` (NCHW, as PyTorch).
///
/// Errata (COURSE.md):
/// - 2. The lecture prints Xavier as `W ~ U(0, 1/√(fanIn + fanOut))`. A range starting at 0 makes
///   every weight positive (no symmetry around 0); Glorot & Bengio's normalized initialization
///   is `U(−√(6/(fanIn+fanOut)), +√(6/(fanIn+fanOut)))`, which is what `glorotUniform` draws.
/// - 3. He's standard deviation is printed as `1/(√2·D_a)`; it is `√(2/D_a)` with
///   `D_a = fanIn`, which is what `heNormal` draws.
public enum Initializers {
    /// All zeros. Fine for biases; for weights every unit of a layer then computes the same
    /// function and receives the same gradient, so symmetry is never broken.
    public static func zeros(_ shape: [Int]) -> Tensor {
        Tensor.zeros(shape)
    }

    /// Every entry equal to `value` (same symmetry caveat as `zeros`).
    public static func constant(_ shape: [Int], value: Double) -> Tensor {
        Tensor(shape: shape, repeating: value)
    }

    /// Glorot/Xavier uniform: `W ~ U(−a, +a)`, `a = gain·√(6/(fanIn + fanOut))`, so that
    /// `Var(W) = gain²·2/(fanIn + fanOut)`. Matches Keras `glorot_uniform` (Keras's default for
    /// `Dense` and `Conv2D`) and PyTorch `xavier_uniform_` (gain 1). See erratum 2.
    public static func glorotUniform(_ shape: [Int], gain: Double = 1, using generator: inout SeededGenerator) -> Tensor {
        let (fanIn, fanOut) = fans(forShape: shape)
        let limit = gain * (6.0 / Double(fanIn + fanOut)).squareRoot()
        return uniform(shape, limit: limit, using: &generator)
    }

    /// Glorot/Xavier normal: `W ~ N(0, σ²)`, `σ = gain·√(2/(fanIn + fanOut))`. Matches PyTorch
    /// `xavier_normal_`. (Keras's `glorot_normal` truncates at 2σ and rescales; this does not.)
    public static func glorotNormal(_ shape: [Int], gain: Double = 1, using generator: inout SeededGenerator) -> Tensor {
        let (fanIn, fanOut) = fans(forShape: shape)
        let sigma = gain * (2.0 / Double(fanIn + fanOut)).squareRoot()
        return normal(shape, standardDeviation: sigma, using: &generator)
    }

    /// He/Kaiming normal for ReLU networks: `W ~ N(0, σ²)`, `σ = √(2/fanIn)` (erratum 3: not
    /// `1/(√2·D_a)`). Matches PyTorch `kaiming_normal_(mode="fan_in", nonlinearity="relu")` and
    /// Keras `he_normal` without the truncation.
    public static func heNormal(_ shape: [Int], using generator: inout SeededGenerator) -> Tensor {
        let sigma = (2.0 / Double(fans(forShape: shape).fanIn)).squareRoot()
        return normal(shape, standardDeviation: sigma, using: &generator)
    }

    /// He/Kaiming uniform: `W ~ U(−a, +a)`, `a = √(6/fanIn)`, the same variance `2/fanIn` as
    /// `heNormal`. Matches Keras `he_uniform` and PyTorch `kaiming_uniform_(nonlinearity="relu")`
    /// (PyTorch's *layer default* uses `a = √5`, i.e. `U(±1/√fanIn)`; not this).
    public static func heUniform(_ shape: [Int], using generator: inout SeededGenerator) -> Tensor {
        let limit = (6.0 / Double(fans(forShape: shape).fanIn)).squareRoot()
        return uniform(shape, limit: limit, using: &generator)
    }

    /// Orthogonal initialization (Saxe et al. 2014), any shape of rank ≥ 2.
    ///
    /// The tensor is viewed as a matrix `[shape[0], product of the rest]` (PyTorch
    /// `orthogonal_`'s view). A Gaussian matrix `A` is drawn and orthonormalized: its rows if the
    /// matrix is wide, its columns if it is tall, so that `W·Wᵀ = I` (wide) or `Wᵀ·W = I`
    /// (tall, and square: both). The lecture writes the result as `W = U·Vᵀ` from the SVD
    /// `A = U·Σ·Vᵀ`; we compute the `Q` of `A = Q·R` with modified Gram–Schmidt and fix the signs
    /// so that `diag(R) > 0`. Both `U·Vᵀ` and this `Q` are distributed uniformly (Haar) over
    /// the orthogonal matrices, because a Gaussian matrix is rotation invariant; QR needs no SVD.
    ///
    /// - Parameter gain: multiplies the result (1 by default, as PyTorch).
    public static func orthogonal(_ shape: [Int], gain: Double = 1, using generator: inout SeededGenerator) -> Tensor {
        precondition(shape.count >= 2, "orthogonal: shape \(shape) has rank \(shape.count); it needs rank 2 or more")
        let rows = shape[0]
        let columns = shape.dropFirst().reduce(1, *)
        // Orthonormalize the columns of a tall matrix [long, short], then transpose if wide.
        let long = max(rows, columns), short = min(rows, columns)
        var a = [Double](repeating: 0, count: long * short)
        for i in a.indices { a[i] = generator.normal(mean: 0, standardDeviation: 1) }
        let q = orthonormalizeColumns(a, rows: long, columns: short)
        var result = [Double](repeating: 0, count: rows * columns)
        for i in 0..<rows {
            for j in 0..<columns {
                // Tall (rows ≥ columns): W = Q. Wide: W = Qᵀ.
                let value = rows >= columns ? q[i * short + j] : q[j * short + i]
                result[i * columns + j] = gain * value
            }
        }
        return Tensor(shape: shape, scalars: result)
    }

    /// Delta-orthogonal initialization for a convolution kernel `[F, C, K, K]` (Xiao et al.
    /// 2018, "Dynamical isometry and a mean field theory of CNNs: how to train 10,000-layer
    /// vanilla CNNs"): every tap is zero except the centre tap `[:, :, K/2, K/2]`, which holds an
    /// `[F, C]` matrix with orthonormal columns (times `gain`). At initialization the convolution
    /// then acts as an orthogonal map on the channels at every pixel, so signals neither grow
    /// nor shrink with depth. Needs `F ≥ C` (otherwise the columns cannot be orthonormal) and a
    /// square kernel of odd size (so the centre is defined).
    public static func deltaOrthogonal(_ shape: [Int], gain: Double = 1, using generator: inout SeededGenerator) -> Tensor {
        precondition(shape.count == 4, "deltaOrthogonal: shape \(shape) is not a convolution kernel [F, C, K, K]")
        let (f, c, kh, kw) = (shape[0], shape[1], shape[2], shape[3])
        precondition(kh == kw && kh % 2 == 1, "deltaOrthogonal: kernel \(kh)×\(kw) must be square with an odd size")
        precondition(f >= c, "deltaOrthogonal: \(f) filters < \(c) input channels; the centre matrix [F, C] cannot have orthonormal columns")
        let centre = orthogonal([f, c], gain: gain, using: &generator)
        var result = Tensor.zeros(shape)
        let middle = kh / 2
        for i in 0..<f {
            for j in 0..<c {
                result[i, j, middle, middle] = centre[i, j]
            }
        }
        return result
    }

    // MARK: helpers

    static func uniform(_ shape: [Int], limit: Double, using generator: inout SeededGenerator) -> Tensor {
        let count = shape.reduce(1, *)
        var values = [Double](repeating: 0, count: count)
        for i in values.indices { values[i] = generator.uniform(in: -limit...limit) }
        return Tensor(shape: shape, scalars: values)
    }

    static func normal(_ shape: [Int], standardDeviation: Double, using generator: inout SeededGenerator) -> Tensor {
        let count = shape.reduce(1, *)
        var values = [Double](repeating: 0, count: count)
        for i in values.indices { values[i] = generator.normal(mean: 0, standardDeviation: standardDeviation) }
        return Tensor(shape: shape, scalars: values)
    }
}

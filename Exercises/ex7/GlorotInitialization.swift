import Foundation
import TensorCore

// ex7.1 — Fan-in, fan-out and Glorot (Xavier) initialization.
//
// Fan-in is how many inputs feed one output unit; fan-out is how many outputs one input feeds.
// With this course's layouts:
//
//   dense weight  [D_in, D_out]     (the layer computes x·W + b)   fanIn = D_in,       fanOut = D_out
//   conv weight   [F, C, KH, KW]    (NCHW, as PyTorch's Conv2d)     fanIn = C·KH·KW,    fanOut = F·KH·KW
//
// Careful: the dense weight lists its INPUT size first, the conv weight its OUTPUT filters first.
// Any rank ≥ 3 reads like the conv weight: [out, in, spatial…], receptive field = Π spatial sizes.
//
// Glorot & Bengio (2010) keep the variance of the activations (forward) and of the gradients
// (backward) about constant by giving the weights the variance 2 / (fanIn + fanOut):
//
//   Glorot uniform:  W ~ U(−a, +a) with a = √(6 / (fanIn + fanOut))   (U(−a, a) has variance a²/3)
//   Glorot normal:   W ~ N(0, σ²) with σ = √(2 / (fanIn + fanOut))     (plain, not truncated: PyTorch's xavier_normal_)
//
// Erratum: the lecture writes Xavier initialization as Uniform(0, 1/√(fanIn + fanOut)). A range
// that starts at 0 makes every weight positive (mean ≠ 0, every unit of a layer pushed the same
// way); the normalized initialization of the paper is symmetric around 0, as above.
//
// Every draw comes from the generator passed in (Tensor.uniform / Tensor.normal with
// `using: &generator`), so the same seed always gives the same weights.

/// `(fanIn, fanOut)` of a weight of shape `[D_in, D_out]` (dense) or `[F, C, KH, …]` (conv, any rank ≥ 3).
public func fans(ofShape shape: [Int]) -> (fanIn: Int, fanOut: Int) {
    todo("ex7.1")
}

/// Glorot uniform: `U(−a, a)` with `a = √(6/(fanIn + fanOut))` (Keras' default `glorot_uniform`).
public func glorotUniform(_ shape: [Int], using generator: inout SeededGenerator) -> Tensor {
    todo("ex7.1")
}

/// Glorot normal: `N(0, σ²)` with `σ = √(2/(fanIn + fanOut))` (not truncated, as PyTorch's `xavier_normal_`).
public func glorotNormal(_ shape: [Int], using generator: inout SeededGenerator) -> Tensor {
    todo("ex7.1")
}

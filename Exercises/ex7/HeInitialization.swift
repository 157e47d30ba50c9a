import Foundation
import TensorCore

// ex7.2 — He (Kaiming) initialization, for ReLU networks.
//
// A ReLU zeroes about half of its inputs, which halves the second moment of the activations at
// every layer. He et al. (2015) compensate with twice Glorot's variance, counted on the fan-in:
//
//   He normal:   W ~ N(0, σ²) with σ = √(2 / fanIn)        (PyTorch kaiming_normal_, Keras he_normal untruncated)
//   He uniform:  W ~ U(−a, +a) with a = √(6 / fanIn)        (variance a²/3 = 2/fanIn, the same)
//
// fanIn as in ex7.1: D_in for a dense weight [D_in, D_out], C·KH·KW for a conv weight
// [F, C, KH, KW] (any rank ≥ 3: the product of every size after the first). Compute it in
// heFanIn below (the same rule as fans(ofShape:).fanIn, written again so that this task is
// graded on its own).
//
// Erratum: the lecture prints He's standard deviation as 1/(√2·D_a); it is √(2/D_a), with D_a the
// fan-in. For D_a = 256 that is 0.088, not 0.0028: the misprint shrinks the signal by ~30× per layer.
// Do not use the fan-out: for a conv layer with more filters than input channels the two differ.

/// The fan-in of a weight: `shape[0]` for a dense `[D_in, D_out]`, the product of `shape[1…]` for a conv weight.
func heFanIn(_ shape: [Int]) -> Int {
    todo("ex7.2")
}

/// He normal: `N(0, 2/fanIn)`.
public func heNormal(_ shape: [Int], using generator: inout SeededGenerator) -> Tensor {
    todo("ex7.2")
}

/// He uniform: `U(−a, a)` with `a = √(6/fanIn)`.
public func heUniform(_ shape: [Int], using generator: inout SeededGenerator) -> Tensor {
    todo("ex7.2")
}

import TensorCore

// ex10.2 — Inverted dropout.
//
// p is the DROP probability (PyTorch's nn.Dropout(p), Keras's Dropout(rate)). In training mode
// every element is dropped (set to 0) independently with probability p, and every element that
// is kept is scaled by 1/(1 − p), so that the expected value of each output equals its input:
//
//     mask[i] = 0 with probability p, 1/(1 − p) otherwise        y = x ⊙ mask
//
// In evaluation mode dropout is the identity: nothing is dropped, nothing is scaled ("inverted"
// dropout does its rescaling while training, so the test-time network needs no change; the
// original paper instead halved the weights at test time for p = 0.5 — the same in expectation).
//
// Draw the decisions from `generator` (for example one `generator.bernoulli(probability: p)` per
// element, true meaning "drop"), so that a seed fixes the mask. The backward pass multiplies the
// upstream gradient by the SAME mask: dx = dy ⊙ mask.
//
// Edge cases: p = 0 keeps everything (the identity); p = 1 drops everything and the output is all
// zeros — never compute 1/(1 − p) = ∞ there (0·∞ is NaN). The mask is then all zeros too.

/// The output of a dropout forward pass and the mask its backward pass needs.
public struct DropoutResult {
    /// y = x ⊙ mask, with the input's shape.
    public var output: Tensor
    /// 0 for a dropped element, 1/(1 − p) for a kept one (all ones in evaluation mode).
    public var mask: Tensor

    public init(output: Tensor, mask: Tensor) {
        self.output = output
        self.mask = mask
    }
}

/// Inverted dropout on `x` (any shape) with drop probability `p` ∈ [0, 1].
/// Training: drop with probability p, scale the rest by 1/(1 − p). Evaluation: the identity.
public func dropoutForward(_ x: Tensor, p: Double, training: Bool,
                           generator: inout SeededGenerator) -> DropoutResult {
    todo("ex10.2")
}

/// dx = dy ⊙ mask, with the mask of the forward pass.
public func dropoutBackward(_ dy: Tensor, mask: Tensor) -> Tensor {
    todo("ex10.2")
}

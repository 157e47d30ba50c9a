import Foundation
import TensorCore

// ex7.5 — What identical initial weights do: symmetry is never broken.
//
// A tiny network, on a batch x [N, D] with targets t [N, K]:
//
//   z = x·W1 + b1          W1 [D, H], b1 [H]      (hidden unit j is column j of W1)
//   h = tanh(z)
//   y = h·W2 + b2          W2 [H, K], b2 [K]      (hidden unit j is row j of W2)
//   L = (1/N) · ½ Σ (y − t)²                       (half squared error, mean over the batch)
//
// Backward:
//   dy  = (y − t) / N
//   dW2 = hᵀ·dy,     db2 = Σ_n dy
//   dh  = dy·W2ᵀ,    dz  = dh ⊙ (1 − h²)
//   dW1 = xᵀ·dz,     db1 = Σ_n dz
//
// If every weight starts at the same value and the biases at 0, all hidden units compute the same
// function of x: the same z, the same h, the same gradient. Gradient descent then changes them in
// the same way, so after any number of steps the columns of W1 (and the rows of W2) are still
// identical — H units behave like one. A random initialization breaks this symmetry.
//
// constantParameters must set the biases to exactly 0: biases that differ between units (a
// "helpful" small random bias) would break the symmetry by accident and hide the effect.

/// The parameters of the 2-layer net (also used for its gradients, which have the same shapes).
public struct TwoLayerParameters: Equatable, Sendable {
    public var w1: Tensor
    public var b1: Tensor
    public var w2: Tensor
    public var b2: Tensor

    public init(w1: Tensor, b1: Tensor, w2: Tensor, b2: Tensor) {
        self.w1 = w1
        self.b1 = b1
        self.w2 = w2
        self.b2 = b2
    }
}

/// Every weight equal to `value`, every bias 0: `w1` [inputs, hidden], `w2` [hidden, outputs].
public func constantParameters(inputs: Int, hidden: Int, outputs: Int, value: Double) -> TwoLayerParameters {
    todo("ex7.5")
}

/// The loss `(1/N)·½Σ(y − t)²` of the 2-layer tanh net and its gradients with respect to every parameter.
public func twoLayerGradients(_ p: TwoLayerParameters, x: Tensor, target: Tensor) -> (loss: Double, gradients: TwoLayerParameters) {
    todo("ex7.5")
}

/// `steps` steps of plain gradient descent, `p ← p − learningRate·∇L`, on the whole batch.
public func trainTwoLayer(_ p: TwoLayerParameters, x: Tensor, target: Tensor, learningRate: Double, steps: Int) -> TwoLayerParameters {
    todo("ex7.5")
}

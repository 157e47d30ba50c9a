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
    // BEGIN SOLUTION ex7.5
    return TwoLayerParameters(w1: Tensor(shape: [inputs, hidden], repeating: value),
                              b1: Tensor.zeros([hidden]),
                              w2: Tensor(shape: [hidden, outputs], repeating: value),
                              b2: Tensor.zeros([outputs]))
    // END SOLUTION
}

/// The loss `(1/N)·½Σ(y − t)²` of the 2-layer tanh net and its gradients with respect to every parameter.
public func twoLayerGradients(_ p: TwoLayerParameters, x: Tensor, target: Tensor) -> (loss: Double, gradients: TwoLayerParameters) {
    // BEGIN SOLUTION ex7.5
    precondition(x.rank == 2 && target.rank == 2 && x.shape[0] == target.shape[0],
                 "twoLayerGradients: x \(x.shape) and target \(target.shape) must be [N, D] and [N, K]")
    let n = Double(x.shape[0])
    let h = x.matmul(p.w1).addingRowVector(p.b1).map { Foundation.tanh($0) }
    let y = h.matmul(p.w2).addingRowVector(p.b2)
    let error = y - target
    let loss = 0.5 * (error * error).sum() / n
    let dy = error / n
    let dW2 = h.transposed().matmul(dy)
    let db2 = dy.sum(axis: 0)
    let dh = dy.matmul(p.w2.transposed())
    let dz = dh * h.map { 1 - $0 * $0 }
    let dW1 = x.transposed().matmul(dz)
    let db1 = dz.sum(axis: 0)
    return (loss, TwoLayerParameters(w1: dW1, b1: db1, w2: dW2, b2: db2))
    // END SOLUTION
}

/// `steps` steps of plain gradient descent, `p ← p − learningRate·∇L`, on the whole batch.
public func trainTwoLayer(_ p: TwoLayerParameters, x: Tensor, target: Tensor, learningRate: Double, steps: Int) -> TwoLayerParameters {
    // BEGIN SOLUTION ex7.5
    var p = p
    for _ in 0..<steps {
        let g = twoLayerGradients(p, x: x, target: target).gradients
        p.w1 -= learningRate * g.w1
        p.b1 -= learningRate * g.b1
        p.w2 -= learningRate * g.w2
        p.b2 -= learningRate * g.b2
    }
    return p
    // END SOLUTION
}

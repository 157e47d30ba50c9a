import Foundation
import TensorCore

// ex2.2 — The staged backward pass of the sigmoid neuron.
//
// Walk the stages of ex2.1 in REVERSE order. Each stage multiplies the gradient that arrives
// from above (the upstream gradient) by its own local derivative; no stage needs the overall
// formula. With `upstream` = ∂L/∂f (1 when f itself is differentiated):
//
//     dDenominator = −1/denominator² · upstream          (f = 1/denominator)
//     dExponential = 1 · dDenominator                    (denominator = exponential + 1)
//     dNegated     = e^negated · dExponential            (exponential = e^negated: the local derivative is e^negated itself)
//     dDot         = −1 · dNegated                       (negated = −dot)
//     dw2 = dt01 = dDot;  dt0 = dt1 = dt01               (a sum passes its gradient unchanged to every input)
//     dw0 = x0·dt0, dx0 = w0·dt0;  dw1 = x1·dt1, dx1 = w1·dt1   (a product: each input gets the other one)
//
// Classic inputs w = [2, −3, −3], x = [−1, −2], upstream 1: dDot = 0.1966 = f(1 − f),
// ∂f/∂w = [−0.197, −0.393, 0.197], ∂f/∂x = [0.393, −0.590].
// Pitfalls: the sign of the negation stage, and forgetting the factor e^negated of the exp stage.
// Use the values in `stages` (do not recompute the forward pass).

/// The gradients of the staged backward pass: every intermediate one, then ∂L/∂w [3] and ∂L/∂x [2].
public struct NeuronGradients: Equatable, Sendable {
    /// ∂L/∂denominator.
    public var dDenominator: Double
    /// ∂L/∂exponential.
    public var dExponential: Double
    /// ∂L/∂negated.
    public var dNegated: Double
    /// ∂L/∂dot (equal to upstream·f·(1 − f)).
    public var dDot: Double
    /// ∂L/∂w, shape [3].
    public var dw: Tensor
    /// ∂L/∂x, shape [2].
    public var dx: Tensor

    public init(dDenominator: Double, dExponential: Double, dNegated: Double, dDot: Double, dw: Tensor, dx: Tensor) {
        self.dDenominator = dDenominator; self.dExponential = dExponential
        self.dNegated = dNegated; self.dDot = dDot; self.dw = dw; self.dx = dx
    }
}

/// The staged backward pass of the sigmoid neuron: `stages` from the forward pass at `w` [3], `x` [2],
/// and the upstream gradient ∂L/∂f (default 1: the gradients of f itself).
public func neuronBackward(_ stages: NeuronStages, w: Tensor, x: Tensor, upstream: Double = 1) -> NeuronGradients {
    // BEGIN SOLUTION ex2.2
    precondition(w.shape == [3], "neuronBackward: w must be [3] (w0, w1 and the bias w2), got \(w.shape)")
    precondition(x.shape == [2], "neuronBackward: x must be [2], got \(x.shape)")
    let dDenominator = -1 / (stages.denominator * stages.denominator) * upstream
    let dExponential = 1 * dDenominator
    let dNegated = stages.exponential * dExponential
    let dDot = -dNegated
    let dt01 = dDot
    let dw2 = dDot
    let dt0 = dt01
    let dt1 = dt01
    let dw = Tensor([x[0] * dt0, x[1] * dt1, dw2])
    let dx = Tensor([w[0] * dt0, w[1] * dt1])
    return NeuronGradients(dDenominator: dDenominator, dExponential: dExponential,
                           dNegated: dNegated, dDot: dDot, dw: dw, dx: dx)
    // END SOLUTION
}

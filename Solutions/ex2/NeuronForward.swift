import Foundation
import TensorCore

// ex2.1 — The staged forward pass of one sigmoid neuron.
//
//     f(w, x) = 1 / (1 + e^(−(w0·x0 + w1·x1 + w2)))        w is [3] (two weights, then the bias), x is [2]
//
// Do NOT call a sigmoid function. Compute the neuron one small stage at a time, exactly as the
// lecture's computation graph draws it, and keep every intermediate value in `NeuronStages`:
//
//     t0          = w0·x0
//     t1          = w1·x1
//     t01         = t0 + t1
//     dot         = t01 + w2            (the lecture's t012)
//     negated     = −dot                (n_t)
//     exponential = e^negated           (e)
//     denominator = exponential + 1     (denom)
//     f           = 1 / denominator
//
// The backward pass (ex2.2) needs these values; a framework keeps them for the same reason.
// Classic inputs w = [2, −3, −3], x = [−1, −2]: dot = 1, f = 0.7311.
// Check the shapes first and stop with a message naming them when w is not [3] or x is not [2].

/// Every intermediate value of the sigmoid neuron's forward pass, in the order they are computed.
public struct NeuronStages: Equatable, Sendable {
    public var t0: Double
    public var t1: Double
    public var t01: Double
    /// w0·x0 + w1·x1 + w2 (the lecture's t012).
    public var dot: Double
    /// −dot.
    public var negated: Double
    /// e^(−dot).
    public var exponential: Double
    /// 1 + e^(−dot).
    public var denominator: Double
    /// 1 / denominator = σ(dot), the neuron's output.
    public var f: Double

    public init(t0: Double, t1: Double, t01: Double, dot: Double, negated: Double,
                exponential: Double, denominator: Double, f: Double) {
        self.t0 = t0; self.t1 = t1; self.t01 = t01; self.dot = dot; self.negated = negated
        self.exponential = exponential; self.denominator = denominator; self.f = f
    }
}

/// The staged forward pass of `f(w, x) = σ(w0·x0 + w1·x1 + w2)`, `w` [3], `x` [2].
public func neuronForward(w: Tensor, x: Tensor) -> NeuronStages {
    // BEGIN SOLUTION ex2.1
    precondition(w.shape == [3], "neuronForward: w must be [3] (w0, w1 and the bias w2), got \(w.shape)")
    precondition(x.shape == [2], "neuronForward: x must be [2], got \(x.shape)")
    let t0 = w[0] * x[0]
    let t1 = w[1] * x[1]
    let t01 = t0 + t1
    let dot = t01 + w[2]
    let negated = -dot
    let exponential = exp(negated)
    let denominator = exponential + 1
    let f = 1 / denominator
    return NeuronStages(t0: t0, t1: t1, t01: t01, dot: dot, negated: negated,
                        exponential: exponential, denominator: denominator, f: f)
    // END SOLUTION
}

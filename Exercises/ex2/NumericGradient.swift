import TensorCore

// ex2.4 — Numeric gradients and the relative error of a gradient check.
//
// Centred difference, one element at a time (e_i is the unit tensor at flat index i):
//
//     ∂f/∂x_i ≈ (f(x + h·e_i) − f(x − h·e_i)) / 2h
//
// Its error is O(h²); the one-sided (forward) difference (f(x + h·e_i) − f(x)) / h is only O(h)
// and is wrong by about h/2·f'' where f curves strongly. The gradient has x's shape.
// Work on a copy of x (`var probe = x`), change `probe.scalars[i]`, and put it back afterwards.
//
// Relative error of an analytic value a against a numeric value n (CS231n's rel_error):
//
//     rel(a, n) = |a − n| / max(1e−8, |a| + |n|)
//
// The floor 1e−8 keeps a = n = 0 from giving 0/0 = NaN (it gives 0). The lecture note writes
// max(|a|, |n|) in the denominator; this course uses |a| + |n| as CS231n (values differ by at
// most a factor 2). Do not call TensorCore's relativeError: write it.

/// The centred-difference gradient of `f` at `x`, with step `h`; the result has x's shape.
public func centredDifferenceGradient(of f: (Tensor) -> Double, at x: Tensor, h: Double = 1e-5) -> Tensor {
    todo("ex2.4")
}

/// |a − n| / max(1e−8, |a| + |n|): the relative error of an analytic gradient value against a numeric one.
public func gradientRelativeError(_ analytic: Double, _ numeric: Double) -> Double {
    todo("ex2.4")
}

/// The largest element-wise relative error of two gradients of the same shape (0 for empty tensors).
public func maxGradientRelativeError(_ analytic: Tensor, _ numeric: Tensor) -> Double {
    todo("ex2.4")
}

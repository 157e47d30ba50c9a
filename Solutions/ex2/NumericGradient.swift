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
    // BEGIN SOLUTION ex2.4
    precondition(h > 0, "centredDifferenceGradient: the step h must be positive, got \(h)")
    var gradient = Tensor.zeros(x.shape)
    var probe = x
    for i in 0..<x.count {
        let original = probe.scalars[i]
        probe.scalars[i] = original + h
        let plus = f(probe)
        probe.scalars[i] = original - h
        let minus = f(probe)
        probe.scalars[i] = original
        gradient.scalars[i] = (plus - minus) / (2 * h)
    }
    return gradient
    // END SOLUTION
}

/// |a − n| / max(1e−8, |a| + |n|): the relative error of an analytic gradient value against a numeric one.
public func gradientRelativeError(_ analytic: Double, _ numeric: Double) -> Double {
    // BEGIN SOLUTION ex2.4
    return abs(analytic - numeric) / max(1e-8, abs(analytic) + abs(numeric))
    // END SOLUTION
}

/// The largest element-wise relative error of two gradients of the same shape (0 for empty tensors).
public func maxGradientRelativeError(_ analytic: Tensor, _ numeric: Tensor) -> Double {
    // BEGIN SOLUTION ex2.4
    precondition(analytic.shape == numeric.shape,
                 "maxGradientRelativeError: analytic \(analytic.shape) and numeric \(numeric.shape) differ in shape")
    var worst = 0.0
    for (a, n) in zip(analytic.scalars, numeric.scalars) {
        worst = max(worst, gradientRelativeError(a, n))
    }
    return worst
    // END SOLUTION
}

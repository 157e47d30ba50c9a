// Approximate comparison of results: the helpers checks and tests use to compare floating point.

/// The largest element-wise difference `max_i |a[i] − b[i]|` (0 for empty tensors; NaN if any
/// difference is NaN). Precondition: equal shapes (the message names both).
public func maxAbsoluteDifference(_ a: Tensor, _ b: Tensor) -> Double {
    if let message = Tensor.elementwiseShapeError("maxAbsoluteDifference", a.shape, b.shape) {
        fail(message)
    }
    var worst = 0.0
    for (x, y) in zip(a.scalars, b.scalars) {
        let difference = abs(x - y)
        if difference.isNaN { return .nan }
        worst = max(worst, difference)
    }
    return worst
}

/// The relative error `|a − b| / max(10⁻⁸, |a| + |b|)`, as CS231n's `rel_error`.
///
/// 0 when equal (also for two zeros); the floor 10⁻⁸ stops tiny denominators from inflating it.
/// `relativeError(1, 1.0001) ≈ 5·10⁻⁵`.
public func relativeError(_ a: Double, _ b: Double) -> Double {
    if a == b { return 0 }
    return abs(a - b) / max(1e-8, abs(a) + abs(b))
}

/// The largest element-wise relative error, `max_i |a[i] − b[i]| / max(10⁻⁸, |a[i]| + |b[i]|)`,
/// as CS231n's `rel_error` (0 for empty tensors; NaN if any element gives NaN).
/// Precondition: equal shapes (the message names both).
public func relativeError(_ a: Tensor, _ b: Tensor) -> Double {
    if let message = Tensor.elementwiseShapeError("relativeError", a.shape, b.shape) {
        fail(message)
    }
    var worst = 0.0
    for (x, y) in zip(a.scalars, b.scalars) {
        let error = relativeError(x, y)
        if error.isNaN { return .nan }
        worst = max(worst, error)
    }
    return worst
}

/// The norm-wise relative error `‖a − b‖ / max(10⁻³⁰⁰, ‖a‖ + ‖b‖)` (Frobenius norms): one number
/// for the whole tensor, robust to individual near-zero elements (the gradient-check convention).
/// Precondition: equal shapes (the message names both).
public func normwiseRelativeError(_ a: Tensor, _ b: Tensor) -> Double {
    if let message = Tensor.elementwiseShapeError("normwiseRelativeError", a.shape, b.shape) {
        fail(message)
    }
    return (a - b).norm / max(1e-300, a.norm + b.norm)
}

extension Tensor {
    /// True when the shapes are equal and every element satisfies
    /// `|a − b| ≤ absoluteTolerance + relativeTolerance · |b|` (NumPy's `allclose`, with `other`
    /// as the reference `b`). Equal infinities match; NaN never does. Different shapes give
    /// `false`, never a trap.
    public func isApproximatelyEqual(
        to other: Tensor, absoluteTolerance: Double = 1e-9, relativeTolerance: Double = 1e-9
    ) -> Bool {
        guard shape == other.shape else { return false }
        for (a, b) in zip(storage, other.storage) {
            if a == b { continue }  // covers equal infinities
            if !(abs(a - b) <= absoluteTolerance + relativeTolerance * abs(b)) { return false }
        }
        return true
    }

    /// The element where `self` (observed) differs most from `expected`: its multi-index, both
    /// values and `|observed − expected|`. A NaN difference counts as the worst (first one wins);
    /// ties go to the first index. `nil` for an empty tensor.
    /// Precondition: equal shapes (the message names both).
    public func worstMismatch(
        against expected: Tensor
    ) -> (index: [Int], observed: Double, expected: Double, difference: Double)? {
        if let message = Tensor.elementwiseShapeError("worstMismatch", shape, expected.shape) {
            fail(message)
        }
        guard count > 0 else { return nil }
        var worst = 0
        var worstDifference = -1.0
        for i in 0..<count {
            let difference = abs(storage[i] - expected.storage[i])
            if difference.isNaN { worst = i; worstDifference = .nan; break }
            if difference > worstDifference { worst = i; worstDifference = difference }
        }
        return (Tensor.multiIndex(ofOffset: worst, shape: shape), storage[worst], expected.storage[worst], worstDifference)
    }

    /// The row-major multi-index of a flat offset (the inverse of `offset(of:)`).
    static func multiIndex(ofOffset offset: Int, shape: [Int]) -> [Int] {
        var index = Array(repeating: 0, count: shape.count)
        var rest = offset
        for axis in shape.indices.reversed() where shape[axis] > 0 {
            index[axis] = rest % shape[axis]
            rest /= shape[axis]
        }
        return index
    }
}

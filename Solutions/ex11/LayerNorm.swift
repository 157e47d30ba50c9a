import TensorCore

// ex11.4 — Layer normalisation, forward and backward.
//
// Layer norm normalises each EXAMPLE (a row of x [N, D]) over its own D features, so it behaves
// the same in training and evaluation, works for N = 1, and keeps no running statistics:
//
//     μ_n  = (1/D) Σ_d x[n, d]        σ²_n = (1/D) Σ_d (x[n, d] − μ_n)²      (biased)
//     x̂    = (x − μ_n) / √(σ²_n + ε)  ε = 1e−5 inside the root
//     y    = γ ⊙ x̂ + β                 γ, β [D], one per feature (as PyTorch's LayerNorm(D))
//
// Backward: the batch-norm formula with the roles of the axes swapped for the statistics,
// while γ and β still belong to the features:
//
//     dβ = Σ_n dy            dγ = Σ_n dy ⊙ x̂            dx̂ = dy ⊙ γ
//     dx[n, ·] = (s_n / D)·( D·dx̂[n, ·] − Σ_d dx̂[n, d] − x̂[n, ·]·Σ_d dx̂[n, d]·x̂[n, d] )
//
// Row-wise statistics come from mean(axis: 1) / variance(axis: 1) and are applied with the
// column-vector helpers (subtractingColumnVector, multiplyingColumnVector).
// Pitfall: normalising over axis 0 is batch norm, not layer norm.

/// What layer norm's backward pass needs.
public struct LayerNormCache {
    /// x̂ [N, D].
    public var xHat: Tensor
    /// 1/√(σ²_n + ε) per EXAMPLE, [N].
    public var inverseStandardDeviation: Tensor
    /// γ [D].
    public var gamma: Tensor

    public init(xHat: Tensor, inverseStandardDeviation: Tensor, gamma: Tensor) {
        self.xHat = xHat
        self.inverseStandardDeviation = inverseStandardDeviation
        self.gamma = gamma
    }
}

/// Layer norm forward on `x` [N, D] (N ≥ 1, D ≥ 1); `gamma`, `beta` [D]. Returns y [N, D] and the cache.
public func layerNormForward(_ x: Tensor, gamma: Tensor, beta: Tensor,
                             epsilon: Double = 1e-5) -> (output: Tensor, cache: LayerNormCache) {
    // BEGIN SOLUTION ex11.4
    precondition(x.rank == 2, "layerNormForward: x must be [N, D], got \(x.shape)")
    let d = x.shape[1]
    precondition(gamma.shape == [d] && beta.shape == [d],
                 "layerNormForward: gamma \(gamma.shape) and beta \(beta.shape) must be [\(d)] for x \(x.shape)")
    let mean = x.mean(axis: 1)
    let variance = x.variance(axis: 1)
    let inverseStd = variance.map { 1 / ($0 + epsilon).squareRoot() }
    let xHat = x.subtractingColumnVector(mean).multiplyingColumnVector(inverseStd)
    let output = xHat.multiplyingRowVector(gamma).addingRowVector(beta)
    return (output, LayerNormCache(xHat: xHat, inverseStandardDeviation: inverseStd, gamma: gamma))
    // END SOLUTION
}

/// Layer norm backward: `dy` [N, D] and the forward cache → dx [N, D], dGamma [D], dBeta [D].
public func layerNormBackward(_ dy: Tensor, cache: LayerNormCache) -> NormalizationGradients {
    // BEGIN SOLUTION ex11.4
    let xHat = cache.xHat
    precondition(dy.shape == xHat.shape, "layerNormBackward: dy \(dy.shape) must have the shape of x̂ \(xHat.shape)")
    let d = Double(dy.shape[1])
    let dBeta = dy.sum(axis: 0)
    let dGamma = (dy * xHat).sum(axis: 0)
    let dxHat = dy.multiplyingRowVector(cache.gamma)
    let rowSum = dxHat.sum(axis: 1)
    let rowSumWithXHat = (dxHat * xHat).sum(axis: 1)
    let inner = (dxHat * d).subtractingColumnVector(rowSum) - xHat.multiplyingColumnVector(rowSumWithXHat)
    let dx = inner.multiplyingColumnVector(cache.inverseStandardDeviation / d)
    return NormalizationGradients(dx: dx, dGamma: dGamma, dBeta: dBeta)
    // END SOLUTION
}

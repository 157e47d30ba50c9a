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
    todo("ex11.4")
}

/// Layer norm backward: `dy` [N, D] and the forward cache → dx [N, D], dGamma [D], dBeta [D].
public func layerNormBackward(_ dy: Tensor, cache: LayerNormCache) -> NormalizationGradients {
    todo("ex11.4")
}

import TensorCore

// ex11.3 — Batch normalisation, backward pass (training mode, x [m, D]).
//
// Forward (ex11.1): x̂ = (x − μ)·s with s = 1/√(σ² + ε) (biased σ²), y = γ ⊙ x̂ + β.
// Given the upstream gradient dy [m, D] and the cache (x̂, s, γ):
//
//     dβ  = Σ_n dy[n, ·]                    [D]  summed over the batch
//     dγ  = Σ_n dy[n, ·] ⊙ x̂[n, ·]          [D]
//     dx̂  = dy ⊙ γ                          [m, D]  (γ broadcast over the rows)
//     dx  = (s / m) ⊙ ( m·dx̂ − Σ_n dx̂ − x̂ ⊙ Σ_n (dx̂ ⊙ x̂) )
//
// The last line is the whole graph collapsed: every x[n, d] reaches the output through x̂ directly,
// through μ and through σ², and the three paths add up. Derive it once on paper (or follow the
// lecture note), then check it against centred differences. Pitfalls: forgetting γ in dx̂, and
// returning dβ per example instead of summed over the batch.

/// The gradients of a normalisation layer: dx has the input's shape, dGamma and dBeta are [D].
public struct NormalizationGradients {
    public var dx: Tensor
    public var dGamma: Tensor
    public var dBeta: Tensor

    public init(dx: Tensor, dGamma: Tensor, dBeta: Tensor) {
        self.dx = dx
        self.dGamma = dGamma
        self.dBeta = dBeta
    }
}

/// The backward pass of training-mode batch norm on a matrix: `dy` [m, D] and the forward cache.
public func batchNormBackward(_ dy: Tensor, cache: BatchNormCache) -> NormalizationGradients {
    // BEGIN SOLUTION ex11.3
    let xHat = cache.xHat
    precondition(dy.shape == xHat.shape, "batchNormBackward: dy \(dy.shape) must have the shape of x̂ \(xHat.shape)")
    let m = Double(dy.shape[0])
    let dBeta = dy.sum(axis: 0)
    let dGamma = (dy * xHat).sum(axis: 0)
    let dxHat = dy.multiplyingRowVector(cache.gamma)
    let sumDxHat = dxHat.sum(axis: 0)
    let sumDxHatXHat = (dxHat * xHat).sum(axis: 0)
    let inner = (dxHat * m).subtractingRowVector(sumDxHat) - xHat.multiplyingRowVector(sumDxHatXHat)
    let dx = inner.multiplyingRowVector(cache.inverseStandardDeviation / m)
    return NormalizationGradients(dx: dx, dGamma: dGamma, dBeta: dBeta)
    // END SOLUTION
}

import TensorCore

// ex11.1 — Batch normalisation, forward pass in TRAINING mode.
//
// For a batch x [N, D] and every feature d (a column), with m = N examples:
//
//     μ_d   = (1/m) Σ_n x[n, d]                       batch mean
//     σ²_d  = (1/m) Σ_n (x[n, d] − μ_d)²              BIASED batch variance (divide by m): used to normalise
//     x̂     = (x − μ) / √(σ² + ε)                     ε = 1e−5 INSIDE the square root (PyTorch's default)
//     y     = γ ⊙ x̂ + β                               γ, β [D], learned
//
// The layer also keeps running averages for evaluation (ex11.2). Here momentum is the weight of
// the NEW batch (PyTorch's convention, default 0.1). Keras reads it the other way round: its
// momentum 0.99 is the weight kept by the OLD value. Mixing the two up is a classic bug.
//
//     runningMean     ← (1 − momentum)·runningMean     + momentum·μ
//     runningVariance ← (1 − momentum)·runningVariance + momentum·σ²·m/(m − 1)
//
// The running variance uses the UNBIASED batch variance (divide by m − 1), as PyTorch does, while
// the normalisation itself uses the biased one. Training mode needs m ≥ 2.
//
// For images x [N, C, H, W] ("spatial" or 2D batch norm) each CHANNEL is one feature and its
// statistics run over N, H and W, so m = N·H·W. Move the channel axis last and flatten:
// x.permuted([0, 2, 3, 1]).reshaped([N·H·W, C]), normalise that matrix as above, then undo both
// steps for the output (reshape to [N, H, W, C], permute with [0, 3, 1, 2]).
//
// Tensor helpers: mean(axis: 0), variance(axis: 0) (biased), subtractingRowVector,
// multiplyingRowVector, addingRowVector, map.

/// What the backward pass needs from a batch-norm forward pass on a matrix.
public struct BatchNormCache {
    /// The normalised input x̂ [m, D] (for the spatial version: channels last, m = N·H·W).
    public var xHat: Tensor
    /// 1/√(σ² + ε) per feature [D], from the biased batch variance.
    public var inverseStandardDeviation: Tensor
    /// The scale γ [D] used in the forward pass.
    public var gamma: Tensor

    public init(xHat: Tensor, inverseStandardDeviation: Tensor, gamma: Tensor) {
        self.xHat = xHat
        self.inverseStandardDeviation = inverseStandardDeviation
        self.gamma = gamma
    }
}

/// The result of a training-mode forward pass: the output, the cache and the updated running statistics.
public struct BatchNormTrainResult {
    /// y = γ ⊙ x̂ + β, with the input's shape.
    public var output: Tensor
    public var cache: BatchNormCache
    /// (1 − momentum)·old + momentum·batch mean, [D] (or [C]).
    public var runningMean: Tensor
    /// (1 − momentum)·old + momentum·UNBIASED batch variance, [D] (or [C]).
    public var runningVariance: Tensor

    public init(output: Tensor, cache: BatchNormCache, runningMean: Tensor, runningVariance: Tensor) {
        self.output = output
        self.cache = cache
        self.runningMean = runningMean
        self.runningVariance = runningVariance
    }
}

/// Batch norm in training mode on `x` [N, D] with `gamma`, `beta`, `runningMean`, `runningVariance` all [D].
///
/// Normalises with the batch mean and the BIASED batch variance, ε inside the root; updates the
/// running statistics with `momentum` as the weight of the new batch (PyTorch, 0.1) and the
/// UNBIASED batch variance (PyTorch). Precondition: N ≥ 2.
public func batchNormForwardTrain(_ x: Tensor, gamma: Tensor, beta: Tensor,
                                  runningMean: Tensor, runningVariance: Tensor,
                                  momentum: Double = 0.1, epsilon: Double = 1e-5) -> BatchNormTrainResult {
    // BEGIN SOLUTION ex11.1
    precondition(x.rank == 2, "batchNormForwardTrain: x must be [N, D], got \(x.shape)")
    let (m, d) = (x.shape[0], x.shape[1])
    precondition(m >= 2, "batchNormForwardTrain: training mode needs at least 2 examples per feature, got \(m)")
    for (name, t) in [("gamma", gamma), ("beta", beta), ("runningMean", runningMean), ("runningVariance", runningVariance)] {
        precondition(t.shape == [d], "batchNormForwardTrain: \(name) \(t.shape) must be [\(d)] for x \(x.shape)")
    }
    let mean = x.mean(axis: 0)
    let variance = x.variance(axis: 0)
    let inverseStd = variance.map { 1 / ($0 + epsilon).squareRoot() }
    let xHat = x.subtractingRowVector(mean).multiplyingRowVector(inverseStd)
    let output = xHat.multiplyingRowVector(gamma).addingRowVector(beta)
    let unbiased = variance * (Double(m) / Double(m - 1))
    let newMean = (1 - momentum) * runningMean + momentum * mean
    let newVariance = (1 - momentum) * runningVariance + momentum * unbiased
    return BatchNormTrainResult(output: output,
                                cache: BatchNormCache(xHat: xHat, inverseStandardDeviation: inverseStd, gamma: gamma),
                                runningMean: newMean, runningVariance: newVariance)
    // END SOLUTION
}

/// Batch norm in training mode on images `x` [N, C, H, W]: one feature per channel, statistics
/// over N, H and W (m = N·H·W ≥ 2). `gamma`, `beta`, `runningMean`, `runningVariance` are [C].
/// The output has the input's shape; the cache holds x̂ channels last, as [N·H·W, C].
public func spatialBatchNormForwardTrain(_ x: Tensor, gamma: Tensor, beta: Tensor,
                                         runningMean: Tensor, runningVariance: Tensor,
                                         momentum: Double = 0.1, epsilon: Double = 1e-5) -> BatchNormTrainResult {
    // BEGIN SOLUTION ex11.1
    precondition(x.rank == 4, "spatialBatchNormForwardTrain: x must be [N, C, H, W], got \(x.shape)")
    let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
    let flat = x.permuted([0, 2, 3, 1]).reshaped([n * h * w, c])
    var result = batchNormForwardTrain(flat, gamma: gamma, beta: beta, runningMean: runningMean,
                                       runningVariance: runningVariance, momentum: momentum, epsilon: epsilon)
    result.output = result.output.reshaped([n, h, w, c]).permuted([0, 3, 1, 2])
    return result
    // END SOLUTION
}

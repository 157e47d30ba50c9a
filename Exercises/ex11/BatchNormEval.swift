import TensorCore

// ex11.2 — Batch normalisation, forward pass in EVALUATION (inference) mode.
//
// At test time the batch may hold a single example, and a prediction must not depend on which
// other examples share its batch. So evaluation never looks at the batch's statistics: it uses
// the running averages collected during training (ex11.1):
//
//     y = γ ⊙ (x − runningMean) / √(runningVariance + ε) + β        ε = 1e−5 inside the root
//
// Nothing is updated. The spatial version does the same per channel of x [N, C, H, W]
// (move the channels last, as in ex11.1, or index the 4 axes directly).
//
// Pitfall: computing x.mean(axis: 0) here ("batch statistics at test time") gives a different
// answer for every batch and nonsense for N = 1.

/// Batch norm in evaluation mode on `x` [N, D] (any N ≥ 1) with the running statistics; all parameters [D].
public func batchNormForwardEval(_ x: Tensor, gamma: Tensor, beta: Tensor,
                                 runningMean: Tensor, runningVariance: Tensor,
                                 epsilon: Double = 1e-5) -> Tensor {
    todo("ex11.2")
}

/// Batch norm in evaluation mode on images `x` [N, C, H, W]; the parameters and statistics are [C].
public func spatialBatchNormForwardEval(_ x: Tensor, gamma: Tensor, beta: Tensor,
                                        runningMean: Tensor, runningVariance: Tensor,
                                        epsilon: Double = 1e-5) -> Tensor {
    todo("ex11.2")
}

import TensorCore

/// The lectures' squared error `½ Σ (y − q)²`, SUMMED over the features of an example and
/// AVERAGED over the batch:
///
///     L = (1/N) Σ_n Σ_d ½ (q[n, d] − y[n, d])²,     ∂L/∂q = (q − y) / N
///
/// `prediction` q and `target` y of the same shape `[N, …]` (N = the first axis; a rank-1 input is
/// N scalars). The ½ cancels the 2 of the derivative. This differs from PyTorch's `MSELoss()` and
/// Keras's `MeanSquaredError`, which average over every element and have no ½:
/// `mse_torch = 2·L / D` for D features per example.
public func meanSquaredError(prediction: Tensor, target: Tensor) -> (loss: Double, gradient: Tensor) {
    requireThat(prediction.shape == target.shape,
                "meanSquaredError: prediction \(prediction.shape) and target \(target.shape) differ in shape")
    requireThat(prediction.rank >= 1 && prediction.shape[0] >= 1, "meanSquaredError: prediction \(prediction.shape) needs a batch axis")
    let n = Double(prediction.shape[0])
    let difference = prediction - target
    return (0.5 * difference.dot(difference) / n, difference / n)
}

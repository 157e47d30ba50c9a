import TensorCore

/// Feature standardization: `x' = (x − μ) / σ` per feature, with μ and σ fitted on the
/// training set only and then applied unchanged to validation and test data (fitting on test
/// data leaks information into the model).
///
/// Shapes: data `[N, …]`; every position after the first axis is one feature (for images
/// `[N, C, H, W]` that is per pixel and channel, as scikit-learn's `StandardScaler` on flattened
/// images). σ is the population standard deviation (divide by N, as scikit-learn); a feature
/// with σ below `1e−12` (constant on the training set) gets σ = 1, so it is only centred.
public struct Standardizer: Sendable {
    public let mean: [Double]
    public let standardDeviation: [Double]
    public let featureShape: [Int]

    /// Fits μ and σ of each feature on `data` `[N, …]`.
    public init(fitting data: Tensor) {
        precondition(data.rank >= 2 && data.shape[0] >= 1,
                     "Standardizer: data of shape \(data.shape) is not [N, features…] with N ≥ 1")
        let n = data.shape[0]
        let d = data.count / n
        let x = data.scalars
        var mean = [Double](repeating: 0, count: d)
        for i in 0..<n { for j in 0..<d { mean[j] += x[i * d + j] } }
        for j in 0..<d { mean[j] /= Double(n) }
        var variance = [Double](repeating: 0, count: d)
        for i in 0..<n { for j in 0..<d { let c = x[i * d + j] - mean[j]; variance[j] += c * c } }
        self.mean = mean
        self.standardDeviation = variance.map { v in
            let s = (v / Double(n)).squareRoot()
            return s < 1e-12 ? 1 : s
        }
        self.featureShape = Array(data.shape.dropFirst())
    }

    /// `(x − μ) / σ` per feature; `data` must have the fitted feature shape.
    public func transform(_ data: Tensor) -> Tensor {
        check(data, "transform")
        let d = mean.count
        var x = data.scalars
        for i in x.indices { x[i] = (x[i] - mean[i % d]) / standardDeviation[i % d] }
        return Tensor(shape: data.shape, scalars: x)
    }

    /// `x·σ + μ`, the inverse of `transform`.
    public func inverseTransform(_ data: Tensor) -> Tensor {
        check(data, "inverseTransform")
        let d = mean.count
        var x = data.scalars
        for i in x.indices { x[i] = x[i] * standardDeviation[i % d] + mean[i % d] }
        return Tensor(shape: data.shape, scalars: x)
    }

    private func check(_ data: Tensor, _ function: String) {
        precondition(Array(data.shape.dropFirst()) == featureShape,
                     "Standardizer.\(function): data of shape \(data.shape) does not have the fitted feature shape \(featureShape)")
    }
}

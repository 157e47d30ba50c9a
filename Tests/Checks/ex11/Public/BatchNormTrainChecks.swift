import XCTest
import Foundation
import TensorCore
import CheckSupport
import Ex11

/// ex11.1: batch norm forward in training mode, and the running statistics.
final class BatchNormTrainChecks: XCTestCase {
    /// Three examples, two features, worked by hand.
    ///
    /// Column 0 is [1, 3, 5]: mean 3, biased variance 8/3, unbiased variance 4.
    /// Column 1 is [2, 6, 10]: mean 6, biased variance 32/3, unbiased variance 16.
    func testWorkedExample() {
        let x = Tensor([[1, 2], [3, 6], [5, 10]])
        let gamma = Tensor([2, 0.5])
        let beta = Tensor([1, -1])
        let (output, runningMean, runningVariance) = student { () -> (Tensor, Tensor, Tensor) in
            let result = Ex11.batchNormForwardTrain(x, gamma: gamma, beta: beta,
                                                    runningMean: Tensor([0, 0]), runningVariance: Tensor([1, 1]))
            return (result.output, result.runningMean, result.runningVariance)
        }
        let s0 = 1 / (8.0 / 3 + 1e-5).squareRoot(), s1 = 1 / (32.0 / 3 + 1e-5).squareRoot()
        let rows: [[Double]] = [[2 * (-2 * s0) + 1, 0.5 * (-4 * s1) - 1],
                                [1, -1],
                                [2 * (2 * s0) + 1, 0.5 * (4 * s1) - 1]]
        guard expectClose(output, Tensor(rows), tolerance: 1e-10,
                          "output of the worked example (biased variance, ε = 1e−5 inside the square root)") else { return }
        // 0.9·0 + 0.1·[3, 6] and 0.9·1 + 0.1·[4, 16] (unbiased variances).
        guard expectClose(runningMean, Tensor([0.3, 0.6]), tolerance: 1e-12,
                          "running mean after one batch: (1 − 0.1)·[0, 0] + 0.1·[3, 6] (momentum is the NEW batch's weight)") else { return }
        expectClose(runningVariance, Tensor([1.3, 2.5]), tolerance: 1e-12,
                    "running variance after one batch: 0.9·[1, 1] + 0.1·[4, 16] (the UNBIASED batch variance, as PyTorch)")
    }

    /// With random γ and β, each output column has mean β_d and variance γ_d²·σ²_d/(σ²_d + ε);
    /// the cache holds x̂, 1/√(σ² + ε) per feature and γ, each in its own field.
    func testColumnStatistics() {
        var generator = checkGenerator(11)
        let x = Tensor.normal([7, 3], mean: 2, standardDeviation: 3, using: &generator)
        let gamma = Tensor.uniform([3], in: 0.5...2, using: &generator)
        let beta = Tensor.normal([3], using: &generator)
        let (output, xHat, inverse, cachedGamma) = student { () -> (Tensor, Tensor, Tensor, Tensor) in
            let result = Ex11.batchNormForwardTrain(x, gamma: gamma, beta: beta,
                                                    runningMean: Tensor.zeros([3]), runningVariance: Tensor.ones([3]))
            return (result.output, result.cache.xHat, result.cache.inverseStandardDeviation, result.cache.gamma)
        }
        guard expectShape(output, [7, 3], "output of x [7, 3]") else { return }
        let variance = x.variance(axis: 0)
        let expectedVariance = Tensor(shape: [3], scalars: (0..<3).map { gamma[$0] * gamma[$0] * variance[$0] / (variance[$0] + 1e-5) })
        guard expectClose(output.mean(axis: 0), beta, tolerance: 1e-10,
                          "mean of each output column (should be β: normalise each FEATURE over the batch)") else { return }
        guard expectClose(output.variance(axis: 0), expectedVariance, tolerance: 1e-10,
                          "biased variance of each output column (should be γ²·σ²/(σ² + ε))") else { return }
        guard expectShape(xHat, [7, 3], "cache.xHat") else { return }
        let mean = x.mean(axis: 0)
        let expectedXHat = Tensor(shape: [7, 3], scalars: (0..<21).map { (k: Int) -> Double in
            (x[k / 3, k % 3] - mean[k % 3]) / (variance[k % 3] + 1e-5).squareRoot()
        })
        guard expectClose(xHat, expectedXHat, tolerance: 1e-10, "cache.xHat (x − μ)/√(σ² + ε), per feature over the batch") else { return }
        guard expectClose(inverse, Tensor((0..<3).map { 1 / (variance[$0] + 1e-5).squareRoot() }), tolerance: 1e-10,
                          "cache.inverseStandardDeviation of x [7, 3] (1/√(σ² + ε) per feature, biased σ²)") else { return }
        guard expectClose(cachedGamma, gamma, tolerance: 0, "cache.gamma (the γ of the forward pass)") else { return }
        expectClose(xHat.multiplyingRowVector(gamma).addingRowVector(beta), output, tolerance: 1e-10,
                    "γ ⊙ cache.xHat + β (should be the output)")
    }

    /// [N, C, H, W] = [2, 3, 2, 2]: statistics per channel over N, H and W (m = 8).
    func testSpatial() {
        var generator = checkGenerator(12)
        let (n, c, h, w) = (2, 3, 2, 2)
        let x = Tensor.normal([n, c, h, w], mean: 1, standardDeviation: 2, using: &generator)
        let gamma = Tensor.uniform([c], in: 0.5...2, using: &generator)
        let beta = Tensor.normal([c], using: &generator)
        let oldMean = Tensor.normal([c], using: &generator)
        let oldVariance = Tensor.uniform([c], in: 0.5...2, using: &generator)
        let (output, runningMean, runningVariance) = student { () -> (Tensor, Tensor, Tensor) in
            let result = Ex11.spatialBatchNormForwardTrain(x, gamma: gamma, beta: beta, runningMean: oldMean,
                                                           runningVariance: oldVariance, momentum: 0.1)
            return (result.output, result.runningMean, result.runningVariance)
        }
        guard expectShape(output, [n, c, h, w], "output of spatial batch norm on x [2, 3, 2, 2]") else { return }
        var expected = Tensor.zeros([n, c, h, w])
        var expectedMean = [Double](), expectedVariance = [Double]()
        for ch in 0..<c {
            var values: [Double] = []
            for i in 0..<n { for r in 0..<h { for s in 0..<w { values.append(x[i, ch, r, s]) } } }
            let m = Double(values.count)
            let mu = values.reduce(0, +) / m
            let biased = values.map { ($0 - mu) * ($0 - mu) }.reduce(0, +) / m
            for i in 0..<n { for r in 0..<h { for s in 0..<w {
                expected[i, ch, r, s] = gamma[ch] * (x[i, ch, r, s] - mu) / (biased + 1e-5).squareRoot() + beta[ch]
            } } }
            expectedMean.append(0.9 * oldMean[ch] + 0.1 * mu)
            expectedVariance.append(0.9 * oldVariance[ch] + 0.1 * biased * m / (m - 1))
        }
        guard expectClose(output, expected, tolerance: 1e-10,
                          "output of spatial batch norm (one feature per channel, statistics over N, H, W)") else { return }
        guard expectClose(runningMean, Tensor(expectedMean), tolerance: 1e-12, "running mean per channel") else { return }
        expectClose(runningVariance, Tensor(expectedVariance), tolerance: 1e-12,
                    "running variance per channel (unbiased: m/(m − 1) with m = N·H·W = 8)")
    }
}

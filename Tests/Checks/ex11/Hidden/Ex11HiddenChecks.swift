import XCTest
import Foundation
import TensorCore
import CheckSupport
import Ex11

/// The oracle: batch statistics of each column of x [m, D] written out with loops.
private func columnStatistics(_ x: Tensor) -> (mean: [Double], biased: [Double]) {
    let (m, d) = (x.shape[0], x.shape[1])
    var means = [Double](), variances = [Double]()
    for j in 0..<d {
        var mu = 0.0
        for i in 0..<m { mu += x[i, j] }
        mu /= Double(m)
        var v = 0.0
        for i in 0..<m { v += (x[i, j] - mu) * (x[i, j] - mu) }
        means.append(mu)
        variances.append(v / Double(m))
    }
    return (means, variances)
}

/// Oracle: normalise each column with the given statistics, then scale and shift.
private func normalise(_ x: Tensor, mean: [Double], variance: [Double], gamma: Tensor, beta: Tensor, epsilon: Double = 1e-5) -> Tensor {
    var y = x
    for i in 0..<x.shape[0] {
        for j in 0..<x.shape[1] {
            y[i, j] = gamma[j] * (x[i, j] - mean[j]) / (variance[j] + epsilon).squareRoot() + beta[j]
        }
    }
    return y
}

/// Layer norm written out: y and what the backward pass's cache holds, as plain tensors.
private func layerNormOracle(_ x: Tensor, _ gamma: Tensor, _ beta: Tensor, epsilon: Double = 1e-5) -> (y: Tensor, xHat: Tensor, inverse: Tensor) {
    let statistics = columnStatistics(x.transposed())
    var y = x, xHat = x
    for i in 0..<x.shape[0] {
        for j in 0..<x.shape[1] {
            xHat[i, j] = (x[i, j] - statistics.mean[i]) / (statistics.biased[i] + epsilon).squareRoot()
            y[i, j] = gamma[j] * xHat[i, j] + beta[j]
        }
    }
    let inverse = Tensor(statistics.biased.map { 1 / ($0 + epsilon).squareRoot() })
    return (y, xHat, inverse)
}

/// Batch norm written out: y and what the backward pass's cache holds, as plain tensors.
private func batchNormOracle(_ x: Tensor, _ gamma: Tensor, _ beta: Tensor) -> (y: Tensor, xHat: Tensor, inverse: Tensor) {
    let statistics = columnStatistics(x)
    let y = normalise(x, mean: statistics.mean, variance: statistics.biased, gamma: gamma, beta: beta)
    let ones = Tensor.ones(gamma.shape), zeros = Tensor.zeros(beta.shape)
    let xHat = normalise(x, mean: statistics.mean, variance: statistics.biased, gamma: ones, beta: zeros)
    let inverse = Tensor(statistics.biased.map { 1 / ($0 + 1e-5).squareRoot() })
    return (y, xHat, inverse)
}

/// Hidden checks for ex11: loop oracles on awkward shapes, other momenta, tiny variances.
final class Ex11HiddenChecks: XCTestCase {
    /// x [6, 4] with momentum 0.3 and a feature of tiny variance, where ε dominates √(σ² + ε);
    /// then a batch of two, the smallest valid one (the running variance takes σ²·2/1).
    func testTrainAgainstOracle() {
        var generator = checkGenerator(101)
        var x = Tensor.normal([6, 4], mean: 3, standardDeviation: 2, using: &generator)
        for i in 0..<6 { x[i, 2] = 0.5 + 1e-3 * Double(i % 3 - 1) }   // variance ≈ 7e−7, below ε
        let gamma = Tensor.uniform([4], in: -2...2, using: &generator)
        let beta = Tensor.normal([4], using: &generator)
        let oldMean = Tensor.normal([4], using: &generator)
        let oldVariance = Tensor.uniform([4], in: 0.2...3, using: &generator)
        let (output, runningMean, runningVariance) = student { () -> (Tensor, Tensor, Tensor) in
            let result = Ex11.batchNormForwardTrain(x, gamma: gamma, beta: beta, runningMean: oldMean,
                                                    runningVariance: oldVariance, momentum: 0.3)
            return (result.output, result.runningMean, result.runningVariance)
        }
        let statistics = columnStatistics(x)
        let expected = normalise(x, mean: statistics.mean, variance: statistics.biased, gamma: gamma, beta: beta)
        guard expectClose(output, expected, tolerance: 1e-10,
                          "training-mode output on x [6, 4] whose column 2 has variance ≈ 7e−7 (ε belongs inside the root)") else { return }
        let mean = Tensor((0..<4).map { 0.7 * oldMean[$0] + 0.3 * statistics.mean[$0] })
        let variance = Tensor((0..<4).map { 0.7 * oldVariance[$0] + 0.3 * statistics.biased[$0] * 6 / 5 })
        guard expectClose(runningMean, mean, tolerance: 1e-12, "running mean with momentum 0.3 (weight of the new batch)") else { return }
        guard expectClose(runningVariance, variance, tolerance: 1e-12, "running variance with momentum 0.3 (unbiased batch variance)") else { return }
        let pair = Tensor.normal([2, 4], mean: -1, standardDeviation: 2, using: &generator)
        let (pairOutput, pairVariance) = student { () -> (Tensor, Tensor) in
            let result = Ex11.batchNormForwardTrain(pair, gamma: gamma, beta: beta, runningMean: oldMean,
                                                    runningVariance: oldVariance, momentum: 0.3)
            return (result.output, result.runningVariance)
        }
        let pairStatistics = columnStatistics(pair)
        guard expectClose(pairOutput, normalise(pair, mean: pairStatistics.mean, variance: pairStatistics.biased, gamma: gamma, beta: beta),
                          tolerance: 1e-10, "training-mode output on a batch of two x [2, 4] (m = 2 is valid)") else { return }
        expectClose(pairVariance, Tensor((0..<4).map { 0.7 * oldVariance[$0] + 0.3 * pairStatistics.biased[$0] * 2 }), tolerance: 1e-12,
                    "running variance after a batch of two with momentum 0.3 (unbiased: σ²·m/(m − 1) = 2σ²)")
    }

    /// [N, C, H, W] = [3, 2, 1, 5] against the oracle, over several steps of running averages.
    func testSpatialTrainSeveralSteps() {
        var generator = checkGenerator(102)
        let gamma = Tensor.uniform([2], in: 0.5...2, using: &generator)
        let beta = Tensor.normal([2], using: &generator)
        let xs = (0..<3).map { step in Tensor.normal([3, 2, 1, 5], mean: Double(step), standardDeviation: 2, using: &generator) }
        // One run of three steps, each fed the running statistics the previous step returned.
        let (outputs, runningMeans, runningVariances) = student { () -> ([Tensor], [Tensor], [Tensor]) in
            var runningMean = Tensor.zeros([2]), runningVariance = Tensor.ones([2])
            var outputs: [Tensor] = [], means: [Tensor] = [], variances: [Tensor] = []
            for x in xs {
                let result = Ex11.spatialBatchNormForwardTrain(x, gamma: gamma, beta: beta, runningMean: runningMean,
                                                               runningVariance: runningVariance)
                runningMean = result.runningMean
                runningVariance = result.runningVariance
                outputs.append(result.output); means.append(runningMean); variances.append(runningVariance)
            }
            return (outputs, means, variances)
        }
        guard expectEqual(outputs.count, 3, "number of spatial outputs recorded"), expectEqual(runningMeans.count, 3, "number of running means recorded"),
              expectEqual(runningVariances.count, 3, "number of running variances recorded") else { return }
        var expectedMean = [0.0, 0.0], expectedVariance = [1.0, 1.0]
        for (step, x) in xs.enumerated() {
            let flat = x.permuted([0, 2, 3, 1]).reshaped([15, 2])
            let statistics = columnStatistics(flat)
            let expected = normalise(flat, mean: statistics.mean, variance: statistics.biased, gamma: gamma, beta: beta)
                .reshaped([3, 1, 5, 2]).permuted([0, 3, 1, 2])
            guard expectClose(outputs[step], expected, tolerance: 1e-10, "spatial output at step \(step + 1) (x [3, 2, 1, 5])") else { return }
            for c in 0..<2 {
                expectedMean[c] = 0.9 * expectedMean[c] + 0.1 * statistics.mean[c]
                expectedVariance[c] = 0.9 * expectedVariance[c] + 0.1 * statistics.biased[c] * 15 / 14
            }
            guard expectClose(runningMeans[step], Tensor(expectedMean), tolerance: 1e-12, "running mean after \(step + 1) steps") else { return }
            guard expectClose(runningVariances[step], Tensor(expectedVariance), tolerance: 1e-12, "running variance after \(step + 1) steps") else { return }
        }
    }

    /// Evaluation of one row does not depend on the rest of the batch; spatial eval per channel,
    /// on images whose four dimensions all differ (so no reshape can confuse two axes).
    func testEvalIndependentOfBatch() {
        var generator = checkGenerator(103)
        let x = Tensor.normal([5, 3], mean: 4, using: &generator)
        let gamma = Tensor.uniform([3], in: 0.5...2, using: &generator)
        let beta = Tensor.normal([3], using: &generator)
        let mean = Tensor.normal([3], using: &generator)
        let variance = Tensor.uniform([3], in: 0.5...2, using: &generator)
        let images = Tensor.normal([2, 3, 4, 5], using: &generator)
        let (all, twoRows, y) = student { () -> (Tensor, Tensor, Tensor) in
            (Ex11.batchNormForwardEval(x, gamma: gamma, beta: beta, runningMean: mean, runningVariance: variance),
             Ex11.batchNormForwardEval(x.rows(1..<3), gamma: gamma, beta: beta, runningMean: mean, runningVariance: variance),
             Ex11.spatialBatchNormForwardEval(images, gamma: gamma, beta: beta, runningMean: mean, runningVariance: variance))
        }
        guard expectClose(all, normalise(x, mean: mean.scalars, variance: variance.scalars, gamma: gamma, beta: beta),
                          tolerance: 1e-10, "evaluation mode on x [5, 3] (running statistics only)") else { return }
        guard expectClose(twoRows, normalise(x.rows(1..<3), mean: mean.scalars, variance: variance.scalars, gamma: gamma, beta: beta),
                          tolerance: 1e-10, "evaluation mode on rows 1–2 of x alone") else { return }
        guard expectClose(twoRows, all.rows(1..<3), tolerance: 1e-12, "rows 1–2 evaluated alone vs inside the batch") else { return }
        let expected = normalise(images.permuted([0, 2, 3, 1]).reshaped([40, 3]), mean: mean.scalars, variance: variance.scalars,
                                 gamma: gamma, beta: beta).reshaped([2, 4, 5, 3]).permuted([0, 3, 1, 2])
        expectClose(y, expected, tolerance: 1e-10, "spatial evaluation mode on x [N, C, H, W] = [2, 3, 4, 5] (per channel; N, C, H, W all different)")
    }

    /// Batch-norm gradients with N = 7, D = 2 and with N = 3, D = 5, negative γ included.
    func testBatchNormBackwardOracle() {
        var generator = checkGenerator(104)
        for (m, d) in [(7, 2), (3, 5)] {
            let x = Tensor.normal([m, d], mean: -2, standardDeviation: 1.5, using: &generator)
            let gamma = Tensor.uniform([d], in: -2...2, using: &generator)
            let beta = Tensor.normal([d], using: &generator)
            let dy = Tensor.normal([m, d], using: &generator)
            let oracle = batchNormOracle(x, gamma, beta)
            let (dx, dGamma, dBeta) = student { () -> (Tensor, Tensor, Tensor) in
                let g = Ex11.batchNormBackward(dy, cache: Ex11.BatchNormCache(xHat: oracle.xHat, inverseStandardDeviation: oracle.inverse, gamma: gamma))
                return (g.dx, g.dGamma, g.dBeta)
            }
            guard expectGradient(dx, matches: numericGradient(at: x) { (batchNormOracle($0, gamma, beta).y * dy).sum() },
                                 parameter: "x [\(m), \(d)]", tolerance: 1e-5) else { return }
            guard expectGradient(dGamma, matches: numericGradient(at: gamma) { (batchNormOracle(x, $0, beta).y * dy).sum() },
                                 parameter: "gamma (x [\(m), \(d)])", tolerance: 1e-5) else { return }
            guard expectClose(dBeta, dy.sum(axis: 0), tolerance: 1e-12, "dBeta for x [\(m), \(d)] (Σ over the batch)") else { return }
        }
    }

    /// Layer norm on [1, 4], [5, 2] and [3, 7] against the loop oracle and centred differences.
    /// With D = 2 each x̂ row is ±σ/√(σ² + ε) whatever x is, so ε = 0.5 there keeps dx measurable.
    func testLayerNormOracle() {
        var generator = checkGenerator(105)
        for (n, d, epsilon) in [(1, 4, 1e-5), (5, 2, 0.5), (3, 7, 1e-5)] {
            let x = Tensor.normal([n, d], mean: 2, standardDeviation: 3, using: &generator)
            let gamma = Tensor.uniform([d], in: -2...2, using: &generator)
            let beta = Tensor.normal([d], using: &generator)
            let dy = Tensor.normal([n, d], using: &generator)
            let oracle = layerNormOracle(x, gamma, beta, epsilon: epsilon)
            let (output, dx, dGamma, dBeta) = student { () -> (Tensor, Tensor, Tensor, Tensor) in
                let output = Ex11.layerNormForward(x, gamma: gamma, beta: beta, epsilon: epsilon).output
                let g = Ex11.layerNormBackward(dy, cache: Ex11.LayerNormCache(xHat: oracle.xHat, inverseStandardDeviation: oracle.inverse, gamma: gamma))
                return (output, g.dx, g.dGamma, g.dBeta)
            }
            guard expectClose(output, oracle.y, tolerance: 1e-10, "layer norm forward on x [\(n), \(d)]") else { return }
            guard expectGradient(dx, matches: numericGradient(at: x) { (layerNormOracle($0, gamma, beta, epsilon: epsilon).y * dy).sum() },
                                 parameter: "x [\(n), \(d)] (layer norm)", tolerance: 1e-5) else { return }
            guard expectGradient(dGamma, matches: numericGradient(at: gamma) { (layerNormOracle(x, $0, beta, epsilon: epsilon).y * dy).sum() },
                                 parameter: "gamma (layer norm, x [\(n), \(d)])", tolerance: 1e-5) else { return }
            guard expectClose(dBeta, dy.sum(axis: 0), tolerance: 1e-12, "dBeta of layer norm for x [\(n), \(d)]") else { return }
        }
    }
}

import XCTest
import Foundation
import TensorCore
import CheckSupport
import Ex7

@discardableResult
fileprivate func expectWithin(_ observed: Double, _ expected: Double, margin: Double, _ what: String,
                              file: StaticString = #filePath, line: UInt = #line) -> Bool {
    expectTrue(abs(observed - expected) <= margin,
               "\(what): expected \(format(expected)) ± \(format(margin)) (5 standard errors of a seeded draw), observed \(format(observed))",
               file: file, line: line)
}

fileprivate func variance(_ t: Tensor) -> Double {
    let mean = t.mean()
    return t.map { ($0 - mean) * ($0 - mean) }.mean()
}

/// Hidden checks for ex7: more shapes, with the formulas written out as the oracle.
final class Ex7HiddenChecks: XCTestCase {
    // MARK: ex7.1

    func testFansMoreShapes() {
        let cases: [([Int], Int, Int)] = [([1, 1], 1, 1), ([10, 3, 1, 7], 21, 70), ([5, 4, 3], 12, 15), ([128, 64], 128, 64), ([2, 8, 4, 4], 128, 32)]
        for (shape, fanIn, fanOut) in cases {
            let f = Ex7.fans(ofShape: shape)
            guard expectEqual([f.fanIn, f.fanOut], [fanIn, fanOut], "[fanIn, fanOut] of \(format(shape))") else { return }
        }
    }

    /// A conv weight with more input channels than filters: fanIn = 192, fanOut = 96.
    func testGlorotConvMoreInputsThanFilters() {
        var generator = checkGenerator(301)
        let w = Ex7.glorotNormal([32, 64, 3, 1], using: &generator)
        guard expectShape(w, [32, 64, 3, 1], "glorotNormal([32, 64, 3, 1])") else { return }
        let s2 = 2.0 / 288, n = Double(w.count)
        guard expectWithin(variance(w), s2, margin: 5 * s2 * (2 / n).squareRoot(), "variance of glorotNormal([32, 64, 3, 1]) (2/(192 + 96))") else { return }
        let u = Ex7.glorotUniform([50, 450], using: &generator)
        let a = (6.0 / 500).squareRoot()
        expectTrue(u.min() >= -a && u.max() <= a && u.min() < -0.98 * a && u.max() > 0.98 * a,
                   "glorotUniform([50, 450]) should fill [−a, a] with a = √(6/500) = \(format(a)); observed [\(format(u.min())), \(format(u.max()))]")
    }

    // MARK: ex7.2

    func testHeMoreShapes() {
        var generator = checkGenerator(302)
        let w = Ex7.heNormal([16, 6, 5], using: &generator)   // fanIn 30
        guard expectShape(w, [16, 6, 5], "heNormal([16, 6, 5])") else { return }
        let n = Double(w.count), s = (2.0 / 30).squareRoot()
        guard expectWithin(variance(w).squareRoot(), s, margin: 5 * s / (2 * n).squareRoot(), "standard deviation of heNormal([16, 6, 5]) (√(2/30))") else { return }
        let u = Ex7.heUniform([40, 400], using: &generator)   // fanIn 40
        let a = (6.0 / 40).squareRoot(), m = Double(u.count)
        expectWithin(variance(u), a * a / 3, margin: 5 * (4.0 / 45).squareRoot() * a * a / m.squareRoot(),
                     "variance of heUniform([D_in = 40, D_out = 400]) (2/fanIn = 2/40)")
    }

    // MARK: ex7.3

    func testOrthogonalMoreShapes() {
        var generator = checkGenerator(303)
        let conv = Ex7.orthogonal([4, 2, 3, 3], using: &generator)
        guard expectShape(conv, [4, 2, 3, 3], "orthogonal([4, 2, 3, 3])") else { return }
        let flat = conv.reshaped([4, 18])
        var eye4 = Tensor.zeros([4, 4]); for i in 0..<4 { eye4[i, i] = 1 }
        guard expectClose(flat.matmul(flat.transposed()), eye4, tolerance: 1e-10,
                          "WWᵀ for W = orthogonal([4, 2, 3, 3]) seen as [4, 18] (orthonormal rows)") else { return }
        let tall = Ex7.orthogonal([50, 10], gain: 0.5, using: &generator)
        var eye10 = Tensor.zeros([10, 10]); for i in 0..<10 { eye10[i, i] = 0.25 }
        expectClose(tall.transposed().matmul(tall), eye10, tolerance: 1e-10, "WᵀW for W = orthogonal([50, 10], gain: 0.5) (= 0.25·I)")
    }

    func testGramSchmidtAgainstOracle() {
        var generator = checkGenerator(304)
        let a = Tensor.normal([9, 6], using: &generator)
        var q: [[Double]] = []
        for k in 0..<6 {
            let column = (0..<9).map { a[$0, k] }
            var v = column
            for previous in q {
                let dot = zip(previous, column).reduce(0) { $0 + $1.0 * $1.1 }   // classical Gram–Schmidt
                for i in 0..<9 { v[i] -= dot * previous[i] }
            }
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            q.append(v.map { $0 / norm })
        }
        var expected = Tensor.zeros([9, 6])
        for k in 0..<6 { for i in 0..<9 { expected[i, k] = q[k][i] } }
        expectClose(Ex7.gramSchmidt(a), expected, tolerance: 1e-9, "gramSchmidt of a random [9, 6] matrix")
    }

    // MARK: ex7.4

    func testActivationStatisticsLinearOracle() {
        var inputs = checkGenerator(305)
        let x = Tensor.normal([11, 3], standardDeviation: 2, using: &inputs)
        let widths = [7, 2, 9, 4]
        var generator = SeededGenerator(seed: 305), oracleGenerator = SeededGenerator(seed: 305)
        let observed = Ex7.activationStatistics(input: x, widths: widths, activation: .linear,
                                                initializer: { shape, g in Tensor.uniform(shape, in: -0.2...1.0, using: &g) },
                                                using: &generator)
        guard expectEqual(observed.count, 4, "number of layer statistics for widths \(widths)") else { return }
        var h = x
        for (layer, width) in widths.enumerated() {
            h = Tensor.naiveMatmul(h, Tensor.uniform([h.shape[1], width], in: -0.2...1.0, using: &oracleGenerator))
            let mean = h.scalars.reduce(0, +) / Double(h.count)
            let std = (h.scalars.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(h.count)).squareRoot()
            guard expectClose(observed[layer].mean, mean, tolerance: 1e-10, "mean of layer \(layer + 1) (linear, widths \(widths))") else { return }
            guard expectClose(observed[layer].standardDeviation, std, tolerance: 1e-10,
                              "standard deviation of layer \(layer + 1) (linear, widths \(widths); all entries, population)") else { return }
        }
    }

    /// tanh with Xavier's 1/√D keeps a usable spread; with standard deviation 1 it saturates near ±1.
    func testTanhScales() {
        var generator = checkGenerator(306)
        let x = Tensor.normal([100, 256], using: &generator)
        let xavier = Ex7.activationStatistics(input: x, widths: Array(repeating: 256, count: 10), activation: .tanh,
                                              initializer: { shape, g in Tensor.normal(shape, standardDeviation: 1 / Double(shape[0]).squareRoot(), using: &g) },
                                              using: &generator)
        guard expectTrue(xavier.count == 10 && xavier[9].standardDeviation > 0.15 && xavier[9].standardDeviation < 0.8,
                         "tanh with N(0, 1/D) weights: layer 10's std should still be a usable 0.15…0.8; observed \(xavier.map { format($0.standardDeviation) })") else { return }
        let large = Ex7.activationStatistics(input: x, widths: Array(repeating: 256, count: 10), activation: .tanh,
                                             initializer: { shape, g in Tensor.normal(shape, using: &g) },
                                             using: &generator)
        expectTrue(large.count == 10 && large.allSatisfy { $0.standardDeviation > 0.9 },
                   "tanh with N(0, 1) weights on 256 units saturates: every layer's std should be above 0.9 (values near ±1); observed \(large.map { format($0.standardDeviation) })")
    }

    // MARK: ex7.5

    func testTwoLayerGradientsOracle() {
        var generator = checkGenerator(307)
        let (n, d, hdim, k) = (7, 5, 6, 3)
        let x = Tensor.normal([n, d], using: &generator), t = Tensor.normal([n, k], using: &generator)
        let p = Ex7.TwoLayerParameters(w1: Tensor.normal([d, hdim], standardDeviation: 0.5, using: &generator), b1: Tensor.normal([hdim], using: &generator),
                                       w2: Tensor.normal([hdim, k], standardDeviation: 0.5, using: &generator), b2: Tensor.normal([k], using: &generator))
        var h = Tensor.zeros([n, hdim]), dy = Tensor.zeros([n, k])
        for i in 0..<n { for j in 0..<hdim {
            var z = p.b1[j]; for m in 0..<d { z += x[i, m] * p.w1[m, j] }; h[i, j] = tanh(z)
        } }
        var loss = 0.0
        for i in 0..<n { for c in 0..<k {
            var y = p.b2[c]; for j in 0..<hdim { y += h[i, j] * p.w2[j, c] }
            loss += 0.5 * (y - t[i, c]) * (y - t[i, c]) / Double(n); dy[i, c] = (y - t[i, c]) / Double(n)
        } }
        var dw1 = Tensor.zeros([d, hdim]), db1 = Tensor.zeros([hdim])
        for i in 0..<n { for j in 0..<hdim {
            var dh = 0.0; for c in 0..<k { dh += dy[i, c] * p.w2[j, c] }
            let dz = dh * (1 - h[i, j] * h[i, j])
            db1[j] += dz; for m in 0..<d { dw1[m, j] += x[i, m] * dz }
        } }
        let result = Ex7.twoLayerGradients(p, x: x, target: t)
        guard expectClose(result.loss, loss, tolerance: 1e-12, "loss of the 5-6-3 net on 7 examples") else { return }
        guard expectClose(result.gradients.w1, dw1, tolerance: 1e-12, "dW1 of the 5-6-3 net on 7 examples") else { return }
        guard expectClose(result.gradients.b1, db1, tolerance: 1e-12, "db1 of the 5-6-3 net (summed over the batch)") else { return }
        expectClose(result.gradients.b2, dy.sum(axis: 0), tolerance: 1e-12, "db2 of the 5-6-3 net (summed over the batch)")
    }

    func testConstantParametersExactly() {
        let p = Ex7.constantParameters(inputs: 5, hidden: 3, outputs: 2, value: -0.4)
        guard expectClose(p.w1, Tensor(shape: [5, 3], repeating: -0.4), tolerance: 0, "constantParameters(inputs: 5, hidden: 3, outputs: 2, value: −0.4).w1") else { return }
        guard expectClose(p.w2, Tensor(shape: [3, 2], repeating: -0.4), tolerance: 0, "constantParameters(…).w2") else { return }
        guard expectClose(p.b1, Tensor.zeros([3]), tolerance: 0, "constantParameters(…).b1 (biases must be exactly 0, else the symmetry is broken by accident)") else { return }
        expectClose(p.b2, Tensor.zeros([2]), tolerance: 0, "constantParameters(…).b2")
    }
}

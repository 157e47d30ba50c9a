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
        let observed = student { cases.map { let f = Ex7.fans(ofShape: $0.0); return [f.fanIn, f.fanOut] } }
        guard expectEqual(observed.count, cases.count, "number of [fanIn, fanOut] pairs") else { return }
        for ((shape, fanIn, fanOut), f) in zip(cases, observed) {
            guard expectEqual(f, [fanIn, fanOut], "[fanIn, fanOut] of \(format(shape))") else { return }
        }
    }

    /// A conv weight with more input channels than filters: fanIn = 192, fanOut = 96.
    func testGlorotConvMoreInputsThanFilters() {
        var generator = checkGenerator(301)
        let w = student { Ex7.glorotNormal([32, 64, 3, 1], using: &generator) }
        guard expectShape(w, [32, 64, 3, 1], "glorotNormal([32, 64, 3, 1])") else { return }
        let s2 = 2.0 / 288, n = Double(w.count)
        guard expectWithin(variance(w), s2, margin: 5 * s2 * (2 / n).squareRoot(), "variance of glorotNormal([32, 64, 3, 1]) (2/(192 + 96))") else { return }
        let u = student { Ex7.glorotUniform([50, 450], using: &generator) }
        guard expectShape(u, [50, 450], "glorotUniform([50, 450])") else { return }
        let a = (6.0 / 500).squareRoot()
        expectTrue(ex7AllWithin(u, a) && u.min() < -0.98 * a && u.max() > 0.98 * a,
                   "glorotUniform([50, 450]) should fill [−a, a] with a = √(6/500) = \(format(a)); observed [\(format(u.min())), \(format(u.max()))]")
    }

    // MARK: ex7.2

    func testHeMoreShapes() {
        var generator = checkGenerator(302)
        let w = student { Ex7.heNormal([16, 6, 5], using: &generator) }   // fanIn 30
        guard expectShape(w, [16, 6, 5], "heNormal([16, 6, 5])") else { return }
        let n = Double(w.count), s = (2.0 / 30).squareRoot()
        guard expectWithin(variance(w).squareRoot(), s, margin: 5 * s / (2 * n).squareRoot(), "standard deviation of heNormal([16, 6, 5]) (√(2/30))") else { return }
        let u = student { Ex7.heUniform([40, 400], using: &generator) }   // fanIn 40
        guard expectShape(u, [40, 400], "heUniform([40, 400])") else { return }
        let a = (6.0 / 40).squareRoot(), m = Double(u.count)
        guard expectWithin(variance(u), a * a / 3, margin: 5 * (4.0 / 45).squareRoot() * a * a / m.squareRoot(),
                           "variance of heUniform([D_in = 40, D_out = 400]) (2/fanIn = 2/40)") else { return }
        // One input channel (a size of 1 is a valid size): fanIn = C·KH·KW = 1·3·3 = 9.
        let single = student { Ex7.heUniform([24, 1, 3, 3], using: &generator) }
        guard expectShape(single, [24, 1, 3, 3], "heUniform([24, 1, 3, 3])") else { return }
        let b = (6.0 / 9).squareRoot()
        expectTrue(ex7AllWithin(single, b) && single.min() < -0.9 * b && single.max() > 0.9 * b,
                   "heUniform([F = 24, C = 1, KH = 3, KW = 3]) should fill [−a, a] with a = √(6/fanIn) = √(6/9) = \(format(b)) (one input channel: fanIn 9); observed range [\(format(single.min())), \(format(single.max()))]")
    }

    // MARK: ex7.3

    func testOrthogonalMoreShapes() {
        var generator = checkGenerator(303)
        let conv = student { Ex7.orthogonal([4, 2, 3, 3], using: &generator) }
        guard expectShape(conv, [4, 2, 3, 3], "orthogonal([4, 2, 3, 3])") else { return }
        let flat = conv.reshaped([4, 18])
        var eye4 = Tensor.zeros([4, 4]); for i in 0..<4 { eye4[i, i] = 1 }
        guard expectClose(flat.matmul(flat.transposed()), eye4, tolerance: 1e-10,
                          "WWᵀ for W = orthogonal([4, 2, 3, 3]) seen as [4, 18] (orthonormal rows)") else { return }
        let tall = student { Ex7.orthogonal([50, 10], gain: 0.5, using: &generator) }
        guard expectShape(tall, [50, 10], "orthogonal([50, 10], gain: 0.5)") else { return }
        var eye10 = Tensor.zeros([10, 10]); for i in 0..<10 { eye10[i, i] = 0.25 }
        guard expectClose(tall.transposed().matmul(tall), eye10, tolerance: 1e-10, "WᵀW for W = orthogonal([50, 10], gain: 0.5) (= 0.25·I)") else { return }
        // The construction itself, from seed 313: a square W is the Gram–Schmidt Q of the Gaussian
        // drawn first (rows ≥ cols: Q, not Qᵀ, though both are orthogonal); then a wide conv weight
        // with one input channel, [3, 1, 2, 2] seen as [3, 4]: Qᵀ of the next Gaussian [4, 3], times 1.5.
        let (square, wideConv) = student { () -> (Tensor, Tensor) in
            var g = SeededGenerator(seed: 313)
            let square = Ex7.orthogonal([5, 5], using: &g)
            return (square, Ex7.orthogonal([3, 1, 2, 2], gain: 1.5, using: &g))
        }
        lazy var expected: (square: Tensor, wide: Tensor) = {
            var g = SeededGenerator(seed: 313)
            let square = ex7OracleOrthogonal([5, 5], using: &g)
            return (square, ex7OracleOrthogonal([3, 1, 2, 2], gain: 1.5, using: &g))
        }()
        guard expectClose(square, expected.square, tolerance: 1e-10,
                          "orthogonal([5, 5]) from seed 313: Q = gramSchmidt(G) of the Gaussian G [5, 5] drawn from the generator (rows ≥ cols, so W = Q, not Qᵀ)") else { return }
        expectClose(wideConv, expected.wide, tolerance: 1e-10,
                    "orthogonal([3, 1, 2, 2], gain: 1.5) drawn after it: 1.5·Qᵀ of the next Gaussian [4, 3], reshaped (one input channel is a valid size)")
    }

    func testGramSchmidtAgainstOracle() {
        var generator = checkGenerator(304)
        let a = Tensor.normal([9, 6], using: &generator)
        let q = student { Ex7.gramSchmidt(a) }
        expectClose(q, ex7OracleGramSchmidt(a), tolerance: 1e-9, "gramSchmidt of a random [9, 6] matrix")
    }

    // MARK: ex7.4

    func testActivationStatisticsLinearOracle() {
        var inputs = checkGenerator(305)
        let x = Tensor.normal([11, 3], standardDeviation: 2, using: &inputs)
        let widths = [7, 2, 9, 4]
        let draw: ([Int], inout SeededGenerator) -> Tensor = { shape, g in Tensor.uniform(shape, in: -0.2...1.0, using: &g) }
        let (means, stds) = student { () -> ([Double], [Double]) in
            var generator = SeededGenerator(seed: 305)
            let s = Ex7.activationStatistics(input: x, widths: widths, activation: .linear, initializer: draw, using: &generator)
            return (s.map(\.mean), s.map(\.standardDeviation))
        }
        guard expectEqual(means.count, 4, "number of layer statistics for widths \(widths)"),
              expectEqual(stds.count, 4, "number of layer standard deviations for widths \(widths)") else { return }
        lazy var expected = ex7OracleStatistics(x, widths: widths, activation: { $0 }, draw: draw, generator: SeededGenerator(seed: 305))
        for layer in 0..<widths.count {
            guard expectClose(means[layer], expected.means[layer], tolerance: 1e-10, "mean of layer \(layer + 1) (linear, widths \(widths))") else { return }
            guard expectClose(stds[layer], expected.stds[layer], tolerance: 1e-10,
                              "standard deviation of layer \(layer + 1) (linear, widths \(widths); all entries, population)") else { return }
        }
        // Activations far from 0 (mean 1e8, spread about ½): the std is √(mean of (h − mean)²); written
        // as E[h²] − mean², or as (h + mean)·(h − mean), it cancels catastrophically.
        var farInputs = checkGenerator(308)
        let far = Tensor.normal([9, 4], using: &farInputs) + 1e8
        let averaging: ([Int], inout SeededGenerator) -> Tensor = { shape, _ in Tensor(shape: shape, repeating: 1 / Double(shape[0])) }
        let (farMeans, farStds) = student { () -> ([Double], [Double]) in
            var generator = SeededGenerator(seed: 308)
            let s = Ex7.activationStatistics(input: far, widths: [3, 2], activation: .linear, initializer: averaging, using: &generator)
            return (s.map(\.mean), s.map(\.standardDeviation))
        }
        guard expectEqual(farMeans.count, 2, "number of layer statistics for widths [3, 2] (input of mean 1e8)"),
              expectEqual(farStds.count, 2, "number of layer standard deviations for widths [3, 2] (input of mean 1e8)") else { return }
        lazy var farExpected = ex7OracleStatistics(far, widths: [3, 2], activation: { $0 }, draw: averaging, generator: SeededGenerator(seed: 308))
        for layer in 0..<2 {
            guard expectClose(farMeans[layer], farExpected.means[layer], tolerance: 1e-12,
                              "mean of layer \(layer + 1) (linear, weights 1/D, input [9, 4] of mean 1e8)") else { return }
            guard expectClose(farStds[layer], farExpected.stds[layer], tolerance: 1e-6,
                              "standard deviation of layer \(layer + 1) (linear, weights 1/D, input [9, 4] of mean 1e8 and spread 1: take √(mean of (h − mean)²), not E[h²] − mean², which cancels)") else { return }
        }
    }

    /// tanh with Xavier's 1/√D keeps a usable spread; with standard deviation 1 it saturates near ±1.
    func testTanhScales() {
        var generator = checkGenerator(306)
        let x = Tensor.normal([100, 256], using: &generator)
        let weightsFrom = generator
        let widths = Array(repeating: 256, count: 10)
        let xavierDraw: ([Int], inout SeededGenerator) -> Tensor = { shape, g in Tensor.normal(shape, standardDeviation: 1 / Double(shape[0]).squareRoot(), using: &g) }
        let largeDraw: ([Int], inout SeededGenerator) -> Tensor = { shape, g in Tensor.normal(shape, using: &g) }
        let (xavier, large) = student { () -> ([Double], [Double]) in
            var g = weightsFrom
            let xavier = Ex7.activationStatistics(input: x, widths: widths, activation: .tanh, initializer: xavierDraw, using: &g)
            let large = Ex7.activationStatistics(input: x, widths: widths, activation: .tanh, initializer: largeDraw, using: &g)
            return (xavier.map(\.standardDeviation), large.map(\.standardDeviation))
        }
        guard expectTrue(xavier.count == 10 && xavier[9] > 0.15 && xavier[9] < 0.8,
                         "tanh with N(0, 1/D) weights: layer 10's std should still be a usable 0.15…0.8; observed \(xavier.map(format))") else { return }
        guard expectTrue(large.count == 10 && large.allSatisfy { $0 > 0.9 },
                         "tanh with N(0, 1) weights on 256 units saturates: every layer's std should be above 0.9 (values near ±1); observed \(large.map(format))") else { return }
        // The oracle draws the second net's weights after the first's, from the same generator.
        lazy var oracle: (xavier: [Double], large: [Double]) = {
            var g = weightsFrom
            var h = x, first: [Double] = [], second: [Double] = []
            for (draw, index) in [(xavierDraw, 0), (largeDraw, 1)] {
                h = x
                for width in widths {
                    h = h.matmul(draw([h.shape[1], width], &g)).map { tanh($0) }
                    let mean = h.scalars.reduce(0, +) / Double(h.count)
                    let std = (h.scalars.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(h.count)).squareRoot()
                    if index == 0 { first.append(std) } else { second.append(std) }
                }
            }
            return (first, second)
        }()
        for layer in 0..<10 {
            guard expectClose(xavier[layer], oracle.xavier[layer], tolerance: 1e-9, "standard deviation of layer \(layer + 1) (tanh, N(0, 1/D) weights, input [100, 256])"),
                  expectClose(large[layer], oracle.large[layer], tolerance: 1e-9,
                              "standard deviation of layer \(layer + 1) (tanh, N(0, 1) weights drawn after the first net's, input [100, 256])") else { return }
        }
    }

    // MARK: ex7.5

    func testTwoLayerGradientsOracle() {
        var generator = checkGenerator(307)
        let (n, d, hdim, k) = (7, 5, 6, 3)
        let x = Tensor.normal([n, d], using: &generator), t = Tensor.normal([n, k], using: &generator)
        let p = Ex7Net(w1: Tensor.normal([d, hdim], standardDeviation: 0.5, using: &generator), b1: Tensor.normal([hdim], using: &generator),
                       w2: Tensor.normal([hdim, k], standardDeviation: 0.5, using: &generator), b2: Tensor.normal([k], using: &generator))
        let (loss, dw1, db1, dw2, db2) = student { () -> (Double, Tensor, Tensor, Tensor, Tensor) in
            let r = Ex7.twoLayerGradients(ex7StudentParameters(p), x: x, target: t)
            return (r.loss, r.gradients.w1, r.gradients.b1, r.gradients.w2, r.gradients.b2)
        }
        lazy var expected = ex7OracleTwoLayer(p, x: x, target: t)
        guard expectClose(loss, expected.loss, tolerance: 1e-12, "loss of the 5-6-3 net on 7 examples") else { return }
        guard expectClose(dw1, expected.gradients.w1, tolerance: 1e-12, "dW1 of the 5-6-3 net on 7 examples") else { return }
        guard expectClose(db1, expected.gradients.b1, tolerance: 1e-12, "db1 of the 5-6-3 net (summed over the batch)") else { return }
        guard expectClose(dw2, expected.gradients.w2, tolerance: 1e-12, "dW2 of the 5-6-3 net on 7 examples") else { return }
        expectClose(db2, expected.gradients.b2, tolerance: 1e-12, "db2 of the 5-6-3 net (summed over the batch)")
    }

    func testConstantParametersExactly() {
        let (w1, b1, w2, b2) = student { () -> (Tensor, Tensor, Tensor, Tensor) in
            let p = Ex7.constantParameters(inputs: 5, hidden: 3, outputs: 2, value: -0.4)
            return (p.w1, p.b1, p.w2, p.b2)
        }
        guard expectClose(w1, Tensor(shape: [5, 3], repeating: -0.4), tolerance: 0, "constantParameters(inputs: 5, hidden: 3, outputs: 2, value: −0.4).w1") else { return }
        guard expectClose(w2, Tensor(shape: [3, 2], repeating: -0.4), tolerance: 0, "constantParameters(…).w2") else { return }
        guard expectClose(b1, Tensor.zeros([3]), tolerance: 0, "constantParameters(…).b1 (biases must be exactly 0, else the symmetry is broken by accident)") else { return }
        expectClose(b2, Tensor.zeros([2]), tolerance: 0, "constantParameters(…).b2")
    }
}

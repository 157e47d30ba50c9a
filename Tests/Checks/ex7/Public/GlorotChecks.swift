import XCTest
import Foundation
import TensorCore
import CheckSupport
import Ex7

/// Passes when |observed − expected| ≤ margin (never for a NaN); the message gives the margin in standard errors.
@discardableResult
fileprivate func expectWithin(_ observed: Double, _ expected: Double, margin: Double, _ what: String,
                              file: StaticString = #filePath, line: UInt = #line) -> Bool {
    expectTrue(abs(observed - expected) <= margin,
               "\(what): expected \(format(expected)) ± \(format(margin)) (5 standard errors of a seeded draw), observed \(format(observed))",
               file: file, line: line)
}

fileprivate func moments(_ t: Tensor) -> (mean: Double, variance: Double) {
    let mean = t.mean()
    return (mean, t.map { ($0 - mean) * ($0 - mean) }.mean())
}

/// ex7.1: fan-in, fan-out, Glorot uniform and Glorot normal.
final class GlorotChecks: XCTestCase {
    func testFans() {
        let (dense, conv, single) = student { () -> ([Int], [Int], [Int]) in
            let d = Ex7.fans(ofShape: [3, 7]), c = Ex7.fans(ofShape: [6, 3, 5, 2]), s = Ex7.fans(ofShape: [16, 1, 3, 3])
            return ([d.fanIn, d.fanOut], [c.fanIn, c.fanOut], [s.fanIn, s.fanOut])
        }
        guard expectEqual(dense, [3, 7], "[fanIn, fanOut] of a dense weight [D_in = 3, D_out = 7]") else { return }
        guard expectEqual(conv, [3 * 5 * 2, 6 * 5 * 2],
                          "[fanIn, fanOut] of a conv weight [F = 6, C = 3, KH = 5, KW = 2] (fanIn = C·KH·KW, fanOut = F·KH·KW)") else { return }
        expectEqual(single, [1 * 3 * 3, 16 * 3 * 3], "[fanIn, fanOut] of a conv weight [16, 1, 3, 3]")
    }

    /// U(−a, a) with a = √(6/(fanIn + fanOut)): symmetric around 0, every draw inside, the edges reached.
    func testGlorotUniformDense() {
        var generator = checkGenerator(71)
        let shape = [200, 300]
        let w = student { Ex7.glorotUniform(shape, using: &generator) }
        guard expectShape(w, shape, "glorotUniform([200, 300])") else { return }
        let a = (6.0 / 500).squareRoot()
        guard expectTrue(ex7AllWithin(w, a),
                         "glorotUniform([200, 300]): every weight must lie in [−a, a] with a = √(6/(200 + 300)) = \(format(a)); observed range [\(format(w.min())), \(format(w.max()))]") else { return }
        guard expectTrue(w.min() < -0.99 * a && w.max() > 0.99 * a,
                         "glorotUniform([200, 300]) should reach both ends of [−\(format(a)), \(format(a))] in 60,000 draws; observed range [\(format(w.min())), \(format(w.max()))] (a range from 0 makes every weight positive)") else { return }
        let n = Double(w.count)
        let (mean, variance) = moments(w)
        guard expectWithin(mean, 0, margin: 5 * a / 3.0.squareRoot() / n.squareRoot(), "mean of glorotUniform([200, 300])") else { return }
        expectWithin(variance, a * a / 3, margin: 5 * (4.0 / 45).squareRoot() * a * a / n.squareRoot(),
                     "variance of glorotUniform([200, 300]) (a²/3 = 2/(fanIn + fanOut))")
    }

    /// A conv weight whose fan-in and fan-out differ by a factor 4.
    func testGlorotUniformConv() {
        var generator = checkGenerator(72)
        let shape = [64, 16, 5, 3]   // fanIn 240, fanOut 960
        let w = student { Ex7.glorotUniform(shape, using: &generator) }
        guard expectShape(w, shape, "glorotUniform([64, 16, 5, 3])") else { return }
        let a = (6.0 / 1200).squareRoot()
        guard expectTrue(ex7AllWithin(w, a) && w.min() < -0.99 * a && w.max() > 0.99 * a,
                         "glorotUniform([64, 16, 5, 3]) should fill [−a, a] with a = √(6/(240 + 960)) = \(format(a)); observed range [\(format(w.min())), \(format(w.max()))]") else { return }
        let n = Double(w.count)
        expectWithin(moments(w).variance, a * a / 3, margin: 5 * (4.0 / 45).squareRoot() * a * a / n.squareRoot(),
                     "variance of glorotUniform([64, 16, 5, 3]) (2/(fanIn + fanOut) with fanIn = 240, fanOut = 960)")
    }

    /// N(0, σ²) with σ = √(2/(fanIn + fanOut)); about 68.3% of the draws within ±σ (a uniform draw gives 57.7%).
    func testGlorotNormal() {
        var generator = checkGenerator(73)
        let shape = [300, 100]
        let w = student { Ex7.glorotNormal(shape, using: &generator) }
        guard expectShape(w, shape, "glorotNormal([300, 100])") else { return }
        let sigma = (2.0 / 400).squareRoot()
        let n = Double(w.count)
        let (mean, variance) = moments(w)
        guard expectWithin(mean, 0, margin: 5 * sigma / n.squareRoot(), "mean of glorotNormal([300, 100])") else { return }
        guard expectWithin(variance, sigma * sigma, margin: 5 * sigma * sigma * (2 / n).squareRoot(),
                           "variance of glorotNormal([300, 100]) (2/(fanIn + fanOut) = 2/400)") else { return }
        let inside = Double(w.scalars.filter { abs($0) <= sigma }.count) / n
        expectWithin(inside, 0.682_689, margin: 5 * (0.6827 * 0.3173 / n).squareRoot(),
                     "fraction of glorotNormal([300, 100]) draws within ±σ (a normal distribution, not a uniform one)")
    }

    /// Every draw comes from the generator passed in. Besides comparing the student's draws with
    /// each other, every draw is checked against the formula: inside [−a, a] for the uniform one
    /// (a = √(6/(4 + 5))), within ±6σ and not constant for the normal one (σ = √(2/(8 + 12))).
    func testSeeded() {
        let (a, b, c, normal1, normal2) = student { () -> (Tensor, Tensor, Tensor, Tensor, Tensor) in
            var first = SeededGenerator(seed: 7), second = SeededGenerator(seed: 7), other = SeededGenerator(seed: 8)
            let a = Ex7.glorotUniform([4, 5], using: &first), b = Ex7.glorotUniform([4, 5], using: &second)
            let c = Ex7.glorotUniform([4, 5], using: &other)
            var third = SeededGenerator(seed: 9), fourth = SeededGenerator(seed: 9)
            let n2 = Ex7.glorotNormal([3, 2, 2, 2], using: &fourth), n1 = Ex7.glorotNormal([3, 2, 2, 2], using: &third)
            return (a, b, c, n1, n2)
        }
        let limit = (6.0 / 9).squareRoot()
        for (name, w) in [("seed 7", a), ("seed 7, again", b), ("seed 8", c)] {
            guard expectShape(w, [4, 5], "glorotUniform([4, 5]) with \(name)"),
                  expectTrue(ex7AllWithin(w, limit) && ex7Spread(w) > 0,
                             "glorotUniform([4, 5]) with \(name): every weight must lie in [−a, a], a = √(6/(4 + 5)) = \(format(limit)), and not all be equal; observed \(preview(w))") else { return }
        }
        guard expectClose(b, a, tolerance: 0, "glorotUniform with the same seed twice (must be identical)") else { return }
        guard expectTrue(a != c, "glorotUniform with seeds 7 and 8 gave the same weights: draw from the generator passed in") else { return }
        let sigma = (2.0 / 20).squareRoot()
        for (name, w) in [("first", normal1), ("second", normal2)] {
            guard expectShape(w, [3, 2, 2, 2], "glorotNormal([3, 2, 2, 2]) with seed 9 (\(name) call)"),
                  expectTrue(ex7AllWithin(w, 6 * sigma) && ex7Spread(w) > 0,
                             "glorotNormal([3, 2, 2, 2]) with seed 9 (\(name) call): the weights should be N(0, σ²) draws, σ = √(2/(8 + 12)) = \(format(sigma)) (all within ±6σ, not all equal); observed \(preview(w))") else { return }
        }
        expectClose(normal2, normal1, tolerance: 0, "glorotNormal with the same seed twice (must be identical)")
    }
}

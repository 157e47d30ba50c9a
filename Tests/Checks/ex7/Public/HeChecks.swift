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

fileprivate func moments(_ t: Tensor) -> (mean: Double, variance: Double) {
    let mean = t.mean()
    return (mean, t.map { ($0 - mean) * ($0 - mean) }.mean())
}

/// ex7.2: He normal and He uniform.
final class HeChecks: XCTestCase {
    /// Dense [300, 200]: fanIn = 300, so σ = √(2/300) ≈ 0.0816 (not 1/√(2·300), not √(2/200)).
    func testHeNormalDense() {
        var generator = checkGenerator(81)
        let w = student { Ex7.heNormal([300, 200], using: &generator) }
        guard expectShape(w, [300, 200], "heNormal([300, 200])") else { return }
        let sigma = (2.0 / 300).squareRoot(), n = Double(w.count)
        let (mean, variance) = moments(w)
        guard expectWithin(mean, 0, margin: 5 * sigma / n.squareRoot(), "mean of heNormal([300, 200])") else { return }
        expectWithin(variance.squareRoot(), sigma, margin: 5 * sigma / (2 * n).squareRoot(),
                     "standard deviation of heNormal([D_in = 300, D_out = 200]) (√(2/fanIn), fanIn = 300)")
    }

    /// Conv [64, 8, 3, 5]: fanIn = C·KH·KW = 120 (fanOut = 480 would give half the spread).
    func testHeNormalConv() {
        var generator = checkGenerator(82)
        let w = student { Ex7.heNormal([64, 8, 3, 5], using: &generator) }
        guard expectShape(w, [64, 8, 3, 5], "heNormal([64, 8, 3, 5])") else { return }
        let sigma = (2.0 / 120).squareRoot(), n = Double(w.count)
        expectWithin(moments(w).variance.squareRoot(), sigma, margin: 5 * sigma / (2 * n).squareRoot(),
                     "standard deviation of heNormal([F = 64, C = 8, KH = 3, KW = 5]) (√(2/fanIn), fanIn = C·KH·KW = 120)")
    }

    /// U(−a, a) with a = √(6/fanIn).
    func testHeUniform() {
        var generator = checkGenerator(83)
        let w = student { Ex7.heUniform([32, 4, 3, 3], using: &generator) }   // fanIn 36
        guard expectShape(w, [32, 4, 3, 3], "heUniform([32, 4, 3, 3])") else { return }
        let a = (6.0 / 36).squareRoot(), n = Double(w.count)
        guard expectTrue(ex7AllWithin(w, a) && w.min() < -0.98 * a && w.max() > 0.98 * a,
                         "heUniform([32, 4, 3, 3]) should fill [−a, a] with a = √(6/fanIn) = √(6/36) = \(format(a)); observed range [\(format(w.min())), \(format(w.max()))]") else { return }
        expectWithin(moments(w).mean, 0, margin: 5 * a / 3.0.squareRoot() / n.squareRoot(), "mean of heUniform([32, 4, 3, 3])")
        let (again, once) = student { () -> (Tensor, Tensor) in
            var first = SeededGenerator(seed: 3), second = SeededGenerator(seed: 3)
            let again = Ex7.heUniform([5, 6], using: &second)
            return (again, Ex7.heUniform([5, 6], using: &first))
        }
        let limit = (6.0 / 5).squareRoot()   // fanIn 5
        for (name, u) in [("first", once), ("second", again)] {
            guard expectShape(u, [5, 6], "heUniform([5, 6]) with seed 3 (\(name) call)"),
                  expectTrue(ex7AllWithin(u, limit) && ex7Spread(u) > 0,
                             "heUniform([5, 6]) with seed 3 (\(name) call): every weight must lie in [−a, a], a = √(6/fanIn) = √(6/5) = \(format(limit)), and not all be equal; observed \(preview(u))") else { return }
        }
        expectClose(again, once, tolerance: 0, "heUniform with the same seed twice (must be identical)")
    }
}

import XCTest
import TensorCore
@testable import DeepLearning

final class InitializersTests: XCTestCase {
    private func statistics(_ t: Tensor) -> (mean: Double, std: Double) {
        let m = t.scalars.reduce(0, +) / Double(t.count)
        let v = t.scalars.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(t.count)
        return (m, v.squareRoot())
    }

    func testFansForDenseAndConvolution() {
        XCTAssertTrue(fans(forShape: [300, 100]) == (300, 100), "dense [D_in, D_out]")
        let conv = fans(forShape: [16, 3, 5, 5])
        XCTAssertEqual(conv.fanIn, 3 * 25, "conv fan-in C·KH·KW")
        XCTAssertEqual(conv.fanOut, 16 * 25, "conv fan-out F·KH·KW")
        XCTAssertEqual(fans(forShape: [7]).fanIn, 7)
    }

    func testGlorotUniformRangeAndStandardDeviation() {
        var g = SeededGenerator(seed: 1)
        let w = Initializers.glorotUniform([400, 200], using: &g)
        let limit = (6.0 / 600).squareRoot()
        XCTAssertLessThanOrEqual(w.scalars.map(abs).max()!, limit, "all inside ±√(6/(fanIn+fanOut))")
        XCTAssertLessThan(w.scalars.min()!, -0.9 * limit, "negative values too (erratum 2: not U(0, …))")
        let s = statistics(w)
        XCTAssertEqual(s.mean, 0, accuracy: 0.002)
        XCTAssertEqual(s.std, (2.0 / 600).squareRoot(), accuracy: 0.002, "std √(2/(fanIn+fanOut))")
    }

    func testGlorotNormalStatistics() {
        var g = SeededGenerator(seed: 2)
        let s = statistics(Initializers.glorotNormal([300, 500], using: &g))
        XCTAssertEqual(s.mean, 0, accuracy: 0.002)
        XCTAssertEqual(s.std, (2.0 / 800).squareRoot(), accuracy: 0.001)
    }

    func testHeNormalAndUniformUseFanIn() {
        var g = SeededGenerator(seed: 3)
        let normal = statistics(Initializers.heNormal([64, 32, 3, 3], using: &g))
        let expected = (2.0 / Double(32 * 9)).squareRoot()   // erratum 3: √(2/fanIn)
        XCTAssertEqual(normal.std, expected, accuracy: 0.01 * expected * 3)
        XCTAssertEqual(normal.mean, 0, accuracy: 0.002)
        let uniform = Initializers.heUniform([500, 100], using: &g)
        XCTAssertLessThanOrEqual(uniform.scalars.map(abs).max()!, (6.0 / 500).squareRoot())
        XCTAssertEqual(statistics(uniform).std, (2.0 / 500).squareRoot(), accuracy: 0.002)
    }

    func testOrthogonalSquareTallAndWide() {
        var g = SeededGenerator(seed: 4)
        for shape in [[6, 6], [9, 4], [3, 8], [4, 2, 3, 3]] {
            let w = Initializers.orthogonal(shape, using: &g)
            let rows = shape[0], columns = shape.dropFirst().reduce(1, *)
            let m = w.reshaped([rows, columns])
            let gram = rows >= columns ? m.transposed().matmul(m) : m.matmul(m.transposed())
            let n = min(rows, columns)
            var worst = 0.0
            for i in 0..<n { for j in 0..<n { worst = max(worst, abs(gram[i, j] - (i == j ? 1 : 0))) } }
            XCTAssertLessThan(worst, 1e-12, "orthogonal \(shape): |WᵀW − I| max \(worst)")
        }
    }

    func testOrthogonalIsSeededAndGained() {
        var a = SeededGenerator(seed: 9), b = SeededGenerator(seed: 9)
        let w1 = Initializers.orthogonal([5, 5], using: &a)
        let w2 = Initializers.orthogonal([5, 5], gain: 2, using: &b)
        XCTAssertLessThan(maxAbsoluteDifference(w1 * 2, w2), 1e-15)
    }

    func testDeltaOrthogonalHasOnlyTheCentreTap() {
        var g = SeededGenerator(seed: 5)
        let w = Initializers.deltaOrthogonal([8, 4, 3, 3], using: &g)
        var centre = Tensor.zeros([8, 4])
        for f in 0..<8 {
            for c in 0..<4 {
                for i in 0..<3 { for j in 0..<3 where !(i == 1 && j == 1) {
                    XCTAssertEqual(w[f, c, i, j], 0, "off-centre tap [\(f), \(c), \(i), \(j)]")
                } }
                centre[f, c] = w[f, c, 1, 1]
            }
        }
        let gram = centre.transposed().matmul(centre)
        for i in 0..<4 { for j in 0..<4 { XCTAssertEqual(gram[i, j], i == j ? 1 : 0, accuracy: 1e-12) } }
    }

    func testInitializerEnumMatchesFunctions() {
        var a = SeededGenerator(seed: 6), b = SeededGenerator(seed: 6)
        XCTAssertEqual(Initializer.heNormal.make([3, 4], using: &a), Initializers.heNormal([3, 4], using: &b))
        XCTAssertEqual(Initializer.constant(0.5).make([2], using: &a), Tensor([0.5, 0.5]))
        XCTAssertEqual(Initializer.zeros.make([2, 2], using: &a), Tensor.zeros([2, 2]))
    }
}

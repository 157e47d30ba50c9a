import XCTest
@testable import TensorCore

final class SeededGeneratorTests: XCTestCase {
    func testFirstDrawsArePinned() {
        // Checked against an independent Python implementation of SplitMix64 + xoshiro256**.
        var g = SeededGenerator(seed: 42)
        XCTAssertEqual((0..<5).map { _ in g.next() },
                       [1546998764402558742, 6990951692964543102, 12544586762248559009,
                        17057574109182124193, 18295552978065317476])
        var u = SeededGenerator(seed: 42)
        XCTAssertEqual((0..<3).map { _ in u.uniform() },
                       [0.08386297105988216, 0.3789802506626686, 0.6800434110281394])
        var i = SeededGenerator(seed: 42)
        XCTAssertEqual((0..<5).map { _ in i.integer(below: 10) }, [0, 3, 6, 9, 9])
    }

    func testSameSeedSameStreamDifferentSeedDifferentStream() {
        var a = SeededGenerator(seed: 2024), b = SeededGenerator(seed: 2024), c = SeededGenerator(seed: 2025)
        let drawsA = (0..<5).map { _ in a.normal() }
        XCTAssertEqual(drawsA, (0..<5).map { _ in b.normal() })
        XCTAssertNotEqual(drawsA, (0..<5).map { _ in c.normal() })
        var t1 = SeededGenerator(seed: 1), t2 = SeededGenerator(seed: 1)
        XCTAssertEqual(Tensor.normal([3, 4], using: &t1), Tensor.normal([3, 4], using: &t2))
    }

    func testUniformStaysInRange() {
        var g = SeededGenerator(seed: 5)
        for _ in 0..<10_000 {
            let x = g.uniform(in: -2...3)
            XCTAssertTrue((-2...3).contains(x), "\(x)")
        }
        let t = Tensor.uniform([100, 10], in: 4...5, using: &g)
        XCTAssertGreaterThanOrEqual(t.min(), 4)
        XCTAssertLessThanOrEqual(t.max(), 5)
        XCTAssertEqual(t.mean(), 4.5, accuracy: 0.02)
    }

    func testNormalMomentsOf100kDraws() {
        var g = SeededGenerator(seed: 11)
        let t = Tensor.normal([100_000], mean: 2, standardDeviation: 3, using: &g)
        let mean = t.mean()
        let variance = t.variance(axis: 0).scalars[0]
        // Standard error of the mean is 3/√100000 ≈ 0.0095; of the variance ≈ 9·√(2/100000) ≈ 0.04.
        XCTAssertEqual(mean, 2, accuracy: 0.05)
        XCTAssertEqual(variance, 9, accuracy: 0.2)
        XCTAssertTrue(t.isFinite)
    }

    func testIntegerBelowRangeAndRoughUniformity() {
        var g = SeededGenerator(seed: 9)
        var counts = Array(repeating: 0, count: 7)
        for _ in 0..<70_000 {
            let k = g.integer(below: 7)
            XCTAssertTrue((0..<7).contains(k))
            counts[k] += 1
        }
        for c in counts { XCTAssertEqual(Double(c), 10_000, accuracy: 500, "\(counts)") }
        XCTAssertEqual(g.integer(below: 1), 0)
        XCTAssertTrue((0..<Int.max).contains(g.integer(below: Int.max)))
    }

    func testShuffleIsADeterministicPermutation() {
        var g = SeededGenerator(seed: 3), h = SeededGenerator(seed: 3)
        var a = Array(0..<50), b = Array(0..<50)
        g.shuffle(&a)
        h.shuffle(&b)
        XCTAssertEqual(a, b)
        XCTAssertEqual(a.sorted(), Array(0..<50))
        XCTAssertNotEqual(a, Array(0..<50))
        var empty = [Int]()
        g.shuffle(&empty)
        XCTAssertEqual(empty, [])
    }

    func testBernoulli() {
        var g = SeededGenerator(seed: 4)
        let hits = (0..<20_000).filter { _ in g.bernoulli(probability: 0.3) }.count
        XCTAssertEqual(Double(hits) / 20_000, 0.3, accuracy: 0.02)
        XCTAssertFalse((0..<100).contains { _ in g.bernoulli(probability: 0) })
        XCTAssertTrue((0..<100).allSatisfy { _ in g.bernoulli(probability: 1) })
    }

    func testSplitGivesADifferentReproducibleStream() {
        var parent = SeededGenerator(seed: 42)
        var child = parent.split()
        let childDraws = (0..<5).map { _ in child.next() }
        let parentDraws = (0..<5).map { _ in parent.next() }
        XCTAssertNotEqual(childDraws, parentDraws)
        var fresh = SeededGenerator(seed: 42)
        XCTAssertNotEqual(childDraws, (0..<5).map { _ in fresh.next() })
        var again = SeededGenerator(seed: 42)
        var child2 = again.split()
        XCTAssertEqual(childDraws, (0..<5).map { _ in child2.next() })
    }
}

import XCTest
import TensorCore
@testable import DeepLearning

final class PoolingTests: XCTestCase {
    func testLectureMaxPoolExamples() {
        let pool = MaxPool2D(size: 3)
        XCTAssertEqual(pool.inference(Tensor([[[[1, 2, 3], [4, 5, 6], [7, 8, 9]]]])).scalars, [9])
        XCTAssertEqual(pool.inference(Tensor([[[[5, 2, 1], [5, 7, 1], [9, 5, 12]]]])).scalars, [12])
        let x = Tensor([[[[1, 1, 2, 4], [5, 6, 7, 8], [3, 2, 1, 0], [1, 2, 3, 4]]]])
        let y = MaxPool2D(size: 2, stride: 2).inference(x)
        XCTAssertEqual(y, Tensor([[[[6, 8], [3, 4]]]]))
        XCTAssertEqual(MinPool2D(size: 2).inference(x), Tensor([[[[1, 2], [1, 0]]]]))
        XCTAssertEqual(AveragePool2D(size: 2).inference(x), Tensor([[[[3.25, 5.25], [2, 2]]]]))
    }

    func testTieGoesToFirstMaximumInRowMajorOrder() {
        let x = Tensor([[[[1, 7], [7, 7]]]])
        let pool = MaxPool2D(size: 2)
        var context = ForwardContext(training: true)
        let (_, cache) = pool.forward(x, context: &context)
        XCTAssertEqual(pool.backward(Tensor([[[[5]]]]), cache: cache).inputGradient, Tensor([[[[0, 5], [0, 0]]]]))
        let minPool = MinPool2D(size: 2)
        let (_, minCache) = minPool.forward(Tensor([[[[3, 1], [1, 1]]]]), context: &context)
        XCTAssertEqual(minPool.backward(Tensor([[[[2]]]]), cache: minCache).inputGradient, Tensor([[[[0, 2], [0, 0]]]]))
    }

    func testOverlappingWindowsAccumulate() {
        // 3×3 windows with stride 2 on 5×5 share the centre row/column; the global max 9 at (2, 2) is in all four.
        var x = Tensor.zeros([1, 1, 5, 5])
        x[0, 0, 2, 2] = 9
        let pool = MaxPool2D(size: 3, stride: 2)
        var context = ForwardContext(training: true)
        let (y, cache) = pool.forward(x, context: &context)
        XCTAssertEqual(y.scalars, [9, 9, 9, 9])
        XCTAssertEqual(pool.backward(Tensor([[[[1, 2], [3, 4]]]]), cache: cache).inputGradient[0, 0, 2, 2], 10)
    }

    func testGradientChecksAwayFromTies() {
        // A random permutation of well-separated values: no ties, and every maximum wins by ≥ 0.5 ≫ h.
        var g = SeededGenerator(seed: 21)
        var values = (0..<(2 * 3 * 6 * 6)).map { Double($0) * 0.5 }
        g.shuffle(&values)
        let x = Tensor(shape: [2, 3, 6, 6], scalars: values)
        for (size, stride) in [(2, 2), (3, 3), (2, 1), (4, 2)] {
            assertLayerGradientCheck(MaxPool2D(size: size, stride: stride), input: x, threshold: 1e-7)
            assertLayerGradientCheck(MinPool2D(size: size, stride: stride), input: x, threshold: 1e-7)
            assertLayerGradientCheck(AveragePool2D(size: size, stride: stride), input: randomTensor([2, 3, 6, 6], seed: 22), threshold: 1e-7)
        }
        XCTAssertEqual(MaxPool2D(size: 2).outputShape(for: [4, 16, 32, 32]), [4, 16, 16, 16])
        XCTAssertEqual(MaxPool2D(size: 3, stride: 2).outputShape(for: [1, 96, 55, 55]), [1, 96, 27, 27])
    }

    /// The row-at-a-time kernel against the direct per-window loop, on values drawn from a few
    /// levels (so that windows hold ties), for max and min, strides below, at and above the size.
    func testSelectionPoolMatchesNaiveLoop() {
        var g = SeededGenerator(seed: 24)
        for (size, stride, h, w) in [(2, 2, 8, 8), (3, 1, 5, 7), (3, 2, 7, 9), (2, 3, 8, 5), (1, 1, 3, 4), (4, 4, 4, 8)] {
            let x = Tensor(shape: [3, 2, h, w], scalars: (0..<(3 * 2 * h * w)).map { _ in Double(Int.random(in: 0..<4, using: &g)) })
            let shape = poolGeometry("test", x.shape, size, stride)
            for takeMaximum in [true, false] {
                let (fast, cache) = selectionPool(x, shape, takeMaximum: takeMaximum)
                let naive = naiveSelectionPool(x, shape, takeMaximum: takeMaximum)
                let label = "\(takeMaximum ? "max" : "min") \(size)×\(size) s\(stride) on \(h)×\(w)"
                XCTAssertEqual(fast.scalars, naive.output, label)
                XCTAssertEqual(cache.selected, naive.selected, label + ": selected offsets (ties to the first)")
            }
        }
    }

    func testFlatten() {
        let x = randomTensor([2, 3, 2, 2], seed: 23)
        XCTAssertEqual(Flatten().outputShape(for: x.shape), [2, 12])
        XCTAssertEqual(Flatten().inference(x).scalars, x.scalars)
        assertLayerGradientCheck(Flatten(), input: x)
    }
}

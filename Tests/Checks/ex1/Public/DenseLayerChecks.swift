import Testing
import TensorCore
import CheckSupport
import Ex1

/// ex1.1 and ex1.2: the dense layer and parameter counts.
@Suite struct DenseLayerChecks {
    /// Worked by hand: two examples, three features, two outputs.
    @Test func workedExample() {
        let x = Tensor([[1, 2, 3], [-1, 0, 2]])
        let w = Tensor([[1, 0], [0, 1], [1, -1]])
        let b = Tensor([0.5, -0.5])
        let y = student { Ex1.denseForward(x, weight: w, bias: b) }
        // Row 1: [1+3, 2−3] + b = [4.5, −1.5]; row 2: [−1+2, 0−2] + b = [1.5, −2.5].
        expectClose(y, Tensor([[4.5, -1.5], [1.5, -2.5]]), "denseForward on the worked example")
    }

    /// N, D and M all differ, so a transposed weight or a bias added down the wrong axis shows.
    @Test func shapes() {
        var generator = checkGenerator(11)
        let x = Tensor.normal([5, 3], using: &generator)
        let w = Tensor.normal([3, 4], using: &generator)
        let b = Tensor.normal([4], using: &generator)
        let y = student { Ex1.denseForward(x, weight: w, bias: b) }
        guard expectShape(y, [5, 4], "denseForward with x [5, 3], weight [3, 4], bias [4]") else { return }
        // Each row is the same layer applied to one example.
        for n in 0..<5 {
            for m in 0..<4 {
                guard expectClose(y[n, m], (0..<3).reduce(b[m]) { $0 + x[n, $1] * w[$1, m] }, tolerance: 1e-12,
                                  "denseForward output [\(n), \(m)]") else { return }
            }
        }
    }

    /// Swift Testing's own `#expect` works too: a failure shows both sides.
    @Test func lectureParameterCount() {
        let count = student { Ex1.denseParameterCount(layerSizes: [400 * 400 * 3, 1000, 10], includeBiases: false) }
        #expect(count == 480_010_000, "parameters of a 400×400×3 → 1000 → 10 dense net, weights only")
    }
}

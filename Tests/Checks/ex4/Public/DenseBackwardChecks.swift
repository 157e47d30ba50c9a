import XCTest
import TensorCore
import CheckSupport
import Ex4

/// ex4.3: the backward pass of a dense layer.
final class DenseBackwardChecks: XCTestCase {
    /// Worked by hand: N = 3, D = 2, M = 3.
    func testWorkedExample() {
        let x = Tensor([[1, 2], [3, -1], [0, 1]])
        let w = Tensor([[1, 0, -1], [2, 1, 0]])
        let dy = Tensor([[1, 0, 2], [0, -1, 1], [1, 1, 0]])
        let (dx, dw, db) = student { () -> (Tensor, Tensor, Tensor) in
            let r = Ex4.denseBackward(x, weight: w, outputGradient: dy)
            return (r.dx, r.dWeight, r.dBias)
        }
        guard expectClose(dx, Tensor([[-1, 2], [-1, -1], [1, 3]]), "dx = dY·Wᵀ [3, 2] on the worked example") else { return }
        guard expectClose(dw, Tensor([[1, -3, 5], [3, 2, 3]]), "dWeight = xᵀ·dY [2, 3] on the worked example") else { return }
        expectClose(db, Tensor([2, 0, 3]), "dBias = the sum of dY's rows [3] on the worked example")
    }

    /// dx, dW and db against centred differences of L = Σ dY ⊙ (x·W + b) with a random dY (N = 5, D = 3, M = 4).
    func testGradientsAgainstNumeric() {
        var generator = checkGenerator(431)
        let x = Tensor.normal([5, 3], using: &generator)
        let w = Tensor.normal([3, 4], using: &generator)
        let b = Tensor.normal([4], using: &generator)
        let dy = Tensor.normal([5, 4], using: &generator)
        func loss(_ x: Tensor, _ w: Tensor, _ b: Tensor) -> Double { (x.matmul(w).addingRowVector(b) * dy).sum() }
        let (dx, dw, db) = student { () -> (Tensor, Tensor, Tensor) in
            let r = Ex4.denseBackward(x, weight: w, outputGradient: dy)
            return (r.dx, r.dWeight, r.dBias)
        }
        guard expectGradient(dx, matches: numericGradient(at: x) { loss($0, w, b) }, parameter: "x [5, 3] (dx = dY·Wᵀ)") else { return }
        guard expectGradient(dw, matches: numericGradient(at: w) { loss(x, $0, b) }, parameter: "weight [3, 4] (dW = xᵀ·dY)") else { return }
        expectGradient(db, matches: numericGradient(at: b) { loss(x, w, $0) }, parameter: "bias [4] (db = Σ over the batch of dY)", batchSize: 5)
    }
}

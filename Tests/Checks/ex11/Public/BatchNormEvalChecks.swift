import XCTest
import TensorCore
import CheckSupport
import Ex11

/// ex11.2: batch norm in evaluation mode uses the running statistics.
final class BatchNormEvalChecks: XCTestCase {
    /// Running mean [1, −2], running variance [4, 0.25]: far from the batch's own statistics.
    func testWorkedExample() {
        let x = Tensor([[3, -2], [1, -1.5], [5, 0]])
        let gamma = Tensor([0.5, 3])
        let beta = Tensor([1, 2])
        let y = student {
            Ex11.batchNormForwardEval(x, gamma: gamma, beta: beta, runningMean: Tensor([1, -2]), runningVariance: Tensor([4, 0.25]))
        }
        let s0 = 1 / (4 + 1e-5).squareRoot(), s1 = 1 / (0.25 + 1e-5).squareRoot()
        let rows: [[Double]] = [[0.5 * 2 * s0 + 1, 2],
                                [1, 3 * 0.5 * s1 + 2],
                                [0.5 * 4 * s0 + 1, 3 * 2 * s1 + 2]]
        expectClose(y, Tensor(rows), tolerance: 1e-10,
                    "evaluation-mode output: γ·(x − runningMean)/√(runningVariance + ε) + β (never the batch's own statistics)")
    }

    /// A batch of one: batch statistics would make every output equal to β.
    func testSingleExample() {
        var generator = checkGenerator(21)
        let x = Tensor.normal([1, 5], using: &generator)
        let gamma = Tensor.uniform([5], in: 0.5...2, using: &generator)
        let beta = Tensor.normal([5], using: &generator)
        let mean = Tensor.normal([5], using: &generator)
        let variance = Tensor.uniform([5], in: 0.5...3, using: &generator)
        let y = student { Ex11.batchNormForwardEval(x, gamma: gamma, beta: beta, runningMean: mean, runningVariance: variance) }
        let expected = Tensor(shape: [1, 5], scalars: (0..<5).map { gamma[$0] * (x[0, $0] - mean[$0]) / (variance[$0] + 1e-5).squareRoot() + beta[$0] })
        expectClose(y, expected, tolerance: 1e-10, "evaluation mode on a batch of ONE example [1, 5]")
    }
}

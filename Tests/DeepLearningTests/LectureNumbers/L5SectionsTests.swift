import XCTest
import Foundation
import TensorCore
@testable import DeepLearning

/// L5's erratum on the L1 penalty, the two mechanism figures' numbers, and the questions.
final class L5SectionsTests: XCTestCase {
    let note = lecture("L5")

    func testPenaltyErratum() {
        let w = Tensor([0.5, -2, 0])
        let (value, gradient) = l1Penalty(w, lambda: 0.1)
        XCTAssertEqual(value, 0.1 * (0.5 + 2), accuracy: 1e-12, "λ·Σ|w_j|, no slack variables")
        XCTAssertEqual(gradient.scalars, [0.1, -0.1, 0])
        assertQuoted("> **Errata (the L1 penalty).** *The seed's claim:*", in: note)
        assertQuoted("the L1 penalty is $\\lambda\\|w\\|_1 = \\lambda\\sum_j |w_j|$ added to the\n> loss", in: note)
    }

    func testFigureParagraph() {
        let s = LectureFigures.batchNormStatistics()
        assertQuoted("means $\(bracketed(s.mean))$, biased variances\n$\(bracketed(s.variance))$", in: note)
        assertQuoted("the running means are $\(bracketed(s.runningMean))$", in: note)
        assertQuoted("are $[" + s.runningVariance.map { fixed($0, 3) }.joined(separator: ", ") + "]$", in: note)
        XCTAssertEqual(s.runningVariance[0], 0.9 + 0.1 * (5 * 4.0 / 3), accuracy: 1e-12, "the unbiased batch variance is fed in")
        for name in ["dropout-masks.svg", "batchnorm-statistics.svg"] { XCTAssertTrue(note.contains("](figures/\(name))"), name) }
    }

    func testQuestions() {
        // 1. Inverted dropout with p = 0.2.
        let layer = Dropout(p: 0.2)
        var context = ForwardContext(training: true, seed: 5)
        let out = layer.forward(Tensor(shape: [1, 100_000], scalars: .init(repeating: 1, count: 100_000)), context: &context).output.scalars
        let kept = out.filter { $0 != 0 }
        XCTAssertEqual(Set(kept), [1.25])
        XCTAssertEqual(Double(kept.count) / 1000, 80, accuracy: 0.5, "kept per 100 units, on average")
        assertQuoted("1. $1/(1 - 0.2) = \(short(kept[0]))$; \(Int((1 - layer.p) * 100)) of 100 on average.", in: note)
        // 2. Weight decay per step, from the reference SGD with weight decay on a zero loss gradient.
        var sgd = SGD(learningRate: 0.01, weightDecay: 0.001)
        var parameters = [Tensor([1])]
        sgd.step(parameters: &parameters, gradients: [Tensor([0])])
        assertQuoted("2. $1 - \\epsilon\\lambda = \(short(parameters[0].scalars[0], maxDigits: 8))$.", in: note)
        // 3. Batch norm on [2, 4, 6].
        var bn = BatchNorm(featureCount: 1)
        var train = ForwardContext(training: true)
        let a = [2.0, 4, 6]
        let y = bn.forward(Tensor(shape: [3, 1], scalars: a), context: &train).output.scalars
        let mean = a.reduce(0, +) / 3, variance = a.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 3
        XCTAssertEqual(y[1], 0, accuracy: 1e-12)
        assertQuoted("$\\mu = \(short(mean))$, $\\sigma^2 = 8/3 = \(fixed(variance, 4))$, $\\hat a = [\(fixed(y[0], 4)), 0, \(fixed(y[2], 4))]$", in: note)
        // 4. Early stopping with patience 2.
        var stopping = EarlyStopping(patience: 2)
        let losses = [0.50, 0.40, 0.45, 0.38, 0.39, 0.41]
        var stoppedAfter: Int?
        for (i, loss) in losses.enumerated() where stoppedAfter == nil {
            if stopping.update(value: loss, parameters: [Tensor([Double(i + 1)])]) { stoppedAfter = i + 1 }
        }
        let best = stopping.bestEpoch! + 1
        assertQuoted("Validation losses " + losses.map { fixed($0, 2) }.joined(separator: ", ") + " for epochs 1–6", in: note)
        assertQuoted("Epoch \(best) is the best (\(fixed(losses[best - 1], 2))); epochs \(best + 1) and \(best + 2) do not improve on it, so training stops after epoch\n   \(stoppedAfter!) and the epoch-\(best) weights are restored.", in: note)
    }
}

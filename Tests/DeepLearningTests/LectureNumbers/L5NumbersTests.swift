import XCTest
import Foundation
import TensorCore
@testable import DeepLearning

/// Every number quoted in lectures/L5-generalization.md.
final class L5LectureNumbersTests: XCTestCase {
    let note = lecture("L5")

    /// §2: weight decay factor per SGD step.
    func testWeightDecayFactor() {
        var sgd = SGD(learningRate: 0.1, weightDecay: 0.01)
        var parameters = [Tensor([1])]
        sgd.step(parameters: &parameters, gradients: [Tensor([0])])
        assertQuoted("with $\\epsilon = 0.1$, $\\lambda = 0.01$\nthat is $\\times \(short(parameters[0].scalars[0]))$ per step", in: note)
        XCTAssertEqual(l2Penalty(Tensor([2]), lambda: 0.01).gradient.scalars[0], 0.02, accuracy: 1e-15, "gradient λw")
    }

    /// §3: the number of thinned sub-networks, and the dropout worked example.
    func testDropout() {
        let subnetworks = pow(2.0, Double(2 * 100))
        assertQuoted("for $k = 2$, $m = 100$ about $\(sci(subnetworks, 1))$", in: note)
        // Find a seed whose reference mask is [1, 0, 1, 0] on four units, p = 0.5.
        let h = Tensor([1, 2, 3, 4])
        var dropout = Dropout(p: 0.5)
        var trained: Tensor?
        for seed in UInt64(0)..<200 {
            var context = ForwardContext(training: true, seed: seed)
            let y = dropout.forward(h, context: &context).output
            if y.scalars.map({ $0 != 0 }) == [true, false, true, false] { trained = y; break }
        }
        XCTAssertNotNil(trained, "some seed gives the mask [1, 0, 1, 0]")
        let expected = h.zipMap(Tensor([1, 0, 1, 0])) { v, m in m * v / (1 - 0.5) }
        XCTAssertEqual(trained, expected)
        assertQuoted("gives\n$\\tilde h = [" + (trained ?? expected).scalars.map { short($0) }.joined(separator: ", ") + "]$ in training", in: note)
        assertQuoted("at evaluation $\\tilde h = [" + dropout.inference(h).scalars.map { short($0) }.joined(separator: ", ") + "]$", in: note)
        // Erratum 7: halving at test time and scaling during training shrinks everything by 2.
        assertQuoted("shrinks everything by \(Int((1 / 0.5).rounded()))", in: note)
    }

    /// §4: the early-stopping example.
    func testEarlyStopping() {
        var stopping = EarlyStopping(patience: 2)
        let losses = [0.90, 0.70, 0.60, 0.62, 0.65]
        var stoppedAfter: Int?
        for (i, loss) in losses.enumerated() where stoppedAfter == nil {
            if stopping.update(value: loss, parameters: [Tensor([Double(i + 1)])]) { stoppedAfter = i + 1 }
        }
        assertQuoted("validation losses\n" + losses.map { fixed($0, 2) }.joined(separator: ", ") + " for epochs 1–\(losses.count), patience \(stopping.patience)", in: note)
        let best = stopping.bestEpoch! + 1
        var restored = [Tensor([0])]
        stopping.restoreBest(into: &restored)
        XCTAssertEqual(restored[0].scalars[0], Double(best))
        assertQuoted("epoch \(best) is best, epochs \(best + 1) and \(best + 2)\nfail to improve, training stops after epoch \(stoppedAfter!) and the epoch-\(best) weights are restored", in: note)
    }

    /// §6: the batch-norm worked example, with the reference layer.
    func testBatchNorm() {
        var layer = BatchNorm(featureCount: 1)
        XCTAssertEqual(layer.runningMean.scalars[0], 0)
        XCTAssertEqual(layer.runningVariance.scalars[0], 1)
        let a = [1.0, 2, 3, 4]
        var context = ForwardContext(training: true)
        let y = layer.forward(Tensor(shape: [4, 1], scalars: a), context: &context).output
        let mu = a.reduce(0, +) / 4
        let squares = a.map { ($0 - mu) * ($0 - mu) }
        let variance = squares.reduce(0, +) / 4
        assertQuoted("$\\mu = \(short(mu))$, $\\sigma^2 = (" + squares.map { short($0) }.joined(separator: " + ") + ")/4 = \(short(variance))$", in: note)
        assertQuoted("$\\epsilon = \(powerOfTen(layer.epsilon))$:", in: note)
        let normalized = y.scalars.map { fixed($0, 4) }
        assertQuoted("\\sqrt{1.25 + 10^{-5}} = [" + normalized.joined(separator: ", ") + "]$", in: note)
        assertQuoted("\\leftarrow 0.9\\cdot0 + 0.1\\cdot2.5 = \(short(layer.runningMean.scalars[0]))$", in: note)
        let unbiased = variance * 4 / 3
        assertQuoted("($5/3 = \(fixed(unbiased, 4))$)", in: note)
        assertQuoted("giving $0.9 + \(fixed(layer.momentum * unbiased, 5)) = \(fixed(layer.runningVariance.scalars[0], 4))$", in: note)
        let biased = (1 - layer.momentum) * 1 + layer.momentum * variance
        assertQuoted("with the biased \(short(variance)) it would be \(short(biased))", in: note)
        // Conventions: m = 0.1 (weight of the new batch), ε = 1e−5; Keras's equivalent keeps 0.9.
        assertQuoted("\\qquad m = \(short(layer.momentum)) .$$", in: note)
        assertQuoted("the **new** batch, $m = \(short(layer.momentum))$, as in PyTorch", in: note)
        assertQuoted("the same behaviour there is \(short(1 - layer.momentum))", in: note)
        assertQuoted("**ε = 1e−\(Int(-log10(layer.epsilon).rounded()))**", in: note)
    }

    /// §7: layer norm of [1, 2, 3, 4].
    func testLayerNorm() {
        let y = LayerNorm(featureCount: 4).inference(Tensor([[1, 2, 3, 4], [10, -3, 0.5, 7]]))
        let row = (0..<4).map { fixed(y[0, $0], 4) }
        assertQuoted("An example $[1, 2, 3, 4]$ is normalized to\n$[" + row.joined(separator: ", ") + "]$", in: note)
    }

    /// §8: probability averaging versus majority vote.
    func testEnsemble() {
        let members = [0.9, 0.4, 0.4].map { Tensor([[$0, 1 - $0]]) }   // [A, B]
        let votes = Ensemble.majorityVote(members.map { [$0.argmax()] })
        let average = Ensemble.averageProbabilities(members)
        let bVotes = members.filter { $0.argmax() == 1 }.count
        XCTAssertEqual(votes, [1], "B wins the vote")
        assertQuoted("**B wins \(bVotes)–\(members.count - bVotes)**", in: note)
        assertQuoted("A\n$= (0.9+0.4+0.4)/3 = \(fixed(average[0, 0], 4))$, B $= \(fixed(average[0, 1], 4))$", in: note)
        XCTAssertEqual(average.argmax(), 0, "A wins the average")
        // Ties go to the lowest class index.
        XCTAssertEqual(Ensemble.majorityVote([[2], [1]]), [1])
    }

    /// §9: grid versus random search with 9 trials over two hyper-parameters.
    func testSearch() {
        let grid = HyperparameterSearch.grid(["a": [1, 2, 3], "b": [1, 2, 3]])
        let random = HyperparameterSearch.random(["a": .uniform(0, 1), "b": .uniform(0, 1)], trials: grid.count, seed: 0)
        let gridDistinct = Set(grid.map { $0["a"]! }).count
        let randomDistinct = Set(random.map { $0["a"]! }).count
        assertQuoted("With \(grid.count) trials and two\n  hyper-parameters, a \(gridDistinct)×\(gridDistinct) grid tests only \(gridDistinct) distinct values of each; random search tests \(randomDistinct) of\n  each", in: note)
        // ε = 10^u, u ~ U(−5, −1).
        let rates = HyperparameterSearch.random(["lr": .logUniform(1e-5, 1e-1)], trials: 200, seed: 1).map { $0["lr"]! }
        XCTAssertTrue(rates.allSatisfy { $0 >= 1e-5 && $0 <= 1e-1 })
        XCTAssertGreaterThan(rates.filter { $0 < 1e-4 }.count, 20, "log-uniform: a quarter of the draws per decade")
        assertQuoted("$\\epsilon = 10^{u}$, $u \\sim U(-5, -1)$", in: note)
    }
}

import XCTest
import Foundation
import TensorCore
@testable import DeepLearning

/// A unit fraction in LaTeX, as the note writes the ½ of the L2 penalty: 0.5 → "\tfrac12".
private func tfrac(_ x: Double) -> String {
    let n = (1 / x).rounded()
    XCTAssertEqual(x, 1 / n, accuracy: 1e-12, "\(x) is not a unit fraction")
    return "\\tfrac1\(Int(n))"
}

/// Every number quoted in lectures/L5-generalization.md.
final class L5LectureNumbersTests: XCTestCase {
    let note = lecture("L5")

    /// §2: weight decay factor per SGD step.
    func testWeightDecayFactor() {
        var sgd = SGD(learningRate: 0.1, weightDecay: 0.01)
        var parameters = [Tensor([1])]
        sgd.step(parameters: &parameters, gradients: [Tensor([0])])
        assertQuoted("with $\\epsilon = 0.1$, $\\lambda = 0.01$\nthat is $\\times \(short(parameters[0].scalars[0]))$ per step", in: note)
    }

    /// §2, the conventions and the pitfalls: the L2 penalty carries a ½, so its gradient is λw;
    /// Keras's penalty without the ½ has gradient 2lw, and mixing the two is off by 2.
    func testL2PenaltyHalf() {
        let w = Tensor([2, -1, 0.5])
        let lambda = 0.01
        let (value, gradient) = l2Penalty(w, lambda: lambda)
        let half = value / (lambda * w.dot(w))
        XCTAssertEqual(gradient, w * lambda, "the gradient is λw")
        assertQuoted("\\tilde L(\\theta) = L(\\theta) + \(tfrac(half)) \\lambda \\|w\\|^2, \\qquad \\nabla_w \\tilde L = \\nabla_w L + \\lambda w .$$", in: note)
        assertQuoted("**L2 penalty** is $\(tfrac(half))\\lambda\\|w\\|^2$, so its gradient is $\\lambda w$", in: note)
        // Without the ½ (Keras's l‖w‖²) the gradient, taken numerically, is twice the reference's.
        let withoutHalf = numericGradient(at: w) { lambda * $0.dot($0) }
        let ratios = zip(withoutHalf.scalars, gradient.scalars).map { $0 / $1 }
        let factor = Int(ratios[0].rounded())
        for r in ratios { XCTAssertEqual(r, Double(factor), accuracy: 1e-6) }
        assertCited("`regularizers.l2(l)` adds $l\\|w\\|^2$ (no ½, gradient $\(factor)lw$)", source: "Keras's", in: note)
        assertQuoted("**Gradient of the L2 penalty off by \(factor)** (penalty without ½ but gradient $\\lambda w$)", in: note)
    }

    /// §3: the number of thinned sub-networks, the dropout worked example, typical rates and erratum 7.
    func testDropout() {
        let subnetworks = pow(2.0, Double(2 * 100))
        assertQuoted("for $k = 2$, $m = 100$ about $\(sci(subnetworks, 1))$", in: note)
        // Find a seed whose reference mask is [1, 0, 1, 0] on four units, p = 0.5.
        let h = Tensor([1, 2, 3, 4])
        let mask = Tensor([1, 0, 1, 0])
        let dropout = Dropout(p: 0.5)
        var trained: Tensor?
        for seed in UInt64(0)..<200 {
            var context = ForwardContext(training: true, seed: seed)
            let y = dropout.forward(h, context: &context).output
            if y.scalars.map({ $0 != 0 }) == mask.scalars.map({ $0 != 0 }) { trained = y; break }
        }
        XCTAssertNotNil(trained, "some seed gives the mask [1, 0, 1, 0]")
        let expected = h.zipMap(mask) { v, m in m * v / (1 - dropout.p) }
        XCTAssertEqual(trained, expected)
        func list(_ t: Tensor) -> String { bracketed(t.scalars) }
        assertQuoted("$p = \(short(dropout.p))$, $h = \(list(h))$, mask $m = \(list(mask))$ gives\n$\\tilde h = \(list(trained ?? expected))$ in training", in: note)
        assertQuoted("at evaluation $\\tilde h = \(list(dropout.inference(h)))$", in: note)

        // Typical rates, from the keep probabilities Srivastava et al. give (hidden 0.5–0.8, inputs 0.8);
        // the reference's default p is the top of the hidden range.
        let keepHidden = (low: 0.5, high: 0.8), keepInputs = 0.8
        assertCited("keep probabilities,\n\(short(keepHidden.low))–\(short(keepHidden.high)) and \(short(keepInputs))", source: "Srivastava et al., 2014", in: note)
        assertQuoted("Typical rates: \(short(1 - keepHidden.high))–\(short(1 - keepHidden.low)) on hidden layers and about \(short(1 - keepInputs)) on inputs", in: note)
        XCTAssertEqual(Dropout().p, 1 - keepHidden.low)

        // Erratum 7: "drop with p = 0.5 and halve the weights at test time" — W̄ = (1 − p)·W.
        let keep = 1 - dropout.p
        assertQuoted("> p = \(short(dropout.p)) during training and **halve the weights** at test time\" ($\\bar W = \(tfrac(keep)) W$)", in: note)
        // Mixing both: inverted dropout in training, then also halving at test time. The mean
        // activation in training over the mean at test time is the shrink factor.
        let units = Tensor.ones([20_000])
        var context = ForwardContext(training: true, seed: 3)
        let trainingMean = dropout.forward(units, context: &context).output.mean()
        let mixedTestMean = (dropout.inference(units) * keep).mean()
        let shrink = trainingMean / mixedTestMean
        XCTAssertEqual(shrink, shrink.rounded(), accuracy: 0.05)
        assertQuoted("scaling during training shrinks everything by \(Int(shrink.rounded()))", in: note)
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
        let startMean = layer.runningMean.scalars[0], startVariance = layer.runningVariance.scalars[0]
        assertQuoted("From $\\mu_{\\text{run}} = \(short(startMean))$, $\\sigma^2_{\\text{run}} = \(short(startVariance))$:", in: note)
        let a = [1.0, 2, 3, 4]
        var context = ForwardContext(training: true)
        let y = layer.forward(Tensor(shape: [a.count, layer.featureCount], scalars: a), context: &context).output
        assertQuoted("\(inWords(layer.featureCount, capitalized: true)) feature, batch $a = [" + a.map { short($0) }.joined(separator: ", ") + "]$, $\\epsilon = \(powerOfTen(layer.epsilon))$:", in: note)
        let mu = a.reduce(0, +) / Double(a.count)
        let squares = a.map { ($0 - mu) * ($0 - mu) }
        let variance = squares.reduce(0, +) / Double(a.count)
        assertQuoted("$\\mu = \(short(mu))$, $\\sigma^2 = (" + squares.map { short($0) }.joined(separator: " + ") + ")/\(a.count) = \(short(variance))$", in: note)
        let normalized = y.scalars.map { fixed($0, 4) }
        assertQuoted("$\\hat a = (a - \(short(mu)))/\\sqrt{\(short(variance)) + \(powerOfTen(layer.epsilon))} = [" + normalized.joined(separator: ", ") + "]$", in: note)
        let m = layer.momentum
        assertQuoted("\\leftarrow \(short(1 - m))\\cdot\(short(startMean)) + \(short(m))\\cdot\(short(mu)) = \(short(layer.runningMean.scalars[0]))$", in: note)
        let unbiased = squares.reduce(0, +) / Double(a.count - 1)
        assertQuoted("($\(short(squares.reduce(0, +)))/\(a.count - 1) = \(fixed(unbiased, 4))$)", in: note)
        assertQuoted("giving $\(short((1 - m) * startVariance)) + \(fixed(m * unbiased, 5)) = \(fixed(layer.runningVariance.scalars[0], 4))$", in: note)
        let biased = (1 - m) * startVariance + m * variance
        assertQuoted("with the biased \(short(variance)) it would be \(short(biased))", in: note)
        // Conventions: m = 0.1 (weight of the new batch), ε = 1e−5; Keras's equivalent keeps 0.9.
        assertQuoted("\\qquad m = \(short(m)) .$$", in: note)
        assertQuoted("the **new** batch, $m = \(short(m))$, as in PyTorch", in: note)
        assertCited("Keras's\n  `momentum = 0.99` is the fraction *kept*", source: "Keras's", in: note)
        assertQuoted("the same behaviour there is \(short(1 - m))", in: note)
        assertCited("**ε = 1e−\(Int(-log10(layer.epsilon).rounded()))**, as\n  PyTorch (Keras 1e−3)", source: "Keras", in: note)
        // Pitfalls: momentum reversed.
        assertQuoted("**Running-average momentum reversed** (\(short(1 - m)) where \(short(m)) was meant)", in: note)
    }

    /// Pitfalls: batch statistics normalize a lone example to zero. The reference refuses a batch
    /// of one in training mode, so the example is fed twice: same mean, zero variance.
    func testBatchNormSingleExample() {
        var layer = BatchNorm(featureCount: 3)
        var context = ForwardContext(training: true)
        let example: [Double] = [3.7, -2, 0.4]
        let y = layer.forward(Tensor([example, example]), context: &context).output
        XCTAssertEqual(y.scalars.min(), y.scalars.max())
        assertQuoted("predictions change with the batch, and a lone example would be normalized to \(inWords(Int(y.max()))) by its own\n  statistics", in: note)
    }

    /// §7: layer norm of [1, 2, 3, 4], whatever the batch, and with a batch of one.
    func testLayerNorm() {
        let layer = LayerNorm(featureCount: 4)
        let y = layer.inference(Tensor([[1, 2, 3, 4], [10, -3, 0.5, 7]]))
        let row = (0..<4).map { fixed(y[0, $0], 4) }
        assertQuoted("An example $[1, 2, 3, 4]$ is normalized to\n$[" + row.joined(separator: ", ") + "]$", in: note)
        // Batch size 1: the same row, in training mode too (no running statistics).
        let single = Tensor([[1, 2, 3, 4]])
        let copy = layer
        var context = ForwardContext(training: true)
        let trained = copy.forward(single, context: &context).output
        XCTAssertEqual(trained.scalars, Array(y.scalars[0..<4]))
        XCTAssertEqual(layer.inference(single).scalars, Array(y.scalars[0..<4]))
        assertQuoted("are no running statistics, and batch size \(single.shape[0]) is fine", in: note)
    }

    /// §8: probability averaging versus majority vote.
    func testEnsemble() {
        let probabilitiesOfA = [0.9, 0.4, 0.4]
        let members = probabilitiesOfA.map { Tensor([[$0, 1 - $0]]) }   // [A, B]
        let listed = probabilitiesOfA.map { short($0) }
        assertQuoted("\(inWords(members.count, capitalized: true)) models give class A the probabilities \(listed[0]),\n" + listed.dropFirst().joined(separator: ", ") + " (class B gets the rest)", in: note)
        let votes = Ensemble.majorityVote(members.map { [$0.argmax()] })
        let average = Ensemble.averageProbabilities(members)
        let bVotes = members.filter { $0.argmax() == 1 }.count
        XCTAssertEqual(votes, [1], "B wins the vote")
        assertQuoted("**B wins \(bVotes)–\(members.count - bVotes)**", in: note)
        assertQuoted("A\n$= (" + listed.joined(separator: "+") + ")/\(members.count) = \(fixed(average[0, 0], 4))$, B $= \(fixed(average[0, 1], 4))$", in: note)
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
        assertQuoted("With \(grid.count) trials and \(inWords(grid[0].count))\n  hyper-parameters, a \(gridDistinct)×\(gridDistinct) grid tests only \(gridDistinct) distinct values of each; random search tests \(randomDistinct) of\n  each", in: note)
        assertCited("only a few of the hyper-parameters matter", source: "Bergstra & Bengio, 2012", in: note)
        // ε = 10^u, u ~ U(−5, −1).
        let (low, high) = (1e-5, 1e-1)
        let rates = HyperparameterSearch.random(["lr": .logUniform(low, high)], trials: 200, seed: 1).map { $0["lr"]! }
        XCTAssertTrue(rates.allSatisfy { $0 >= low && $0 <= high })
        XCTAssertGreaterThan(rates.filter { $0 < low * 10 }.count, 20, "log-uniform: a quarter of the draws per decade")
        assertQuoted("$\\epsilon = 10^{u}$, $u \\sim U(\(Int(log10(low).rounded())), \(Int(log10(high).rounded())))$", in: note)
    }
}

import XCTest
import Foundation
import TensorCore
@testable import DeepLearning

/// L3's minibatch erratum, the optimizer-paths paragraph and the end-of-note questions.
final class L3SectionsTests: XCTestCase {
    let note = lecture("L3")

    func testMinibatchErratum() {
        assertQuoted("> **Errata (minibatch sizes).** *The seed's claim:* one slide set puts mini-batches \"usually\n> somewhere between 32–1024 samples\"", in: note)
        assertCited("32 to 256", source: "Goodfellow et al.", in: note)
    }

    /// The figure's paragraph: the settings it names and the ranking it claims.
    func testOptimizerPathsParagraph() {
        XCTAssertEqual(LectureFigures.pathCurvature, 100)
        let names = LectureFigures.pathOptimizers().map(\.0)
        XCTAssertEqual(names, ["SGD ε = 0.019", "momentum ε = 4/121, α = (9/11)²", "Nesterov ε = 0.01, α = 0.9", "RMSProp ε = 0.1", "Adam ε = 0.5"])
        assertQuoted("from $(-9, 1)$ for\n60 steps: SGD at $\\epsilon = 0.019$, just inside the limit", in: note)
        XCTAssertLessThan(0.019, 2 / LectureFigures.pathCurvature)
        let paths = LectureFigures.optimizerTrajectories()
        func f(_ p: (x: Double, y: Double)) -> Double { 0.5 * (p.x * p.x + 100 * p.y * p.y) }
        let finals = paths.map { f($0.path.last!) }
        XCTAssertEqual(finals.firstIndex(of: finals.min()!), 1, "heavy ball gets closest: \(finals)")
        let heavyBallSwing = paths[1].path.map { abs($0.y) }.max()!, nesterovSwing = paths[2].path.dropFirst(3).map { abs($0.y) }.max()!
        XCTAssertGreaterThan(heavyBallSwing, 3, "heavy ball oscillates widely in θ₂")
        XCTAssertLessThan(nesterovSwing, 1, "Nesterov damps the oscillation")
        // Nesterov at heavy ball's settings diverges.
        var nesterov = Nesterov(learningRate: 4.0 / 121, momentum: 81.0 / 121)
        var p = [Tensor([-9, 1])]
        for _ in 0..<60 { nesterov.step(parameters: &p, gradients: [Tensor([p[0][0], 100 * p[0][1]])]) }
        XCTAssertGreaterThan(abs(p[0][1]), 1e6, "unstable at ε = 4/121")
        assertQuoted("Nesterov (run at $\\epsilon = 0.01$, $\\alpha = 0.9$, because heavy ball's best settings\nmake its look-ahead step unstable here)", in: note)
        assertQuoted("steadily but slowly at\n$\\epsilon = 0.1$; Adam, at $\\epsilon = 0.5$", in: note)
    }

    func testQuestions() {
        // 1. Updates per epoch.
        let sampler = MinibatchSampler(count: 50_000, batchSize: 128)
        var copy = sampler
        let last = copy.nextEpoch().last!.count
        assertQuoted("1. $\\lceil 50{,}000/128\\rceil = \(sampler.batchesPerEpoch)$ (the last one holds \(last) examples).", in: note)
        // 2. Linear decay at steps 50 and 150.
        let schedule = LinearDecay(initial: 0.1, final: 0.001, decaySteps: 100)
        assertQuoted("$0.5\\cdot0.1 + 0.5\\cdot0.001 = \(short(schedule.learningRate(at: 50)))$; after $\\tau$ it stays at $\(short(schedule.learningRate(at: 150)))$", in: note)
        // 3. Momentum's terminal step under a constant gradient.
        var momentum = Momentum(learningRate: 0.01, momentum: 0.9)
        var theta = [Tensor([0])]
        var previous = 0.0, step = 0.0
        for _ in 0..<400 {
            momentum.step(parameters: &theta, gradients: [Tensor([1])])
            step = theta[0][0] - previous; previous = theta[0][0]
        }
        assertQuoted("3. $1/(1 - \\alpha) = \(Int((step / -0.01).rounded()))$ times larger: the velocity settles at $-10\\,\\epsilon g$.", in: note)
        XCTAssertEqual(step, -0.1, accuracy: 1e-12)
        // 4. Adam's first step.
        var adam = Adam(learningRate: 0.001)
        var w = [Tensor([0])]
        adam.step(parameters: &w, gradients: [Tensor([5])])
        XCTAssertEqual(-w[0][0], 0.001, accuracy: 1e-10)
        assertQuoted("4. $\(short(-w[0][0]))$: after bias correction", in: note)
        // 5. The stable range of constant SGD rates: 2/λmax.
        func converges(_ rate: Double) -> Bool {
            var sgd = SGD(learningRate: rate)
            var p = [Tensor([1, 1])]
            for _ in 0..<3000 { sgd.step(parameters: &p, gradients: [Tensor([p[0][0], 100 * p[0][1]])]) }
            return abs(p[0][1]) < 1e-6
        }
        XCTAssertTrue(converges(0.0199)); XCTAssertFalse(converges(0.0201))
        assertQuoted("5. $0 < \\epsilon < 2/100 = \(short(2.0 / 100))$.", in: note)
    }
}

import XCTest
import TensorCore
@testable import DeepLearning

final class OptimizersTests: XCTestCase {
    /// f(x, y) = ½(x² + 100·y²), condition number 100.
    private func illConditionedGradient(_ p: Tensor) -> Tensor { Tensor([p[0], 100 * p[1]]) }

    private func stepsToConverge<O: Optimizer>(_ optimizer: O, limit: Int = 20_000) -> Int {
        var optimizer = optimizer
        var parameters = [Tensor([1, 1])]
        for step in 1...limit {
            optimizer.step(parameters: &parameters, gradients: [illConditionedGradient(parameters[0])])
            let p = parameters[0]
            if 0.5 * (p[0] * p[0] + 100 * p[1] * p[1]) < 1e-6 { return step }
        }
        return limit
    }

    func testSGDMatchesClosedFormForConstantGradient() {
        var sgd = SGD(learningRate: 0.1)
        var p = [Tensor([1, -2])]
        for _ in 0..<7 { sgd.step(parameters: &p, gradients: [Tensor([0.5, 1])]) }
        XCTAssertEqual(p[0][0], 1 - 7 * 0.1 * 0.5, accuracy: 1e-12)
        XCTAssertEqual(p[0][1], -2 - 7 * 0.1, accuracy: 1e-12)
    }

    func testSGDWeightDecayAddsLambdaTheta() {
        var sgd = SGD(learningRate: 0.1, weightDecay: 0.5)
        var p = [Tensor([2])]
        sgd.step(parameters: &p, gradients: [Tensor([1])])
        XCTAssertEqual(p[0][0], 2 - 0.1 * (1 + 0.5 * 2), accuracy: 1e-12)
    }

    func testClassicalMomentumClosedForm() {
        // Constant gradient g: v_t = −εg(1 − αᵗ)/(1 − α); θ_t = θ_0 + Σ v_k.
        let (alpha, eps, g, t) = (0.9, 0.1, 2.0, 10)
        var momentum = Momentum(learningRate: eps, momentum: alpha, form: .classical)
        var p = [Tensor([0])]
        for _ in 0..<t { momentum.step(parameters: &p, gradients: [Tensor([g])]) }
        var expected = 0.0
        for k in 1...t { expected += -eps * g * (1 - pow(alpha, Double(k))) / (1 - alpha) }
        XCTAssertEqual(p[0][0], expected, accuracy: 1e-12)
        XCTAssertEqual(momentum.velocities[0][0], -eps * g * (1 - pow(alpha, Double(t))) / (1 - alpha), accuracy: 1e-12)
    }

    func testExponentialAverageMomentumClosedForm() {
        // V_t = g(1 − βᵗ); W_t = W_0 − α Σ V_k.
        let (beta, alpha, g, t) = (0.9, 0.1, 2.0, 10)
        var momentum = Momentum(learningRate: alpha, momentum: beta, form: .exponentialAverage)
        var p = [Tensor([0])]
        for _ in 0..<t { momentum.step(parameters: &p, gradients: [Tensor([g])]) }
        var expected = 0.0
        for k in 1...t { expected -= alpha * g * (1 - pow(beta, Double(k))) }
        XCTAssertEqual(p[0][0], expected, accuracy: 1e-12)
    }

    func testMomentumFormsAgreeAfterRescalingTheLearningRate() {
        // EMA with α equals classical with ε = α(1 − β) (erratum 6).
        var ema = Momentum(learningRate: 0.5, momentum: 0.8, form: .exponentialAverage)
        var classical = Momentum(learningRate: 0.5 * 0.2, momentum: 0.8, form: .classical)
        var a = [Tensor([1, -1])], b = a
        for _ in 0..<20 {
            ema.step(parameters: &a, gradients: [illConditionedGradient(a[0]) * 0.01])
            classical.step(parameters: &b, gradients: [illConditionedGradient(b[0]) * 0.01])
        }
        XCTAssertLessThan(maxAbsoluteDifference(a[0], b[0]), 1e-12)
    }

    func testNesterovTracksTheLookAheadPointsOfTheLectureForm() {
        let (alpha, eps) = (0.9, 0.01)
        var nesterov = Nesterov(learningRate: eps, momentum: alpha)
        var stored = [Tensor([1, 1])]
        var theta = Tensor([1, 1]), v = Tensor.zeros([2])
        for step in 0..<30 {
            // Lecture: v ← αv − ε∇L(θ + αv), θ ← θ + v.
            v = v * alpha - illConditionedGradient(theta + v * alpha) * eps
            theta = theta + v
            nesterov.step(parameters: &stored, gradients: [illConditionedGradient(stored[0])])
            let lookAhead = theta + v * alpha
            XCTAssertLessThan(maxAbsoluteDifference(stored[0], lookAhead), 1e-12, "step \(step)")
        }
    }

    func testAdaGradFirstSteps() {
        var adagrad = AdaGrad(learningRate: 0.1)
        XCTAssertEqual(adagrad.delta, 1e-7)
        var p = [Tensor([0])]
        adagrad.step(parameters: &p, gradients: [Tensor([2])])
        XCTAssertEqual(p[0][0], -0.1 * 2 / (1e-7 + 2), accuracy: 1e-12)
        adagrad.step(parameters: &p, gradients: [Tensor([2])])
        XCTAssertEqual(p[0][0], -0.1 * 2 / (1e-7 + 2) - 0.1 * 2 / (1e-7 + 8.0.squareRoot()), accuracy: 1e-12)
    }

    func testRMSPropDeltaOutsideTheRoot() {
        var rms = RMSProp(learningRate: 0.01, rho: 0.9, delta: 1e-2)
        var p = [Tensor([0])]
        rms.step(parameters: &p, gradients: [Tensor([1])])
        let r = 0.1
        XCTAssertEqual(p[0][0], -0.01 / (r.squareRoot() + 1e-2), accuracy: 1e-12, "δ outside √r")
        XCTAssertEqual(RMSProp().rho, 0.9)
        XCTAssertEqual(RMSProp().delta, 1e-8)
    }

    func testAdamFirstStepIsTheLearningRateForAnyGradientScale() {
        for scale in [1e-4, 1e-2, 1, 1e4] {
            var adam = Adam()
            XCTAssertEqual(adam.learningRate, 0.001)
            var p = [Tensor([0, 0, 0])]
            adam.step(parameters: &p, gradients: [Tensor([scale, -3 * scale, 0.5 * scale])])
            for i in 0..<3 {
                XCTAssertEqual(abs(p[0][i]), 0.001, accuracy: 0.001 * 1e-2, "scale \(scale), entry \(i): |Δθ| ≈ ε")
            }
        }
    }

    func testAdamSecondStepMatchesHandComputation() {
        var adam = Adam(learningRate: 0.1)
        var p = [Tensor([0])]
        adam.step(parameters: &p, gradients: [Tensor([1])])
        adam.step(parameters: &p, gradients: [Tensor([3])])
        let s = 0.9 * 0.1 + 0.1 * 3, r = 0.999 * 0.001 + 0.001 * 9
        let sHat = s / (1 - 0.81), rHat = r / (1 - 0.999 * 0.999)
        let expected = -0.1 * 1 / (1 + 1e-8) - 0.1 * sHat / (rHat.squareRoot() + 1e-8)
        XCTAssertEqual(p[0][0], expected, accuracy: 1e-12)
        XCTAssertEqual(adam.stepCount, 2)
    }

    func testParametersOfDifferentShapesKeepSeparateState() {
        var adam = Adam(learningRate: 0.1)
        var both = [Tensor([[0, 0], [0, 0]]), Tensor([0, 0, 0])]
        let gradients = [Tensor([[1, 2], [3, 4]]), Tensor([-5, 6, -7])]
        for _ in 0..<3 { adam.step(parameters: &both, gradients: gradients) }
        // Each alone, in fresh optimizers, must give the same result.
        var alone0 = Adam(learningRate: 0.1), alone1 = Adam(learningRate: 0.1)
        var p0 = [both[0] * 0], p1 = [both[1] * 0]
        for _ in 0..<3 {
            alone0.step(parameters: &p0, gradients: [gradients[0]])
            alone1.step(parameters: &p1, gradients: [gradients[1]])
        }
        XCTAssertEqual(both[0], p0[0])
        XCTAssertEqual(both[1], p1[0])
        XCTAssertEqual(adam.moments.first.map(\.shape), [[2, 2], [3]])
    }

    func testAdamBeatsSGDOnAnIllConditionedQuadratic() {
        // SGD's largest stable step is 2/100; take 0.019, close to it.
        let sgdSteps = stepsToConverge(SGD(learningRate: 0.019))
        let adamSteps = stepsToConverge(Adam(learningRate: 0.05))
        XCTAssertLessThan(adamSteps, sgdSteps, "Adam \(adamSteps) steps vs SGD \(sgdSteps) steps")
    }

    func testResetForgetsState() {
        var m = Momentum(learningRate: 0.1)
        var p = [Tensor([0])]
        m.step(parameters: &p, gradients: [Tensor([1])])
        m.reset()
        XCTAssertTrue(m.velocities.isEmpty)
    }
}

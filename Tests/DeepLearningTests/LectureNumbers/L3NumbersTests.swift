import XCTest
import Foundation
import TensorCore
@testable import DeepLearning

/// Every number quoted in lectures/L3-optimization.md.
final class L3LectureNumbersTests: XCTestCase {
    let note = lecture("L3")

    /// §1: batch vs epoch.
    func testUpdatesPerEpoch() {
        let sampler = MinibatchSampler(count: 1_000_000, batchSize: 100)
        assertQuoted("$1{,}000{,}000 / 100 = \(grouped(sampler.batchesPerEpoch).replacingOccurrences(of: ",", with: "{,}"))$ updates", in: note)
    }

    /// §3: the linear-decay table.
    func testLinearDecayTable() {
        let schedule = LinearDecay(initial: 0.1, final: 0.001, decaySteps: 100)
        assertQuoted("$\\epsilon_\\tau = \(short(schedule.final))$ (\(short(schedule.final / schedule.initial * 100)) % of $\\epsilon_0$)", in: note)
        assertQuoted("| 0 | 0 | \(short(schedule.learningRate(at: 0))) |", in: note)
        assertQuoted("| 25 | \(short(25.0 / 100)) | $0.75\\cdot0.1 + 0.25\\cdot0.001 = \(short(schedule.learningRate(at: 25)))$ |", in: note)
        assertQuoted("| 50 | \(short(50.0 / 100)) | $0.5\\cdot0.1 + 0.5\\cdot0.001 = \(short(schedule.learningRate(at: 50)))$ |", in: note)
        assertQuoted("| 100 | 1 | \(short(schedule.learningRate(at: 100))) |", in: note)
        assertQuoted("| 150 | (capped) | \(short(schedule.learningRate(at: 150))) |", in: note)
    }

    /// §3: step, exponential, warm-up and 1cycle values.
    func testOtherSchedules() {
        let step = StepDecay(initial: 0.1, factor: 0.1, stepSize: 30)
        XCTAssertEqual(step.learningRate(at: 29), 0.1, accuracy: 1e-15)
        assertQuoted("\(short(step.learningRate(at: 0))) for epochs 0–29, \(short(step.learningRate(at: 30))) from 30, \(short(step.learningRate(at: 60))) from 60", in: note)

        let exponential = ExponentialDecay(initial: 0.1, rate: 0.05)
        assertQuoted("\(fixed(exponential.learningRate(at: 10), 4)) after 10 epochs, \(fixed(exponential.learningRate(at: 20), 4)) after 20", in: note)

        let warmup = Warmup(warmupSteps: 5, then: ConstantSchedule(0.1))
        let values = (0..<5).map { short(warmup.learningRate(at: $0)) }
        assertQuoted("e.g. " + values.joined(separator: ", ").replacingOccurrences(of: ", 0.08", with: ",\n0.08")
                     + " for $W = 5$", in: note)

        let oneCycle = OneCycle(maximum: 0.1, totalSteps: 1000)
        assertQuoted("starting at $0.1/25 = \(short(oneCycle.initialRate))$", in: note)
        assertQuoted("peaking\naround \(Int((Double(oneCycle.peakStep + 1) / Double(oneCycle.totalSteps) * 100).rounded())) % of training", in: note)
        assertQuoted("ending at $0.004/10^4 = \(sci(oneCycle.finalRate, 0))$", in: note)
        XCTAssertEqual(oneCycle.learningRate(at: 999), oneCycle.finalRate)
    }

    /// Steps until ‖θ − θ*‖ < 10⁻⁶ on f = ½(θ₁² + 100θ₂²) from (1, 1), with a reference optimizer.
    private func stepsToMinimum<O: Optimizer>(_ optimizer: O, limit: Int = 5_000) -> Int? {
        var optimizer = optimizer
        var parameters = [Tensor([1, 1])]
        for k in 1...limit {
            let theta = parameters[0]
            optimizer.step(parameters: &parameters, gradients: [Tensor([theta.scalars[0], 100 * theta.scalars[1]])])
            if parameters[0].norm < 1e-6 { return k }
            if !parameters[0].isFinite || parameters[0].norm > 1e6 { return nil }
        }
        return nil
    }

    /// §4: the ill-conditioned quadratic (κ = 100).
    func testIllConditionedQuadratic() {
        let kappa = 100.0
        assertQuoted("$\\epsilon < 2/100 = \(short(2 / kappa))$ ($\\epsilon = 0.021$ diverges)", in: note)
        XCTAssertNil(stepsToMinimum(SGD(learningRate: 0.021)), "ε = 0.021 diverges")
        XCTAssertNotNil(stepsToMinimum(SGD(learningRate: 0.0199), limit: 100_000), "just below 2/λmax converges")
        let best = 2 / (1 + kappa)
        assertQuoted("$2/(1 + 100) \\approx \(fixed(best, 4))$", in: note)
        assertQuoted("$(\\kappa-1)/(\\kappa+1) = \(fixed((kappa - 1) / (kappa + 1), 4))$ per step", in: note)
        let sgdSteps = stepsToMinimum(SGD(learningRate: best))!
        assertQuoted("it needs **\(sgdSteps)** steps", in: note)

        let epsilon: Double = 4.0 / 121
        let alpha: Double = pow(9.0 / 11, 2)
        assertQuoted("($\\epsilon = 4/121\n\\approx \(fixed(epsilon, 4))$, $\\alpha = (9/11)^2 \\approx \(fixed(alpha, 3))$)", in: note)
        let contraction = (kappa.squareRoot() - 1) / (kappa.squareRoot() + 1)
        assertQuoted("$(\\sqrt\\kappa - 1)/(\\sqrt\\kappa + 1)\n= \(fixed(contraction, 3))$ per step", in: note)
        let momentumSteps = stepsToMinimum(Momentum(learningRate: epsilon, momentum: alpha))!
        assertQuoted("needs **\(momentumSteps)** steps", in: note)
    }

    /// §5: terminal velocity and the equivalence of the two momentum forms.
    func testMomentumForms() {
        for (alpha, word) in [(0.9, "ten"), (0.99, "a hundred")] {
            var optimizer = Momentum(learningRate: 0.01, momentum: alpha)
            var parameters = [Tensor([0])]
            for _ in 0..<5_000 { optimizer.step(parameters: &parameters, gradients: [Tensor([1])]) }
            let ratio = -optimizer.velocities[0].scalars[0] / 0.01
            XCTAssertEqual(ratio, 1 / (1 - alpha), accuracy: 1e-6)
            XCTAssertEqual(ratio.rounded(), alpha == 0.9 ? 10 : 100)
            assertQuoted(alpha == 0.9 ? "\(word) times a plain SGD\nstep for $\\alpha = \(short(alpha))$"
                                      : "\(word) times for \(short(alpha))", in: note)
        }
        // β = 0.9, α_lr = 0.1 in form B is form A with α = 0.9, ε = α_lr(1 − β) = 0.01.
        let epsilon = 0.1 * (1 - 0.9)
        assertQuoted("$\\alpha = 0.9$, $\\epsilon = \(short(epsilon))$", in: note)
        func run(_ optimizer: Momentum) -> Double {
            var optimizer = optimizer
            var parameters = [Tensor([0])]
            for g in [1, 0.5, -0.2, 0.3] { optimizer.step(parameters: &parameters, gradients: [Tensor([g])]) }
            return parameters[0].scalars[0]
        }
        let a = run(Momentum(learningRate: epsilon, momentum: 0.9, form: .classical))
        let b = run(Momentum(learningRate: 0.1, momentum: 0.9, form: .exponentialAverage))
        XCTAssertEqual(a, b, accuracy: 1e-15)
        assertQuoted("ends at \(fixedU(a, 5)) in both", in: note)
        // Mixing the forms changes the step by 1/(1 − β) = 10 at β = 0.9.
        assertQuoted("a\n> factor of \(Int((1 / (1 - 0.9)).rounded())) at $\\beta = 0.9$", in: note)
        assertQuoted("(steps \(Int((1 / (1 - 0.9)).rounded()))× too large at 0.9)", in: note)
    }

    /// §6: Adam's defaults and its first step, with and without the bias corrections (erratum 1).
    func testAdamFirstStep() {
        let adam = Adam()
        assertQuoted("step size $\\epsilon = \(short(adam.learningRate))$, $\\rho_1 = \(short(adam.beta1))$, $\\rho_2 = \(short(adam.beta2))$,\n$\\delta = \(powerOfTen(adam.delta))$", in: note)

        var optimizer = Adam()
        var parameters = [Tensor([0])]
        optimizer.step(parameters: &parameters, gradients: [Tensor([0.1])])
        let s = optimizer.moments.first[0].scalars[0], r = optimizer.moments.second[0].scalars[0]
        let sHat = s / (1 - 0.9), rHat = r / (1 - 0.999)
        let stepTaken = -parameters[0].scalars[0]
        assertQuoted("$s = 0.1\\cdot0.1 = \(short(s))$, $r = 0.001\\cdot0.01 = \(powerOfTen(r))$", in: note)
        assertQuoted("$\\hat s = 0.01/0.1 = \(short(sHat))$", in: note)
        assertQuoted("$\\hat r = 10^{-5}/0.001 = \(short(rHat))$", in: note)
        assertQuoted("= 0.001\\cdot 0.1/(\\sqrt{0.01} + 10^{-8}) \\approx \(short(stepTaken, maxDigits: 4))$", in: note)
        let uncorrected = 0.001 * sHat / r.squareRoot()
        assertQuoted("$0.001\\cdot0.1/\\sqrt{10^{-5}} \\approx \(fixed(uncorrected, 4))$", in: note)
        assertQuoted("about \(Int((uncorrected / stepTaken).rounded())) times too large", in: note)
        // Erratum taken literally: r̂ never set from r stays 0, so the step is ε·ŝ/δ.
        let literal = 0.001 * sHat / (0 + adam.delta)
        assertQuoted("$0.001\\cdot0.1/10^{-8} = \(grouped(Int(literal.rounded())).replacingOccurrences(of: ",", with: "{,}"))$", in: note)
        assertQuoted("a step of \(short(stepTaken, maxDigits: 4))", in: note)
    }

    /// "Conventions in this course": the reference defaults.
    func testConventions() {
        let momentum = Momentum()
        XCTAssertEqual(momentum.form, .classical)
        assertQuoted("Defaults: momentum \(short(momentum.momentum)), learning rate \(short(momentum.learningRate)).", in: note)
        let rmsprop = RMSProp()
        assertQuoted("$\\rho = \(short(rmsprop.rho))$ (Keras", in: note)
        assertQuoted("$\\delta = \(powerOfTen(rmsprop.delta))$.", in: note)
        assertQuoted("**Adam:** $\\delta = \(powerOfTen(Adam().delta))$ as PyTorch", in: note)
        assertQuoted("**AdaGrad:** $\\delta = \(powerOfTen(AdaGrad().delta))$ outside the root", in: note)
        assertQuoted("\\qquad \\delta = \(powerOfTen(AdaGrad().delta)).$$", in: note)
        // Schedules count steps from 0: step 0 of linear decay is ε₀.
        XCTAssertEqual(LinearDecay(initial: 0.1, final: 0.001, decaySteps: 100).learningRate(at: 0), 0.1)
    }
}

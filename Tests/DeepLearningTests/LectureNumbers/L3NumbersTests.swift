import XCTest
import Foundation
import TensorCore
@testable import DeepLearning

/// Every number quoted in lectures/L3-optimization.md.
final class L3LectureNumbersTests: XCTestCase {
    let note = lecture("L3")

    /// §1: full gradient descent — one step needs a pass over every example.
    func testFullGradientDescent() {
        let examples = 1_000_000
        let fullBatch = MinibatchSampler(count: examples, batchSize: examples)
        XCTAssertEqual(fullBatch.batchesPerEpoch, 1, "full gradient descent moves once per pass over the data")
        let passesPerStep = examples / fullBatch.batchesPerEpoch
        let sentence = "With \(inWords(examples)) examples that is \(inWords(passesPerStep)) forward and backward passes per step"
        assertQuoted(sentence.replacingOccurrences(of: "With a ", with: "With a\n"), in: note)
    }

    /// §1: typical minibatch sizes (cited) and our `Trainer`'s default.
    func testMinibatchSizes() {
        let trainer = Trainer(model: Dense(weight: Tensor([[1]]), bias: Tensor([0])), optimizer: SGD(),
                              loss: softmaxCrossEntropy(logits:labels:))
        assertCited("powers of two from 32 to 256", source: "Goodfellow et al., §8.1.3", in: note)
        assertQuoted("\(trainer.batchSize) is also the default of our\n`Trainer`", in: note)
    }

    /// §1: batch vs epoch.
    func testUpdatesPerEpoch() {
        let sampler = MinibatchSampler(count: 1_000_000, batchSize: 100)
        assertQuoted("With \(grouped(sampler.count)) examples and $m = \(sampler.batchSize)$, an epoch is\n"
                     + "$\(groupedTeX(sampler.count)) / \(sampler.batchSize) = \(groupedTeX(sampler.batchesPerEpoch))$ updates", in: note)
    }

    /// §2: on a quadratic, plain gradient descent converges only for ε < 2/λmax. The limit for
    /// one curvature λ is found by bisecting the largest rate for which the reference `SGD` still
    /// shrinks θ; on a two-dimensional quadratic the steepest direction sets it.
    func testLearningRateLimit() {
        func shrinks(_ epsilon: Double, curvature: Double) -> Bool {
            var sgd = SGD(learningRate: epsilon)
            var parameters = [Tensor([1])]
            for _ in 0..<200 { sgd.step(parameters: &parameters, gradients: [parameters[0] * curvature]) }
            return abs(parameters[0].scalars[0]) < 1
        }
        func limit(_ curvature: Double) -> Double {
            var low = 0.0, high = 10 / curvature   // shrinks at `low`, not at `high`
            XCTAssertFalse(shrinks(high, curvature: curvature))
            for _ in 0..<60 {
                let middle = (low + high) / 2
                if shrinks(middle, curvature: curvature) { low = middle } else { high = middle }
            }
            return low
        }
        let curvatures = [1.0, 100.0]
        for lambda in curvatures { XCTAssertEqual(limit(lambda) * lambda, 2, accuracy: 1e-6) }
        let lambdaMax = curvatures.max()!
        let numerator = limit(lambdaMax) * lambdaMax
        func converges2D(_ epsilon: Double) -> Bool {
            var sgd = SGD(learningRate: epsilon)
            var parameters = [Tensor([1, 1])]
            for _ in 0..<5_000 {
                let theta = parameters[0].scalars
                sgd.step(parameters: &parameters, gradients: [Tensor(zip(curvatures, theta).map { $0 * $1 })])
            }
            return parameters[0].norm < 0.01
        }
        XCTAssertTrue(converges2D(0.999 * numerator / lambdaMax))
        XCTAssertFalse(converges2D(1.001 * numerator / lambdaMax))
        assertQuoted("gradient descent converges only if $\\epsilon < \(Int(numerator.rounded()))/\\lambda_{\\max}$", in: note)
    }

    /// §2: the lecture's rule of thumb for a loss that never goes down.
    func testLearningRateRecipe() {
        assertCited("divide the rate by 10", source: "A practical recipe from the lecture", in: note)
    }

    /// §3: the linear-decay worked example and its table.
    func testLinearDecayTable() {
        let schedule = LinearDecay(initial: 0.1, final: 0.001, decaySteps: 100)
        assertQuoted("Worked example with $\\epsilon_0 = \(short(schedule.initial))$, $\\epsilon_\\tau = \(short(schedule.final))$ "
                     + "(\(short(schedule.final / schedule.initial * 100)) % of $\\epsilon_0$), $\\tau = \(schedule.decaySteps)$:", in: note)
        func alpha(_ k: Int) -> Double { min(Double(k) / Double(schedule.decaySteps), 1) }
        assertQuoted("| 0 | \(short(alpha(0))) | \(short(schedule.learningRate(at: 0))) |", in: note)
        for k in [25, 50] {
            let a = alpha(k)
            assertQuoted("| \(k) | \(short(a)) | $\(short(1 - a))\\cdot\(short(schedule.initial)) + \(short(a))\\cdot\(short(schedule.final))"
                         + " = \(short(schedule.learningRate(at: k)))$ |", in: note)
        }
        assertQuoted("| \(schedule.decaySteps) | \(short(alpha(schedule.decaySteps))) | \(short(schedule.learningRate(at: schedule.decaySteps))) |", in: note)
        XCTAssertEqual(schedule.learningRate(at: 150), schedule.final)
        assertQuoted("| 150 | (capped) | \(short(schedule.learningRate(at: 150))) |", in: note)
    }

    /// §3: step, exponential, new-bob, warm-up and 1cycle values.
    func testOtherSchedules() {
        let step = StepDecay(initial: 0.1, factor: 0.1, stepSize: 30)
        let s = step.stepSize
        XCTAssertEqual(step.learningRate(at: s - 1), step.learningRate(at: 0))
        XCTAssertEqual(step.learningRate(at: 2 * s - 1), step.learningRate(at: s))
        assertQuoted("With $\\epsilon_0 = \(short(step.initial))$, $\\gamma = \(short(step.factor))$, $s = \(s)$:\n"
                     + "\(short(step.learningRate(at: 0))) for epochs 0–\(s - 1), \(short(step.learningRate(at: s))) from \(s), "
                     + "\(short(step.learningRate(at: 2 * s))) from \(2 * s)", in: note)

        let exponential = ExponentialDecay(initial: 0.1, rate: 0.05)
        let (k1, k2) = (10, 20)
        assertQuoted("With $\\epsilon_0 = \(short(exponential.initial))$ and $r = \(short(exponential.rate))$:\n"
                     + "\(fixed(exponential.learningRate(at: k1), 4)) after \(k1) epochs, \(fixed(exponential.learningRate(at: k2), 4)) after \(k2)", in: note)

        // New-bob with its default factor: an improvement keeps the rate, a worse error halves it.
        var newBob = NewBob(initial: 0.1)
        newBob.record(validationError: 0.5)
        XCTAssertEqual(newBob.record(validationError: 0.4), 0.1, "improving keeps the rate")
        let factor = newBob.record(validationError: 0.45) / 0.1
        XCTAssertEqual(factor, newBob.factor)
        assertQuoted("keep the rate while the validation error improves; \(multiplyVerb(factor)) it each time the\nvalidation error goes up", in: note)

        let warmup = Warmup(warmupSteps: 5, then: ConstantSchedule(0.1))
        let values = (0..<warmup.warmupSteps).map { short(warmup.learningRate(at: $0)) }
        assertQuoted("e.g. " + values.joined(separator: ", ").replacingOccurrences(of: ", 0.08", with: ",\n0.08")
                     + " for $W = \(warmup.warmupSteps)$ and $\\epsilon^* = \(short(warmup.wrapped.learningRate(at: 0)))$", in: note)

        let oneCycle = OneCycle(maximum: 0.1, totalSteps: 1000)
        assertQuoted("a maximum of \(short(oneCycle.maximum)) that means starting at "
                     + "$\(short(oneCycle.maximum))/\(short(oneCycle.initialDivisor)) = \(short(oneCycle.initialRate))$", in: note)
        assertQuoted("peaking\naround \(Int((Double(oneCycle.peakStep + 1) / Double(oneCycle.totalSteps) * 100).rounded())) % of training", in: note)
        assertQuoted("ending at $\(short(oneCycle.initialRate))/\(powerOfTen(oneCycle.finalDivisor)) = \(sci(oneCycle.finalRate, 0))$", in: note)
        XCTAssertEqual(oneCycle.learningRate(at: 0), oneCycle.initialRate)
        XCTAssertEqual(oneCycle.learningRate(at: 999), oneCycle.finalRate)
    }

    /// §4's quadratic f = ½(λ₁θ₁² + λ₂θ₂²), its start and the distance that counts as "at the minimum".
    private let curvatures = [1.0, 100.0]
    private let start = [1.0, 1.0]
    private let tolerance = 1e-6

    /// Steps until ‖θ − θ*‖ < `tolerance` on §4's quadratic from `start`, with a reference optimizer.
    private func stepsToMinimum<O: Optimizer>(_ optimizer: O, limit: Int = 5_000) -> Int? {
        var optimizer = optimizer
        var parameters = [Tensor(start)]
        for k in 1...limit {
            let theta = parameters[0].scalars
            optimizer.step(parameters: &parameters, gradients: [Tensor(zip(curvatures, theta).map { $0 * $1 })])
            if parameters[0].norm < tolerance { return k }
            if !parameters[0].isFinite || parameters[0].norm > 1e6 { return nil }
        }
        return nil
    }

    /// §4: the ill-conditioned quadratic (κ = 100).
    func testIllConditionedQuadratic() {
        let (lambdaMin, lambdaMax) = (curvatures.min()!, curvatures.max()!)
        XCTAssertEqual(curvatures[0], 1, "the note writes θ₁² without a coefficient")
        let kappa = lambdaMax / lambdaMin
        assertQuoted("$f(\\theta) = \\tfrac12(\\theta_1^2 + \(Int(curvatures[1]))\\,\\theta_2^2)$, so $\\kappa = \(Int(kappa))$", in: note)
        let diverging = 0.021
        XCTAssertNil(stepsToMinimum(SGD(learningRate: diverging)), "ε = 0.021 diverges")
        XCTAssertNotNil(stepsToMinimum(SGD(learningRate: 0.0199), limit: 100_000), "just below 2/λmax converges")
        assertQuoted("$\\epsilon < 2/\(Int(lambdaMax)) = \(short(2 / lambdaMax))$ ($\\epsilon = \(short(diverging))$ diverges)", in: note)
        let best = 2 / (lambdaMin + lambdaMax)
        assertQuoted("$2/(\(Int(lambdaMin)) + \(Int(lambdaMax))) \\approx \(fixed(best, 4))$", in: note)
        assertQuoted("$(\\kappa-1)/(\\kappa+1) = \(fixed((kappa - 1) / (kappa + 1), 4))$ per step", in: note)
        let sgdSteps = stepsToMinimum(SGD(learningRate: best))!
        assertQuoted("starting at $(\(short(start[0])), \(short(start[1])))$ it needs **\(sgdSteps)** steps to get\n"
                     + "within $\(powerOfTen(tolerance))$ of the minimum", in: note)

        // Heavy ball's best settings: ε = 4/(√λmax + √λmin)², α = ((√κ − 1)/(√κ + 1))².
        let (rootMax, rootMin) = (lambdaMax.squareRoot(), lambdaMin.squareRoot())
        let epsilon = 4 / pow(rootMax + rootMin, 2)
        let alpha = pow((rootMax - rootMin) / (rootMax + rootMin), 2)
        assertQuoted("($\\epsilon = 4/\(Int(pow(rootMax + rootMin, 2).rounded()))\n\\approx \(fixed(epsilon, 4))$, "
                     + "$\\alpha = (\(Int(rootMax - rootMin))/\(Int(rootMax + rootMin)))^2 \\approx \(fixed(alpha, 3))$)", in: note)
        let contraction = (kappa.squareRoot() - 1) / (kappa.squareRoot() + 1)
        assertQuoted("$(\\sqrt\\kappa - 1)/(\\sqrt\\kappa + 1)\n= \(fixed(contraction, 3))$ per step", in: note)
        let momentumSteps = stepsToMinimum(Momentum(learningRate: epsilon, momentum: alpha))!
        assertQuoted("needs **\(momentumSteps)** steps", in: note)
        assertQuoted("\"within $\(powerOfTen(tolerance))$\" means the Euclidean distance $\\|\\theta\\| < \(powerOfTen(tolerance))$", in: note)
    }

    /// §5: the source of form A.
    func testMomentumFormACitation() {
        assertCited("Algorithm 8.2", source: "Goodfellow et al.", in: note)
    }

    /// §5: terminal velocity and the equivalence of the two momentum forms.
    func testMomentumForms() {
        for (alpha, word) in [(0.9, "ten"), (0.99, "a hundred")] {
            var optimizer = Momentum(learningRate: 0.01, momentum: alpha)
            var parameters = [Tensor([0])]
            for _ in 0..<5_000 { optimizer.step(parameters: &parameters, gradients: [Tensor([1])]) }
            let ratio = -optimizer.velocities[0].scalars[0] / 0.01
            XCTAssertEqual(ratio, 1 / (1 - alpha), accuracy: 1e-6)
            XCTAssertEqual(inWords(Int(ratio.rounded())), word)
            assertQuoted(alpha == 0.9 ? "\(word) times a plain SGD\nstep for $\\alpha = \(short(alpha))$"
                                      : "\(word) times for \(short(alpha))", in: note)
        }
        // β = 0.9, α_lr = 0.1 in form B is form A with α = 0.9, ε = α_lr(1 − β) = 0.01.
        let formB = Momentum(learningRate: 0.1, momentum: 0.9, form: .exponentialAverage)
        let formA = Momentum(learningRate: formB.learningRate * (1 - formB.momentum), momentum: formB.momentum, form: .classical)
        let start = 0.0
        let gradients = [1, 0.5, -0.2, 0.3]
        func run(_ optimizer: Momentum) -> Double {
            var optimizer = optimizer
            var parameters = [Tensor([start])]
            for g in gradients { optimizer.step(parameters: &parameters, gradients: [Tensor([g])]) }
            return parameters[0].scalars[0]
        }
        let a = run(formA), b = run(formB)
        XCTAssertEqual(a, b, accuracy: 1e-15)
        assertQuoted("For example $\\beta = \(short(formB.momentum))$,\n$\\alpha_{\\text{lr}} = \(short(formB.learningRate))$ in form B "
                     + "is exactly form A with $\\alpha = \(short(formA.momentum))$, $\\epsilon = \(short(formA.learningRate))$ (a\n"
                     + "\(inWords(gradients.count))-step run from $\\theta = \(short(start))$ with gradients "
                     + gradients.map { unicodeMinus(short($0)) }.joined(separator: ", ")
                     + " ends at \(fixedU(a, 5)) in both)", in: note)
        // Mixing the forms changes the step by 1/(1 − β) = 10 at β = 0.9.
        assertQuoted("a\n> factor of \(Int((1 / (1 - 0.9)).rounded())) at $\\beta = 0.9$", in: note)
        assertQuoted("(steps \(Int((1 / (1 - 0.9)).rounded()))× too large at 0.9)", in: note)
    }

    /// §6: Adam's defaults and its first step, with and without the bias corrections (erratum 1).
    func testAdamFirstStep() {
        let adam = Adam()
        assertQuoted("step size $\\epsilon = \(short(adam.learningRate))$, $\\rho_1 = \(short(adam.beta1))$, $\\rho_2 = \(short(adam.beta2))$,\n$\\delta = \(powerOfTen(adam.delta))$", in: note)

        let g = 0.1
        var optimizer = Adam()
        var parameters = [Tensor([0])]
        optimizer.step(parameters: &parameters, gradients: [Tensor([g])])
        let t = optimizer.stepCount
        let s = optimizer.moments.first[0].scalars[0], r = optimizer.moments.second[0].scalars[0]
        let correction1 = 1 - pow(adam.beta1, Double(t)), correction2 = 1 - pow(adam.beta2, Double(t))
        let sHat = s / correction1, rHat = r / correction2
        let stepTaken = -parameters[0].scalars[0]
        XCTAssertEqual(stepTaken, adam.learningRate * sHat / (rHat.squareRoot() + adam.delta), accuracy: 1e-18)
        assertQuoted("Take a gradient $g = \(short(g))$ at $t = \(t)$:\n"
                     + "$s = \(short(1 - adam.beta1))\\cdot\(short(g)) = \(short(s))$, $r = \(short(1 - adam.beta2))\\cdot\(short(g * g)) = \(powerOfTen(r))$; "
                     + "corrected $\\hat s = \(short(s))/\(short(correction1)) = \(short(sHat))$,\n"
                     + "$\\hat r = \(powerOfTen(r))/\(short(correction2)) = \(short(rHat))$; "
                     + "step $= \(short(adam.learningRate))\\cdot \(short(sHat))/(\\sqrt{\(short(rHat))} + \(powerOfTen(adam.delta))) \\approx \(short(stepTaken, maxDigits: 4))$", in: note)
        let uncorrected = adam.learningRate * sHat / r.squareRoot()
        assertQuoted("$\(short(adam.learningRate))\\cdot\(short(sHat))/\\sqrt{\(powerOfTen(r))} \\approx \(fixed(uncorrected, 4))$", in: note)
        assertQuoted("about \(Int((uncorrected / stepTaken).rounded())) times too large", in: note)

        // Erratum taken literally: r̂ is never set from r, so it keeps the moments' initial value
        // (read here as r after a step with a zero gradient), and the step is ε·ŝ/δ.
        var fresh = Adam()
        var zero = [Tensor([0])]
        fresh.step(parameters: &zero, gradients: [Tensor([0])])
        let initial = fresh.moments.second[0].scalars[0]
        assertQuoted("(it starts at \(short(initial)) and stays \(short(initial)))", in: note)
        let literal = adam.learningRate * sHat / (initial + adam.delta)
        assertQuoted("$\(short(adam.learningRate))\\cdot\(short(sHat))/\(powerOfTen(adam.delta)) = \(groupedTeX(Int(literal.rounded())))$", in: note)
        assertQuoted("a step of \(short(stepTaken, maxDigits: 4))", in: note)
    }

    /// "Conventions in this course": the reference defaults, and other libraries' defaults (cited).
    func testConventions() {
        let momentum = Momentum()
        XCTAssertEqual(momentum.form, .classical)
        assertQuoted("Defaults: momentum \(short(momentum.momentum)), learning rate \(short(momentum.learningRate)).", in: note)
        let rmsprop = RMSProp()
        assertQuoted("$\\rho = \(short(rmsprop.rho))$ (Keras", in: note)
        assertCited("PyTorch's `alpha` is 0.99", source: "PyTorch", in: note)
        assertQuoted("$\\delta = \(powerOfTen(rmsprop.delta))$.", in: note)
        assertQuoted("**Adam:** $\\delta = \(powerOfTen(Adam().delta))$ as PyTorch", in: note)
        assertCited("(Keras uses $10^{-7}$)", source: "Keras", in: note)
        assertQuoted("**AdaGrad:** $\\delta = \(powerOfTen(AdaGrad().delta))$ outside the root", in: note)
        assertCited("(Keras also $10^{-7}$", source: "Keras", in: note)
        assertCited("PyTorch $10^{-10}$)", source: "PyTorch", in: note)
        assertQuoted("\\qquad \\delta = \(powerOfTen(AdaGrad().delta)).$$", in: note)
    }

    /// "Conventions in this course": schedules count steps from 0, and `Trainer` advances its
    /// schedule once per minibatch (the learning rate of epoch 2's first batch is the schedule's
    /// value at the number of batches in epoch 1).
    func testScheduleStepping() {
        let schedule = LinearDecay(initial: 0.1, final: 0.001, decaySteps: 100)
        var trainer = Trainer(model: Dense(weight: Tensor([[0.5, -0.5], [0.25, 0.75]]), bias: Tensor([0, 0])),
                              optimizer: SGD(), schedule: schedule, batchSize: 4, loss: softmaxCrossEntropy(logits:labels:))
        let firstStep = trainer.step
        let inputs = Tensor(shape: [10, 2], scalars: (0..<20).map { Double($0 % 7) / 7 - 0.4 })
        let labels = (0..<10).map { $0 % 2 }
        let history = trainer.fit(inputs: inputs, labels: labels, epochs: 2)
        let batches = MinibatchSampler(count: 10, batchSize: 4).batchesPerEpoch
        XCTAssertEqual(trainer.step, 2 * batches)
        XCTAssertEqual(history.learningRates, [schedule.learningRate(at: firstStep), schedule.learningRate(at: batches)])
        assertQuoted("**Schedules** count steps from \(firstStep); `Trainer` advances a schedule \(timesInWords(trainer.step / (2 * batches))) per minibatch", in: note)
    }

    /// Pitfalls: Adam's counter advanced after the corrections, and a schedule stepped in the wrong unit.
    func testPitfalls() {
        var adam = Adam()
        let before = adam.stepCount
        var parameters = [Tensor([0])]
        adam.step(parameters: &parameters, gradients: [Tensor([0.1])])
        assertQuoted("$1 - \\rho^\(before) = \(short(1 - pow(adam.beta1, Double(before))))$, division by zero on step \(adam.stepCount)", in: note)
        // A per-batch schedule stepped per epoch (or the reverse) is off by the batches per epoch.
        let sampler = MinibatchSampler(count: 1_000_000, batchSize: 100)
        assertQuoted("by a factor equal to the number of batches per epoch —\n  \(grouped(sampler.batchesPerEpoch))× with the numbers of §1", in: note)
    }
}

/// How many times, as the note writes it: "once", "twice", "ten times".
private func timesInWords(_ n: Int) -> String {
    switch n {
    case 1: return "once"
    case 2: return "twice"
    default: return inWords(n) + " times"
    }
}

/// The verb for multiplying by `factor` ("halve" for ½).
private func multiplyVerb(_ factor: Double) -> String {
    switch factor {
    case 0.5: return "halve"
    case 0.1: return "divide by ten"
    default: return "multiply by \(short(factor))"
    }
}


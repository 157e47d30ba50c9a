import Testing
import Foundation
import TensorCore
import CheckSupport
import DeepLearning
import Ex9

/// A schedule both the exercise's `Warmup` and the reference's can wrap: a ramp that goes up
/// then down, so an offset of one step in the wrapped part shows.
private struct Zigzag: Ex9.LearningRateSchedule, DeepLearning.LearningRateSchedule {
    func learningRate(at step: Int) -> Double { 0.05 + 0.01 * Double(step % 4) + 0.3 / Double(step + 1) }
}

/// One linear decay: ε_0, ε_τ and τ (falling, rising, to zero in one step, flat).
struct LinearDecayCase: Sendable, CustomTestStringConvertible {
    var initial: Double, final: Double, tau: Int
    var testDescription: String { "ε_0 = \(format(initial)), ε_τ = \(format(final)), τ = \(tau)" }
}

/// One 1cycle: T, the peak fraction and the two divisors.
struct OneCycleCase: Sendable, CustomTestStringConvertible {
    var total: Int, fraction: Double, initialDivisor: Double, finalDivisor: Double
    var testDescription: String { "T = \(total), fraction \(format(fraction)), divisors \(format(initialDivisor)) and \(format(finalDivisor))" }
}

/// A clipping threshold, relative to the global norm of the check's gradients or absolute.
enum NormThreshold: Sendable, CaseIterable, CustomTestStringConvertible {
    case twiceTheNorm, justBelowTheNorm, one, hundredth

    func maxNorm(forNorm norm: Double) -> Double {
        switch self {
        case .twiceTheNorm: return norm * 2
        case .justBelowTheNorm: return norm * 0.999
        case .one: return 1
        case .hundredth: return 0.01
        }
    }

    var testDescription: String { "\(self)" }
}

/// Hidden checks for ex9: the schedules and clipping against the reference in `DeepLearning`.
@Suite struct Ex9HiddenChecks {
    @Test(arguments: [LinearDecayCase(initial: 1.0, final: 0.01, tau: 13), LinearDecayCase(initial: 0.05, final: 0.2, tau: 4),
                      LinearDecayCase(initial: 0.3, final: 0.0, tau: 1), LinearDecayCase(initial: 0.7, final: 0.7, tau: 9)])
    func linearDecayAgainstReference(of c: LinearDecayCase) {
        let steps = Array(0...(2 * c.tau + 3))
        let rates = student { () -> [Double] in
            let schedule = Ex9.LinearDecay(initial: c.initial, final: c.final, decaySteps: c.tau)
            return steps.map { schedule.learningRate(at: $0) }
        }
        let reference = DeepLearning.LinearDecay(initial: c.initial, final: c.final, decaySteps: c.tau)
        expectRates(rates, at: steps, expected: { reference.learningRate(at: $0) }) { k in
            "LinearDecay(\(c.testDescription)) at step \(k), compared with the reference"
        }
    }

    @Test func decaysAgainstReference() {
        for (initial, factor, size) in [(0.9, 0.5, 1), (0.01, 0.3, 4), (2.0, 1.0, 2)] {
            let steps = Array(0...(4 * size + 1))
            let rates = student { () -> [Double] in
                let schedule = Ex9.StepDecay(initial: initial, factor: factor, stepSize: size)
                return steps.map { schedule.learningRate(at: $0) }
            }
            let reference = DeepLearning.StepDecay(initial: initial, factor: factor, stepSize: size)
            guard expectRates(rates, at: steps, expected: { reference.learningRate(at: $0) }, { k in
                "StepDecay(ε_0 = \(format(initial)), factor \(format(factor)), every \(size)) at step \(k)"
            }) else { return }
        }
        let exponentialSteps = [0, 1, 7, 40, 300]
        let exponential = student { () -> [Double] in
            let schedule = Ex9.ExponentialDecay(initial: 0.6, rate: 0.05)
            return exponentialSteps.map { schedule.learningRate(at: $0) }
        }
        let referenceExponential = DeepLearning.ExponentialDecay(initial: 0.6, rate: 0.05)
        guard expectRates(exponential, at: exponentialSteps, expected: { referenceExponential.learningRate(at: $0) }, { k in
            "ExponentialDecay(ε_0 = 0.6, rate 0.05) at step \(k)"
        }) else { return }
        // New-bob with the default threshold 0: halve exactly when the loss goes up.
        var generator = checkGenerator(201)
        var losses: [Double] = []
        var loss = 2.0
        for _ in 0..<25 {
            loss += generator.uniform(in: -0.3...0.15)
            losses.append(loss)
        }
        let (rates, reductions) = student { () -> ([Double], Int) in
            var schedule = Ex9.NewBob(initial: 0.4)
            let rates = losses.map { schedule.record(validationLoss: $0) }
            return (rates, schedule.reductions)
        }
        var reference = DeepLearning.NewBob(initial: 0.4)
        let expected = losses.map { reference.record(validationError: $0) }
        guard expectEqual(rates.count, losses.count, "NewBob: number of rates recorded for 25 epochs") else { return }
        for epoch in losses.indices {
            guard expectClose(rates[epoch], expected[epoch], tolerance: 1e-12,
                              "NewBob(initial 0.4, default factor ½ and threshold 0) after epoch \(epoch), validation loss \(format(losses[epoch])) (halve only when the loss went up)") else { return }
        }
        expectEqual(reductions, reference.reductions, "NewBob.reductions after 25 epochs of a noisy validation loss")
    }

    @Test(arguments: [1, 2, 7])
    func warmupAgainstReference(warmupSteps w: Int) {
        let steps = Array(0...(w + 9))
        let rates = student { () -> [Double] in
            let schedule = Ex9.Warmup(warmupSteps: w, then: Zigzag())
            return steps.map { schedule.learningRate(at: $0) }
        }
        let reference = DeepLearning.Warmup(warmupSteps: w, then: Zigzag())
        expectRates(rates, at: steps, expected: { reference.learningRate(at: $0) }) { k in
            "Warmup(W = \(w)) around a schedule that goes up and down, at step \(k)"
        }
    }

    @Test(arguments: [OneCycleCase(total: 37, fraction: 0.3, initialDivisor: 25, finalDivisor: 1e4),
                      OneCycleCase(total: 11, fraction: 0.45, initialDivisor: 5, finalDivisor: 3),
                      OneCycleCase(total: 1000, fraction: 0.2, initialDivisor: 10, finalDivisor: 100),
                      OneCycleCase(total: 4, fraction: 0.5, initialDivisor: 2, finalDivisor: 2),
                      // round(0.5) − 1 = 0: the peak is raised to step 1.
                      OneCycleCase(total: 5, fraction: 0.1, initialDivisor: 4, finalDivisor: 10),
                      // round(9) − 1 = 8 = T − 2: the latest peak allowed, a down phase of one step.
                      OneCycleCase(total: 10, fraction: 0.9, initialDivisor: 3, finalDivisor: 7)])
    func oneCycleAgainstReference(of c: OneCycleCase) {
        let total = c.total
        let peak = max(1, Int((c.fraction * Double(total)).rounded()) - 1)
        let steps = Array(0...min(total + 2, 60)) + [peak - 1, peak, peak + 1, total - 2, total - 1, total, total + 1]
        let (studentPeak, rates) = student { () -> (Int, [Double]) in
            let schedule = Ex9.OneCycle(maximum: 0.8, totalSteps: total, peakFraction: c.fraction,
                                        initialDivisor: c.initialDivisor, finalDivisor: c.finalDivisor)
            return (schedule.peakStep, steps.map { schedule.learningRate(at: $0) })
        }
        guard expectEqual(studentPeak, peak, "OneCycle(T = \(total), peak fraction \(format(c.fraction))).peakStep") else { return }
        let reference = DeepLearning.OneCycle(maximum: 0.8, totalSteps: total, peakStep: peak,
                                              initialDivisor: c.initialDivisor, finalDivisor: c.finalDivisor)
        expectRates(rates, at: steps, expected: { reference.learningRate(at: $0) }) { k in
            "OneCycle(maximum 0.8, \(c.testDescription)) at step \(k) (peak \(peak), last step \(total - 1))"
        }
    }

    @Test(arguments: [0.5, 2.0, 100.0])
    func clipByValueAgainstReference(limit: Double) {
        var generator = checkGenerator(211)
        let gradients = [Tensor.normal([2, 3, 2], standardDeviation: 3, using: &generator), Tensor.normal([5], using: &generator), Tensor.zeros([1, 1])]
        let clipped = student { Ex9.clipByValue(gradients, limit: limit) }
        expectTensors(clipped, DeepLearning.clipByValue(gradients, limit: limit), tolerance: 0,
                      call: "clipByValue(limit \(format(limit))) on 3 tensors") { i in
            "clipByValue(limit \(format(limit))) of tensor \(i) (shape \(format(gradients[i].shape)))"
        }
    }

    /// One huge tensor among small ones: a per-tensor clip leaves the small ones untouched.
    @Test(arguments: NormThreshold.allCases)
    func globalNormAgainstReference(threshold: NormThreshold) {
        var generator = checkGenerator(212)
        let gradients = [Tensor.normal([4, 3], standardDeviation: 50, using: &generator),
                         Tensor.normal([2], standardDeviation: 0.1, using: &generator),
                         Tensor.normal([3, 1, 2], standardDeviation: 0.5, using: &generator)]
        let maxNorm = threshold.maxNorm(forNorm: DeepLearning.globalNorm(gradients))
        let (norm, clipped) = student { () -> (Double, [Tensor]) in
            var clipped = gradients
            let norm = Ex9.clipByGlobalNorm(&clipped, maxNorm: maxNorm)
            return (norm, clipped)
        }
        guard expectClose(norm, DeepLearning.clippedByGlobalNorm(gradients, maxNorm: maxNorm).norm, tolerance: 1e-12,
                          "clipByGlobalNorm(maxNorm \(format(maxNorm))): returned norm (before clipping)") else { return }
        expectTensors(clipped, DeepLearning.clippedByGlobalNorm(gradients, maxNorm: maxNorm).gradients, tolerance: 1e-12,
                      call: "clipByGlobalNorm(maxNorm \(format(maxNorm)))") { i in
            "clipByGlobalNorm(maxNorm \(format(maxNorm))) of tensors with norms about \(format(gradients[0].norm)), \(format(gradients[1].norm)), \(format(gradients[2].norm)): tensor \(i) (one scale for all tensors)"
        }
    }
}

import XCTest
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

/// Hidden checks for ex9: the schedules and clipping against the reference in `DeepLearning`.
final class Ex9HiddenChecks: XCTestCase {
    func testLinearDecayAgainstReference() {
        for (initial, final, tau) in [(1.0, 0.01, 13), (0.05, 0.2, 4), (0.3, 0.0, 1), (0.7, 0.7, 9)] {
            let mine = Ex9.LinearDecay(initial: initial, final: final, decaySteps: tau)
            let reference = DeepLearning.LinearDecay(initial: initial, final: final, decaySteps: tau)
            for k in 0...(2 * tau + 3) {
                guard expectClose(mine.learningRate(at: k), reference.learningRate(at: k), tolerance: 1e-12,
                                  "LinearDecay(ε_0 = \(format(initial)), ε_τ = \(format(final)), τ = \(tau)) at step \(k), compared with the reference") else { return }
            }
        }
    }

    func testDecaysAgainstReference() {
        for (initial, factor, size) in [(0.9, 0.5, 1), (0.01, 0.3, 4), (2.0, 1.0, 2)] {
            let mine = Ex9.StepDecay(initial: initial, factor: factor, stepSize: size)
            let reference = DeepLearning.StepDecay(initial: initial, factor: factor, stepSize: size)
            for k in 0...(4 * size + 1) {
                guard expectClose(mine.learningRate(at: k), reference.learningRate(at: k), tolerance: 1e-12,
                                  "StepDecay(ε_0 = \(format(initial)), factor \(format(factor)), every \(size)) at step \(k)") else { return }
            }
        }
        let exponential = Ex9.ExponentialDecay(initial: 0.6, rate: 0.05)
        let referenceExponential = DeepLearning.ExponentialDecay(initial: 0.6, rate: 0.05)
        for k in [0, 1, 7, 40, 300] {
            guard expectClose(exponential.learningRate(at: k), referenceExponential.learningRate(at: k), tolerance: 1e-12,
                              "ExponentialDecay(ε_0 = 0.6, rate 0.05) at step \(k)") else { return }
        }
        // New-bob with the default threshold 0: halve exactly when the loss goes up.
        var generator = checkGenerator(201)
        var mine = Ex9.NewBob(initial: 0.4)
        var reference = DeepLearning.NewBob(initial: 0.4)
        var loss = 2.0
        for epoch in 0..<25 {
            loss += generator.uniform(in: -0.3...0.15)
            let rate = mine.record(validationLoss: loss)
            let expected = reference.record(validationError: loss)
            guard expectClose(rate, expected, tolerance: 1e-12,
                              "NewBob(initial 0.4, default factor ½ and threshold 0) after epoch \(epoch), validation loss \(format(loss)) (halve only when the loss went up)") else { return }
        }
        expectEqual(mine.reductions, reference.reductions, "NewBob.reductions after 25 epochs of a noisy validation loss")
    }

    func testWarmupAgainstReference() {
        for w in [1, 2, 7] {
            let mine = Ex9.Warmup(warmupSteps: w, then: Zigzag())
            let reference = DeepLearning.Warmup(warmupSteps: w, then: Zigzag())
            for k in 0...(w + 9) {
                guard expectClose(mine.learningRate(at: k), reference.learningRate(at: k), tolerance: 1e-12,
                                  "Warmup(W = \(w)) around a schedule that goes up and down, at step \(k)") else { return }
            }
        }
    }

    func testOneCycleAgainstReference() {
        for (total, fraction, div, finalDiv) in [(37, 0.3, 25.0, 1e4), (11, 0.45, 5.0, 3.0), (1000, 0.2, 10.0, 100.0), (4, 0.5, 2.0, 2.0)] {
            let mine = Ex9.OneCycle(maximum: 0.8, totalSteps: total, peakFraction: fraction, initialDivisor: div, finalDivisor: finalDiv)
            let peak = max(1, Int((fraction * Double(total)).rounded()) - 1)
            guard expectEqual(mine.peakStep, peak, "OneCycle(T = \(total), peak fraction \(format(fraction))).peakStep") else { return }
            let reference = DeepLearning.OneCycle(maximum: 0.8, totalSteps: total, peakStep: peak, initialDivisor: div, finalDivisor: finalDiv)
            for k in Array(0...min(total + 2, 60)) + [peak - 1, peak, peak + 1, total - 2, total - 1, total, total + 1] {
                guard expectClose(mine.learningRate(at: k), reference.learningRate(at: k), tolerance: 1e-12,
                                  "OneCycle(maximum 0.8, T = \(total), fraction \(format(fraction)), divisors \(format(div)) and \(format(finalDiv))) at step \(k) (peak \(peak), last step \(total - 1))") else { return }
            }
        }
    }

    func testClipByValueAgainstReference() {
        var generator = checkGenerator(211)
        let gradients = [Tensor.normal([2, 3, 2], standardDeviation: 3, using: &generator), Tensor.normal([5], using: &generator), Tensor.zeros([1, 1])]
        for limit in [0.5, 2.0, 100.0] {
            let mine = Ex9.clipByValue(gradients, limit: limit)
            let reference = DeepLearning.clipByValue(gradients, limit: limit)
            guard expectEqual(mine.count, 3, "clipByValue on 3 tensors: number of tensors returned") else { return }
            for i in 0..<3 {
                guard expectClose(mine[i], reference[i], tolerance: 0, "clipByValue(limit \(format(limit))) of tensor \(i) (shape \(format(gradients[i].shape)))") else { return }
            }
        }
    }

    /// One huge tensor among small ones: a per-tensor clip leaves the small ones untouched.
    func testGlobalNormAgainstReference() {
        var generator = checkGenerator(212)
        let gradients = [Tensor.normal([4, 3], standardDeviation: 50, using: &generator),
                         Tensor.normal([2], standardDeviation: 0.1, using: &generator),
                         Tensor.normal([3, 1, 2], standardDeviation: 0.5, using: &generator)]
        let scaleOfTotal = DeepLearning.globalNorm(gradients)
        for maxNorm in [scaleOfTotal * 2, scaleOfTotal * 0.999, 1.0, 0.01] {
            var mine = gradients
            let norm = Ex9.clipByGlobalNorm(&mine, maxNorm: maxNorm)
            let (expected, expectedNorm) = DeepLearning.clippedByGlobalNorm(gradients, maxNorm: maxNorm)
            guard expectClose(norm, expectedNorm, tolerance: 1e-12, "clipByGlobalNorm(maxNorm \(format(maxNorm))): returned norm (before clipping)") else { return }
            for i in 0..<3 {
                guard expectClose(mine[i], expected[i], tolerance: 1e-12,
                                  "clipByGlobalNorm(maxNorm \(format(maxNorm))) of tensors with norms about \(format(gradients[0].norm)), \(format(gradients[1].norm)), \(format(gradients[2].norm)): tensor \(i) (one scale for all tensors)") else { return }
            }
        }
    }
}

import Foundation
import TensorCore

// ex8.4 — Adam (Kingma & Ba 2015; Goodfellow et al., Algorithm 8.7) with bias correction.
// The lecture's names: step size ε, decay rates ρ1, ρ2, constant δ; here learningRate, beta1,
// beta2 and epsilon, with the lecture's (and PyTorch's) defaults 0.001, 0.9, 0.999, 1e−8.
//
//     t ← t + 1                           FIRST, before the corrections (t starts at 0)
//     s ← β1·s + (1 − β1)·g               first moment
//     r ← β2·r + (1 − β2)·g ⊙ g           second moment
//     ŝ ← s / (1 − β1ᵗ)
//     r̂ ← r / (1 − β2ᵗ)                   (erratum 1: the slides print r̂ / (1 − ρ2ᵗ); it is r)
//     θ ← θ − ε · ŝ / (√r̂ + ϵ)           (element-wise, ϵ outside the root)
//
// One step counter t for the whole optimizer (all parameters are stepped together); s and r
// are per parameter (`prepareState(&firstMoments, …)`, `prepareState(&secondMoments, …)`).
// Check yourself: on the first step ŝ = g and r̂ = g², so EVERY entry moves by
// ε·|g|/(|g| + ϵ) ≈ ε, whatever the scale of g. Advancing t after computing the corrections
// divides by 1 − β⁰ = 0 on the first step. Without the corrections the first step is
// (1 − β1)/√(1 − β2) ≈ 3.2 times too large. Keras uses ϵ = 1e−7.

/// Adam with bias correction; the step counter is advanced before the corrections.
public struct Adam: Optimizer {
    /// ε, the step size.
    public var learningRate: Double
    /// β1 (ρ1), decay of the first moment, in [0, 1).
    public var beta1: Double
    /// β2 (ρ2), decay of the second moment, in [0, 1).
    public var beta2: Double
    /// ϵ (δ in the lecture), added to √r̂.
    public var epsilon: Double
    /// t, the number of steps taken so far.
    public var stepCount = 0
    /// s, one per parameter; empty before the first step.
    public var firstMoments: [Tensor] = []
    /// r, one per parameter; empty before the first step.
    public var secondMoments: [Tensor] = []

    public init(learningRate: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8) {
        precondition(learningRate >= 0, "Adam: learning rate \(learningRate) is negative")
        precondition(beta1 >= 0 && beta1 < 1, "Adam: β1 \(beta1) is outside [0, 1)")
        precondition(beta2 >= 0 && beta2 < 1, "Adam: β2 \(beta2) is outside [0, 1)")
        precondition(epsilon > 0, "Adam: ϵ \(epsilon) must be positive")
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
    }

    public mutating func step(_ parameters: inout [Tensor], gradients: [Tensor]) {
        validateStep("Adam", parameters: parameters, gradients: gradients)
        // BEGIN SOLUTION ex8.4
        prepareState(&firstMoments, for: parameters, optimizer: "Adam")
        prepareState(&secondMoments, for: parameters, optimizer: "Adam")
        stepCount += 1
        let correction1 = 1 - pow(beta1, Double(stepCount))
        let correction2 = 1 - pow(beta2, Double(stepCount))
        for i in parameters.indices {
            let g = gradients[i]
            firstMoments[i] = beta1 * firstMoments[i] + (1 - beta1) * g
            secondMoments[i] = beta2 * secondMoments[i] + (1 - beta2) * (g * g)
            let sHat = firstMoments[i] / correction1
            let rHat = secondMoments[i] / correction2
            parameters[i] -= learningRate * sHat.zipMap(rHat) { s, r in s / (r.squareRoot() + epsilon) }
        }
        // END SOLUTION
    }
}

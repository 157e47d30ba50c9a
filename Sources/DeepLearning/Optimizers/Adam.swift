import Foundation
import TensorCore

/// Adam (Kingma & Ba 2015; Goodfellow et al. Algorithm 8.7), with bias correction.
///
///     t ← t + 1                                  (before the corrections)
///     s ← ρ1·s + (1 − ρ1)·g                     first moment
///     r ← ρ2·r + (1 − ρ2)·g ⊙ g                 second moment
///     ŝ ← s / (1 − ρ1ᵗ)
///     r̂ ← r / (1 − ρ2ᵗ)                         (erratum 1: the slides print r̂ / (1 − ρ2ᵗ))
///     θ ← θ − ε · ŝ / (√r̂ + δ)
///
/// Because the counter is advanced first, the very first step has `ŝ = g`, `r̂ = g ⊙ g`, so
/// every entry moves by `ε·|g|/(|g| + δ) ≈ ε` whatever the gradient's scale. Advancing `t`
/// after the corrections divides by `1 − ρ⁰ = 0` on the first step.
///
/// Defaults as the lectures give them: `ε = 0.001`, `ρ1 = 0.9`, `ρ2 = 0.999`, `δ = 1e−8`
/// (PyTorch's defaults; Keras uses δ = 1e−7). δ is outside the square root, as in both.
/// One counter `t` for the optimizer (all parameters are stepped together); `s` and `r` are
/// per parameter.
public struct Adam: Optimizer {
    public var learningRate: Double
    public var beta1: Double
    public var beta2: Double
    /// δ, added to `√r̂`.
    public var delta: Double
    /// The number of steps taken (t).
    public private(set) var stepCount = 0
    var firstMoment = ParameterSlots("first moment")
    var secondMoment = ParameterSlots("second moment")

    public init(learningRate: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999, delta: Double = 1e-8) {
        precondition(beta1 >= 0 && beta1 < 1, "Adam: ρ1 \(beta1) is outside [0, 1)")
        precondition(beta2 >= 0 && beta2 < 1, "Adam: ρ2 \(beta2) is outside [0, 1)")
        precondition(learningRate >= 0, "Adam: learning rate \(learningRate) is negative")
        precondition(delta > 0, "Adam: δ \(delta) must be positive")
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.delta = delta
    }

    /// `s` and `r` for each parameter (empty before the first step).
    public var moments: (first: [Tensor], second: [Tensor]) { (firstMoment.tensors, secondMoment.tensors) }

    public mutating func step(parameters: inout [Tensor], gradients: [Tensor]) {
        validateStep("Adam", parameters: parameters, gradients: gradients)
        firstMoment.prepare(for: parameters, optimizer: "Adam")
        secondMoment.prepare(for: parameters, optimizer: "Adam")
        stepCount += 1
        let correction1 = 1 - pow(beta1, Double(stepCount))
        let correction2 = 1 - pow(beta2, Double(stepCount))
        let (beta1, beta2, delta, learningRate) = (beta1, beta2, delta, learningRate)
        // One pass per parameter, updating s, r and θ in place: the formulas above, element by
        // element, in the same order of operations as the tensor expressions
        // `s·ρ1 + g·(1 − ρ1)`, `r·ρ2 + (g ⊙ g)·(1 − ρ2)`, `θ − (ŝ / (√r̂ + δ))·ε`.
        for i in parameters.indices {
            gradients[i].scalars.withUnsafeBufferPointer { g in
                parameters[i].scalars.withUnsafeMutableBufferPointer { theta in
                    firstMoment.withScalars(i) { s in
                        secondMoment.withScalars(i) { r in
                            for j in 0..<g.count {
                                s[j] = s[j] * beta1 + g[j] * (1 - beta1)
                                r[j] = r[j] * beta2 + (g[j] * g[j]) * (1 - beta2)
                                let update = (s[j] / correction1) / ((r[j] / correction2).squareRoot() + delta)
                                theta[j] = theta[j] - update * learningRate
                            }
                        }
                    }
                }
            }
        }
    }

    public mutating func reset() {
        stepCount = 0
        firstMoment.reset()
        secondMoment.reset()
    }
}

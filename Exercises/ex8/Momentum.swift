import TensorCore

// ex8.1 (part 2) — SGD with momentum, in both forms the lectures show (erratum 6: both are
// right; they differ by a rescaling of the learning rate). `form` chooses one:
//
//   .classical (Goodfellow et al., Algorithm 8.2), learningRate = ε, momentum = α:
//       v ← α·v − ε·g
//       θ ← θ + v                      (v points DOWNHILL: it already carries the minus sign)
//
//   .exponentialAverage (the slides' form), learningRate = α, momentum = β:
//       V ← β·V + (1 − β)·g            (a running average of the gradients)
//       W ← W − α·V                    (V points UPHILL: subtract it)
//
// Weight decay λ, when not 0, is folded into the gradient first: g ← g + λ·θ (as SGD).
// The velocity starts at zero, ONE TENSOR PER PARAMETER: call
// `prepareState(&velocities, for: parameters, optimizer: "Momentum")`, then use
// `velocities[i]` for `parameters[i]` only.
//
// With a constant gradient g, classical momentum gives v_k = −ε·g·(1 − αᵏ)/(1 − α): the steps
// grow towards ε·g/(1 − α), ten times a plain SGD step for α = 0.9. The exponential average
// gives V_k = (1 − βᵏ)·g, so its steps approach α·g, the size of a plain SGD step.
// PyTorch's `SGD(momentum=α)` is the classical form (it stores b = −v/ε).

/// Which of the two momentum updates an optimizer uses.
public enum MomentumForm: Sendable, Equatable {
    /// `v ← α·v − ε·g`, `θ ← θ + v` (Goodfellow et al.; PyTorch up to v = −ε·b).
    case classical
    /// `V ← β·V + (1 − β)·g`, `W ← W − α·V` (the slides; Andrew Ng's course).
    case exponentialAverage
}

/// SGD with momentum; `form` says which update (see `MomentumForm`).
public struct Momentum: Optimizer {
    /// ε in the classical form, α in the exponential-average form.
    public var learningRate: Double
    /// α in the classical form, β in the exponential-average form; in [0, 1).
    public var momentum: Double
    public var form: MomentumForm
    /// λ, added to the gradient as `λ·θ` (0 turns it off).
    public var weightDecay: Double
    /// v (classical) or V (exponential average), one per parameter; empty before the first step.
    public var velocities: [Tensor] = []

    public init(learningRate: Double = 0.01, momentum: Double = 0.9, form: MomentumForm = .classical, weightDecay: Double = 0) {
        precondition(learningRate >= 0, "Momentum: learning rate \(learningRate) is negative")
        precondition(momentum >= 0 && momentum < 1, "Momentum: momentum \(momentum) is outside [0, 1)")
        precondition(weightDecay >= 0, "Momentum: weight decay \(weightDecay) is negative")
        self.learningRate = learningRate
        self.momentum = momentum
        self.form = form
        self.weightDecay = weightDecay
    }

    public mutating func step(_ parameters: inout [Tensor], gradients: [Tensor]) {
        validateStep("Momentum", parameters: parameters, gradients: gradients)
        todo("ex8.1")
    }
}

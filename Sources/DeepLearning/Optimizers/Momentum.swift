import TensorCore

/// SGD with momentum. The lectures give two forms (erratum 6); both are right and differ only
/// by a rescaling of the learning rate, so the form is a parameter:
///
/// - `.classical` (Goodfellow et al. Algorithm 8.2): `v ← α·v − ε·g`, `θ ← θ + v`.
///   PyTorch's `SGD(momentum=α)` keeps `b ← α·b + g`, `θ ← θ − ε·b`; with a constant ε that is
///   the same trajectory with `v = −ε·b`.
/// - `.exponentialAverage` (the slides' form, as in Andrew Ng's course):
///   `V ← β·V + (1−β)·g`, `W ← W − α·V`. `V` is a running average of the gradients, so for the
///   same α it takes steps `(1−β)` times as large as the classical form with ε = α.
///
/// Here `learningRate` is ε (classical) or α (exponential average) and `momentum` is α or β.
/// Velocity starts at zero, one per parameter. Defaults: momentum 0.9, learning rate 0.01.
/// Optional weight decay as in `SGD` (`g ← g + λ·θ`).
public struct Momentum: Optimizer {
    public enum Form: Sendable, Equatable {
        /// `v ← α·v − ε·g`, `θ ← θ + v`.
        case classical
        /// `V ← β·V + (1−β)·g`, `W ← W − α·V`.
        case exponentialAverage
    }

    public var learningRate: Double
    public var momentum: Double
    public var form: Form
    public var weightDecay: Double
    var velocity = ParameterSlots("velocity")

    public init(learningRate: Double = 0.01, momentum: Double = 0.9, form: Form = .classical, weightDecay: Double = 0) {
        precondition(momentum >= 0 && momentum < 1, "Momentum: momentum \(momentum) is outside [0, 1)")
        precondition(learningRate >= 0, "Momentum: learning rate \(learningRate) is negative")
        self.learningRate = learningRate
        self.momentum = momentum
        self.form = form
        self.weightDecay = weightDecay
    }

    /// The current velocity of each parameter (empty before the first step).
    public var velocities: [Tensor] { velocity.tensors }

    public mutating func step(parameters: inout [Tensor], gradients: [Tensor]) {
        validateStep("Momentum", parameters: parameters, gradients: gradients)
        velocity.prepare(for: parameters, optimizer: "Momentum")
        for i in parameters.indices {
            var g = gradients[i]
            if weightDecay != 0 { g = g + parameters[i] * weightDecay }
            switch form {
            case .classical:
                velocity[i] = velocity[i] * momentum - g * learningRate
                parameters[i] = parameters[i] + velocity[i]
            case .exponentialAverage:
                velocity[i] = velocity[i] * momentum + g * (1 - momentum)
                parameters[i] = parameters[i] - velocity[i] * learningRate
            }
        }
    }

    public mutating func reset() { velocity.reset() }
}

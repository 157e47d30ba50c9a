import TensorCore

/// Nesterov accelerated gradient, consistent with classical momentum (`Momentum.Form.classical`).
///
/// The lecture's look-ahead form evaluates the gradient where momentum is about to carry the
/// parameters: `v ← α·v − ε·∇L(θ + α·v)`, `θ ← θ + v`. An optimizer only sees the gradient at
/// the parameters it holds, so we store the look-ahead point `θ̃ = θ + α·v` instead of `θ`
/// (Sutskever et al. 2013; Bengio et al. 2013). With `g = ∇L(θ̃)` the update becomes
///
///     v ← α·v − ε·g
///     θ̃ ← θ̃ + α·v − ε·g          (uses the *new* v)
///
/// which is PyTorch's `SGD(momentum=α, nesterov=True)` up to `v = −ε·b`. The parameters this
/// optimizer holds are therefore the look-ahead points of the lecture's sequence; with `v = 0`
/// at the start the two sequences begin at the same point. Using the old velocity in the
/// second line ("a stale velocity") is a classic mistake.
/// Defaults: momentum 0.9, learning rate 0.01; optional weight decay as in `SGD`.
public struct Nesterov: Optimizer {
    public var learningRate: Double
    public var momentum: Double
    public var weightDecay: Double
    var velocity = ParameterSlots("velocity")

    public init(learningRate: Double = 0.01, momentum: Double = 0.9, weightDecay: Double = 0) {
        precondition(momentum >= 0 && momentum < 1, "Nesterov: momentum \(momentum) is outside [0, 1)")
        precondition(learningRate >= 0, "Nesterov: learning rate \(learningRate) is negative")
        self.learningRate = learningRate
        self.momentum = momentum
        self.weightDecay = weightDecay
    }

    public var velocities: [Tensor] { velocity.tensors }

    public mutating func step(parameters: inout [Tensor], gradients: [Tensor]) {
        validateStep("Nesterov", parameters: parameters, gradients: gradients)
        velocity.prepare(for: parameters, optimizer: "Nesterov")
        for i in parameters.indices {
            var g = gradients[i]
            if weightDecay != 0 { g = g + parameters[i] * weightDecay }
            velocity[i] = velocity[i] * momentum - g * learningRate
            parameters[i] = parameters[i] + velocity[i] * momentum - g * learningRate
        }
    }

    public mutating func reset() { velocity.reset() }
}

import TensorCore

/// A gradient-based optimizer (lecture L3): given the parameters and the gradient of the loss
/// with respect to each, it updates the parameters in place.
///
/// Conventions shared by every optimizer here:
/// - `parameters[i]` and `gradients[i]` must have the same shape; a mismatch stops with a
///   message naming both shapes.
/// - State (velocities, squared-gradient sums, moments) is kept *per parameter, by position*:
///   the state for `parameters[i]` is only ever used for `parameters[i]`. It is created on the
///   first `step` with the shapes of that step's parameters; a later step with a different
///   number of parameters or different shapes stops with a message (create a new optimizer, or
///   call `reset()`, when the model changes).
/// - `learningRate` is a settable property, so a `LearningRateSchedule` can drive it.
public protocol Optimizer {
    /// The global step size (ε in the lectures).
    var learningRate: Double { get set }
    /// Updates `parameters` in place from `gradients` (same count, same shapes).
    mutating func step(parameters: inout [Tensor], gradients: [Tensor])
    /// Forgets all per-parameter state (and step counters).
    mutating func reset()
}

/// Checks that `gradients` match `parameters` one to one, naming the optimizer, the position
/// and both shapes when they do not.
func validateStep(_ optimizer: String, parameters: [Tensor], gradients: [Tensor]) {
    precondition(parameters.count == gradients.count,
                 "\(optimizer).step: \(parameters.count) parameters but \(gradients.count) gradients")
    for (i, (p, g)) in zip(parameters, gradients).enumerated() {
        precondition(p.shape == g.shape,
                     "\(optimizer).step: parameter \(i) has shape \(p.shape) but its gradient has shape \(g.shape)")
    }
}

/// Per-parameter state: one tensor per parameter position, created as zeros on first use.
struct ParameterSlots: Sendable {
    private(set) var tensors: [Tensor] = []
    let label: String

    init(_ label: String) { self.label = label }

    /// Creates zero state for `parameters` on first use; afterwards checks they still match.
    mutating func prepare(for parameters: [Tensor], optimizer: String) {
        if tensors.isEmpty {
            tensors = parameters.map { Tensor.zeros($0.shape) }
            return
        }
        precondition(tensors.count == parameters.count,
                     "\(optimizer).step: \(label) was created for \(tensors.count) parameters, now given \(parameters.count); call reset() when the model changes")
        for (i, (s, p)) in zip(tensors, parameters).enumerated() {
            precondition(s.shape == p.shape,
                         "\(optimizer).step: \(label) for parameter \(i) has shape \(s.shape) but the parameter now has shape \(p.shape); call reset() when the model changes")
        }
    }

    subscript(i: Int) -> Tensor {
        get { tensors[i] }
        set { tensors[i] = newValue }
    }

    /// The scalars of slot `i`, mutable in place (no copy of the tensor).
    mutating func withScalars<R>(_ i: Int, _ body: (UnsafeMutableBufferPointer<Double>) -> R) -> R {
        tensors[i].scalars.withUnsafeMutableBufferPointer { body($0) }
    }

    mutating func reset() { tensors = [] }
}

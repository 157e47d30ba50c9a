import TensorCore

// Given — there is nothing to write in this file. Read it before ex8.1.
//
// Every optimizer of this exercise is a value type (a struct) that conforms to `Optimizer`:
// `step` receives the list of parameter tensors of a model and the gradient of the loss with
// respect to each (same count, same shapes), and updates the parameters in place.
//
// Optimizers with state (a velocity, a sum of squared gradients, moment estimates) keep ONE
// state tensor PER PARAMETER, by position: the state of `parameters[i]` is `state[i]`, has the
// shape of `parameters[i]`, and is never used for any other parameter. The state is created
// as zeros on the first `step` (`prepareState` below does that and checks the shapes later on).

/// A gradient-based optimizer (lecture L3).
public protocol Optimizer {
    /// Updates `parameters` in place, given the gradient of the loss with respect to each one
    /// (`gradients[i]` has the shape of `parameters[i]`).
    mutating func step(_ parameters: inout [Tensor], gradients: [Tensor])
}

/// Stops with a message naming the optimizer, the position and both shapes when `gradients`
/// do not match `parameters` one to one.
public func validateStep(_ optimizer: String, parameters: [Tensor], gradients: [Tensor]) {
    precondition(parameters.count == gradients.count,
                 "\(optimizer).step: \(parameters.count) parameters but \(gradients.count) gradients")
    for (i, (p, g)) in zip(parameters, gradients).enumerated() {
        precondition(p.shape == g.shape,
                     "\(optimizer).step: parameter \(i) has shape \(p.shape) but its gradient has shape \(g.shape)")
    }
}

/// Per-parameter state: on first use (`state` empty) one zero tensor per parameter, with that
/// parameter's shape; afterwards it checks that the parameters still match the state.
public func prepareState(_ state: inout [Tensor], for parameters: [Tensor], optimizer: String) {
    if state.isEmpty {
        state = parameters.map { Tensor.zeros($0.shape) }
        return
    }
    precondition(state.count == parameters.count,
                 "\(optimizer).step: state was created for \(state.count) parameters, now given \(parameters.count); create a new optimizer when the model changes")
    for (i, (s, p)) in zip(state, parameters).enumerated() {
        precondition(s.shape == p.shape,
                     "\(optimizer).step: state of parameter \(i) has shape \(s.shape) but the parameter has shape \(p.shape)")
    }
}

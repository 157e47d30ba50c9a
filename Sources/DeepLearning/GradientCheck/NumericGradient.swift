import TensorCore

/// The default step of the centred differences: h = 1e−5 (in Double; CS231n's default).
public let defaultGradientCheckStep = 1e-5

/// The centred-difference derivative of a scalar function:
/// `f'(x) ≈ (f(x + h) − f(x − h)) / 2h`, error O(h²) for smooth f (the forward difference
/// `(f(x + h) − f(x))/h` is only O(h)).
public func numericDerivative(at x: Double, h: Double = defaultGradientCheckStep, of f: (Double) -> Double) -> Double {
    (f(x + h) - f(x - h)) / (2 * h)
}

/// The centred-difference gradient of `f` at `x`, one element at a time:
/// `∂f/∂x_i ≈ (f(x + h·e_i) − f(x − h·e_i)) / 2h`. Costs 2·x.count evaluations of f.
/// A kink within h of a point (ReLU at 0, a tie in max) makes that entry meaningless.
public func numericGradient(at x: Tensor, h: Double = defaultGradientCheckStep, of f: (Tensor) -> Double) -> Tensor {
    numericGradients(at: [x], h: h) { f($0[0]) }[0]
}

/// Centred-difference gradients of a function of several tensors, one per input (each element
/// of each input perturbed in turn, the others held fixed).
public func numericGradients(at inputs: [Tensor], h: Double = defaultGradientCheckStep, of f: ([Tensor]) -> Double) -> [Tensor] {
    requireThat(h > 0, "numericGradients: step h \(h) must be positive")
    var probe = inputs
    var gradients = inputs.map { Tensor.zeros(like: $0) }
    for t in inputs.indices {
        for i in 0..<inputs[t].count {
            let original = probe[t].scalars[i]
            probe[t].scalars[i] = original + h
            let plus = f(probe)
            probe[t].scalars[i] = original - h
            let minus = f(probe)
            probe[t].scalars[i] = original
            gradients[t].scalars[i] = (plus - minus) / (2 * h)
        }
    }
    return gradients
}

import Foundation
import TensorCore

// ex1.3 — Activation functions and their derivatives, element-wise.
//
//   sigmoid(x)       = 1 / (1 + e^(−x))                 σ'(x) = σ(x)·(1 − σ(x))
//   tanh(x)                                             tanh'(x) = 1 − tanh²(x)
//   relu(x)          = max(0, x)                        relu'(x) = 1 if x > 0, else 0 (0 at x = 0, as PyTorch)
//   leakyRelu(x)     = x if x > 0, else slope·x         leakyRelu'(x) = 1 if x > 0, else slope
//   swish(x; β)      = x·σ(βx)                          swish'(x) = σ(βx) + βx·σ(βx)·(1 − σ(βx))
//
// The derivatives are with respect to x, evaluated at x (not at the activation's output).
// sigmoid must not overflow for large |x|: for x < 0 compute e^x / (1 + e^x) instead.
// As β grows, swish approaches relu; with β = 1 it is also called SiLU.

/// The logistic sigmoid, element-wise, stable for large |x|.
public func sigmoid(_ x: Tensor) -> Tensor {
    todo("ex1.3")
}

/// σ'(x) = σ(x)(1 − σ(x)).
public func sigmoidDerivative(_ x: Tensor) -> Tensor {
    todo("ex1.3")
}

/// The hyperbolic tangent, element-wise.
public func tanhActivation(_ x: Tensor) -> Tensor {
    todo("ex1.3")
}

/// tanh'(x) = 1 − tanh²(x).
public func tanhDerivative(_ x: Tensor) -> Tensor {
    todo("ex1.3")
}

/// max(0, x), element-wise.
public func relu(_ x: Tensor) -> Tensor {
    todo("ex1.3")
}

/// 1 where x > 0, else 0 (0 at x = 0).
public func reluDerivative(_ x: Tensor) -> Tensor {
    todo("ex1.3")
}

/// x where x > 0, else slope·x (PyTorch's default slope is 0.01).
public func leakyRelu(_ x: Tensor, slope: Double = 0.01) -> Tensor {
    todo("ex1.3")
}

/// 1 where x > 0, else slope.
public func leakyReluDerivative(_ x: Tensor, slope: Double = 0.01) -> Tensor {
    todo("ex1.3")
}

/// swish(x; β) = x·σ(βx).
public func swish(_ x: Tensor, beta: Double = 1) -> Tensor {
    todo("ex1.3")
}

/// ∂swish/∂x = σ(βx) + βx·σ(βx)(1 − σ(βx)).
public func swishDerivative(_ x: Tensor, beta: Double = 1) -> Tensor {
    todo("ex1.3")
}

/// σ(z) without overflow: e^z / (1 + e^z) for negative z.
func stableSigmoid(_ z: Double) -> Double {
    todo("ex1.3")
}

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
    // BEGIN SOLUTION ex1.3
    return x.map(stableSigmoid)
    // END SOLUTION
}

/// σ'(x) = σ(x)(1 − σ(x)).
public func sigmoidDerivative(_ x: Tensor) -> Tensor {
    // BEGIN SOLUTION ex1.3
    return x.map { let s = stableSigmoid($0); return s * (1 - s) }
    // END SOLUTION
}

/// The hyperbolic tangent, element-wise.
public func tanhActivation(_ x: Tensor) -> Tensor {
    // BEGIN SOLUTION ex1.3
    return x.map { Foundation.tanh($0) }
    // END SOLUTION
}

/// tanh'(x) = 1 − tanh²(x).
public func tanhDerivative(_ x: Tensor) -> Tensor {
    // BEGIN SOLUTION ex1.3
    return x.map { let t = Foundation.tanh($0); return 1 - t * t }
    // END SOLUTION
}

/// max(0, x), element-wise.
public func relu(_ x: Tensor) -> Tensor {
    // BEGIN SOLUTION ex1.3
    return x.map { Swift.max(0, $0) }
    // END SOLUTION
}

/// 1 where x > 0, else 0 (0 at x = 0).
public func reluDerivative(_ x: Tensor) -> Tensor {
    // BEGIN SOLUTION ex1.3
    return x.map { $0 > 0 ? 1 : 0 }
    // END SOLUTION
}

/// x where x > 0, else slope·x (PyTorch's default slope is 0.01).
public func leakyRelu(_ x: Tensor, slope: Double = 0.01) -> Tensor {
    // BEGIN SOLUTION ex1.3
    return x.map { $0 > 0 ? $0 : slope * $0 }
    // END SOLUTION
}

/// 1 where x > 0, else slope.
public func leakyReluDerivative(_ x: Tensor, slope: Double = 0.01) -> Tensor {
    // BEGIN SOLUTION ex1.3
    return x.map { $0 > 0 ? 1 : slope }
    // END SOLUTION
}

/// swish(x; β) = x·σ(βx).
public func swish(_ x: Tensor, beta: Double = 1) -> Tensor {
    // BEGIN SOLUTION ex1.3
    return x.map { $0 * stableSigmoid(beta * $0) }
    // END SOLUTION
}

/// ∂swish/∂x = σ(βx) + βx·σ(βx)(1 − σ(βx)).
public func swishDerivative(_ x: Tensor, beta: Double = 1) -> Tensor {
    // BEGIN SOLUTION ex1.3
    return x.map { value in
        let s = stableSigmoid(beta * value)
        return s + beta * value * s * (1 - s)
    }
    // END SOLUTION
}

/// σ(z) without overflow: e^z / (1 + e^z) for negative z.
func stableSigmoid(_ z: Double) -> Double {
    // BEGIN SOLUTION ex1.3
    if z >= 0 { return 1 / (1 + exp(-z)) }
    let e = exp(z)
    return e / (1 + e)
    // END SOLUTION
}

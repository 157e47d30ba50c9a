import Foundation
import TensorCore

/// Softmax along the last axis (lecture L1, the output layer of a classifier), any rank ≥ 1:
///
///     softmax(z)_i = e^(z_i − m) / Σ_j e^(z_j − m),   m = max_j z_j
///
/// Subtracting the row maximum leaves the result unchanged and keeps every exponent ≤ 0, so
/// logits around 1000 neither overflow nor give NaN. Each row sums to 1. Shape `[…, C]` → `[…, C]`.
public func softmax(_ logits: Tensor) -> Tensor {
    requireThat(logits.rank >= 1 && logits.shape.last! >= 1, "softmax: logits \(logits.shape) need a non-empty last axis")
    let c = logits.shape.last!
    var out = logits.scalars
    out.withUnsafeMutableBufferPointer { z in
        for row in 0..<(z.count / c) {
            let start = row * c
            var m = -Double.infinity
            for i in start..<start + c { m = Swift.max(m, z[i]) }
            var sum = 0.0
            for i in start..<start + c { z[i] = Foundation.exp(z[i] - m); sum += z[i] }
            for i in start..<start + c { z[i] /= sum }
        }
    }
    return Tensor(shape: logits.shape, scalars: out)
}

/// The softmax Jacobian-vector product along the last axis: for `y = softmax(z)` and upstream
/// `dy`, `dz = y ⊙ (dy − Σ_j dy_j·y_j)` (row-wise).
public func softmaxBackward(_ outputGradient: Tensor, output y: Tensor) -> Tensor {
    requireThat(outputGradient.shape == y.shape, "softmaxBackward: output gradient \(outputGradient.shape) does not match the output \(y.shape)")
    let c = y.shape.last!
    var dz = outputGradient.scalars
    let ys = y.scalars
    for row in 0..<(ys.count / c) {
        let start = row * c
        var inner = 0.0
        for i in start..<start + c { inner += dz[i] * ys[i] }
        for i in start..<start + c { dz[i] = ys[i] * (dz[i] - inner) }
    }
    return Tensor(shape: y.shape, scalars: dz)
}

/// Softmax as a layer along the last axis (no parameters). Backward `dx = y ⊙ (dy − Σ dy ⊙ y)`.
/// For classification prefer `softmaxCrossEntropy(logits:labels:)`, which fuses the two.
public struct Softmax: Layer {
    public typealias Cache = Tensor   // the output
    public init() {}
    public var name: String { "softmax" }
    public var parameters: [Tensor] {
        get { [] }
        set { requireThat(newValue.isEmpty, "Softmax has no parameters, got \(newValue.count)") }
    }
    public var parameterNames: [String] { [] }
    public func outputShape(for inputShape: [Int]) -> [Int] { inputShape }

    public func forward(_ input: Tensor, context: inout ForwardContext) -> (output: Tensor, cache: Tensor) {
        let y = softmax(input)
        return (y, y)
    }

    public func backward(_ outputGradient: Tensor, cache y: Tensor) -> (inputGradient: Tensor, parameterGradients: [Tensor]) {
        (softmaxBackward(outputGradient, output: y), [])
    }
}

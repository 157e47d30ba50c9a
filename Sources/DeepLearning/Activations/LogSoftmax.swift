import Foundation
import TensorCore

/// Log-softmax along the last axis, by the stable log-sum-exp:
///
///     logSoftmax(z)_i = z_i − m − log Σ_j e^(z_j − m),   m = max_j z_j
///
/// Finite for any finite logits (no `log(0)` from an underflowed softmax). Shape `[…, C]` → `[…, C]`.
public func logSoftmax(_ logits: Tensor) -> Tensor {
    requireThat(logits.rank >= 1 && logits.shape.last! >= 1, "logSoftmax: logits \(logits.shape) need a non-empty last axis")
    let c = logits.shape.last!
    var out = logits.scalars
    for row in 0..<(out.count / c) {
        let start = row * c
        var m = -Double.infinity
        for i in start..<start + c { m = Swift.max(m, out[i]) }
        var sum = 0.0
        for i in start..<start + c { sum += Foundation.exp(out[i] - m) }
        let logSum = m + Foundation.log(sum)
        for i in start..<start + c { out[i] -= logSum }
    }
    return Tensor(shape: logits.shape, scalars: out)
}

/// Log-softmax as a layer along the last axis (no parameters, PyTorch's `LogSoftmax(dim=-1)`).
/// Backward: `dx = dy − softmax(z) ⊙ Σ_j dy_j` (row-wise), with `softmax = e^y` from the cached output.
public struct LogSoftmax: Layer {
    public typealias Cache = Tensor   // the output
    public init() {}
    public var name: String { "log softmax" }
    public var parameters: [Tensor] {
        get { [] }
        set { requireThat(newValue.isEmpty, "LogSoftmax has no parameters, got \(newValue.count)") }
    }
    public var parameterNames: [String] { [] }
    public func outputShape(for inputShape: [Int]) -> [Int] { inputShape }

    public func forward(_ input: Tensor, context: inout ForwardContext) -> (output: Tensor, cache: Tensor) {
        let y = logSoftmax(input)
        return (y, y)
    }

    public func backward(_ outputGradient: Tensor, cache y: Tensor) -> (inputGradient: Tensor, parameterGradients: [Tensor]) {
        requireThat(outputGradient.shape == y.shape, "LogSoftmax.backward: output gradient \(outputGradient.shape) does not match the output \(y.shape)")
        let c = y.shape.last!
        var dx = outputGradient.scalars
        let ys = y.scalars
        for row in 0..<(ys.count / c) {
            let start = row * c
            var total = 0.0
            for i in start..<start + c { total += dx[i] }
            for i in start..<start + c { dx[i] -= Foundation.exp(ys[i]) * total }
        }
        return (Tensor(shape: y.shape, scalars: dx), [])
    }
}

import Foundation
import TensorCore

// ex1.4 — Softmax over each row of a batch of logits.
//
//   softmax(z)ᵢ = e^(zᵢ) / Σⱼ e^(zⱼ)
//
// Shapes: logits [N, K] → probabilities [N, K]; every row sums to 1.
// e^1000 overflows a Double. Softmax does not change when the same constant is subtracted
// from every logit of a row, so subtract the row's maximum first: then the largest
// exponent is e^0 = 1 and nothing overflows.

/// Row-wise softmax of `logits` [N, K], numerically stable.
public func softmax(_ logits: Tensor) -> Tensor {
    todo("ex1.4")
}

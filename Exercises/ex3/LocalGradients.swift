import Foundation
import TensorCore

// ex3.2 — The local derivative of every operation.
//
// For a node `output = op(inputs)`, return ∂output/∂inputᵢ for every input, in order. The
// backward pass (ex3.3) multiplies them by the node's gradient; here you only write the rules.
// `output` is the node's own forward value: several rules are simplest in terms of it.
//
//     add      [1, 1]                     mul      [b, a]   (each input gets the other one)
//     pow(p)   [p·a^(p−1)]                exp      [output]          (e^a is its own derivative)
//     log      [1/a]                      tanh     [1 − output²]     (the OUTPUT, not the input)
//     relu     [1 if a > 0, else 0]       sigmoid  [output·(1 − output)]
//     leaf     []  (no inputs)            custom   []  (such nodes carry their own gradients; never asked)
//
// Pitfalls: 1 − a² for tanh (the input instead of the output); p·a^(p−1) without the p;
// a relu gradient that is not 0 for negative inputs. relu'(0) = 0, as PyTorch.

extension Value.Operation {
    /// ∂output/∂inputᵢ of this operation at `inputs`, whose forward value is `output`.
    public func localGradients(inputs: [Double], output: Double) -> [Double] {
        todo("ex3.2")
    }
}

import Testing
import Foundation
import TensorCore
import CheckSupport
import Ex1

/// Hidden checks for ex1: random inputs of awkward shapes, with the formulas as the oracle.
@Suite struct Ex1HiddenChecks {
    @Test func denseRandomShapes() {
        var generator = checkGenerator(101)
        for (n, d, m) in [(1, 1, 1), (7, 2, 9), (3, 8, 1)] {
            let x = Tensor.normal([n, d], using: &generator)
            let w = Tensor.normal([d, m], using: &generator)
            let b = Tensor.normal([m], using: &generator)
            let y = student { Ex1.denseForward(x, weight: w, bias: b) }
            guard expectClose(y, Tensor.naiveMatmul(x, w).addingRowVector(b), tolerance: 1e-12,
                              "denseForward with x [\(n), \(d)], weight [\(d), \(m)]") else { return }
        }
    }

    @Test func parameterCountDeep() {
        let (with, without, single, narrow) = student {
            (Ex1.denseParameterCount(layerSizes: [10, 20, 20, 5], includeBiases: true),
             Ex1.denseParameterCount(layerSizes: [10, 20, 20, 5], includeBiases: false),
             Ex1.denseParameterCount(layerSizes: [7, 2], includeBiases: false),
             Ex1.denseParameterCount(layerSizes: [3, 1], includeBiases: true))
        }
        // 10·20+20 + 20·20+20 + 20·5+5 = 745
        expectEqual(with, 745, "parameters of 10 → 20 → 20 → 5 with biases")
        expectEqual(without, 700, "parameters of 10 → 20 → 20 → 5, weights only")
        expectEqual(single, 7 * 2, "parameters of a single layer 7 → 2, weights only (two widths are enough)")
        expectEqual(narrow, 3 * 1 + 1, "parameters of 3 → 1 with biases (a width of 1 is allowed)")
    }

    @Test func activationsOnRandomInputs() {
        var generator = checkGenerator(102)
        // Keep away from the kinks at 0 so the derivatives are well defined.
        let x = Tensor.uniform([3, 5], in: -4...4, using: &generator).map { abs($0) < 0.05 ? $0 + 0.1 : $0 }
        let beta = 0.7
        let (sigmoid, tanhDerivative, leakyDerivative, reluAtZero, swishDerivative, leakyDefault) = student {
            (Ex1.sigmoid(x), Ex1.tanhDerivative(x), Ex1.leakyReluDerivative(x, slope: 0.3),
             Ex1.reluDerivative(Tensor([0])), Ex1.swishDerivative(x, beta: beta),
             Ex1.leakyReluDerivative(Tensor([-1, 0, 0.5])))
        }
        func sig(_ z: Double) -> Double { 1 / (1 + exp(-z)) }
        expectClose(sigmoid, x.map(sig), tolerance: 1e-12, "sigmoid on a [3, 5] batch")
        expectClose(tanhDerivative, x.map { 1 - tanh($0) * tanh($0) }, tolerance: 1e-12, "tanhDerivative on a [3, 5] batch")
        expectClose(leakyDerivative, x.map { $0 > 0 ? 1 : 0.3 }, "leakyReluDerivative with slope 0.3")
        expectClose(reluAtZero, Tensor([0]), "reluDerivative at exactly 0 (this course uses 0, as PyTorch does)")
        expectClose(leakyDefault, Tensor([0.01, 0.01, 1]), tolerance: 1e-15,
                    "leakyReluDerivative at [−1, 0, 0.5] without a slope (the default 0.01; at exactly 0 it is the slope, not 1)")
        expectClose(swishDerivative, x.map { let s = sig(beta * $0); return s + beta * $0 * s * (1 - s) }, tolerance: 1e-12,
                    "swishDerivative with β = 0.7 on a [3, 5] batch")
    }

    /// Shifting each row by a constant leaves softmax unchanged; the expected value is the
    /// oracle's softmax of the unshifted logits, never the student's own output.
    @Test func softmaxShiftInvariance() {
        var generator = checkGenerator(103)
        let logits = Tensor.normal([6, 3], using: &generator)
        let shifted = logits.addingColumnVector(Tensor([0, 500, -500, 750, -750, 1e4]))
        let p = student { Ex1.softmax(shifted) }
        expectClose(p, oracleSoftmax(logits), tolerance: 1e-9,
                    "softmax of logits shifted row by row by up to ±10,000 (must equal the softmax of the unshifted logits)")
    }
}

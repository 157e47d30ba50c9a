import Foundation
import TensorCore
import Ex2

/// The stages of the sigmoid neuron, computed by the check itself (the oracle of ex2.1, and
/// the input of the ex2.2 checks, so that they do not depend on the student's ex2.1).
/// A plain struct of the check's own: no object of the exercise's types leaves a `student { }`.
struct HandStages {
    var t0, t1, t01, dot, negated, exponential, denominator, f: Double

    init(t0: Double, t1: Double, t01: Double, dot: Double, negated: Double, exponential: Double, denominator: Double, f: Double) {
        self.t0 = t0; self.t1 = t1; self.t01 = t01; self.dot = dot; self.negated = negated
        self.exponential = exponential; self.denominator = denominator; self.f = f
    }

    init(_ w: Tensor, _ x: Tensor) {
        let t0 = w[0] * x[0], t1 = w[1] * x[1]
        let dot = t0 + t1 + w[2]
        let e = exp(-dot)
        self.init(t0: t0, t1: t1, t01: t0 + t1, dot: dot, negated: -dot, exponential: e, denominator: e + 1, f: 1 / (e + 1))
    }

    /// The stages in the order of `NeuronStages`, with their names.
    var named: [(String, Double)] {
        [("t0 = w0·x0", t0), ("t1 = w1·x1", t1), ("t01 = t0 + t1", t01), ("dot = t01 + w2", dot),
         ("negated = −dot", negated), ("exponential = e^negated", exponential),
         ("denominator = exponential + 1", denominator), ("f = 1/denominator", f)]
    }

    /// The exercise's `NeuronStages` holding these values: call only inside `student { }`.
    var studentStages: NeuronStages {
        NeuronStages(t0: t0, t1: t1, t01: t01, dot: dot, negated: negated, exponential: exponential, denominator: denominator, f: f)
    }
}

/// The student's stages as plain numbers, in the order of `HandStages.named`: call only inside `student { }`.
func stageValues(_ s: NeuronStages) -> [Double] {
    [s.t0, s.t1, s.t01, s.dot, s.negated, s.exponential, s.denominator, s.f]
}

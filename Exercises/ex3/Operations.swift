import Foundation
import TensorCore

// ex3.1 — The forward pass of every operation.
//
// Each operation returns a NEW node `Value(result, children: [inputs…], op: .theOperation)`:
//
//     a + b  → Value(a.data + b.data, children: [a, b], op: .add)
//     a * b  → Value(a.data * b.data, children: [a, b], op: .mul)
//     a.pow(p)   → aᵖ,   op .pow(p), children [a]        a.exp()     → eᵃ,      op .exp
//     a.log()    → ln a, op .log  (a must be > 0)        a.tanh()    → tanh a,  op .tanh
//     a.relu()   → max(0, a), op .relu                   a.sigmoid() → σ(a),    op .sigmoid
//
// Keep the inputs as children, in order, and never copy them: the backward pass (ex3.3) sends
// gradients to exactly those objects. With a Double on either side, wrap it in a leaf first
// (`a + 2` is `a + Value(2)`). The rest is built from these, so it needs no rule of its own:
//
//     −a = a · (−1)        a − b = a + (−b)        a / b = a · b^(−1)
//
// σ must not overflow: for a < 0 compute eᵃ / (1 + eᵃ). Use Foundation.exp, Foundation.log,
// Foundation.tanh and Foundation.pow: inside `Value` the bare names are the methods below.

extension Value {
    public static func + (lhs: Value, rhs: Value) -> Value {
        todo("ex3.1")
    }

    public static func * (lhs: Value, rhs: Value) -> Value {
        todo("ex3.1")
    }

    /// selfᵖ for a fixed exponent p (p = −1 gives 1/self).
    public func pow(_ exponent: Double) -> Value {
        todo("ex3.1")
    }

    /// e^self.
    public func exp() -> Value {
        todo("ex3.1")
    }

    /// ln self, for self > 0.
    public func log() -> Value {
        todo("ex3.1")
    }

    /// tanh self.
    public func tanh() -> Value {
        todo("ex3.1")
    }

    /// max(0, self).
    public func relu() -> Value {
        todo("ex3.1")
    }

    /// σ(self) = 1 / (1 + e^(−self)), without overflow for large |self|.
    public func sigmoid() -> Value {
        todo("ex3.1")
    }

    public static func + (lhs: Value, rhs: Double) -> Value {
        todo("ex3.1")
    }

    public static func + (lhs: Double, rhs: Value) -> Value {
        todo("ex3.1")
    }

    public static func * (lhs: Value, rhs: Double) -> Value {
        todo("ex3.1")
    }

    public static func * (lhs: Double, rhs: Value) -> Value {
        todo("ex3.1")
    }

    /// −a = a·(−1).
    public static prefix func - (operand: Value) -> Value {
        todo("ex3.1")
    }

    /// a − b = a + (−b).
    public static func - (lhs: Value, rhs: Value) -> Value {
        todo("ex3.1")
    }

    public static func - (lhs: Value, rhs: Double) -> Value {
        todo("ex3.1")
    }

    public static func - (lhs: Double, rhs: Value) -> Value {
        todo("ex3.1")
    }

    /// a / b = a·b^(−1).
    public static func / (lhs: Value, rhs: Value) -> Value {
        todo("ex3.1")
    }

    public static func / (lhs: Value, rhs: Double) -> Value {
        todo("ex3.1")
    }

    public static func / (lhs: Double, rhs: Value) -> Value {
        todo("ex3.1")
    }
}

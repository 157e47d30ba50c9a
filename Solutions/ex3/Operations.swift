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
        // BEGIN SOLUTION ex3.1
        return Value(lhs.data + rhs.data, children: [lhs, rhs], op: .add)
        // END SOLUTION
    }

    public static func * (lhs: Value, rhs: Value) -> Value {
        // BEGIN SOLUTION ex3.1
        return Value(lhs.data * rhs.data, children: [lhs, rhs], op: .mul)
        // END SOLUTION
    }

    /// selfᵖ for a fixed exponent p (p = −1 gives 1/self).
    public func pow(_ exponent: Double) -> Value {
        // BEGIN SOLUTION ex3.1
        return Value(Foundation.pow(data, exponent), children: [self], op: .pow(exponent))
        // END SOLUTION
    }

    /// e^self.
    public func exp() -> Value {
        // BEGIN SOLUTION ex3.1
        return Value(Foundation.exp(data), children: [self], op: .exp)
        // END SOLUTION
    }

    /// ln self, for self > 0.
    public func log() -> Value {
        // BEGIN SOLUTION ex3.1
        precondition(data > 0, "Value.log: the logarithm needs a positive input, got \(data)")
        return Value(Foundation.log(data), children: [self], op: .log)
        // END SOLUTION
    }

    /// tanh self.
    public func tanh() -> Value {
        // BEGIN SOLUTION ex3.1
        return Value(Foundation.tanh(data), children: [self], op: .tanh)
        // END SOLUTION
    }

    /// max(0, self).
    public func relu() -> Value {
        // BEGIN SOLUTION ex3.1
        return Value(Swift.max(0, data), children: [self], op: .relu)
        // END SOLUTION
    }

    /// σ(self) = 1 / (1 + e^(−self)), without overflow for large |self|.
    public func sigmoid() -> Value {
        // BEGIN SOLUTION ex3.1
        let s: Double
        if data >= 0 {
            s = 1 / (1 + Foundation.exp(-data))
        } else {
            let e = Foundation.exp(data)
            s = e / (1 + e)
        }
        return Value(s, children: [self], op: .sigmoid)
        // END SOLUTION
    }

    public static func + (lhs: Value, rhs: Double) -> Value {
        // BEGIN SOLUTION ex3.1
        return lhs + Value(rhs)
        // END SOLUTION
    }

    public static func + (lhs: Double, rhs: Value) -> Value {
        // BEGIN SOLUTION ex3.1
        return Value(lhs) + rhs
        // END SOLUTION
    }

    public static func * (lhs: Value, rhs: Double) -> Value {
        // BEGIN SOLUTION ex3.1
        return lhs * Value(rhs)
        // END SOLUTION
    }

    public static func * (lhs: Double, rhs: Value) -> Value {
        // BEGIN SOLUTION ex3.1
        return Value(lhs) * rhs
        // END SOLUTION
    }

    /// −a = a·(−1).
    public static prefix func - (operand: Value) -> Value {
        // BEGIN SOLUTION ex3.1
        return operand * -1.0
        // END SOLUTION
    }

    /// a − b = a + (−b).
    public static func - (lhs: Value, rhs: Value) -> Value {
        // BEGIN SOLUTION ex3.1
        return lhs + (-rhs)
        // END SOLUTION
    }

    public static func - (lhs: Value, rhs: Double) -> Value {
        // BEGIN SOLUTION ex3.1
        return lhs + Value(-rhs)
        // END SOLUTION
    }

    public static func - (lhs: Double, rhs: Value) -> Value {
        // BEGIN SOLUTION ex3.1
        return Value(lhs) + (-rhs)
        // END SOLUTION
    }

    /// a / b = a·b^(−1).
    public static func / (lhs: Value, rhs: Value) -> Value {
        // BEGIN SOLUTION ex3.1
        return lhs * rhs.pow(-1)
        // END SOLUTION
    }

    public static func / (lhs: Value, rhs: Double) -> Value {
        // BEGIN SOLUTION ex3.1
        return lhs * Value(1 / rhs)
        // END SOLUTION
    }

    public static func / (lhs: Double, rhs: Value) -> Value {
        // BEGIN SOLUTION ex3.1
        return Value(lhs) * rhs.pow(-1)
        // END SOLUTION
    }
}

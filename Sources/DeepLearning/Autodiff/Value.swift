import Foundation

/// A scalar node of a computation graph with reverse-mode automatic differentiation (lecture L2/L3,
/// the size of Karpathy's micrograd).
///
/// Every operation returns a new `Value` that remembers its inputs and how to pass a gradient
/// back to them (the local derivative times the upstream gradient). `backward()` orders the graph
/// topologically, seeds `grad = 1` on the output and walks it in reverse; every node ADDS (`+=`)
/// its contribution to its inputs' `grad`, so a node used twice (a fork, e.g. `a * a`) receives
/// the sum of both paths. Gradients accumulate across calls (as PyTorch's `.grad`): call
/// `zeroGrad()` before a second `backward()`.
///
///     let x = Value(3)
///     let s = x + 2                 // one shared node
///     let f = s * s * s             // (x + 2)³
///     f.backward()
///     x.grad                        // 3·(x + 2)² = 75
public final class Value: CustomStringConvertible {
    /// The value computed by the forward pass.
    public var data: Double
    /// ∂(output of the last backward)/∂self, accumulated.
    public var grad: Double = 0
    /// The operation that produced this node ("" for a leaf), for printing graphs.
    public let operation: String
    /// The inputs of the operation.
    public private(set) var children: [Value]
    /// Adds this node's contribution to its children's gradients (uses `grad`).
    private var propagate: () -> Void = {}

    /// A leaf (an input or a parameter).
    public init(_ data: Double, operation: String = "") {
        self.data = data
        self.operation = operation
        self.children = []
    }

    private init(_ data: Double, operation: String, children: [Value]) {
        self.data = data
        self.operation = operation
        self.children = children
    }

    /// Releases a deep graph iteratively: the default (recursive) release of a chain of
    /// tens of thousands of nodes would overflow the stack.
    deinit {
        var pending = children
        children = []
        propagate = {}
        while var node = pending.popLast() {
            if isKnownUniquelyReferenced(&node) {
                pending.append(contentsOf: node.children)
                node.children = []
                node.propagate = {}
            }
        }
    }

    public var description: String { "Value(data: \(data), grad: \(grad))" }

    // MARK: Operations (each with its local derivative)

    /// `a + b`; both local derivatives are 1.
    public func add(_ other: Value) -> Value {
        let out = Value(data + other.data, operation: "+", children: [self, other])
        out.propagate = { [unowned out] in
            self.grad += out.grad
            other.grad += out.grad
        }
        return out
    }

    /// `a · b`; `∂/∂a = b`, `∂/∂b = a`.
    public func mul(_ other: Value) -> Value {
        let out = Value(data * other.data, operation: "*", children: [self, other])
        out.propagate = { [unowned out] in
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        }
        return out
    }

    /// `aᵏ` for a constant exponent k; `∂/∂a = k·aᵏ⁻¹`.
    public func pow(_ exponent: Double) -> Value {
        let out = Value(Foundation.pow(data, exponent), operation: "^\(exponent)", children: [self])
        out.propagate = { [unowned out] in
            self.grad += exponent * Foundation.pow(self.data, exponent - 1) * out.grad
        }
        return out
    }

    /// `eᵃ`; `∂/∂a = eᵃ`.
    public func exp() -> Value {
        let out = Value(Foundation.exp(data), operation: "exp", children: [self])
        out.propagate = { [unowned out] in self.grad += out.data * out.grad }
        return out
    }

    /// `ln a` (a > 0); `∂/∂a = 1/a`.
    public func log() -> Value {
        let out = Value(Foundation.log(data), operation: "log", children: [self])
        out.propagate = { [unowned out] in self.grad += out.grad / self.data }
        return out
    }

    /// `tanh a`; `∂/∂a = 1 − tanh² a`.
    public func tanh() -> Value {
        let t = Foundation.tanh(data)
        let out = Value(t, operation: "tanh", children: [self])
        out.propagate = { [unowned out] in self.grad += (1 - t * t) * out.grad }
        return out
    }

    /// `max(0, a)`; `∂/∂a = 1` for a > 0, else 0.
    public func relu() -> Value {
        let out = Value(Swift.max(0, data), operation: "relu", children: [self])
        out.propagate = { [unowned out] in self.grad += (self.data > 0 ? 1 : 0) * out.grad }
        return out
    }

    /// `σ(a) = 1/(1 + e⁻ᵃ)` (stable); `∂/∂a = σ(a)(1 − σ(a))`.
    public func sigmoid() -> Value {
        let s = DeepLearning.sigmoid(data)
        let out = Value(s, operation: "σ", children: [self])
        out.propagate = { [unowned out] in self.grad += s * (1 - s) * out.grad }
        return out
    }

    /// `−a`.
    public func neg() -> Value { mul(Value(-1)) }
    /// `a − b = a + (−b)`.
    public func sub(_ other: Value) -> Value { add(other.neg()) }
    /// `a / b = a · b⁻¹`.
    public func div(_ other: Value) -> Value { mul(other.pow(-1)) }

    // MARK: Backward

    /// Every node reachable from `self`, inputs before the nodes that use them (iterative
    /// depth-first post-order, so deep graphs do not overflow the stack).
    public func topologicalOrder() -> [Value] {
        var order: [Value] = []
        var visited = Set<ObjectIdentifier>()
        var stack: [(node: Value, expanded: Bool)] = [(self, false)]
        while let (node, expanded) = stack.popLast() {
            if expanded { order.append(node); continue }
            guard visited.insert(ObjectIdentifier(node)).inserted else { continue }
            stack.append((node, true))
            for child in node.children.reversed() where !visited.contains(ObjectIdentifier(child)) {
                stack.append((child, false))
            }
        }
        return order
    }

    /// Reverse-mode sweep: seeds `grad = 1` on `self`, then calls every node's propagation in
    /// reverse topological order (each node is complete before it passes its gradient on).
    /// Gradients of the other nodes accumulate: `zeroGrad()` first to recompute from scratch.
    public func backward() {
        let order = topologicalOrder()
        grad = 1
        for node in order.reversed() { node.propagate() }
    }

    /// Sets `grad = 0` on every node of the graph reachable from `self`.
    public func zeroGrad() {
        for node in topologicalOrder() { node.grad = 0 }
    }
}

// MARK: Operators (a constant operand becomes a leaf)

public func + (a: Value, b: Value) -> Value { a.add(b) }
public func + (a: Value, b: Double) -> Value { a.add(Value(b)) }
public func + (a: Double, b: Value) -> Value { Value(a).add(b) }
public func * (a: Value, b: Value) -> Value { a.mul(b) }
public func * (a: Value, b: Double) -> Value { a.mul(Value(b)) }
public func * (a: Double, b: Value) -> Value { Value(a).mul(b) }
public func - (a: Value, b: Value) -> Value { a.sub(b) }
public func - (a: Value, b: Double) -> Value { a.sub(Value(b)) }
public func - (a: Double, b: Value) -> Value { Value(a).sub(b) }
public func / (a: Value, b: Value) -> Value { a.div(b) }
public func / (a: Value, b: Double) -> Value { a.div(Value(b)) }
public func / (a: Double, b: Value) -> Value { Value(a).div(b) }
public prefix func - (a: Value) -> Value { a.neg() }

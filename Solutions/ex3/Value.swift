import TensorCore

// The scalar autodiff value of ex3 (given: nothing to write in this file).
//
// A `Value` is one node of a computation graph: its number `data`, the gradient `grad` of the
// final output with respect to it (filled in by `backward()`, ex3.3), the nodes it was computed
// from (`children`, in the order of the operation's inputs; the same node may appear twice, as in
// a·a), and the operation that made it (`op`).
//
// The local derivatives ∂data/∂childᵢ come from `op.localGradients(inputs:output:)` (ex3.2), or,
// for a node built with `init(_:children:localGradients:label:)`, from the numbers given there
// (the checks build graphs that way, and you may use it for an operation of your own).
//
// Values are classes (reference types): two uses of one node are the same object, which is
// what makes a fork in the graph. Compare nodes with `===`.

/// A scalar that remembers how it was computed, micrograd-style.
public final class Value {
    /// The operation that produced a value.
    public enum Operation: Equatable, Sendable {
        /// An input or a parameter: no children.
        case leaf
        /// a + b.
        case add
        /// a · b.
        case mul
        /// aᵖ for a fixed exponent p.
        case pow(Double)
        /// eᵃ.
        case exp
        /// ln a.
        case log
        /// tanh a.
        case tanh
        /// max(0, a).
        case relu
        /// σ(a) = 1 / (1 + e^(−a)).
        case sigmoid
        /// A node built with explicit local gradients (`init(_:children:localGradients:label:)`).
        case custom
    }

    /// The value of this node.
    public var data: Double
    /// ∂(root of the last backward pass)/∂(this node); 0 until a backward pass reaches it.
    public var grad: Double = 0
    /// The inputs of the operation, in order (a node used twice appears twice).
    public let children: [Value]
    /// The operation that produced this node.
    public let op: Operation
    /// A name for messages and debugging.
    public var label: String
    private let givenLocalGradients: [Double]?

    /// A leaf: an input or a parameter.
    public init(_ data: Double, label: String = "") {
        self.data = data; self.children = []; self.op = .leaf; self.label = label; self.givenLocalGradients = nil
    }

    /// The result of `op` applied to `children`; `data` is the forward value you computed.
    public init(_ data: Double, children: [Value], op: Operation, label: String = "") {
        precondition(op != .custom, "Value(_:children:op:): a .custom node needs its local gradients: use init(_:children:localGradients:)")
        self.data = data; self.children = children; self.op = op; self.label = label; self.givenLocalGradients = nil
    }

    /// A node whose local derivatives ∂data/∂childᵢ are given, one per child.
    public init(_ data: Double, children: [Value], localGradients: [Double], label: String = "") {
        precondition(children.count == localGradients.count,
                     "Value(_:children:localGradients:): \(children.count) children but \(localGradients.count) local gradients")
        self.data = data; self.children = children; self.op = .custom; self.label = label
        self.givenLocalGradients = localGradients
    }

    /// ∂data/∂childᵢ for every child, in the order of `children`.
    public var localGradients: [Double] {
        if let givenLocalGradients { return givenLocalGradients }
        let locals = op.localGradients(inputs: children.map(\.data), output: data)
        precondition(locals.count == children.count,
                     "Value.localGradients: \(op) has \(children.count) children but its rule gave \(locals.count) local gradients")
        return locals
    }
}

extension Value: CustomStringConvertible {
    public var description: String {
        "Value(\(label.isEmpty ? "" : label + ": ")data \(data), grad \(grad), op \(op))"
    }
}

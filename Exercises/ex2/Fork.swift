import TensorCore

// ex2.3 — Gradients add at forks: (x + 2)·(x + 2)·(x + 2) with ONE shared node.
//
// Build the graph with a single node a = x + 2 that is used three times:
//
//     a = x + 2        b = a·a        f = b·a
//
// Backward, with df = upstream:
//     from f = b·a:  db = a·df, and a first contribution to da:  b·df
//     from b = a·a:  BOTH inputs are a; each gets "the other input times db": a·db, twice
//     da is the SUM of the three contributions (+=, never =);  dx = 1·da  (x + 2 passes it on)
//
// At x = 1, upstream 1: a = 3, b = 9, f = 27, contributions [9, 9, 9], dx = 27 = 3(x + 2)².
// Overwriting (da = …) instead of accumulating gives 9 — a third of the truth — and no error.
// Report the contributions in the order above: [from f = b·a, from the left input of a·a, from its right input].

/// The forward values, the gradient and the three contributions that meet at the shared node.
public struct ForkResult: Equatable, Sendable {
    /// a = x + 2.
    public var a: Double
    /// b = a·a.
    public var b: Double
    /// f = b·a = (x + 2)³.
    public var f: Double
    /// ∂L/∂x, with L's gradient ∂L/∂f = upstream.
    public var dx: Double
    /// The three contributions to ∂L/∂a: [from f = b·a, from the left a of a·a, from the right a of a·a].
    public var contributions: [Double]

    public init(a: Double, b: Double, f: Double, dx: Double, contributions: [Double]) {
        self.a = a; self.b = b; self.f = f; self.dx = dx; self.contributions = contributions
    }
}

/// Forward and backward pass of `f = (x + 2)³` staged as a = x + 2, b = a·a, f = b·a,
/// with the upstream gradient ∂L/∂f (default 1).
public func cubeThroughFork(_ x: Double, upstream: Double = 1) -> ForkResult {
    todo("ex2.3")
}

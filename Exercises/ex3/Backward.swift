import TensorCore

// ex3.3 — Topological order, backward and zeroGrad.
//
// topologicalOrder(): every node of the graph below `self` (self included) EXACTLY ONCE, each
// after all of its children, so `self` comes last. Depth-first search with a visited set:
//
//     visit(v): if v was visited, return; mark it; visit every child; then append v
//
// Track visited nodes by identity: `ObjectIdentifier(v)` in a `Set`. Without the visited set a
// node reached along two paths is listed twice and its gradient is sent on twice.
//
// backward(): the gradient of `self` with respect to every node of its graph.
//   1. order = topologicalOrder()
//   2. set grad = 0 on every INTERIOR node (one with children): they hold this pass's gradient only
//   3. seed: self.grad += 1   (∂self/∂self = 1)
//   4. for node in order, REVERSED (self first), for each (child, local) in zip(node.children, node.localGradients):
//          child.grad += local · node.grad        (+=: a node used several times sums every contribution)
//
// Leaves (inputs, parameters) keep what they had: calling backward() twice without zeroGrad()
// ADDS the gradients a second time (leaves then hold twice the gradient), as PyTorch's .grad does.
// That is why a training step calls zeroGrad() before backward().
//
// zeroGrad(): grad = 0 on EVERY node of the graph below self (self included), not only on self.

extension Value {
    /// Every node reachable from `self` exactly once, children before the nodes made from them; `self` last.
    public func topologicalOrder() -> [Value] {
        todo("ex3.3")
    }

    /// Back-propagates from `self`: interior gradients are recomputed, leaf gradients accumulate (+=).
    public func backward() {
        todo("ex3.3")
    }

    /// Sets `grad` to 0 on every node of the graph below `self`, `self` included.
    public func zeroGrad() {
        todo("ex3.3")
    }
}

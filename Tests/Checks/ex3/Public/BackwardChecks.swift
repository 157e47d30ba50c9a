import XCTest
import Foundation
import TensorCore
import CheckSupport
import Ex3

// Graphs for ex3.3 are built here from nodes with explicit local gradients, so that these
// checks do not depend on the student's ex3.1 and ex3.2.
func add(_ a: Value, _ b: Value) -> Value { Value(a.data + b.data, children: [a, b], localGradients: [1, 1], label: "+") }
func mul(_ a: Value, _ b: Value) -> Value { Value(a.data * b.data, children: [a, b], localGradients: [b.data, a.data], label: "*") }
func plus(_ a: Value, _ c: Double) -> Value { Value(a.data + c, children: [a], localGradients: [1], label: "+\(c)") }
func tanhNode(_ a: Value) -> Value { let t = tanh(a.data); return Value(t, children: [a], localGradients: [1 - t * t], label: "tanh") }

/// x, y → a = x·y, b = tanh a, c = a·a, d = b + c, e = d·a, g = e + y: forks at a (three uses) and y (two).
func diamondGraph(x: Double, y: Double) -> (x: Value, y: Value, nodes: [Value], root: Value) {
    let xv = Value(x, label: "x"), yv = Value(y, label: "y")
    let a = mul(xv, yv), b = tanhNode(a), c = mul(a, a), d = add(b, c), e = mul(d, a), g = add(e, yv)
    return (xv, yv, [xv, yv, a, b, c, d, e, g], g)
}

func diamondFunction(_ p: Tensor) -> Double {
    let a = p[0] * p[1]
    return (tanh(a) + a * a) * a + p[1]
}

/// ex3.3: topological backward, forks, repeated passes and zeroGrad.
final class BackwardChecks: XCTestCase {
    func testCubeFork() {
        let x = Value(1, label: "x")
        let a = plus(x, 2), b = mul(a, a), f = mul(b, a)
        f.backward()
        guard expectClose(f.grad, 1, tolerance: 0, "f.grad after f.backward() (the seed ∂f/∂f = 1)"),
              expectClose(b.grad, 3, tolerance: 1e-12, "b.grad in (x + 2)³ at x = 1 (b = a·a, f = b·a)")
        else { return }
        expectClose(a.grad, 27, tolerance: 1e-12,
                    "a.grad in (x + 2)³ at x = 1 (a is used three times: 9 + 9 + 9; 9 means = instead of +=)")
        expectClose(x.grad, 27, tolerance: 1e-12, "x.grad in (x + 2)³ at x = 1 (3(x + 2)² = 27)")
    }

    func testDiamondAgainstNumeric() {
        var generator = checkGenerator(31)
        for _ in 0..<3 {
            let p = Tensor.uniform([2], in: -1.2...1.2, using: &generator)
            let graph = diamondGraph(x: p[0], y: p[1])
            graph.root.backward()
            let numeric = numericGradient(at: p, of: diamondFunction)
            guard expectGradient(Tensor([graph.x.grad, graph.y.grad]), matches: numeric,
                                 parameter: "[x, y] of g = (tanh(xy) + (xy)²)·xy + y at \(preview(p))", tolerance: 1e-7)
            else { return }
        }
    }

    func testTopologicalOrder() {
        let graph = diamondGraph(x: 0.3, y: -0.8)
        let order = graph.root.topologicalOrder()
        let ids = order.map(ObjectIdentifier.init)
        guard expectEqual(Set(ids).count, order.count, "topologicalOrder must list each node once (a visited set)"),
              expectEqual(order.count, 8, "number of nodes in topologicalOrder() of an 8-node graph")
        else { return }
        guard expectTrue(order.last === graph.root, "topologicalOrder() must end with the node it was called on, observed \(String(describing: order.last))") else { return }
        let position = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($0.element, $0.offset) })
        for (i, node) in order.enumerated() {
            for child in node.children {
                guard let j = position[ObjectIdentifier(child)] else {
                    XCTFail("topologicalOrder(): \(child), a child of \(node), is missing"); return
                }
                guard expectTrue(j < i, "topologicalOrder(): \(node) at position \(i) comes before its child \(child) at position \(j)") else { return }
            }
        }
    }

    /// backward twice adds to the leaves; zeroGrad clears the whole graph; after it, a pass gives the first result again.
    func testRepeatAndZeroGrad() {
        let graph = diamondGraph(x: 0.9, y: -0.4)
        graph.root.backward()
        let first = graph.nodes.map(\.grad)
        guard expectGradient(Tensor([first[0], first[1]]), matches: numericGradient(at: Tensor([0.9, -0.4]), of: diamondFunction),
                             parameter: "[x, y] after the first backward()", tolerance: 1e-7)
        else { return }
        graph.root.backward()
        guard expectClose(Tensor([graph.x.grad, graph.y.grad]), Tensor([2 * first[0], 2 * first[1]]), tolerance: 1e-12,
                          "leaf gradients [x, y] after a second backward() without zeroGrad() (they accumulate: twice the first)")
        else { return }
        guard expectClose(Tensor(Array(graph.nodes.map(\.grad).dropFirst(2))), Tensor(Array(first.dropFirst(2))), tolerance: 1e-12,
                          "interior gradients [a, b, c, d, e, g] after a second backward() (backward() recomputes them: clear them first)")
        else { return }
        graph.root.zeroGrad()
        for node in graph.nodes {
            guard expectClose(node.grad, 0, tolerance: 0, "grad of \(node.label) after root.zeroGrad() (every node of the graph, not only the root)") else { return }
        }
        graph.root.backward()
        expectClose(Tensor(graph.nodes.map(\.grad)), Tensor(first), tolerance: 1e-12,
                    "gradients [x, y, a, b, c, d, e, g] of backward() after zeroGrad() (must equal the first pass)")
    }
}

import XCTest
import Foundation
import TensorCore
import CheckSupport
import Ex3

// Graphs for ex3.3 are built (in Ex3Oracles.swift) from nodes with explicit local gradients, so
// that these checks do not depend on the student's ex3.1 and ex3.2; they are built and walked
// inside `student { }`, and the oracles are the hand-derived gradients and centred differences.

/// ex3.3: topological backward, forks, repeated passes and zeroGrad.
final class BackwardChecks: XCTestCase {
    func testCubeFork() {
        let (fGrad, bGrad, aGrad, xGrad) = student {
            let x = Value(1, label: "x")
            let a = plus(x, 2), b = mul(a, a), f = mul(b, a)
            f.backward()
            return (f.grad, b.grad, a.grad, x.grad)
        }
        // backward() on a node without children: it is a leaf, so its seed accumulates too.
        let leafGrad = student { () -> Double in
            let leaf = Value(5, label: "w")
            leaf.backward()
            leaf.backward()
            return leaf.grad
        }
        guard expectClose(fGrad, 1, tolerance: 0, "f.grad after f.backward() (the seed ∂f/∂f = 1)"),
              expectClose(bGrad, 3, tolerance: 1e-12, "b.grad in (x + 2)³ at x = 1 (b = a·a, f = b·a)")
        else { return }
        expectClose(aGrad, 27, tolerance: 1e-12,
                    "a.grad in (x + 2)³ at x = 1 (a is used three times: 9 + 9 + 9; 9 means = instead of +=)")
        guard expectClose(xGrad, 27, tolerance: 1e-12, "x.grad in (x + 2)³ at x = 1 (3(x + 2)² = 27)") else { return }
        expectClose(leafGrad, 2, tolerance: 0,
                    "w.grad after w.backward() twice on a leaf w = Value(5) (a leaf's gradient accumulates: add the seed 1, do not set it)")
    }

    func testDiamondAgainstNumeric() {
        var generator = checkGenerator(31)
        for _ in 0..<3 {
            let p = Tensor.uniform([2], in: -1.2...1.2, using: &generator)
            let (xGrad, yGrad) = student {
                let graph = diamondGraph(x: p[0], y: p[1])
                graph.root.backward()
                return (graph.x.grad, graph.y.grad)
            }
            let numeric = numericGradient(at: p, of: diamondFunction)
            guard expectGradient(Tensor([xGrad, yGrad]), matches: numeric,
                                 parameter: "[x, y] of g = (tanh(xy) + (xy)²)·xy + y at \(preview(p))", tolerance: 1e-7)
            else { return }
        }
    }

    func testTopologicalOrder() {
        // The order as positions in the graph's own list of nodes (−1: a node not of this graph).
        let order: [Int] = student {
            let graph = diamondGraph(x: 0.3, y: -0.8)
            return indices(of: graph.root.topologicalOrder(), in: graph.nodes)
        }
        func name(_ i: Int) -> String { diamondNames.indices.contains(i) ? diamondNames[i] : "a node that is not in the graph" }
        guard expectTrue(order.allSatisfy { diamondNames.indices.contains($0) },
                         "topologicalOrder() must list the graph's own nodes (the objects themselves); observed \(order.map(name))"),
              expectEqual(Set(order).count, order.count, "topologicalOrder must list each node once (a visited set)"),
              expectEqual(order.count, 8, "number of nodes in topologicalOrder() of an 8-node graph")
        else { return }
        guard expectTrue(order.last == 7, "topologicalOrder() must end with the node it was called on (g = e + y), observed \(order.last.map(name) ?? "nothing")") else { return }
        let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($0.element, $0.offset) })
        for (i, node) in order.enumerated() {
            for child in diamondChildren[node] {
                guard let j = position[child] else {
                    reportFailure("topologicalOrder(): \(name(child)), a child of \(name(node)), is missing"); return
                }
                guard expectTrue(j < i, "topologicalOrder(): \(name(node)) at position \(i) comes before its child \(name(child)) at position \(j)") else { return }
            }
        }
    }

    /// backward twice adds to the leaves; zeroGrad clears the whole graph; after it, a pass gives the first result again.
    func testRepeatAndZeroGrad() {
        let (first, second, cleared, again) = student {
            let graph = diamondGraph(x: 0.9, y: -0.4)
            graph.root.backward()
            let first = graph.nodes.map(\.grad)
            graph.root.backward()
            let second = graph.nodes.map(\.grad)
            graph.root.zeroGrad()
            let cleared = graph.nodes.map(\.grad)
            graph.root.backward()
            return (first, second, cleared, graph.nodes.map(\.grad))
        }
        let expected = diamondGradients(x: 0.9, y: -0.4)
        guard expectShape(Tensor(first), [8], "gradients of the 8 nodes after the first backward()"),
              expectGradient(Tensor([first[0], first[1]]), matches: numericGradient(at: Tensor([0.9, -0.4]), of: diamondFunction),
                             parameter: "[x, y] after the first backward()", tolerance: 1e-7),
              expectShape(Tensor(second), [8], "gradients of the 8 nodes after a second backward()")
        else { return }
        guard expectClose(Tensor([second[0], second[1]]), Tensor([2 * expected[0], 2 * expected[1]]), tolerance: 1e-12,
                          "leaf gradients [x, y] after a second backward() without zeroGrad() (they accumulate: twice the first)")
        else { return }
        guard expectClose(Tensor(Array(second.dropFirst(2))), Tensor(Array(expected.dropFirst(2))), tolerance: 1e-12,
                          "interior gradients [a, b, c, d, e, g] after a second backward() (backward() recomputes them: clear them first)")
        else { return }
        guard expectEqual(cleared.count, 8, "gradients of the 8 nodes after root.zeroGrad()") else { return }
        for (name, grad) in zip(diamondNames, cleared) {
            guard expectClose(grad, 0, tolerance: 0, "grad of \(name) after root.zeroGrad() (every node of the graph, not only the root)") else { return }
        }
        expectClose(Tensor(again), Tensor(expected), tolerance: 1e-12,
                    "gradients [x, y, a, b, c, d, e, g] of backward() after zeroGrad() (must equal the first pass)")
    }
}

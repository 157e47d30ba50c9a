import XCTest
import Foundation
@testable import DeepLearning
import TensorCore

final class ValueTests: XCTestCase {
    func testClassicNeuron() {
        let w = [Value(2), Value(-3), Value(-3)], x = [Value(-1), Value(-2)]
        let f = (w[0] * x[0] + w[1] * x[1] + w[2]).sigmoid()
        f.backward()
        XCTAssertEqual(f.data, 0.7311, accuracy: 1e-4)
        XCTAssertEqual(w.map(\.grad)[0], -0.197, accuracy: 1e-3)
        XCTAssertEqual(w.map(\.grad)[1], -0.393, accuracy: 1e-3)
        XCTAssertEqual(w.map(\.grad)[2], 0.197, accuracy: 1e-3)
        XCTAssertEqual(x[0].grad, 0.393, accuracy: 1e-3)
        XCTAssertEqual(x[1].grad, -0.590, accuracy: 1e-3)
        // The same neuron spelled with exp and division: 1/(1 + e^(−z)).
        let w2 = [Value(2), Value(-3), Value(-3)]
        let z = w2[0] * -1.0 + w2[1] * -2.0 + w2[2]
        let g = 1.0 / (1.0 + (-z).exp())
        g.backward()
        XCTAssertEqual(g.data, f.data, accuracy: 1e-12)
        XCTAssertEqual(w2[0].grad, w[0].grad, accuracy: 1e-12)
    }

    func testForkWithOneSharedNode() {
        let x = Value(3)
        let s = x + 2
        let f = s * s * s
        f.backward()
        XCTAssertEqual(f.data, 125)
        XCTAssertEqual(x.grad, 3 * 25, "3(x + 2)²")
        XCTAssertEqual(s.grad, 75)
        f.zeroGrad()
        XCTAssertEqual(x.grad, 0)
        f.backward()
        XCTAssertEqual(x.grad, 75, "repeatable after zeroGrad")
        let a = Value(-4)
        (a * a).backward()
        XCTAssertEqual(a.grad, -8, "a·a accumulates both paths")
    }

    func testOperationsAgainstClosedForms() {
        let cases: [(String, (Value) -> Value, (Double) -> Double, Double)] = [
            ("pow", { $0.pow(3.5) }, { 3.5 * Foundation.pow($0, 2.5) }, 1.3),
            ("exp", { $0.exp() }, { Foundation.exp($0) }, 0.7),
            ("log", { $0.log() }, { 1 / $0 }, 2.5),
            ("tanh", { $0.tanh() }, { 1 - Foundation.tanh($0) * Foundation.tanh($0) }, -0.6),
            ("relu+", { $0.relu() }, { _ in 1 }, 0.6),
            ("relu−", { $0.relu() }, { _ in 0 }, -0.6),
            ("sigmoid", { $0.sigmoid() }, { sigmoid($0) * (1 - sigmoid($0)) }, 0.4),
            ("div", { 1.0 / $0 }, { -1 / ($0 * $0) }, 1.7),
            ("sub", { 5.0 - $0 * 2.0 }, { _ in -2 }, 1.7),
            ("composite", { ($0 * $0 + 1.0).log() / $0 }, { x in 2 / (x * x + 1) - Foundation.log(x * x + 1) / (x * x) }, 0.9),
        ]
        for (name, f, derivative, at) in cases {
            let x = Value(at)
            f(x).backward()
            XCTAssertEqual(x.grad, derivative(at), accuracy: 1e-12, name)
        }
    }

    func testTopologicalOrderAndDeepGraph() {
        let x = Value(1)
        var y = x
        for _ in 0..<20_000 { y = y * 1.0 + 0.0 }
        y.backward()
        XCTAssertEqual(x.grad, 1, "a deep chain does not overflow the stack")
        let a = Value(2), b = a * 3, c = b + a
        let order = c.topologicalOrder()
        XCTAssertTrue(order.firstIndex { $0 === a }! < order.firstIndex { $0 === b }!)
        XCTAssertTrue(order.last === c)
    }

    func testTinyMLPLearns() {
        var g = SeededGenerator(seed: 81)
        let net = MLP(sizes: [3, 4, 4, 1], using: &g)
        let xs: [[Double]] = [[2, 3, -1], [3, -1, 0.5], [0.5, 1, 1], [1, 1, -1]]
        let ys: [Double] = [1, -1, -1, 1]
        func loss() -> Value {
            zip(xs, ys).map { (x, y) in (net(x)[0] - y).pow(2) }.reduce(Value(0), +)
        }
        let initial = loss().data
        for _ in 0..<100 {
            let l = loss()
            net.zeroGrad()
            l.backward()
            for p in net.parameters { p.data -= 0.05 * p.grad }
        }
        XCTAssertEqual(net.parameters.count, 3 * 4 + 4 + 4 * 4 + 4 + 4 + 1)
        XCTAssertLessThan(loss().data, 0.05 * initial, "loss \(initial) → \(loss().data)")
    }
}

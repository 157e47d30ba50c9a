import XCTest
import Foundation
import TensorCore
import CheckSupport
import Ex3

/// ex3.1: the forward value of every operation, and the node it records.
final class ForwardChecks: XCTestCase {
    /// The node records its inputs (the same objects, in order) and its operation.
    @discardableResult
    func expectNode(_ node: Value, data: Double, op: Value.Operation, children: [Value], _ what: String,
                    file: StaticString = #filePath, line: UInt = #line) -> Bool {
        guard expectClose(node.data, data, tolerance: 1e-12, "\(what): data", file: file, line: line),
              expectEqual(node.op, op, "\(what): op", file: file, line: line),
              expectEqual(node.children.count, children.count, "\(what): number of children", file: file, line: line)
        else { return false }
        for (i, (o, e)) in zip(node.children, children).enumerated() where o !== e {
            XCTFail("\(what): child \(i) is not the input object itself (observed \(o), expected \(e)); keep the inputs, do not copy them", file: file, line: line)
            return false
        }
        return true
    }

    func testBinaryOperators() {
        let a = Value(3, label: "a"), b = Value(-2, label: "b")
        guard expectNode(a + b, data: 1, op: .add, children: [a, b], "a + b with a = 3, b = −2"),
              expectNode(a * b, data: -6, op: .mul, children: [a, b], "a * b with a = 3, b = −2")
        else { return }
        let cases: [(String, Value, Double)] = [
            ("a − b", a - b, 5), ("a / b", a / b, -1.5), ("−a", -a, -3),
            ("a + 2", a + 2, 5), ("2 + a", 2 + a, 5), ("a * 2", a * 2, 6), ("2 * a", 2 * a, 6),
            ("a − 2", a - 2, 1), ("2 − a", 2 - a, -1), ("a / 2", a / 2, 1.5), ("2 / a", 2 / a, 2.0 / 3),
        ]
        for (what, node, expected) in cases {
            guard expectClose(node.data, expected, tolerance: 1e-12, "\(what) with a = 3, b = −2") else { return }
        }
        let sum = a + 2
        guard expectEqual(sum.op, .add, "(a + 2).op"), expectEqual(sum.children.count, 2, "number of children of a + 2") else { return }
        expectTrue(sum.children[0] === a && sum.children[1].data == 2,
                   "a + 2 must have the children [a, a leaf holding 2]; observed \(sum.children)")
    }

    func testUnaryOperations() {
        let a = Value(0.5, label: "a"), p = Value(4, label: "p"), n = Value(-1.5, label: "n")
        guard expectNode(p.pow(3), data: 64, op: .pow(3), children: [p], "p.pow(3) with p = 4"),
              expectNode(p.pow(-0.5), data: 0.5, op: .pow(-0.5), children: [p], "p.pow(−0.5) with p = 4"),
              expectNode(a.exp(), data: exp(0.5), op: .exp, children: [a], "a.exp() with a = 0.5"),
              expectNode(p.log(), data: log(4.0), op: .log, children: [p], "p.log() with p = 4"),
              expectNode(n.tanh(), data: tanh(-1.5), op: .tanh, children: [n], "n.tanh() with n = −1.5"),
              expectNode(n.relu(), data: 0, op: .relu, children: [n], "n.relu() with n = −1.5"),
              expectNode(a.relu(), data: 0.5, op: .relu, children: [a], "a.relu() with a = 0.5"),
              expectNode(n.sigmoid(), data: 1 / (1 + exp(1.5)), op: .sigmoid, children: [n], "n.sigmoid() with n = −1.5")
        else { return }
        expectClose(Value(-800).sigmoid().data, 0, tolerance: 1e-12, "sigmoid of −800 (must not overflow to NaN: use eˣ/(1 + eˣ) for x < 0)")
        expectClose(Value(800).sigmoid().data, 1, tolerance: 1e-12, "sigmoid of 800")
    }
}

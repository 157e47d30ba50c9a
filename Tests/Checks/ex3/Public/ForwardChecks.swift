import XCTest
import Foundation
import TensorCore
import CheckSupport
import Ex3

/// ex3.1: the forward value of every operation, and the node it records.
final class ForwardChecks: XCTestCase {
    /// The node records its inputs (the same objects, in order) and its operation.
    @discardableResult
    func expectNode(_ node: NodeRecord, data: Double, op: String, children: Int, _ what: String,
                    file: StaticString = #filePath, line: UInt = #line) -> Bool {
        guard expectClose(node.data, data, tolerance: 1e-12, "\(what): data", file: file, line: line),
              expectEqual(node.op, op, "\(what): op", file: file, line: line),
              expectEqual(node.childCount, children, "\(what): number of children", file: file, line: line),
              expectEqual(node.childIsInput.count, children, "\(what): children compared with the inputs", file: file, line: line)
        else { return false }
        for (i, isInput) in node.childIsInput.enumerated() where !isInput {
            let observed = i < node.childData.count ? "a node holding \(format(node.childData[i]))" : "another node"
            reportFailure("\(what): child \(i) is not the input object itself (observed \(observed)); keep the inputs, do not copy them", file: file, line: line)
            return false
        }
        return true
    }

    func testBinaryOperators() {
        let (sumNode, productNode, values, constantSum) = student {
            let a = Value(3, label: "a"), b = Value(-2, label: "b")
            let values: [Value] = [a - b, a / b, -a, a + 2, 2 + a, a * 2, 2 * a, a - 2, 2 - a, a / 2, 2 / a]
            return (nodeRecord(a + b, inputs: [a, b]), nodeRecord(a * b, inputs: [a, b]), values.map(\.data),
                    nodeRecord(a + 2, inputs: [a]))
        }
        guard expectNode(sumNode, data: 1, op: "add", children: 2, "a + b with a = 3, b = −2"),
              expectNode(productNode, data: -6, op: "mul", children: 2, "a * b with a = 3, b = −2")
        else { return }
        let cases: [(String, Double)] = [
            ("a − b", 5), ("a / b", -1.5), ("−a", -3),
            ("a + 2", 5), ("2 + a", 5), ("a * 2", 6), ("2 * a", 6),
            ("a − 2", 1), ("2 − a", -1), ("a / 2", 1.5), ("2 / a", 2.0 / 3),
        ]
        guard expectEqual(values.count, cases.count, "number of results") else { return }
        for ((what, expected), observed) in zip(cases, values) {
            guard expectClose(observed, expected, tolerance: 1e-12, "\(what) with a = 3, b = −2") else { return }
        }
        guard expectEqual(constantSum.op, "add", "(a + 2).op"), expectEqual(constantSum.childCount, 2, "number of children of a + 2") else { return }
        expectTrue(constantSum.childIsInput == [true] && constantSum.childData.count == 2 && constantSum.childData[1] == 2,
                   "a + 2 must have the children [a, a leaf holding 2]; observed children holding \(constantSum.childData.map(format)), the first \(constantSum.childIsInput.first == true ? "is" : "is not") a itself")
    }

    func testUnaryOperations() {
        let (nodes, negative, positive) = student {
            let a = Value(0.5, label: "a"), p = Value(4, label: "p"), n = Value(-1.5, label: "n")
            return ([nodeRecord(p.pow(3), inputs: [p]), nodeRecord(p.pow(-0.5), inputs: [p]), nodeRecord(a.exp(), inputs: [a]),
                     nodeRecord(p.log(), inputs: [p]), nodeRecord(n.tanh(), inputs: [n]), nodeRecord(n.relu(), inputs: [n]),
                     nodeRecord(a.relu(), inputs: [a]), nodeRecord(n.sigmoid(), inputs: [n])],
                    Value(-800).sigmoid().data, Value(800).sigmoid().data)
        }
        let expected: [(Double, String, String)] = [
            (64, "pow(3)", "p.pow(3) with p = 4"), (0.5, "pow(-0.5)", "p.pow(−0.5) with p = 4"),
            (exp(0.5), "exp", "a.exp() with a = 0.5"), (log(4.0), "log", "p.log() with p = 4"),
            (tanh(-1.5), "tanh", "n.tanh() with n = −1.5"), (0, "relu", "n.relu() with n = −1.5"),
            (0.5, "relu", "a.relu() with a = 0.5"), (1 / (1 + exp(1.5)), "sigmoid", "n.sigmoid() with n = −1.5"),
        ]
        guard expectEqual(nodes.count, expected.count, "number of nodes") else { return }
        for (node, (data, op, what)) in zip(nodes, expected) {
            guard expectNode(node, data: data, op: op, children: 1, what) else { return }
        }
        expectClose(negative, 0, tolerance: 1e-12, "sigmoid of −800 (must not overflow to NaN: use eˣ/(1 + eˣ) for x < 0)")
        expectClose(positive, 1, tolerance: 1e-12, "sigmoid of 800")
    }
}

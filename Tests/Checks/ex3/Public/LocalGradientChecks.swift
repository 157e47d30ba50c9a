import XCTest
import Foundation
import TensorCore
import CheckSupport
import Ex3

/// The forward function of each operation, written here so that ex3.2 is checked on its own.
func forwardRules() -> [(String, Rule, Int, ([Double]) -> Double)] { [
    ("add", .add, 2, { $0[0] + $0[1] }),
    ("mul", .mul, 2, { $0[0] * $0[1] }),
    ("pow(3)", .pow(3), 1, { pow($0[0], 3) }),
    ("pow(−1)", .pow(-1), 1, { pow($0[0], -1) }),
    ("pow(0.5)", .pow(0.5), 1, { pow($0[0], 0.5) }),
    ("exp", .exp, 1, { exp($0[0]) }),
    ("log", .log, 1, { log($0[0]) }),
    ("tanh", .tanh, 1, { tanh($0[0]) }),
    ("relu", .relu, 1, { max(0, $0[0]) }),
    ("sigmoid", .sigmoid, 1, { 1 / (1 + exp(-$0[0])) }),
] }

/// ex3.2: the local derivatives of every operation.
final class LocalGradientChecks: XCTestCase {
    func testClosedForms() {
        let t = tanh(0.5), s = 1 / (1 + exp(-0.3))
        let cases: [(String, Rule, [Double], Double, [Double])] = [
            ("add at (3, −2)", .add, [3, -2], 1, [1, 1]),
            ("mul at (3, −2): each input gets the other", .mul, [3, -2], -6, [-2, 3]),
            ("pow(3) at 2: 3·2²", .pow(3), [2], 8, [12]),
            ("pow(−1) at 4: −1·4⁻²", .pow(-1), [4], 0.25, [-1.0 / 16]),
            ("pow(0.5) at 9: 0.5·9^(−0.5)", .pow(0.5), [9], 3, [1.0 / 6]),
            ("exp at 0.5: e^0.5", .exp, [0.5], exp(0.5), [exp(0.5)]),
            ("log at 4: 1/4", .log, [4], log(4.0), [0.25]),
            ("tanh at 0.5: 1 − tanh²(0.5) (the output squared, not the input)", .tanh, [0.5], t, [1 - t * t]),
            ("relu at −1.5", .relu, [-1.5], 0, [0]),
            ("relu at 2", .relu, [2], 2, [1]),
            ("relu at exactly 0, its kink: relu′(0) = 0, as PyTorch (a > 0, not a ≥ 0)", .relu, [0], 0, [0]),
            ("sigmoid at 0.3: σ(1 − σ)", .sigmoid, [0.3], s, [s * (1 - s)]),
            ("leaf (no inputs)", .leaf, [], 7, []),
        ]
        let observed = student { cases.map { _, rule, inputs, output, _ in rule.op.localGradients(inputs: inputs, output: output) } }
        guard expectEqual(observed.count, cases.count, "number of results") else { return }
        for ((what, _, _, _, expected), o) in zip(cases, observed) {
            guard expectClose(Tensor(shape: [o.count], scalars: o), Tensor(shape: [expected.count], scalars: expected),
                              tolerance: 1e-12, "localGradients of \(what)") else { return }
        }
    }

    /// Every rule against centred differences of the operation's forward function (written here).
    func testAgainstNumeric() {
        let points: [[Double]] = [[0.7, -1.3], [2.1, 0.4], [-0.6, 1.8]]
        for (name, rule, arity, f) in forwardRules() {
            for point in points {
                // log and the fractional power need a positive input; relu stays away from its kink.
                var inputs = Array(point.prefix(arity))
                if name == "log" || name == "pow(0.5)" { inputs = inputs.map(abs) }
                let output = f(inputs)
                let analytic = student { rule.op.localGradients(inputs: inputs, output: output) }
                let numeric = numericGradient(at: Tensor(inputs)) { f($0.scalars) }
                guard expectGradient(Tensor(shape: [analytic.count], scalars: analytic), matches: numeric,
                                     parameter: "inputs of \(name) at \(inputs)", tolerance: 1e-7) else { return }
            }
        }
    }
}

import XCTest
import TensorCore
import CheckSupport
import Ex10

/// The oracles: ½·λ·Σw² and λ·Σ|w|, written out entry by entry.
func oracleL2Penalty(_ w: Tensor, lambda: Double) -> Double { 0.5 * lambda * w.scalars.reduce(0) { $0 + $1 * $1 } }
func oracleL1Penalty(_ w: Tensor, lambda: Double) -> Double { lambda * w.scalars.reduce(0) { $0 + Swift.abs($1) } }

/// ex10.1: L2 and L1 penalties and their gradients.
final class PenaltyChecks: XCTestCase {
    /// w = [[1, −2], [0, 3]], λ = 0.1: ‖w‖² = 14, ‖w‖₁ = 6.
    func testWorkedExample() {
        let w = Tensor([[1, -2], [0, 3]])
        let (l2, l2Gradient, l1, l1Gradient) = student {
            (Ex10.l2Penalty(w, lambda: 0.1), Ex10.l2PenaltyGradient(w, lambda: 0.1),
             Ex10.l1Penalty(w, lambda: 0.1), Ex10.l1PenaltyGradient(w, lambda: 0.1))
        }
        guard expectClose(l2, 0.7, tolerance: 1e-12, "l2Penalty of [[1, −2], [0, 3]] with λ = 0.1 (½·λ·14)") else { return }
        guard expectClose(l2Gradient, Tensor([[0.1, -0.2], [0, 0.3]]), tolerance: 1e-12,
                          "l2PenaltyGradient with λ = 0.1 (λ·w: the ½ cancels the 2)") else { return }
        guard expectClose(l1, 0.6, tolerance: 1e-12, "l1Penalty of [[1, −2], [0, 3]] with λ = 0.1 (λ·6)") else { return }
        expectClose(l1Gradient, Tensor([[0.1, -0.1], [0, 0.1]]), tolerance: 1e-12,
                    "l1PenaltyGradient with λ = 0.1 (λ·sign(w), and 0 where w = 0)")
    }

    /// Both gradients against centred differences of the penalties (the formulas, written out
    /// here), away from w = 0; the penalties themselves against the same formulas.
    func testGradientsAgainstNumeric() {
        var generator = checkGenerator(11)
        let w = Tensor.uniform([3, 5], in: -2...2, using: &generator).map { Swift.abs($0) < 0.1 ? $0 + 0.3 : $0 }
        let lambda = 0.35
        let (l2, l2Gradient, l1, l1Gradient) = student {
            (Ex10.l2Penalty(w, lambda: lambda), Ex10.l2PenaltyGradient(w, lambda: lambda),
             Ex10.l1Penalty(w, lambda: lambda), Ex10.l1PenaltyGradient(w, lambda: lambda))
        }
        guard expectClose(l2, oracleL2Penalty(w, lambda: lambda), tolerance: 1e-12, "l2Penalty of a random [3, 5] w with λ = 0.35") else { return }
        guard expectGradient(l2Gradient, matches: numericGradient(at: w) { oracleL2Penalty($0, lambda: lambda) },
                             parameter: "w (L2, λ = 0.35)", tolerance: 1e-7) else { return }
        guard expectClose(l1, oracleL1Penalty(w, lambda: lambda), tolerance: 1e-12, "l1Penalty of a random [3, 5] w with λ = 0.35") else { return }
        expectGradient(l1Gradient, matches: numericGradient(at: w) { oracleL1Penalty($0, lambda: lambda) },
                       parameter: "w (L1, λ = 0.35)", tolerance: 1e-7)
    }
}

import XCTest
import TensorCore
import CheckSupport
import Ex10

/// ex10.1: L2 and L1 penalties and their gradients.
final class PenaltyChecks: XCTestCase {
    /// w = [[1, −2], [0, 3]], λ = 0.1: ‖w‖² = 14, ‖w‖₁ = 6.
    func testWorkedExample() {
        let w = Tensor([[1, -2], [0, 3]])
        guard expectClose(Ex10.l2Penalty(w, lambda: 0.1), 0.7, tolerance: 1e-12, "l2Penalty of [[1, −2], [0, 3]] with λ = 0.1 (½·λ·14)") else { return }
        guard expectClose(Ex10.l2PenaltyGradient(w, lambda: 0.1), Tensor([[0.1, -0.2], [0, 0.3]]), tolerance: 1e-12,
                          "l2PenaltyGradient with λ = 0.1 (λ·w: the ½ cancels the 2)") else { return }
        guard expectClose(Ex10.l1Penalty(w, lambda: 0.1), 0.6, tolerance: 1e-12, "l1Penalty of [[1, −2], [0, 3]] with λ = 0.1 (λ·6)") else { return }
        expectClose(Ex10.l1PenaltyGradient(w, lambda: 0.1), Tensor([[0.1, -0.1], [0, 0.1]]), tolerance: 1e-12,
                    "l1PenaltyGradient with λ = 0.1 (λ·sign(w), and 0 where w = 0)")
    }

    /// Both gradients against centred differences of the penalties, away from w = 0.
    func testGradientsAgainstNumeric() {
        var generator = checkGenerator(11)
        let w = Tensor.uniform([3, 5], in: -2...2, using: &generator).map { Swift.abs($0) < 0.1 ? $0 + 0.3 : $0 }
        let lambda = 0.35
        let numericL2 = numericGradient(at: w) { Ex10.l2Penalty($0, lambda: lambda) }
        guard expectGradient(Ex10.l2PenaltyGradient(w, lambda: lambda), matches: numericL2, parameter: "w (L2, λ = 0.35)", tolerance: 1e-7) else { return }
        let numericL1 = numericGradient(at: w) { Ex10.l1Penalty($0, lambda: lambda) }
        expectGradient(Ex10.l1PenaltyGradient(w, lambda: lambda), matches: numericL1, parameter: "w (L1, λ = 0.35)", tolerance: 1e-7)
    }
}

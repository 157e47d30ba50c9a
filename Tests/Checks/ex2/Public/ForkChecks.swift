import XCTest
import Foundation
import TensorCore
import CheckSupport
import Ex2

/// ex2.3: (x + 2)³ staged with one shared node a = x + 2.
final class ForkChecks: XCTestCase {
    func testWorkedExample() {
        let (a, b, f, dx, contributions) = student {
            let r = Ex2.cubeThroughFork(1)
            return (r.a, r.b, r.f, r.dx, r.contributions)
        }
        guard expectClose(a, 3, tolerance: 1e-12, "a = x + 2 at x = 1"),
              expectClose(b, 9, tolerance: 1e-12, "b = a·a at x = 1"),
              expectClose(f, 27, tolerance: 1e-12, "f = b·a at x = 1")
        else { return }
        guard expectEqual(contributions.count, 3, "number of contributions to ∂f/∂a (a is used three times)") else { return }
        expectClose(Tensor(contributions), Tensor([9, 9, 9]), tolerance: 1e-12,
                    "contributions to ∂f/∂a at x = 1 [from f = b·a, from the left a of a·a, from the right a]")
        expectClose(dx, 27, tolerance: 1e-12,
                    "∂f/∂x at x = 1 (3(x + 2)² = 27; 9 means the gradient at the shared node was overwritten (=) instead of accumulated (+=))")
    }

    func testUpstreamAgainstNumeric() {
        let x = -0.5, upstream = 0.7
        let (f, dx, contributions) = student {
            let r = Ex2.cubeThroughFork(x, upstream: upstream)
            return (r.f, r.dx, r.contributions)
        }
        let numeric = numericGradient(at: Tensor([x])) { upstream * Foundation.pow($0[0] + 2, 3) }
        guard expectGradient(Tensor([dx]), matches: numeric, parameter: "x at x = −0.5 with upstream 0.7", tolerance: 1e-8) else { return }
        guard expectEqual(contributions.count, 3, "number of contributions to ∂L/∂a") else { return }
        expectClose(contributions.reduce(0, +), 3 * (x + 2) * (x + 2) * upstream, tolerance: 1e-12,
                    "sum of the three contributions (must equal dx = 3(x + 2)²·upstream: x + 2 passes da on unchanged)")
        expectClose(f, 3.375, tolerance: 1e-12, "f = (x + 2)³ at x = −0.5 (the forward value does not depend on upstream)")
    }
}

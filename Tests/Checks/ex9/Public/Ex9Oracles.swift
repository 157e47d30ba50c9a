import Foundation
import TensorCore
import CheckSupport

/// Compares the learning rates a schedule gave at `steps` (in that order) with the expected
/// ones, computed by the check from the step alone (an autoclosure: only in the verifying
/// process). Stops at the first difference.
@discardableResult
func expectRates(_ observed: [Double], at steps: [Int], tolerance: Double = 1e-12,
                 expected: (Int) -> Double, _ what: (Int) -> String) -> Bool {
    guard expectEqual(observed.count, steps.count, "number of learning rates recorded for \(steps.count) steps") else { return false }
    for (i, step) in steps.enumerated() where i < observed.count {
        guard expectClose(observed[i], expected(step), tolerance: tolerance, what(step)) else { return false }
    }
    return true
}

/// Compares a list of tensors with the expected list, tensor by tensor; stops at the first difference.
@discardableResult
func expectTensors(_ observed: [Tensor], _ expected: @autoclosure () -> [Tensor], tolerance: Double,
                   call: String, _ what: (Int) -> String) -> Bool {
    if CheckSession.mode == .record { return true }
    let expected = expected()
    guard expectEqual(observed.count, expected.count, "\(call): number of tensors returned") else { return false }
    for i in expected.indices {
        guard expectClose(observed[i], expected[i], tolerance: tolerance, what(i)) else { return false }
    }
    return true
}

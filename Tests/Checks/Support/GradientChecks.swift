import Foundation
#if canImport(XCTest)
import XCTest
#endif
import TensorCore

/// Centred differences: ∂f/∂xᵢ ≈ (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h, in Double, h = 1e−5 by default.
/// The error is O(h²) for smooth f; a kink within h of a point (ReLU at 0, a tie in max) breaks it.
public func numericGradient(at x: Tensor, h: Double = 1e-5, of f: (Tensor) -> Double) -> Tensor {
    var gradient = Tensor.zeros(x.shape)
    var probe = x
    for i in 0..<x.count {
        let original = probe.scalars[i]
        probe.scalars[i] = original + h
        let plus = f(probe)
        probe.scalars[i] = original - h
        let minus = f(probe)
        probe.scalars[i] = original
        gradient.scalars[i] = (plus - minus) / (2 * h)
    }
    return gradient
}

/// Compares an analytic gradient with a numeric one: the worst relative error
/// |a − n| / max(1e−8, |a| + |n|) (CS231n's rel_error), where it is, and what the pattern suggests.
@discardableResult
public func expectGradient(_ analytic: Tensor, matches numeric: @autoclosure () -> Tensor, parameter: @autoclosure () -> String,
                           tolerance: Double = 1e-6, batchSize: Int? = nil,
                           file: StaticString = #filePath, line: UInt = #line) -> Bool {
    if comparisonsAreSkipped { return true }
    let numeric = numeric(), parameter = parameter()
    guard expectShape(analytic, numeric.shape, "gradient with respect to \(parameter)", file: file, line: line) else { return false }
    var worst = 0
    var worstError = -1.0
    for i in 0..<analytic.count {
        let a = analytic.scalars[i], n = numeric.scalars[i]
        let error = a.isFinite && n.isFinite ? abs(a - n) / max(1e-8, abs(a) + abs(n)) : .infinity
        if error > worstError { worstError = error; worst = i }
    }
    if worstError <= tolerance { return true }
    let index = multiIndex(worst, shape: analytic.shape)
    let (shownAnalytic, shownNumeric) = format(analytic.scalars[worst], numeric.scalars[worst])
    var message = "gradient with respect to \(parameter): relative error \(format(worstError)) at index \(format(index)) (tolerance \(format(tolerance))): analytic \(shownAnalytic), numeric \(shownNumeric)"
    if let diagnosis = diagnoseGradient(analytic, numeric, batchSize: batchSize) { message += ". \(diagnosis)" }
    reportFailure(message, file: file, line: line)
    return false
}

/// A guess at what went wrong when the pattern is recognisable.
public func diagnoseGradient(_ analytic: Tensor, _ numeric: Tensor, batchSize: Int? = nil) -> String? {
    guard analytic.shape == numeric.shape, analytic.count > 0 else { return nil }
    if analytic.scalars.contains(where: { !$0.isFinite }) { return "Your gradient has NaN or infinite entries." }
    if analytic.scalars.allSatisfy({ $0 == 0 }) && numeric.scalars.contains(where: { abs($0) > 1e-6 }) {
        return "Your gradient is all zeros: is it computed, and accumulated with += rather than overwritten?"
    }
    var ratios: [Double] = []
    for i in 0..<analytic.count where abs(numeric.scalars[i]) > 1e-6 {
        ratios.append(analytic.scalars[i] / numeric.scalars[i])
    }
    if ratios.count >= 1 {
        let sorted = ratios.sorted()
        let median = sorted[sorted.count / 2]
        let consistent = sorted.allSatisfy { abs($0 - median) <= 1e-3 * max(1, abs(median)) }
        if consistent {
            if abs(median + 1) < 1e-3 { return "Every entry has the wrong sign: a sign flipped somewhere." }
            if let n = batchSize, n > 1 {
                if abs(median - Double(n)) < 1e-3 * Double(n) { return "Every entry is \(n)× too large: the 1/N of the batch mean is missing." }
                if abs(median - 1 / Double(n)) < 1e-3 / Double(n) { return "Every entry is \(n)× too small: divided by the batch size once too often." }
            }
            if abs(median - 2) < 1e-3 { return "Every entry is 2× too large: a factor ½ is missing (or counted twice)." }
            if abs(median - 0.5) < 1e-3 { return "Every entry is half what it should be: a factor 2 is missing." }
            if abs(median - 1) > 1e-3 { return "Every entry is off by the same factor \(format(median))." }
        }
    }
    if analytic.rank == 2, analytic.shape[0] == analytic.shape[1], analytic.shape[0] > 1 {
        let t = analytic.transposed()
        if maxAbsoluteDifference(t, numeric) <= 1e-6 * (1 + numeric.norm) { return "Your gradient is the transpose of the right one." }
    }
    return nil
}

/// The seed a check's inputs come from: the exercise's base seed (from checks.json, passed by the
/// grader as GRADE_SEED) mixed with a per-check salt, so every check draws its own fixed inputs.
public func checkGenerator(_ salt: UInt64) -> SeededGenerator {
    let base = UInt64(ProcessInfo.processInfo.environment["GRADE_SEED"] ?? "") ?? 2026
    return SeededGenerator(seed: base &* 0x9E37_79B9_7F4A_7C15 &+ salt)
}

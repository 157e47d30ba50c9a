import XCTest
import Foundation
import TensorCore
import CheckSupport
import Ex8

/// Optimizers written by the check (so ex8.5 is graded on its own, whatever ex8.1–8.4 give).
private struct PlainDescent: Ex8.Optimizer {
    var lr: Double
    mutating func step(_ parameters: inout [Tensor], gradients: [Tensor]) {
        for i in parameters.indices { parameters[i] = parameters[i] - lr * gradients[i] }
    }
}

/// Plain descent as a class that counts its steps: the caller sees every step taken.
private final class CountingDescent: Ex8.Optimizer {
    let lr: Double
    var steps = 0
    init(lr: Double) { self.lr = lr }
    func step(_ parameters: inout [Tensor], gradients: [Tensor]) {
        steps += 1
        for i in parameters.indices { parameters[i] = parameters[i] - lr * gradients[i] }
    }
}

private struct HeavyBall: Ex8.Optimizer {
    var lr: Double
    var alpha: Double
    var v: [Tensor] = []
    mutating func step(_ parameters: inout [Tensor], gradients: [Tensor]) {
        if v.isEmpty { v = parameters.map { Tensor.zeros($0.shape) } }
        for i in parameters.indices {
            v[i] = alpha * v[i] - lr * gradients[i]
            parameters[i] = parameters[i] + v[i]
        }
    }
}

private struct AdamOracle: Ex8.Optimizer {
    var lr: Double
    var s: [Tensor] = [], r: [Tensor] = [], t = 0
    mutating func step(_ parameters: inout [Tensor], gradients: [Tensor]) {
        if s.isEmpty { s = parameters.map { Tensor.zeros($0.shape) }; r = s }
        t += 1
        for i in parameters.indices {
            let g = gradients[i]
            s[i] = 0.9 * s[i] + 0.1 * g
            r[i] = 0.999 * r[i] + 0.001 * (g * g)
            let c1 = 1 - pow(0.9, Double(t)), c2 = 1 - pow(0.999, Double(t))
            parameters[i] = parameters[i] - lr * (s[i] / c1).zipMap(r[i] / c2) { a, b in a / (b.squareRoot() + 1e-8) }
        }
    }
}

/// The count by the definition, run by the check: min(first k with ‖∇f(θ_k)‖ < tol, maxSteps).
/// Only ever given the check's own optimizers (never the student's): it calls no student code.
func referenceCount<O: Ex8.Optimizer>(_ optimizer: O, kappa: Double, start: Tensor, tolerance: Double, maxSteps: Int) -> Int {
    var optimizer = optimizer
    var parameters = [start]
    for k in 0..<maxSteps {
        let g = Tensor([parameters[0][0], kappa * parameters[0][1]])
        if g.norm < tolerance { return k }
        optimizer.step(&parameters, gradients: [g])
    }
    return maxSteps
}

/// ex8.5: steps to converge on f = ½(x² + κy²).
final class ConvergenceChecks: XCTestCase {
    func testGradient() {
        let point = Tensor([-0.7, 1.3]), kappa = 37.0
        let (atKnown, atPoint) = student { (Ex8.quadraticGradient(Tensor([3, -2]), kappa: 10), Ex8.quadraticGradient(point, kappa: kappa)) }
        expectClose(atKnown, Tensor([3, -20]), tolerance: 1e-12,
                    "quadraticGradient at [3, −2] with κ = 10 (∇f = [x, κ·y])")
        expectGradient(atPoint, matches: numericGradient(at: point) { 0.5 * ($0[0] * $0[0] + kappa * $0[1] * $0[1]) },
                       parameter: "θ = [−0.7, 1.3] of f = ½(x² + 37y²)", tolerance: 1e-7)
    }

    /// Plain descent (written by the check): x_k = (1 − ε)ᵏ·x_0 and y_k = (1 − εκ)ᵏ·y_0, so the
    /// count follows in closed form. Also: 0 steps from a converged start, and the cap.
    func testPlainDescentCount() {
        let kappa = 20.0, lr = 0.09, tolerance = 1e-6
        let (count, converged, capped, diverging) = student {
            (Ex8.stepsToConverge(PlainDescent(lr: lr), kappa: kappa, start: Tensor([1, 0.5]), tolerance: tolerance, maxSteps: 10_000),
             Ex8.stepsToConverge(PlainDescent(lr: lr), kappa: kappa, start: Tensor([1e-8, -1e-9]), tolerance: tolerance, maxSteps: 100),
             Ex8.stepsToConverge(PlainDescent(lr: lr), kappa: kappa, start: Tensor([1, 0.5]), tolerance: tolerance, maxSteps: 40),
             Ex8.stepsToConverge(PlainDescent(lr: 0.11), kappa: kappa, start: Tensor([1, 0.5]), tolerance: tolerance, maxSteps: 60))
        }
        let (countedResult, countedSteps) = student { () -> (Int, Int) in
            let counter = CountingDescent(lr: lr)
            let result = Ex8.stepsToConverge(counter, kappa: kappa, start: Tensor([1, 0.5]), tolerance: tolerance, maxSteps: 40)
            return (result, counter.steps)
        }
        // maxSteps = 0 is allowed (no step at all); and a gradient norm exactly equal to the
        // tolerance has not converged (‖∇f‖ < tolerance is strict): ‖∇f([0.5, 0])‖ = 0.5 = tolerance.
        let (noStepsResult, noSteps, tie) = student { () -> (Int, Int, Int) in
            let counter = CountingDescent(lr: lr)
            let result = Ex8.stepsToConverge(counter, kappa: kappa, start: Tensor([1, 0.5]), tolerance: tolerance, maxSteps: 0)
            return (result, counter.steps,
                    Ex8.stepsToConverge(PlainDescent(lr: 0.5), kappa: 3, start: Tensor([0.5, 0]), tolerance: 0.5, maxSteps: 10))
        }
        lazy var expected: Int = {
            for k in 0..<10_000 {
                let x = pow(1 - lr, Double(k)), y = 0.5 * pow(1 - lr * kappa, Double(k))
                if (x * x + kappa * kappa * y * y).squareRoot() < tolerance { return k }
            }
            return -1
        }()
        expectEqual(count, expected, "steps of θ ← θ − 0.09·∇f from [1, 0.5] on f = ½(x² + 20y²) until ‖∇f‖ < 1e−6 (closed form: x_k = 0.91ᵏ, y_k = 0.5·(−0.8)ᵏ)")
        expectEqual(converged, 0, "steps from [1e−8, −1e−9], where ‖∇f‖ < 1e−6 already (no step is needed)")
        expectEqual(capped, 40, "steps capped at maxSteps = 40 (the closed form needs \(expected))")
        expectEqual(diverging, 60, "steps of a diverging descent (ε = 0.11 > 2/κ) capped at maxSteps = 60")
        guard expectEqual(countedResult, 40, "steps capped at maxSteps = 40, with an optimizer that is a class") else { return }
        guard expectEqual(countedSteps, 40, "optimizer.step calls made by stepsToConverge capped at maxSteps = 40 (exactly maxSteps: none after the last count)") else { return }
        guard expectEqual(noStepsResult, 0, "steps with maxSteps = 0 from the unconverged [1, 0.5] (the cap: min(…, 0) = 0; 0 is a valid maxSteps)"),
              expectEqual(noSteps, 0, "optimizer.step calls made by stepsToConverge with maxSteps = 0") else { return }
        expectEqual(tie, referenceCount(PlainDescent(lr: 0.5), kappa: 3, start: Tensor([0.5, 0]), tolerance: 0.5, maxSteps: 10),
                    "steps of θ ← θ − 0.5·∇f from [0.5, 0] with tolerance 0.5: ‖∇f(start)‖ = 0.5 exactly is not < 0.5, so one step is taken (to ‖∇f‖ = 0.25)")
    }

    /// κ = 1000: plain descent at a stable ε = 1.9/κ crawls along x; momentum and Adam need far fewer steps.
    func testMomentumAndAdamAreFaster() {
        let kappa = 1000.0, start = Tensor([1, 1]), tolerance = 1e-6, maxSteps = 20_000
        let cases: [(String, any Ex8.Optimizer)] = [
            ("plain descent, ε = 1.9/κ", PlainDescent(lr: 1.9 / kappa)),
            ("classical momentum, ε = 1/κ, α = 0.95", HeavyBall(lr: 1 / kappa, alpha: 0.95)),
            ("Adam, ε = 0.01", AdamOracle(lr: 0.01)),
        ]
        let counts = student { () -> [Int] in
            var counts: [Int] = []
            for (_, optimizer) in cases { counts.append(Ex8.stepsToConverge(optimizer, kappa: kappa, start: start, tolerance: tolerance, maxSteps: maxSteps)) }
            return counts
        }
        guard expectEqual(counts.count, cases.count, "number of step counts (one per optimizer)") else { return }
        for ((name, optimizer), observed) in zip(cases, counts) {
            guard expectEqual(observed, referenceCount(optimizer, kappa: kappa, start: start, tolerance: tolerance, maxSteps: maxSteps),
                              "steps to ‖∇f‖ < 1e−6 for \(name) on f = ½(x² + 1000y²) from [1, 1]") else { return }
        }
        expectTrue(counts[0] >= 5 * counts[1] && counts[0] >= 5 * counts[2],
                   "plain descent needed \(counts[0]) steps, momentum \(counts[1]) and Adam \(counts[2]): momentum and Adam should need at least 5× fewer")
    }
}

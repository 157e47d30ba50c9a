import XCTest
import Foundation
import TensorCore
import CheckSupport
import Ex8

// Helpers shared by the ex8 checks (no checks in this file).

/// The loss the trajectory checks minimise, per parameter tensor: L(θ) = Σ ½·a⊙θ² + b⊙θ, so
/// its gradient g = a⊙θ + b depends on where the optimizer has taken θ (a > 0, b random).
struct TrajectoryLoss {
    var a: [Tensor]
    var b: [Tensor]

    init(shapes: [[Int]], using generator: inout SeededGenerator) {
        a = shapes.map { Tensor.uniform($0, in: 0.5...3, using: &generator) }
        b = shapes.map { Tensor.normal($0, using: &generator) }
    }

    func gradients(_ parameters: [Tensor]) -> [Tensor] {
        parameters.indices.map { a[$0] * parameters[$0] + b[$0] }
    }

    /// The gradient of entry `j` of parameter `i` at the value `theta`.
    func gradient(_ i: Int, _ j: Int, at theta: Double) -> Double {
        a[i].scalars[j] * theta + b[i].scalars[j]
    }
}

/// An element-wise oracle: every scalar entry of every parameter has its own state
/// (`stateCount` numbers starting at 0); `update` gets θ, g, that state and the step t (1-based)
/// and returns the new θ.
struct ScalarOracle {
    var stateCount: Int
    var update: (_ theta: Double, _ g: Double, _ state: inout [Double], _ t: Int) -> Double

    static func sgd(_ lr: Double, weightDecay: Double = 0) -> ScalarOracle {
        ScalarOracle(stateCount: 0) { theta, g, _, _ in theta - lr * (g + weightDecay * theta) }
    }
    static func classicalMomentum(_ lr: Double, _ alpha: Double, weightDecay: Double = 0) -> ScalarOracle {
        ScalarOracle(stateCount: 1) { theta, g, s, _ in
            s[0] = alpha * s[0] - lr * (g + weightDecay * theta)
            return theta + s[0]
        }
    }
    static func averageMomentum(_ lr: Double, _ beta: Double, weightDecay: Double = 0) -> ScalarOracle {
        ScalarOracle(stateCount: 1) { theta, g, s, _ in
            s[0] = beta * s[0] + (1 - beta) * (g + weightDecay * theta)
            return theta - lr * s[0]
        }
    }
    static func nesterov(_ lr: Double, _ alpha: Double) -> ScalarOracle {
        ScalarOracle(stateCount: 1) { theta, g, s, _ in
            s[0] = alpha * s[0] - lr * g
            return theta + alpha * s[0] - lr * g
        }
    }
    static func adaGrad(_ lr: Double, delta: Double) -> ScalarOracle {
        ScalarOracle(stateCount: 1) { theta, g, s, _ in
            s[0] += g * g
            return theta - lr * g / (delta + s[0].squareRoot())
        }
    }
    static func rmsProp(_ lr: Double, rho: Double, epsilon: Double) -> ScalarOracle {
        ScalarOracle(stateCount: 1) { theta, g, s, _ in
            s[0] = rho * s[0] + (1 - rho) * g * g
            return theta - lr * g / (s[0].squareRoot() + epsilon)
        }
    }
    static func adam(_ lr: Double, _ beta1: Double, _ beta2: Double, epsilon: Double) -> ScalarOracle {
        ScalarOracle(stateCount: 2) { theta, g, s, t in
            s[0] = beta1 * s[0] + (1 - beta1) * g
            s[1] = beta2 * s[1] + (1 - beta2) * g * g
            let sHat = s[0] / (1 - pow(beta1, Double(t)))
            let rHat = s[1] / (1 - pow(beta2, Double(t)))
            return theta - lr * sHat / (rHat.squareRoot() + epsilon)
        }
    }
}

/// Starting parameters of the given shapes.
func startingParameters(_ shapes: [[Int]], using generator: inout SeededGenerator) -> [Tensor] {
    shapes.map { Tensor.normal($0, using: &generator) }
}

/// The oracle's trajectory: every scalar entry of every parameter updated on its own, from
/// `start`, with the gradient of `loss` at its current value; the parameters after each step.
func oracleTrajectory(_ oracle: ScalarOracle, loss: TrajectoryLoss, start: [Tensor], steps: Int) -> [[Tensor]] {
    var expected = start
    var state = start.map { p in
        [[Double]](repeating: [Double](repeating: 0, count: oracle.stateCount), count: p.count)
    }
    var trajectory: [[Tensor]] = []
    for t in 1...steps {
        for i in expected.indices {
            for j in 0..<expected[i].count {
                let theta = expected[i].scalars[j]
                expected[i].scalars[j] = oracle.update(theta, loss.gradient(i, j, at: theta), &state[i][j], t)
            }
        }
        trajectory.append(expected)
    }
    return trajectory
}

/// Runs the student's optimizer for `steps` steps on `loss` from `start` (gradients at its own
/// parameters), inside `student { }`: the parameters after each step. `optimizer` is built
/// there too (it is an autoclosure), so no student object exists outside the closure.
func studentTrajectory<O: Ex8.Optimizer>(_ optimizer: () -> O, loss: TrajectoryLoss, start: [Tensor], steps: Int,
                                         fileID: String = #fileID, line: Int = #line) -> [[Tensor]] {
    student(fileID: fileID, line: line) { () -> [[Tensor]] in
        var optimizer = optimizer()
        var parameters = start
        var trajectory: [[Tensor]] = []
        for _ in 1...steps {
            optimizer.step(&parameters, gradients: loss.gradients(parameters))
            trajectory.append(parameters)
        }
        return trajectory
    }
}

/// Compares a recorded trajectory with an expected one, step by step and parameter by
/// parameter (the number of steps and of parameters first, so nothing is indexed blindly).
@discardableResult
func expectSameTrajectory(_ observed: [[Tensor]], _ expected: @autoclosure () -> [[Tensor]], shapes: [[Int]], steps: Int,
                          tolerance: Double, _ what: String, compared: String = "",
                          file: StaticString = #filePath, line: UInt = #line) -> Bool {
    guard expectEqual(observed.count, steps, "\(what): number of steps recorded", file: file, line: line) else { return false }
    lazy var wanted = expected()
    for t in 1...steps {
        guard expectEqual(observed[t - 1].count, shapes.count, "\(what): number of parameters after step \(t)", file: file, line: line) else { return false }
        for i in shapes.indices {
            guard expectClose(observed[t - 1][i], wanted[t - 1][i], tolerance: tolerance,
                              "\(what): parameter \(i) of \(shapes.count) (shape \(format(shapes[i]))) after step \(t)\(compared)",
                              file: file, line: line) else { return false }
        }
    }
    return true
}

/// Runs `optimizer` (inside `student { }`) and `oracle` (in the check) side by side on a
/// `TrajectoryLoss` over parameters of `shapes`, each on its own trajectory, and compares every
/// parameter after every step.
@discardableResult
func expectTrajectory<O: Ex8.Optimizer>(_ optimizer: @autoclosure () -> O, oracle: ScalarOracle, shapes: [[Int]], steps: Int,
                                        salt: UInt64, tolerance: Double = 1e-10, _ what: String,
                                        file: StaticString = #filePath, line: UInt = #line) -> Bool {
    var generator = checkGenerator(salt)
    let loss = TrajectoryLoss(shapes: shapes, using: &generator)
    let start = startingParameters(shapes, using: &generator)
    let observed = studentTrajectory(optimizer, loss: loss, start: start, steps: steps)
    return expectSameTrajectory(observed, oracleTrajectory(oracle, loss: loss, start: start, steps: steps),
                                shapes: shapes, steps: steps, tolerance: tolerance, what, file: file, line: line)
}

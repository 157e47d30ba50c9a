import XCTest
import Foundation
import TensorCore
import CheckSupport
import Ex7

/// ex7.4: activation statistics through a deep net.
final class ActivationStatisticsChecks: XCTestCase {
    /// The same computation written out: draw each layer's weight in order, activate, take the statistics of all entries.
    private func oracle(_ input: Tensor, _ widths: [Int], _ activation: (Double) -> Double, standardDeviation: Double,
                        _ generator: inout SeededGenerator) -> [(mean: Double, std: Double)] {
        var h = input
        var result: [(mean: Double, std: Double)] = []
        for width in widths {
            let w = Tensor.normal([h.shape[1], width], standardDeviation: standardDeviation, using: &generator)
            h = Tensor.naiveMatmul(h, w).map(activation)
            let mean = h.scalars.reduce(0, +) / Double(h.count)
            let variance = h.scalars.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(h.count)
            result.append((mean, variance.squareRoot()))
        }
        return result
    }

    private func compare(_ activation: Ex7.Activation, _ function: @escaping (Double) -> Double, name: String, salt: UInt64) {
        var inputs = checkGenerator(salt)
        let x = Tensor.normal([7, 5], using: &inputs)
        let widths = [6, 3, 4]
        var generator = SeededGenerator(seed: salt), oracleGenerator = SeededGenerator(seed: salt)
        let observed = Ex7.activationStatistics(input: x, widths: widths, activation: activation,
                                                initializer: { shape, g in Tensor.normal(shape, standardDeviation: 0.7, using: &g) },
                                                using: &generator)
        let expected = oracle(x, widths, function, standardDeviation: 0.7, &oracleGenerator)
        guard expectEqual(observed.count, widths.count, "number of layer statistics for widths \(widths)") else { return }
        for (layer, (o, e)) in zip(observed, expected).enumerated() {
            guard expectClose(o.mean, e.mean, tolerance: 1e-12,
                              "mean of the \(name) activations of layer \(layer + 1) (input [7, 5], widths \(widths); over all N·width entries, after the activation)") else { return }
            guard expectClose(o.standardDeviation, e.std, tolerance: 1e-12,
                              "standard deviation of the \(name) activations of layer \(layer + 1) (population std over all N·width entries, after the activation)") else { return }
        }
    }

    func testMatchesOracleTanh() { compare(.tanh, { tanh($0) }, name: "tanh", salt: 101) }

    func testMatchesOracleRelu() { compare(.relu, { max(0, $0) }, name: "relu", salt: 102) }

    /// tanh with weights of standard deviation 0.01 on 256-wide layers: the spread shrinks ~6× per layer.
    func testTanhSmallInitCollapses() {
        var generator = checkGenerator(103)
        let x = Tensor.normal([100, 256], using: &generator)
        let stats = Ex7.activationStatistics(input: x, widths: Array(repeating: 256, count: 10), activation: .tanh,
                                             initializer: { shape, g in Tensor.normal(shape, standardDeviation: 0.01, using: &g) },
                                             using: &generator)
        guard expectEqual(stats.count, 10, "number of layer statistics for 10 layers") else { return }
        let stds = stats.map(\.standardDeviation)
        guard expectTrue(stds[0] > 0.1 && stds[0] < 0.25,
                         "tanh, N(0, 0.01²) weights, 256 units: layer 1's std should be about √256·0.01 = 0.16; observed \(format(stds[0]))") else { return }
        guard expectTrue(zip(stds, stds.dropFirst()).allSatisfy { $1 < 0.3 * $0 },
                         "tanh with N(0, 0.01²) weights: each layer's std should be about 0.16× the previous one; observed \(stds.map(format))") else { return }
        expectTrue(stds[9] < 1e-5, "tanh with N(0, 0.01²) weights: by layer 10 the std should have collapsed below 1e−5; observed \(format(stds[9]))")
    }

    /// He normal with ReLU keeps the spread of the activations steady through 10 layers.
    func testHeReluStaysInBand() {
        var generator = checkGenerator(104)
        let x = Tensor.normal([100, 256], using: &generator)
        let stats = Ex7.activationStatistics(input: x, widths: Array(repeating: 256, count: 10), activation: .relu,
                                             initializer: { shape, g in Tensor.normal(shape, standardDeviation: (2.0 / Double(shape[0])).squareRoot(), using: &g) },
                                             using: &generator)
        guard expectEqual(stats.count, 10, "number of layer statistics for 10 layers") else { return }
        let stds = stats.map(\.standardDeviation)
        // Theory: Var(z) = 2 at every layer, so std(relu(z)) = √2·√(1/2 − 1/(2π)) ≈ 0.826.
        expectTrue(stds.allSatisfy { $0 > 0.6 && $0 < 1.1 },
                   "ReLU with He normal weights: every layer's std should stay near 0.83 (band 0.6…1.1); observed \(stds.map(format))")
    }
}

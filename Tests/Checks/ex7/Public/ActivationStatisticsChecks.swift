import XCTest
import Foundation
import TensorCore
import CheckSupport
import Ex7

/// ex7.4: activation statistics through a deep net.
final class ActivationStatisticsChecks: XCTestCase {
    private func compare(_ activation: Ex7.Activation, _ function: @escaping (Double) -> Double, name: String, salt: UInt64) {
        var inputs = checkGenerator(salt)
        let x = Tensor.normal([7, 5], using: &inputs)
        let widths = [6, 3, 4]
        let draw: ([Int], inout SeededGenerator) -> Tensor = { shape, g in Tensor.normal(shape, standardDeviation: 0.7, using: &g) }
        let (means, stds) = student { () -> ([Double], [Double]) in
            var generator = SeededGenerator(seed: salt)
            let s = Ex7.activationStatistics(input: x, widths: widths, activation: activation, initializer: draw, using: &generator)
            return (s.map(\.mean), s.map(\.standardDeviation))
        }
        guard expectEqual(means.count, widths.count, "number of layer statistics for widths \(widths)") else { return }
        lazy var expected = ex7OracleStatistics(x, widths: widths, activation: function, draw: draw, generator: SeededGenerator(seed: salt))
        for layer in 0..<widths.count {
            guard expectClose(means[layer], expected.means[layer], tolerance: 1e-12,
                              "mean of the \(name) activations of layer \(layer + 1) (input [7, 5], widths \(widths); over all N·width entries, after the activation)") else { return }
            guard expectClose(stds[layer], expected.stds[layer], tolerance: 1e-12,
                              "standard deviation of the \(name) activations of layer \(layer + 1) (population std over all N·width entries, after the activation)") else { return }
        }
    }

    func testMatchesOracleTanh() { compare(.tanh, { tanh($0) }, name: "tanh", salt: 101) }

    func testMatchesOracleRelu() { compare(.relu, { max(0, $0) }, name: "relu", salt: 102) }

    /// tanh with weights of standard deviation 0.01 on 256-wide layers: the spread shrinks ~6× per layer.
    func testTanhSmallInitCollapses() {
        var generator = checkGenerator(103)
        let x = Tensor.normal([100, 256], using: &generator)
        let weightsFrom = generator
        let draw: ([Int], inout SeededGenerator) -> Tensor = { shape, g in Tensor.normal(shape, standardDeviation: 0.01, using: &g) }
        let widths = Array(repeating: 256, count: 10)
        let (means, stds) = student { () -> ([Double], [Double]) in
            var g = weightsFrom
            let s = Ex7.activationStatistics(input: x, widths: widths, activation: .tanh, initializer: draw, using: &g)
            return (s.map(\.mean), s.map(\.standardDeviation))
        }
        guard expectEqual(stds.count, 10, "number of layer statistics for 10 layers"),
              expectEqual(means.count, 10, "number of layer means for 10 layers") else { return }
        guard expectTrue(stds[0] > 0.1 && stds[0] < 0.25,
                         "tanh, N(0, 0.01²) weights, 256 units: layer 1's std should be about √256·0.01 = 0.16; observed \(format(stds[0]))") else { return }
        guard expectTrue(zip(stds, stds.dropFirst()).allSatisfy { $1 < 0.3 * $0 },
                         "tanh with N(0, 0.01²) weights: each layer's std should be about 0.16× the previous one; observed \(stds.map(format))") else { return }
        guard expectTrue(stds[9] < 1e-5, "tanh with N(0, 0.01²) weights: by layer 10 the std should have collapsed below 1e−5; observed \(format(stds[9]))") else { return }
        lazy var expected = ex7OracleStatistics(x, widths: widths, activation: { tanh($0) }, draw: draw, generator: weightsFrom, naive: false)
        for layer in 0..<10 {
            guard expectClose(stds[layer] / expected.stds[layer], 1, tolerance: 1e-9,
                              "standard deviation of layer \(layer + 1) (tanh, N(0, 0.01²) weights, input [100, 256]) relative to the oracle's \(format(expected.stds[layer]))"),
                  expectClose(means[layer], expected.means[layer], tolerance: 1e-9,
                              "mean of layer \(layer + 1) (tanh, N(0, 0.01²) weights, input [100, 256])") else { return }
        }
    }

    /// He normal with ReLU keeps the spread of the activations steady through 10 layers.
    func testHeReluStaysInBand() {
        var generator = checkGenerator(104)
        let x = Tensor.normal([100, 256], using: &generator)
        let weightsFrom = generator
        let draw: ([Int], inout SeededGenerator) -> Tensor = { shape, g in Tensor.normal(shape, standardDeviation: (2.0 / Double(shape[0])).squareRoot(), using: &g) }
        let widths = Array(repeating: 256, count: 10)
        let (means, stds) = student { () -> ([Double], [Double]) in
            var g = weightsFrom
            let s = Ex7.activationStatistics(input: x, widths: widths, activation: .relu, initializer: draw, using: &g)
            return (s.map(\.mean), s.map(\.standardDeviation))
        }
        guard expectEqual(stds.count, 10, "number of layer statistics for 10 layers"),
              expectEqual(means.count, 10, "number of layer means for 10 layers") else { return }
        // Theory: Var(z) = 2 at every layer, so std(relu(z)) = √2·√(1/2 − 1/(2π)) ≈ 0.826.
        guard expectTrue(stds.allSatisfy { $0 > 0.6 && $0 < 1.1 },
                         "ReLU with He normal weights: every layer's std should stay near 0.83 (band 0.6…1.1); observed \(stds.map(format))") else { return }
        lazy var expected = ex7OracleStatistics(x, widths: widths, activation: { max(0, $0) }, draw: draw, generator: weightsFrom, naive: false)
        for layer in 0..<10 {
            guard expectClose(stds[layer], expected.stds[layer], tolerance: 1e-9,
                              "standard deviation of layer \(layer + 1) (ReLU, He normal weights, input [100, 256])"),
                  expectClose(means[layer], expected.means[layer], tolerance: 1e-9,
                              "mean of layer \(layer + 1) (ReLU, He normal weights, input [100, 256])") else { return }
        }
    }
}

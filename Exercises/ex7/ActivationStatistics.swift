import Foundation
import TensorCore

// ex7.4 — Activation statistics through a deep network.
//
// Forward a batch through L dense layers and watch the activations: with too small weights they
// shrink towards 0 layer after layer (vanishing), with too large ones they grow or saturate, with
// a well-scaled initialization their spread stays about the same.
//
//   h₀ = input                                          [N, D]
//   for each width in `widths`:
//       W = initializer([h.shape[1], width], &generator)   (draw the layers in order, from the
//                                                          generator passed in, nothing else)
//       h = activation(h · W)                            (biases are 0 at initialization: leave them out)
//       record the mean and the standard deviation of h
//
// The statistics are over ALL N·width entries of the layer's output AFTER the activation, with the
// population standard deviation: mean = Σ h / (N·width), std = √(Σ (h − mean)² / (N·width)).
// Not per unit, not per example, not of the pre-activation h·W.
//
// What the checks look for (L4): tanh with weights of standard deviation 0.01 on 256-wide layers
// multiplies the spread by about √256·0.01 = 0.16 per layer, so by layer 10 it is ~10⁻⁸; He
// initialization with ReLU keeps it within a band around 0.83 (for a standard-normal input).

/// The element-wise non-linearity of each layer (given).
public enum Activation: Sendable {
    case linear, tanh, relu

    /// Applies the activation to every element.
    public func apply(_ x: Tensor) -> Tensor {
        switch self {
        case .linear: return x
        case .tanh: return x.map { Foundation.tanh($0) }
        case .relu: return x.map { Swift.max(0, $0) }
        }
    }
}

/// The mean and (population) standard deviation of one layer's activations.
public struct LayerStatistics: Equatable, Sendable {
    public var mean: Double
    public var standardDeviation: Double

    public init(mean: Double, standardDeviation: Double) {
        self.mean = mean
        self.standardDeviation = standardDeviation
    }
}

/// Forwards `input` [N, D] through one dense layer per entry of `widths` (weights from
/// `initializer`, zero biases, `activation` after each) and returns each layer's statistics.
public func activationStatistics(input: Tensor, widths: [Int], activation: Activation,
                                 initializer: (_ shape: [Int], _ generator: inout SeededGenerator) -> Tensor,
                                 using generator: inout SeededGenerator) -> [LayerStatistics] {
    todo("ex7.4")
}

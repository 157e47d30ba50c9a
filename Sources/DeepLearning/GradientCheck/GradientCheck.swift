import Foundation
import TensorCore

/// Relative-error thresholds for a gradient check in Double with h = 1e−5 (CS231n, and measured):
/// smooth functions pass below 1e−7; functions with kinks (ReLU, max pooling) below 1e−4, or
/// sample points at least 10·h from every kink. Wrong derivatives give 0.5 and above.
public enum GradientCheckThreshold {
    public static let smooth = 1e-7
    public static let withKinks = 1e-4
}

/// The comparison of one analytic gradient with its numeric estimate.
public struct GradientComparison: CustomStringConvertible, Sendable {
    /// The parameter (or input) this gradient belongs to.
    public let name: String
    /// `max_i |a_i − n_i| / max(1e−8, |a_i| + |n_i|)` (CS231n's `rel_error`); ∞ for a shape mismatch or NaN.
    public let relativeError: Double
    /// The multi-index of the worst entry (empty for a shape mismatch).
    public let worstIndex: [Int]
    /// The analytic and numeric values at `worstIndex`.
    public let analytic: Double
    public let numeric: Double
    /// What the pattern of the error suggests, when it is recognisable.
    public let diagnosis: String?

    public var description: String {
        var text = "\(name): relative error \(String(format: "%.3g", relativeError)) at \(worstIndex) "
            + "(analytic \(analytic), numeric \(numeric))"
        if let diagnosis { text += " — \(diagnosis)" }
        return text
    }
}

/// The result of a gradient check: one comparison per parameter and the worst of them.
public struct GradientCheckReport: CustomStringConvertible, Sendable {
    public let comparisons: [GradientComparison]

    /// The comparison with the largest relative error.
    public var worst: GradientComparison? { comparisons.max { $0.relativeError < $1.relativeError || $1.relativeError.isNaN } }
    /// The largest relative error over all parameters (0 when there is nothing to compare).
    public var worstRelativeError: Double { worst?.relativeError ?? 0 }
    /// Whether every relative error is at most `threshold`.
    public func passed(threshold: Double = GradientCheckThreshold.smooth) -> Bool {
        comparisons.allSatisfy { $0.relativeError <= threshold }
    }

    public var description: String { comparisons.map(\.description).joined(separator: "\n") }
}

/// Compares one analytic gradient with a numeric one (CS231n's relative error), locating the
/// worst entry and diagnosing recognisable mistakes:
/// - analytic all ≈ 0 where the numeric gradient is not: "gradient missing";
/// - every ratio analytic/numeric ≈ N (`batchSize`): the 1/N of a batch mean is missing; ≈ 1/N:
///   divided once too often;
/// - every ratio ≈ −1: sign flipped; ≈ 2 or ½: a factor ½ (e.g. of `½(y − q)²`) confused;
/// - the analytic gradient equals the numeric one transposed (square matrices, or shapes
///   `[a, b]` vs `[b, a]`): transposed.
public func compareGradients(analytic: Tensor, numeric: Tensor, name: String, batchSize: Int? = nil) -> GradientComparison {
    let diagnosis = diagnoseGradient(analytic: analytic, numeric: numeric, batchSize: batchSize)
    guard analytic.shape == numeric.shape else {
        return GradientComparison(name: name, relativeError: .infinity, worstIndex: [], analytic: .nan, numeric: .nan,
                                  diagnosis: diagnosis ?? "shape \(analytic.shape) differs from the parameter's \(numeric.shape)")
    }
    var worst = 0, worstError = -1.0
    for i in 0..<analytic.count {
        let a = analytic.scalars[i], n = numeric.scalars[i]
        let error = a.isFinite ? relativeError(a, n) : .infinity
        if error > worstError || error.isNaN { worst = i; worstError = error.isNaN ? .infinity : error }
    }
    guard analytic.count > 0 else {
        return GradientComparison(name: name, relativeError: 0, worstIndex: [], analytic: 0, numeric: 0, diagnosis: nil)
    }
    return GradientComparison(name: name, relativeError: worstError, worstIndex: multiIndex(worst, analytic.shape),
                              analytic: analytic.scalars[worst], numeric: numeric.scalars[worst],
                              diagnosis: worstError > GradientCheckThreshold.withKinks ? diagnosis : nil)
}

/// A guess at the mistake behind a wrong gradient, or nil (see `compareGradients`).
public func diagnoseGradient(analytic: Tensor, numeric: Tensor, batchSize: Int? = nil) -> String? {
    if analytic.rank == 2, numeric.rank == 2, analytic.shape == [numeric.shape[1], numeric.shape[0]],
       analytic.shape != numeric.shape {
        return maxAbsoluteDifference(analytic.transposed(), numeric) <= 1e-6 * (1 + numeric.norm)
            ? "transposed: the gradient has shape \(analytic.shape) and equals the transpose of the right one \(numeric.shape)"
            : nil
    }
    guard analytic.shape == numeric.shape, analytic.count > 0 else { return nil }
    if !analytic.isFinite { return "the analytic gradient has NaN or infinite entries" }
    let scale = max(numeric.scalars.map(abs).max() ?? 0, 1e-300)
    if analytic.scalars.allSatisfy({ abs($0) <= 1e-12 * max(1, scale) }) && scale > 1e-8 {
        return "gradient missing: the analytic gradient is 0 where the numeric one is not (not computed, or overwritten instead of accumulated)"
    }
    var ratios: [Double] = []
    for i in 0..<analytic.count where abs(numeric.scalars[i]) > 1e-3 * scale {
        ratios.append(analytic.scalars[i] / numeric.scalars[i])
    }
    if !ratios.isEmpty, scale > 1e-8 {
        let median = ratios.sorted()[ratios.count / 2]
        if ratios.allSatisfy({ abs($0 - median) <= 1e-3 * max(1, abs(median)) }) {
            func near(_ value: Double) -> Bool { abs(median - value) <= 1e-3 * max(1, abs(value)) }
            if near(-1) { return "sign flipped: every entry has the wrong sign (ratio −1)" }
            if let n = batchSize, n > 1 {
                if near(Double(n)) { return "ratio ≈ N = \(n): the 1/N of the batch mean is missing" }
                if abs(median - 1 / Double(n)) <= 1e-3 / Double(n) { return "ratio ≈ 1/N = 1/\(n): divided by the batch size once too often" }
            }
            if near(2) { return "ratio ≈ 2: a factor ½ is missing" }
            if near(0.5) { return "ratio ≈ ½: a factor 2 is missing" }
            if !near(1) { return "every entry is off by the same factor \(String(format: "%.4g", median))" }
        }
    }
    if analytic.rank == 2, analytic.shape[0] == analytic.shape[1], analytic.shape[0] > 1,
       maxAbsoluteDifference(analytic.transposed(), numeric) <= 1e-6 * (1 + numeric.norm) {
        return "transposed: the gradient equals the transpose of the right one"
    }
    return nil
}

/// Checks analytic gradients of a scalar function of several tensors against centred differences
/// (h = 1e−5): `analytic[i]` must be ∂f/∂inputs[i]. `names` default to "input 0", "input 1", ….
public func gradientCheck(of f: ([Tensor]) -> Double, at inputs: [Tensor], analytic: [Tensor], names: [String]? = nil,
                          batchSize: Int? = nil, h: Double = defaultGradientCheckStep) -> GradientCheckReport {
    requireThat(analytic.count == inputs.count, "gradientCheck: \(analytic.count) analytic gradients for \(inputs.count) inputs")
    let labels = names ?? inputs.indices.map { "input \($0)" }
    let numeric = numericGradients(at: inputs, h: h, of: f)
    return GradientCheckReport(comparisons: inputs.indices.map {
        compareGradients(analytic: analytic[$0], numeric: numeric[$0], name: labels[$0], batchSize: batchSize)
    })
}

/// Checks a layer's backward pass: with a random upstream gradient G (never all ones), the loss
/// `L = Σ G ⊙ layer(x)` has `∂L/∂x` = the layer's input gradient and `∂L/∂θ` = its parameter
/// gradients. Every evaluation runs on a fresh copy of `layer` with `ForwardContext(training:
/// seed:)`, so dropout masks repeat and batch-norm running statistics do not drift.
/// Reports "input" and every parameter name.
public func gradientCheck<L: Layer>(layer: L, input: Tensor, training: Bool = true, seed: UInt64 = 0,
                                    upstreamSeed: UInt64 = 1, h: Double = defaultGradientCheckStep) -> GradientCheckReport {
    var probe = layer
    var context = ForwardContext(training: training, seed: seed)
    let (output, cache) = probe.forward(input, context: &context)
    var generator = SeededGenerator(seed: upstreamSeed)
    let upstream = Tensor.normal(output.shape, using: &generator)
    let (inputGradient, parameterGradients) = layer.backward(upstream, cache: cache)
    func loss(_ tensors: [Tensor]) -> Double {
        var copy = layer
        copy.parameters = Array(tensors.dropFirst())
        var context = ForwardContext(training: training, seed: seed)
        return copy.forward(tensors[0], context: &context).output.dot(upstream)
    }
    return gradientCheck(of: loss, at: [input] + layer.parameters, analytic: [inputGradient] + parameterGradients,
                         names: ["input"] + layer.parameterNames, batchSize: input.shape.first, h: h)
}

/// The row-major multi-index of a flat offset.
func multiIndex(_ offset: Int, _ shape: [Int]) -> [Int] {
    var index = [Int](repeating: 0, count: shape.count)
    var rest = offset
    for axis in shape.indices.reversed() where shape[axis] > 0 {
        index[axis] = rest % shape[axis]
        rest /= shape[axis]
    }
    return index
}

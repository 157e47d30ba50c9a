import XCTest
import TensorCore
@testable import DeepLearning

/// Gradient-checks a layer's backward (input and every parameter) with a random upstream
/// gradient, failing with the report (parameter, worst index, values, diagnosis).
func assertLayerGradientCheck<L: Layer>(_ layer: L, input: Tensor, training: Bool = true, threshold: Double = 1e-6,
                                        file: StaticString = #filePath, line: UInt = #line) {
    let report = gradientCheck(layer: layer, input: input, training: training)
    XCTAssertEqual(report.comparisons.count, 1 + layer.parameters.count, "one comparison per input and parameter", file: file, line: line)
    XCTAssertTrue(report.passed(threshold: threshold), "\(layer.name) gradient check failed:\n\(report)", file: file, line: line)
}

/// A reproducible random tensor.
func randomTensor(_ shape: [Int], seed: UInt64, standardDeviation: Double = 1) -> Tensor {
    var generator = SeededGenerator(seed: seed)
    return Tensor.normal(shape, standardDeviation: standardDeviation, using: &generator)
}

/// XCTAssert that two tensors agree within `tolerance` (max absolute difference), naming the shapes.
func assertClose(_ observed: Tensor, _ expected: Tensor, tolerance: Double = 1e-9, _ what: String = "",
                 file: StaticString = #filePath, line: UInt = #line) {
    guard observed.shape == expected.shape else {
        XCTFail("\(what): shape \(observed.shape) differs from expected \(expected.shape)", file: file, line: line)
        return
    }
    let difference = maxAbsoluteDifference(observed, expected)
    XCTAssertLessThanOrEqual(difference, tolerance, "\(what): max |observed − expected| = \(difference)\nobserved \(observed)\nexpected \(expected)",
                             file: file, line: line)
}

import XCTest
import Foundation
import TensorCore
@testable import DeepLearning

/// L1's swish erratum and the end-of-note questions, computed with the reference functions.
final class L1SectionsTests: XCTestCase {
    let note = lecture("L1")

    func testSwishErratum() {
        let negative = Tensor((1...400).map { -Double($0) / 100 })
        XCTAssertTrue(swish(negative).scalars.allSatisfy { $0 < 0 }, "swish is negative for every x < 0")
        XCTAssertTrue(relu(negative).scalars.allSatisfy { $0 == 0 })
        assertQuoted("> **Errata (swish is not non-negative).** *The seed's claim:* swish is \"nonnegative everywhere,\n> not monotonic\".", in: note)
        let minimum = swish(negative).min()
        assertQuoted("minimum ≈ \(fixedU(minimum, 3)) near $x \\approx -1.28$ (β = 1)", in: note)
        XCTAssertTrue(note.contains("## Why now"))
    }

    func testQuestions() throws {
        // 1. 784 → 128 → 10 with biases.
        let hidden = try LayerSpec.dense(outFeatures: 128).walk([784]).parameters
        let output = try LayerSpec.dense(outFeatures: 10).walk([128]).parameters
        assertQuoted("$784\\cdot128 + 128 = \(groupedTeX(hidden))$ and $128\\cdot10 + 10 = \(groupedTeX(output))$: **\(grouped(hidden + output))** in all.", in: note)
        // 2. softmax([3, 1, 1]).
        let p = softmax(Tensor(shape: [1, 3], scalars: [3, 1, 1])).scalars
        assertQuoted("$[e^2, 1, 1]/(e^2 + 2) = [" + p.map { fixed($0, 4) }.joined(separator: ", ") + "]$", in: note)
        // 3. σ'(2).
        let s2 = sigmoid(2.0)
        assertQuoted("$\\sigma(2)\\,(1 - \\sigma(2)) = \(fixed(s2, 4))\\cdot\(fixed(1 - s2, 4)) = \(fixed(sigmoidDerivative(Tensor([2])).scalars[0], 4))$", in: note)
        // 4. Leaky ReLU at −3 with the default slope.
        let value = leakyReLU(Tensor([-3])).scalars[0], slope = leakyReLUDerivative(Tensor([-3])).scalars[0]
        assertQuoted("4. $\(short(value))$ and $\(short(slope))$.", in: note)
        // 5. Swish at ±2.
        let sw = swish(Tensor([2, -2])).scalars
        assertQuoted("$2\\,\\sigma(2) = \(fixed(sw[0], 4))$ and $-2\\,\\sigma(-2) = \(fixed(sw[1], 4))$", in: note)
    }
}

import XCTest
import Foundation
import TensorCore
@testable import DeepLearning

/// L7's new paragraphs (the filters figure's network, the pooling-backward figure) and the
/// end-of-note questions, each answer computed with the reference layers.
final class L7SectionsTests: XCTestCase {
    let note = lecture("L7")

    private func firstConv(_ layers: [LayerSpec]) -> (out: Int, kernel: Int)? {
        for layer in layers { if case let .conv(out, kernel, _, _, _) = layer { return (out, kernel) } }
        return nil
    }

    /// The filters figure shows the digits network's 3×3 filters, not LeNet's 5×5 ones.
    func testFiltersParagraph() throws {
        let lenet = try XCTUnwrap(firstConv(LeNet5.layers)), digits = try XCTUnwrap(firstConv(DigitsNet.layers))
        assertQuoted("LeNet's own first layer has \(inWords(lenet.out)) \(lenet.kernel)×\(lenet.kernel) filters on \(LeNet5.inputShape[1])×\(LeNet5.inputShape[2]) images", in: note)
        assertQuoted("the course's digits are only \(DigitsNet.inputShape[1])×\(DigitsNet.inputShape[2])", in: note)
        assertQuoted("uses \(digits.kernel)×\(digits.kernel) filters instead. The figure shows that network's sixteen\nfirst-layer \(digits.kernel)×\(digits.kernel) filters", in: note)
        XCTAssertEqual(digits.out, 16)
        XCTAssertTrue(note.contains("](figures/maxpool-gradient.svg)"))
    }

    func testQuestions() throws {
        var context = ForwardContext(training: false)
        // 1. 6×6×16 through 2×2 max pooling, stride 2.
        let pool = MaxPool2D(size: 2, stride: 2)
        let shape = pool.outputShape(for: [1, 16, 6, 6])
        XCTAssertEqual(pool.parameters.count, 0)
        assertQuoted("$(6 - 2)/2 + 1 = \(shape[2])$: **\(shape[2])×\(shape[3])×\(shape[1])**, and **\(pool.parameters.count)** parameters", in: note)
        // 2. 3×3 windows, stride 2, on 7×7.
        let m = try ConvolutionGeometry.outputSize(input: 7, kernel: 3, stride: 2)
        assertQuoted("2. $(7 - 3)/2 + 1 = \(m)$.", in: note)
        // 3. Average pooling spreads 8 over four inputs.
        let average = AveragePool2D(size: 2)
        let (_, averageCache) = average.forward(Tensor(shape: [1, 1, 2, 2], scalars: [1, 2, 3, 4]), context: &context)
        let spread = average.backward(Tensor(shape: [1, 1, 1, 1], scalars: [8]), cache: averageCache).inputGradient.scalars
        XCTAssertEqual(Set(spread), [2])
        assertQuoted("3. $8/4 = \(short(spread[0]))$ each.", in: note)
        // 4. A tie: the first maximum in row-major order gets the whole gradient.
        let (_, maxCache) = pool.forward(Tensor(shape: [1, 1, 2, 2], scalars: [1, 3, 3, 2]), context: &context)
        let routed = pool.backward(Tensor(shape: [1, 1, 1, 1], scalars: [5]), cache: maxCache).inputGradient.scalars
        assertQuoted("$dx = \\begin{bmatrix}\(short(routed[0]))&\(short(routed[1]))\\\\\(short(routed[2]))&\(short(routed[3]))\\end{bmatrix}$ (the tied 3 below it gets nothing)", in: note)
        // 5. A 3×3 convolution from 64 to 64 channels.
        let p = ConvolutionGeometry.parameterCount(inChannels: 64, outChannels: 64, kernel: 3)
        assertQuoted("5. $64\\cdot64\\cdot9 + 64 = \(groupedTeX(p))$.", in: note)
    }
}

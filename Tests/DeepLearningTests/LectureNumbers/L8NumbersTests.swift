import XCTest
import Foundation
import TensorCore
@testable import DeepLearning

/// Every number quoted in lectures/L8-toolkits-and-training-loop.md.
final class L8LectureNumbersTests: XCTestCase {
    let note = lecture("L8")

    /// §2: the define → compile → fit example's parameter count, with the reference `Sequential`.
    func testKerasExampleParameters() {
        var generator = SeededGenerator(seed: 0)
        let widths = [21, 100, 100, 100, 1]
        var model = Sequential()
        for (i, (a, b)) in zip(widths, widths.dropFirst()).enumerated() {
            model.append(Dense(inputSize: a, outputSize: b, using: &generator))
            if i < widths.count - 2 { model.append(ReLU()) } else { model.append(Sigmoid()) }
        }
        let table = model.shapeTable(inputShape: [1, 21])
        let counts = table.rows.map(\.parameterCount).filter { $0 > 0 }
        let formulas = ["$21\\cdot100 + 100$", "$100\\cdot100 + 100$", "$100\\cdot100 + 100$", "$100\\cdot1 + 1$"]
        let labels = ["dense 21 → 100", "dense 100 → 100", "dense 100 → 100", "dense 100 → 1"]
        for i in 0..<4 {
            assertQuoted("| \(labels[i]) | \(formulas[i]) | \(grouped(counts[i])) |", in: note)
        }
        assertQuoted("| **total** | | **\(grouped(table.totalParameters))** |", in: note)
        assertQuoted("takes \(widths[0]) input features through three dense layers of \(widths[1]) ReLU units", in: note)
    }

    /// §3: the conventions table's numbers are the reference defaults.
    func testConventionsTable() {
        let batchNorm = BatchNorm(featureCount: 1)
        assertQuoted("**\(short(batchNorm.momentum)), weight of the new batch** (as PyTorch)", in: note)
        assertQuoted("**1e−\(Int(-log10(batchNorm.epsilon).rounded()))** (as PyTorch)", in: note)
        assertQuoted("**outside the root**, 1e−\(Int(-log10(RMSProp().delta).rounded())) |", in: note)
        assertQuoted("| Adam δ | 1e−7 | 1e−8 | **1e−\(Int(-log10(Adam().delta).rounded()))** (as PyTorch) |", in: note)
        XCTAssertEqual(LeakyReLU().slope, 0.01)
        // Dropout's p is the drop probability: with p = 1 nothing survives.
        var dropout = Dropout(p: 1)
        var context = ForwardContext(training: true)
        XCTAssertEqual(dropout.forward(Tensor([1, 2]), context: &context).output.scalars, [0, 0])
        // Non-tiling configurations are an error.
        XCTAssertThrowsError(try ConvolutionGeometry.outputSize(input: 7, kernel: 3, stride: 3))
        // Padding per side: padding 1 on a 3×3 kernel keeps the size.
        XCTAssertEqual(try ConvolutionGeometry.outputSize(input: 7, kernel: 3, padding: 1), 7)
        assertQuoted("per side (`padding=1`)", in: note)
    }

    /// §4: the training loop sketch's batch size and seed are the sampler's arguments.
    func testTrainingLoopSketch() {
        var sampler = MinibatchSampler(count: 100, batchSize: 32, seed: 1)
        let batches = sampler.nextEpoch()
        XCTAssertEqual(batches.map(\.count), [32, 32, 32, 4], "the last, smaller minibatch is kept")
        assertQuoted("MinibatchSampler(count: trainCount, batchSize: \(sampler.batchSize), seed: 1)", in: note)
    }

    /// §5: the digits data and the demo's split and epochs.
    func testDigits() throws {
        let digits = try Digits.load()
        XCTAssertEqual(digits.images.shape, [digits.labels.count, 1, Digits.imageSize, Digits.imageSize])
        // Pixels are stored as value/16, so the raw values run from 0 to 16.
        let raw = digits.images.scalars.map { ($0 * 16).rounded() }
        assertQuoted("\(grouped(digits.labels.count)) handwritten digits of\n\(Digits.imageSize)×\(Digits.imageSize) pixels with values \(Int(raw.min()!))–\(Int(raw.max()!))", in: note)
        let options = DigitsNet.TrainingOptions()
        let split = Int(((1 - options.testFraction) * 100).rounded())
        assertQuoted("on a stratified \(split)/\(100 - split) split for \(options.epochs) epochs and evaluates the held-out \(100 - split) %", in: note)
        XCTAssertEqual(options.batchSize, 32)
    }

    /// §6: the batched FC6 product.
    func testBatchedMatrixMultiply() throws {
        let table = AlexNet.lectureTable()
        let fc6 = table.rows.first { $0.name.hasPrefix("dense") }!
        let inputs = table.rows.first { $0.name == "flatten" }!.outputShape[0]
        let outputs = fc6.outputShape[0]
        let weights = try LayerSpec.dense(outFeatures: outputs, bias: false).walk([inputs]).parameters
        XCTAssertEqual(fc6.parameters, weights + outputs)
        let batch = 128
        let multiplyAdds = batch * inputs * outputs
        func latex(_ n: Int) -> String { grouped(n).replacingOccurrences(of: ",", with: "{,}") }
        assertQuoted("$\(batch)\\cdot\(latex(inputs))\\cdot\(latex(outputs)) = \(latex(multiplyAdds))$", in: note)
        assertQuoted("instead of \(batch) separate matrix–vector products", in: note)
        assertQuoted("The \(grouped(weights)) weights of that matrix", in: note)
        assertQuoted("reused for all \(batch) examples", in: note)
    }
}

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

    /// §3: Keras's `Conv2D` defaults (strides 1, "valid") are the reference `Conv2D`'s.
    func testConvolutionDefaults() throws {
        var generator = SeededGenerator(seed: 0)
        let conv = Conv2D(inChannels: 1, outChannels: 1, kernelSize: 3, using: &generator)
        XCTAssertEqual(conv.padding, try ConvolutionGeometry.resolve(.valid, input: 8, kernel: 3), "default padding = \"valid\"")
        assertCited("strides (\(conv.stride), \(conv.stride)), padding (`\"valid\"`)", source: "Keras's", in: note)
    }

    /// §3: the conventions table. The course's (and, where the course follows it, PyTorch's)
    /// cells are the reference defaults; the Keras (and other PyTorch) cells are cited by the
    /// table's column headers.
    func testConventionsTable() {
        func power(_ x: Double) -> String { "1e−\(Int(-log10(x).rounded()))" }
        assertCited("| dense/conv initializer | `glorot_uniform` | `kaiming_uniform_(a=√5)` |", source: "PyTorch", in: note)
        let batchNorm = BatchNorm(featureCount: 1)
        let m = short(batchNorm.momentum)
        assertCited("| batch-norm momentum | 0.99 = fraction kept | \(m) = weight of new batch | **\(m), weight of the new batch** (as PyTorch) |", source: "Keras", in: note)
        assertCited("| batch-norm ε | 1e−3 | \(power(batchNorm.epsilon)) | **\(power(batchNorm.epsilon))** (as PyTorch) |", source: "Keras", in: note)
        // RMSProp: where δ goes, read from one step of the reference. With a tiny gradient √r is
        // not much larger than δ, so adding δ inside or outside the root gives different steps.
        var rmsProp = RMSProp()
        var parameters = [Tensor([0])]
        let g = 1e-6
        rmsProp.step(parameters: &parameters, gradients: [Tensor([g])])
        let r = (1 - rmsProp.rho) * g * g
        let outside = rmsProp.learningRate * g / (r.squareRoot() + rmsProp.delta)
        let inside = rmsProp.learningRate * g / (r + rmsProp.delta).squareRoot()
        let taken = -parameters[0].scalars[0]
        let placement = abs(taken - outside) < abs(taken - inside) ? "outside" : "inside"
        XCTAssertEqual(taken, placement == "outside" ? outside : inside, accuracy: 1e-12 * taken)
        assertCited("| RMSProp δ | inside √, 1e−7 | \(placement) √, \(power(rmsProp.delta)) | **\(placement) the root**, \(power(rmsProp.delta)) |", source: "Keras", in: note)
        assertCited("| Adam δ | 1e−7 | \(power(Adam().delta)) | **\(power(Adam().delta))** (as PyTorch) |", source: "Keras", in: note)
        // L2: the reference penalty has a ½ and gradient λw.
        let w = Tensor([2, -1])
        let (value, gradient) = l2Penalty(w, lambda: 0.1)
        let half = Int((0.1 * w.dot(w) / value).rounded())
        XCTAssertEqual(gradient, w * 0.1)
        assertCited("| L2 penalty | $l\\lVert w\\rVert^2$ | `weight_decay` = gradient $\\lambda w$ | **$\\tfrac1\(half)\\lambda\\lVert w\\rVert^2$, gradient $\\lambda w$** (as PyTorch) |", source: "Keras", in: note)
        XCTAssertEqual(LeakyReLU().slope, 0.01)
        // Dropout's p is the drop probability: with p = 1 nothing survives.
        let dropout = Dropout(p: 1)
        var context = ForwardContext(training: true)
        XCTAssertEqual(dropout.forward(Tensor([1, 2]), context: &context).output.scalars, [0, 0])
        // Non-tiling configurations are an error.
        XCTAssertThrowsError(try ConvolutionGeometry.outputSize(input: 7, kernel: 3, stride: 3))
        // Padding per side: padding 1 on a 3×3 kernel keeps the size.
        let padding = 1
        XCTAssertEqual(try ConvolutionGeometry.outputSize(input: 7, kernel: 3, padding: padding), 7)
        assertQuoted("per side (`padding=\(padding)`)", in: note)
        // Pitfalls: Keras's batch-norm momentum pasted into a PyTorch-style layer.
        assertCited("Keras's `momentum=0.99` pasted into a\n  PyTorch-style batch norm", source: "Keras's", in: note)
    }

    /// §4: the training loop sketch's batch size and seed are those of the demo's minibatch
    /// sampler: the seed is found by replaying `DigitsNet.train`'s first epoch with a `Trainer`
    /// whose seed (which seeds its `MinibatchSampler`) is varied.
    func testTrainingLoopSketch() throws {
        let data = try Digits.load()
        // A small run (few examples, a small held-out part) keeps the replay cheap; the seed
        // relation does not depend on these sizes.
        let options = DigitsNet.TrainingOptions(epochs: 1, batchSize: 4, testFraction: 0.01, trainingLimit: 8)
        let demo = DigitsNet.train(data, options: options)
        let train = DigitsNet.split(data, options: options).train
        let steps = options.epochs * ((train.count + options.batchSize - 1) / options.batchSize)
        func replay(seed: UInt64) -> TrainingHistory {
            var trainer = Trainer(model: DigitsNet.makeModel(seed: options.seed),
                                  optimizer: Adam(learningRate: options.learningRate),
                                  schedule: LinearDecay(initial: options.learningRate, final: options.learningRate / 10,
                                                        decaySteps: max(1, steps - 1)),
                                  batchSize: options.batchSize, seed: seed,
                                  loss: { softmaxCrossEntropy(logits: $0, labels: $1) })
            return trainer.fit(inputs: train.images, labels: train.labels, epochs: options.epochs)
        }
        let seed = (UInt64(0)..<4).first { replay(seed: $0).trainLoss == demo.history.trainLoss }
        XCTAssertNotNil(seed, "some sampler seed reproduces the demo")
        let batchSize = DigitsNet.TrainingOptions().batchSize
        assertQuoted("MinibatchSampler(count: trainCount, batchSize: \(batchSize), seed: \(seed ?? 99))", in: note)
        // The last, smaller minibatch is kept.
        var sampler = MinibatchSampler(count: 100, batchSize: batchSize, seed: seed ?? 0)
        let batches = sampler.nextEpoch()
        XCTAssertEqual(batches.map(\.count).reduce(0, +), 100)
        XCTAssertEqual(batches.last?.count, 100 % batchSize, "the last, smaller minibatch is kept")
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
        assertQuoted("A stratified \(split)/\(100 - split) split sets", in: note)
        XCTAssertEqual(options.batchSize, trainerDefaultBatchSize())
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
        assertQuoted("$\(batch)\\cdot\(groupedTeX(inputs))\\cdot\(groupedTeX(outputs)) = \(groupedTeX(multiplyAdds))$", in: note)
        assertQuoted("instead of \(batch) separate matrix–vector products", in: note)
        assertQuoted("The \(grouped(weights)) weights of that matrix", in: note)
        assertQuoted("reused for all \(batch) examples", in: note)
        assertCited("thousands of GPU cores (an\nNVIDIA V100 has 5,120)", source: "NVIDIA V100", in: note)
    }

    /// The reference `Trainer`'s default batch size, read by building one without the argument.
    private func trainerDefaultBatchSize() -> Int {
        Trainer(model: DigitsNet.makeModel(), optimizer: SGD(),
                loss: { softmaxCrossEntropy(logits: $0, labels: $1) }).batchSize
    }

    /// §6: batch sizes are powers of two; the cited range and the reference default.
    func testBatchSizes() {
        let batchSize = trainerDefaultBatchSize()
        XCTAssertEqual(batchSize & (batchSize - 1), 0, "a power of two")
        assertCited("powers of two, typically from 32 to 256", source: "Goodfellow et al., 2016", in: note)
        assertQuoted("the course's `Trainer` defaults to \(batchSize).", in: note)
    }
}

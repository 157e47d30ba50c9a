import XCTest
import Foundation
import TensorCore
@testable import DeepLearning

/// A linear classifier `X·W + b` written against the `Layer` protocol alone, so the trainer is
/// tested independently of the concrete layers.
private struct LinearClassifier: Layer {
    var name = "linear"
    var parameters: [Tensor]
    var parameterNames: [String] { ["weight", "bias"] }

    init(inputs: Int, classes: Int, seed: UInt64) {
        var g = SeededGenerator(seed: seed)
        parameters = [Initializers.glorotUniform([inputs, classes], using: &g), Tensor.zeros([classes])]
    }

    func outputShape(for inputShape: [Int]) -> [Int] { [inputShape[0], parameters[1].count] }

    mutating func forward(_ input: Tensor, context: inout ForwardContext) -> (output: Tensor, cache: Tensor) {
        (input.matmul(parameters[0]).addingRowVector(parameters[1]), input)
    }

    func backward(_ outputGradient: Tensor, cache: Tensor) -> (inputGradient: Tensor, parameterGradients: [Tensor]) {
        (outputGradient.matmul(parameters[0].transposed()),
         [cache.transposed().matmul(outputGradient), outputGradient.sum(axis: 0)])
    }
}

/// Mean softmax cross-entropy and its gradient with respect to the logits.
private func crossEntropy(_ logits: Tensor, _ labels: [Int]) -> (loss: Double, gradient: Tensor) {
    let n = logits.shape[0], k = logits.shape[1]
    var gradient = logits.scalars
    var loss = 0.0
    for i in 0..<n {
        let row = Array(gradient[(i * k)..<((i + 1) * k)])
        let m = row.max()!
        let exps = row.map { exp($0 - m) }
        let total = exps.reduce(0, +)
        for j in 0..<k { gradient[i * k + j] = (exps[j] / total - (j == labels[i] ? 1 : 0)) / Double(n) }
        loss -= log(exps[labels[i]] / total) / Double(n)
    }
    return (loss, Tensor(shape: logits.shape, scalars: gradient))
}

final class TrainingTrainerTests: XCTestCase {
    private let data = Synthetic.blobs(centers: [(-2, 0), (2, 0), (0, 3)], pointsPerCenter: 60, standardDeviation: 0.6, seed: 4)

    func testFitLearnsBlobsAndRecordsHistory() {
        var trainer = Trainer(model: LinearClassifier(inputs: 2, classes: 3, seed: 1), optimizer: Adam(learningRate: 0.05),
                              schedule: LinearDecay(initial: 0.05, final: 0.005, decaySteps: 60), batchSize: 16, seed: 2,
                              loss: crossEntropy)
        let history = trainer.fit(inputs: data.points, labels: data.labels, epochs: 10,
                                  validation: (data.points, data.labels))
        XCTAssertEqual(history.epochs, 10)
        XCTAssertEqual(history.validationAccuracy.count, 10)
        XCTAssertLessThan(history.trainLoss.last!, history.trainLoss.first!)
        XCTAssertGreaterThan(history.validationAccuracy.last!, 0.95)
        XCTAssertEqual(history.learningRates.first, 0.05)
        XCTAssertEqual(trainer.step, 10 * 12, "180 examples in batches of 16: 12 steps per epoch")
    }

    func testFitIsDeterministic() {
        func run() -> [Tensor] {
            var trainer = Trainer(model: LinearClassifier(inputs: 2, classes: 3, seed: 1), optimizer: SGD(learningRate: 0.1),
                                  batchSize: 8, seed: 5, loss: crossEntropy)
            trainer.fit(inputs: data.points, labels: data.labels, epochs: 3)
            return trainer.model.parameters
        }
        XCTAssertEqual(run(), run())
    }

    func testEarlyStoppingInFitRestoresTheBestWeights() {
        // A learning rate far too large makes the validation loss bounce; the restored weights
        // must be those of the best epoch.
        var trainer = Trainer(model: LinearClassifier(inputs: 2, classes: 3, seed: 1), optimizer: SGD(learningRate: 5),
                              batchSize: 180, seed: 0, loss: crossEntropy)
        let history = trainer.fit(inputs: data.points, labels: data.labels, epochs: 30,
                                  validation: (data.points, data.labels), earlyStopping: EarlyStopping(patience: 3))
        let best = history.validationLoss.enumerated().min { $0.element < $1.element }!
        XCTAssertEqual(history.restoredEpoch, best.offset)
        XCTAssertEqual(trainer.evaluate(inputs: data.points, labels: data.labels).loss, best.element, accuracy: 1e-12)
    }

    func testFrozenParametersAreNotUpdated() {
        var trainer = Trainer(model: LinearClassifier(inputs: 2, classes: 3, seed: 1), optimizer: Adam(learningRate: 0.05),
                              batchSize: 32, loss: crossEntropy)
        trainer.frozenParameters = LayerFreezing(frozenLayers: [0]).frozenParameterIndices(parameterCounts: [1, 1])
        XCTAssertEqual(trainer.frozenParameters, [0])
        let before = trainer.model.parameters
        trainer.fit(inputs: data.points, labels: data.labels, epochs: 2)
        XCTAssertEqual(trainer.model.parameters[0], before[0], "frozen weight unchanged")
        XCTAssertNotEqual(trainer.model.parameters[1], before[1], "bias trained")
        XCTAssertEqual(LayerFreezing.first(2).frozenParameterIndices(parameterCounts: [2, 0, 2]), [0, 1])
    }

    func testProgressOutputInPlainMode() {
        var output = ""
        var trainer = Trainer(model: LinearClassifier(inputs: 2, classes: 3, seed: 1), optimizer: SGD(learningRate: 0.1),
                              batchSize: 90, loss: crossEntropy)
        let bar = ProgressBar(totalEpochs: 2, batchesPerEpoch: 2, interactive: false, write: { output += $0 }, now: { 0 })
        trainer.fit(inputs: data.points, labels: data.labels, epochs: 2, validation: (data.points, data.labels), progress: bar)
        let lines = output.split(separator: "\n")
        XCTAssertEqual(lines.count, 2)
        XCTAssertTrue(lines[1].hasPrefix("epoch 2/2  batch 2/2  loss "), String(lines[1]))
        XCTAssertTrue(lines[1].contains("val_accuracy"))
    }
}

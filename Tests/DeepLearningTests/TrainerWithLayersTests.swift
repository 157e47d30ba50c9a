import XCTest
import TensorCore
@testable import DeepLearning

/// `Trainer` with the real layers and loss (the staged tests use a hand-written linear layer).
final class TrainerWithLayersTests: XCTestCase {
    private func mlp(seed: UInt64) -> Sequential {
        var g = SeededGenerator(seed: seed)
        return Sequential(AnyLayer(Dense(inputSize: 2, outputSize: 16, using: &g)), AnyLayer(ReLU()),
                          AnyLayer(Dense(inputSize: 16, outputSize: 3, using: &g)))
    }

    func testSequentialMLPConvergesOnSeparableBlobs() {
        let data = Synthetic.blobs(centers: [(-2, -1), (2, -1), (0, 2.5)], pointsPerCenter: 40, standardDeviation: 0.5, seed: 9)
        var trainer = Trainer(model: mlp(seed: 1), optimizer: Momentum(learningRate: 0.05, momentum: 0.9),
                              batchSize: 16, seed: 3, loss: { softmaxCrossEntropy(logits: $0, labels: $1) })
        let before = trainer.evaluate(inputs: data.points, labels: data.labels)
        let history = trainer.fit(inputs: data.points, labels: data.labels, epochs: 15)
        let after = trainer.evaluate(inputs: data.points, labels: data.labels)
        XCTAssertLessThan(after.loss, 0.1, "loss \(before.loss) → \(after.loss); history \(history.trainLoss)")
        XCTAssertEqual(after.accuracy, 1, "three well-separated blobs are learned exactly")
        XCTAssertEqual(trainer.predict(data.points).shape, [120, 3])
    }

    func testFreezingTheFirstLayerOfASequential() {
        let data = Synthetic.blobs(centers: [(-2, 0), (2, 0), (0, 3)], pointsPerCenter: 20, seed: 2)
        var trainer = Trainer(model: mlp(seed: 4), optimizer: Adam(learningRate: 0.01), batchSize: 20,
                              loss: { softmaxCrossEntropy(logits: $0, labels: $1) })
        let counts = trainer.model.layers.map { $0.parameters.count }
        XCTAssertEqual(counts, [2, 0, 2])
        trainer.frozenParameters = LayerFreezing.first(1).frozenParameterIndices(parameterCounts: counts)
        let before = trainer.model.parameters
        trainer.fit(inputs: data.points, labels: data.labels, epochs: 2)
        XCTAssertEqual(Array(trainer.model.parameters[0...1]), Array(before[0...1]), "the frozen dense layer is unchanged")
        XCTAssertNotEqual(trainer.model.parameters[2], before[2], "the head is trained")
    }
}

import Foundation
import TensorCore

/// The course's digits recipe (lecture L8, the `course train-digits` demo): a seeded stratified
/// 80/20 split of `Digits`, the `DigitsNet` CNN, minibatches of 32 reshuffled every epoch, Adam
/// with a learning rate decaying linearly from `learningRate` to a tenth of it over the run,
/// mean softmax cross-entropy, and the held-out 20 % evaluated after every epoch (in evaluation
/// mode; it is only watched, never used to choose anything, so the final test accuracy is honest).
extension DigitsNet {
    public struct TrainingOptions: Sendable {
        public var epochs: Int
        public var batchSize: Int
        /// Adam's ε at step 0; it decays linearly to `learningRate / 10` at the last step.
        public var learningRate: Double
        /// Seeds the split, the initial weights and the minibatch order.
        public var seed: UInt64
        public var testFraction: Double
        /// Train on only the first `trainingLimit` training examples (for quick tests).
        public var trainingLimit: Int?

        public init(epochs: Int = 30, batchSize: Int = 32, learningRate: Double = 0.003, seed: UInt64 = 0,
                    testFraction: Double = 0.2, trainingLimit: Int? = nil) {
            self.epochs = epochs; self.batchSize = batchSize; self.learningRate = learningRate
            self.seed = seed; self.testFraction = testFraction; self.trainingLimit = trainingLimit
        }
    }

    public struct TrainingRun {
        public var model: Sequential
        public var history: TrainingHistory
        public var trainCount: Int
        public var testLabels: [Int]
        public var testPredictions: [Int]
        public var testAccuracy: Double { Metrics.accuracy(predictions: testPredictions, labels: testLabels) }
        /// `C[true][predicted]` on the test set.
        public var confusionMatrix: [[Int]] {
            Metrics.confusionMatrix(predictions: testPredictions, labels: testLabels, classCount: Digits.classCount)
        }
    }

    /// The split `train(_:options:)` uses for `options` (stratified, seeded, training part
    /// optionally cut to `trainingLimit` examples).
    public static func split(_ data: LabeledImages, options: TrainingOptions) -> (train: LabeledImages, test: LabeledImages) {
        var (train, test) = data.split(testFraction: options.testFraction, stratified: true, seed: options.seed)
        if let limit = options.trainingLimit, limit < train.count {
            var generator = SeededGenerator(seed: options.seed &+ 17)
            var order = Array(0..<train.count)
            generator.shuffle(&order)
            train = train.subset(Array(order.prefix(limit)).sorted())
        }
        return (train, test)
    }

    /// The number of minibatches per epoch for `options` on `data` (for sizing a `ProgressBar`).
    public static func batchesPerEpoch(_ data: LabeledImages, options: TrainingOptions) -> Int {
        let n = split(data, options: options).train.count
        return (n + options.batchSize - 1) / options.batchSize
    }

    /// Trains a fresh `DigitsNet` on `data` with `options`; `progress` receives every batch.
    public static func train(_ data: LabeledImages, options: TrainingOptions = TrainingOptions(),
                             progress: ProgressBar? = nil) -> TrainingRun {
        let (train, test) = split(data, options: options)
        let steps = options.epochs * ((train.count + options.batchSize - 1) / options.batchSize)
        var trainer = Trainer(model: makeModel(seed: options.seed),
                              optimizer: Adam(learningRate: options.learningRate),
                              schedule: LinearDecay(initial: options.learningRate, final: options.learningRate / 10,
                                                    decaySteps: max(1, steps - 1)),
                              batchSize: options.batchSize, seed: options.seed &+ 1,
                              loss: { softmaxCrossEntropy(logits: $0, labels: $1) })
        let history = trainer.fit(inputs: train.images, labels: train.labels, epochs: options.epochs,
                                  validation: (test.images, test.labels), progress: progress)
        let predictions = Metrics.predictions(trainer.predict(test.images))
        return TrainingRun(model: trainer.model, history: history, trainCount: train.count,
                           testLabels: test.labels, testPredictions: predictions)
    }
}

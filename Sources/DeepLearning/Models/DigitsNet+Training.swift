import Foundation
import TensorCore

/// The course's digits recipe (lecture L8, the `course train-digits` demo): a seeded stratified
/// 80/20 split of `Digits` into a training part and a test set, then a second stratified split
/// that holds out `validationFraction` of the training part as the validation set; the
/// `DigitsNet` CNN, minibatches of 32 reshuffled every epoch, Adam with a learning rate decaying
/// linearly from `learningRate` to a tenth of it over the run, and mean softmax cross-entropy.
/// The validation set is evaluated after every epoch (in evaluation mode) and is what the
/// history's `validation*` curves show; the test set is evaluated once, after the last epoch, so
/// nothing about the run was chosen by looking at it (L8, "validating on the test set").
extension DigitsNet {
    public struct TrainingOptions: Sendable {
        public var epochs: Int
        public var batchSize: Int
        /// Adam's ε at step 0; it decays linearly to `learningRate / 10` at the last step.
        public var learningRate: Double
        /// Seeds the split, the initial weights and the minibatch order.
        public var seed: UInt64
        /// The share of all images kept as the test set (evaluated once, at the end).
        public var testFraction: Double
        /// The share of the remaining (training) images held out as the validation set, watched
        /// after every epoch; 0 turns validation off. The default 0.1 leaves 1,293 images to train
        /// on and 145 to validate with (0.2 left 1,151 and cost about half a point of test accuracy).
        public var validationFraction: Double
        /// Train on only `trainingLimit` of the training examples (for quick tests).
        public var trainingLimit: Int?
        /// The convolutions' arithmetic (`Conv2D.precision`): `.double` (the default, as every
        /// gradient check) or `.float` (the products in `Float`, as PyTorch's float32 models).
        public var convolutionPrecision: ConvolutionPrecision

        public init(epochs: Int = 30, batchSize: Int = 32, learningRate: Double = 0.003, seed: UInt64 = 0,
                    testFraction: Double = 0.2, validationFraction: Double = 0.1, trainingLimit: Int? = nil,
                    convolutionPrecision: ConvolutionPrecision = .double) {
            precondition(validationFraction >= 0 && validationFraction < 1,
                         "TrainingOptions: validation fraction \(validationFraction) is outside [0, 1)")
            self.epochs = epochs; self.batchSize = batchSize; self.learningRate = learningRate
            self.seed = seed; self.testFraction = testFraction; self.validationFraction = validationFraction
            self.trainingLimit = trainingLimit; self.convolutionPrecision = convolutionPrecision
        }
    }

    public struct TrainingRun {
        public var model: Sequential
        public var history: TrainingHistory
        public var trainCount: Int
        /// The number of validation images behind `history.validationLoss` and `validationAccuracy`.
        public var validationCount: Int
        public var testLabels: [Int]
        public var testPredictions: [Int]
        public var testAccuracy: Double { Metrics.accuracy(predictions: testPredictions, labels: testLabels) }
        /// `C[true][predicted]` on the test set.
        public var confusionMatrix: [[Int]] {
            Metrics.confusionMatrix(predictions: testPredictions, labels: testLabels, classCount: Digits.classCount)
        }
    }

    /// The three parts `train(_:options:)` uses for `options`: the test set (`testFraction` of
    /// `data`, stratified, seeded), the validation set (`validationFraction` of the rest, stratified,
    /// with the next seed) and the training set (what is left, optionally cut to `trainingLimit`
    /// examples). The three are disjoint and together are all of `data` (without a limit).
    public static func splits(_ data: LabeledImages, options: TrainingOptions)
        -> (train: LabeledImages, validation: LabeledImages, test: LabeledImages) {
        let (rest, test) = data.split(testFraction: options.testFraction, stratified: true, seed: options.seed)
        var train = rest, validation = rest.subset([])
        if options.validationFraction > 0 {
            (train, validation) = rest.split(testFraction: options.validationFraction, stratified: true, seed: options.seed &+ 1)
        }
        if let limit = options.trainingLimit, limit < train.count {
            var generator = SeededGenerator(seed: options.seed &+ 17)
            var order = Array(0..<train.count)
            generator.shuffle(&order)
            train = train.subset(Array(order.prefix(limit)).sorted())
        }
        return (train, validation, test)
    }

    /// The training and test parts of `splits(_:options:)` (the validation set left out).
    public static func split(_ data: LabeledImages, options: TrainingOptions) -> (train: LabeledImages, test: LabeledImages) {
        let parts = splits(data, options: options)
        return (parts.train, parts.test)
    }

    /// The number of minibatches per epoch for `options` on `data` (for sizing a `ProgressBar`).
    public static func batchesPerEpoch(_ data: LabeledImages, options: TrainingOptions) -> Int {
        let n = split(data, options: options).train.count
        return (n + options.batchSize - 1) / options.batchSize
    }

    /// Trains a fresh `DigitsNet` on `data` with `options`; `progress` receives every batch.
    public static func train(_ data: LabeledImages, options: TrainingOptions = TrainingOptions(),
                             progress: ProgressBar? = nil) -> TrainingRun {
        let (train, validation, test) = splits(data, options: options)
        let steps = options.epochs * ((train.count + options.batchSize - 1) / options.batchSize)
        var trainer = Trainer(model: makeModel(seed: options.seed, convolutionPrecision: options.convolutionPrecision),
                              optimizer: Adam(learningRate: options.learningRate),
                              schedule: LinearDecay(initial: options.learningRate, final: options.learningRate / 10,
                                                    decaySteps: max(1, steps - 1)),
                              batchSize: options.batchSize, seed: options.seed &+ 1,
                              loss: { softmaxCrossEntropy(logits: $0, labels: $1) })
        let history = trainer.fit(inputs: train.images, labels: train.labels, epochs: options.epochs,
                                  validation: validation.count > 0 ? (validation.images, validation.labels) : nil,
                                  progress: progress)
        // The test set, once, after training.
        let predictions = Metrics.predictions(trainer.predict(test.images))
        return TrainingRun(model: trainer.model, history: history, trainCount: train.count,
                           validationCount: validation.count, testLabels: test.labels, testPredictions: predictions)
    }
}

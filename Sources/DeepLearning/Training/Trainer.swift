import Foundation
import TensorCore

/// What `Trainer.fit` records, one entry per epoch (lecture L8: "monitor a validation set").
public struct TrainingHistory: Sendable {
    /// Mean training loss over the epoch's minibatches (weighted by batch size).
    public var trainLoss: [Double] = []
    /// Training accuracy over the epoch, measured on the minibatches as they were trained.
    public var trainAccuracy: [Double] = []
    public var validationLoss: [Double] = []
    public var validationAccuracy: [Double] = []
    /// The learning rate at the first step of each epoch.
    public var learningRates: [Double] = []
    /// The epoch (0-based) whose weights the model holds at the end when early stopping
    /// restored the best weights; `nil` otherwise.
    public var restoredEpoch: Int?
    public var epochs: Int { trainLoss.count }
}

/// The training loop (lecture L8: define → compile → fit): minibatches reshuffled every epoch,
/// forward, loss, backward, optional global-norm clipping, one optimizer step per minibatch
/// with the learning rate from the schedule, then a validation pass in evaluation mode.
///
/// Works with any `Layer` (a `Sequential` usually). The loss takes logits `[B, K]` and labels
/// and returns the mean loss over the batch and its gradient with respect to the logits.
/// The schedule is advanced once per minibatch (step 0 is the first update). Parameters whose
/// positions are in `frozenParameters` are neither updated nor given optimizer state (see
/// `LayerFreezing` for turning layer indices into positions).
public struct Trainer<Model: Layer> {
    public typealias Loss = (_ logits: Tensor, _ labels: [Int]) -> (loss: Double, gradient: Tensor)

    public var model: Model
    public var optimizer: any Optimizer
    public var schedule: (any LearningRateSchedule)?
    public var loss: Loss
    public var batchSize: Int
    public var seed: UInt64
    /// If set, gradients are clipped to this global norm before each step.
    public var clipNorm: Double?
    /// Positions in `model.parameters` the optimizer skips.
    public var frozenParameters: Set<Int> = []
    /// Steps taken so far (the schedule's step index).
    public private(set) var step = 0

    public init(model: Model, optimizer: any Optimizer, schedule: (any LearningRateSchedule)? = nil,
                batchSize: Int = 32, seed: UInt64 = 0, clipNorm: Double? = nil, loss: @escaping Loss) {
        precondition(batchSize > 0, "Trainer: batch size \(batchSize) must be positive")
        self.model = model
        self.optimizer = optimizer
        self.schedule = schedule
        self.batchSize = batchSize
        self.seed = seed
        self.clipNorm = clipNorm
        self.loss = loss
    }

    /// Trains for `epochs` epochs and returns the history. With `earlyStopping`, the
    /// validation loss is monitored (training loss if there is no validation set), training
    /// stops when patience runs out, and the best weights are restored at the end.
    @discardableResult
    public mutating func fit(inputs: Tensor, labels: [Int], epochs: Int,
                             validation: (inputs: Tensor, labels: [Int])? = nil,
                             earlyStopping: EarlyStopping? = nil,
                             progress: ProgressBar? = nil) -> TrainingHistory {
        precondition(inputs.rank >= 1 && inputs.shape[0] == labels.count,
                     "Trainer.fit: inputs of shape \(inputs.shape) but \(labels.count) labels")
        precondition(epochs > 0, "Trainer.fit: \(epochs) epochs; need at least one")
        var sampler = MinibatchSampler(count: labels.count, batchSize: batchSize, shuffle: true, seed: seed)
        var history = TrainingHistory()
        var stopper = earlyStopping
        var progress = progress
        var context = ForwardContext(training: true, seed: seed &+ 1)
        for epoch in 0..<epochs {
            var lossSum = 0.0, correct = 0, seen = 0
            let batches = sampler.nextEpoch()
            for (b, indices) in batches.enumerated() {
                if let schedule { optimizer.learningRate = schedule.learningRate(at: step) }
                if b == 0 { history.learningRates.append(optimizer.learningRate) }
                let x = gatherBatch(inputs, indices: indices)
                let y = indices.map { labels[$0] }
                context.training = true
                let (logits, cache) = model.forward(x, context: &context)
                let (value, gradient) = loss(logits, y)
                var (_, gradients) = model.backward(gradient, cache: cache)
                if let clipNorm { clipByGlobalNorm(&gradients, maxNorm: clipNorm) }
                applyStep(gradients)
                step += 1
                lossSum += value * Double(indices.count)
                seen += indices.count
                correct += zip(Metrics.predictions(logits), y).filter { $0 == $1 }.count
                progress?.update(epoch: epoch + 1, batch: b + 1, loss: lossSum / Double(seen),
                                 accuracy: Double(correct) / Double(seen))
            }
            history.trainLoss.append(lossSum / Double(seen))
            history.trainAccuracy.append(Double(correct) / Double(seen))
            var extra = ""
            if let validation {
                let result = evaluate(inputs: validation.inputs, labels: validation.labels)
                history.validationLoss.append(result.loss)
                history.validationAccuracy.append(result.accuracy)
                extra = "val_loss \(fixed(result.loss, 4))  val_accuracy \(fixed(result.accuracy, 4))"
            }
            progress?.finishEpoch(epoch: epoch + 1, loss: history.trainLoss.last!,
                                  accuracy: history.trainAccuracy.last, extra: extra)
            if stopper != nil {
                let monitored = history.validationLoss.last ?? history.trainLoss.last!
                if stopper!.update(value: monitored, parameters: model.parameters) { break }
            }
        }
        if let stopper, stopper.bestParameters != nil {
            var parameters = model.parameters
            stopper.restoreBest(into: &parameters)
            model.parameters = parameters
            history.restoredEpoch = stopper.bestEpoch
        }
        return history
    }

    /// Mean loss and accuracy on a data set, in evaluation mode (dropout off, batch norm on
    /// running statistics), in batches of `batchSize`, without changing any parameter.
    public mutating func evaluate(inputs: Tensor, labels: [Int]) -> (loss: Double, accuracy: Double) {
        let logits = predict(inputs)
        let (value, _) = loss(logits, labels)
        return (value, Metrics.accuracy(scores: logits, labels: labels))
    }

    /// The model's outputs (logits) for `inputs`, in evaluation mode, batch by batch.
    public mutating func predict(_ inputs: Tensor) -> Tensor {
        var context = ForwardContext(training: false, seed: seed)
        let n = inputs.shape[0]
        var outputs: [Tensor] = []
        for start in stride(from: 0, to: n, by: batchSize) {
            let x = gatherBatch(inputs, indices: Array(start..<min(start + batchSize, n)))
            outputs.append(model.forward(x, context: &context).output)
        }
        return Tensor.concatenate(outputs, axis: 0)
    }

    /// One optimizer step on the trainable parameters only.
    private mutating func applyStep(_ gradients: [Tensor]) {
        var parameters = model.parameters
        precondition(gradients.count == parameters.count,
                     "Trainer: the model returned \(gradients.count) parameter gradients for \(parameters.count) parameters")
        if frozenParameters.isEmpty {
            optimizer.step(parameters: &parameters, gradients: gradients)
        } else {
            let trainable = parameters.indices.filter { !frozenParameters.contains($0) }
            var subset = trainable.map { parameters[$0] }
            optimizer.step(parameters: &subset, gradients: trainable.map { gradients[$0] })
            for (k, i) in trainable.enumerated() { parameters[i] = subset[k] }
        }
        model.parameters = parameters
    }
}

import TensorCore

// ex12.4 — Train the digits CNN (given in DigitsNetwork.swift) to at least 95% test accuracy.
//
// 1. minibatches(count:batchSize:generator:): a seeded shuffle of the indices 0..<count
//    (generator.shuffle), cut into consecutive batches of `batchSize`; the last batch holds the
//    remainder when batchSize does not divide count. Every index appears exactly once per epoch.
//
// 2. trainDigitsClassifier(images:labels:seed:): the training loop.
//      var generator = SeededGenerator(seed: seed)
//      var model = DigitsModel(generator: &generator)
//      for each epoch, for each batch of minibatches(…):
//          x = images.rows(batch), y = the batch's labels
//          forward → softmaxCrossEntropy → backward
//          update every parameter with SGD and momentum:  v ← μ·v − η·g,  θ ← θ + v
//          (one velocity per parameter tensor, starting at zero)
//    Suggested: 20 epochs, batch size 32, η = 0.05, μ = 0.9. Every random draw from `generator`,
//    so the same seed gives the same model.
//
// The checks shuffle the 1,797 digits with a fixed seed, give you 80% (1,437 images [N, 1, 8, 8],
// pixels / 16, and their labels) and measure the accuracy of model.predict on the other 20%.
// Training must take at most 30 s in the grader's optimised build (the check stops at 90 s);
// the suggested settings need a few seconds.

/// The indices 0..<count in a seeded random order, cut into batches of `batchSize` (the last may be smaller).
public func minibatches(count: Int, batchSize: Int, generator: inout SeededGenerator) -> [[Int]] {
    // BEGIN SOLUTION ex12.4
    precondition(count >= 0 && batchSize > 0, "minibatches: count \(count) must not be negative and batchSize \(batchSize) must be positive")
    var order = Array(0..<count)
    generator.shuffle(&order)
    return stride(from: 0, to: count, by: batchSize).map { Array(order[$0..<Swift.min($0 + batchSize, count)]) }
    // END SOLUTION
}

/// Trains a `DigitsModel` on `images` [N, 1, 8, 8] (pixels in 0…1) with `labels` (N classes 0–9),
/// every random draw seeded by `seed`.
public func trainDigitsClassifier(images: Tensor, labels: [Int], seed: UInt64) -> DigitsModel {
    // BEGIN SOLUTION ex12.4
    precondition(images.rank == 4 && images.shape[0] == labels.count,
                 "trainDigitsClassifier: images \(images.shape) and \(labels.count) labels do not match")
    let epochs = 20, batchSize = 32, learningRate = 0.05, momentum = 0.9
    var generator = SeededGenerator(seed: seed)
    var model = DigitsModel(generator: &generator)
    var velocity = model.parameters.map { Tensor.zeros($0.shape) }
    for _ in 0..<epochs {
        for batch in minibatches(count: labels.count, batchSize: batchSize, generator: &generator) {
            let x = images.rows(batch)
            let y = batch.map { labels[$0] }
            let (logits, cache) = model.forward(x)
            let gradients = model.backward(softmaxCrossEntropy(logits: logits, labels: y).dLogits, cache: cache)
            var parameters = model.parameters
            for i in parameters.indices {
                velocity[i] = momentum * velocity[i] - learningRate * gradients[i]
                parameters[i] += velocity[i]
            }
            model.parameters = parameters
        }
    }
    return model
    // END SOLUTION
}

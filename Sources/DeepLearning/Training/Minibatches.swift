import TensorCore

/// Splits `count` examples into minibatches of indices, reshuffled every epoch (lecture L3:
/// "the subset should not be biased and properly randomized").
///
/// - A new random order every epoch, from the seeded generator, so two samplers with the same
///   seed give the same batches epoch after epoch.
/// - The last batch keeps the remainder (`count % batchSize` examples) instead of dropping it,
///   as PyTorch's `DataLoader(drop_last=False)` and Keras's `fit`.
/// - `shuffle: false` gives the batches in order, for evaluation.
public struct MinibatchSampler: Sendable {
    public let count: Int
    public let batchSize: Int
    public let shuffle: Bool
    private var generator: SeededGenerator
    public private(set) var epoch = 0

    public init(count: Int, batchSize: Int, shuffle: Bool = true, seed: UInt64 = 0) {
        precondition(count > 0, "MinibatchSampler: \(count) examples; need at least one")
        precondition(batchSize > 0, "MinibatchSampler: batch size \(batchSize) must be positive")
        self.count = count
        self.batchSize = batchSize
        self.shuffle = shuffle
        self.generator = SeededGenerator(seed: seed)
    }

    /// The number of batches per epoch, `⌈count / batchSize⌉`.
    public var batchesPerEpoch: Int { (count + batchSize - 1) / batchSize }

    /// The batches of the next epoch, as lists of example indices.
    public mutating func nextEpoch() -> [[Int]] {
        epoch += 1
        var order = Array(0..<count)
        if shuffle { generator.shuffle(&order) }
        return stride(from: 0, to: count, by: batchSize).map { start in
            Array(order[start..<min(start + batchSize, count)])
        }
    }
}

/// The rows (first-axis slices) of `tensor` at `indices`, in that order: a minibatch of
/// inputs `[B, …]` from a data set `[N, …]` of any rank.
public func gatherBatch(_ tensor: Tensor, indices: [Int]) -> Tensor {
    precondition(tensor.rank >= 1, "gatherBatch: a scalar tensor has no rows")
    let n = tensor.shape[0]
    let rowSize = tensor.count / max(n, 1)
    let source = tensor.scalars
    var values = [Double]()
    values.reserveCapacity(indices.count * rowSize)
    for i in indices {
        precondition(i >= 0 && i < n, "gatherBatch: index \(i) is outside 0..<\(n)")
        values.append(contentsOf: source[(i * rowSize)..<((i + 1) * rowSize)])
    }
    return Tensor(shape: [indices.count] + tensor.shape.dropFirst(), scalars: values)
}

import TensorCore

/// A labelled image data set: `images` `[N, C, H, W]` (NCHW) and one class index per image.
public struct LabeledImages: Sendable {
    public var images: Tensor
    public var labels: [Int]

    public init(images: Tensor, labels: [Int]) {
        precondition(images.rank >= 1 && images.shape[0] == labels.count,
                     "LabeledImages: images of shape \(images.shape) but \(labels.count) labels")
        self.images = images
        self.labels = labels
    }

    public var count: Int { labels.count }

    /// The examples at `indices`, in that order.
    public func subset(_ indices: [Int]) -> LabeledImages {
        LabeledImages(images: gatherBatch(images, indices: indices), labels: indices.map { labels[$0] })
    }

    /// A seeded train/test split with `testFraction` of the examples in the test set.
    ///
    /// Stratified (the default): each class is shuffled and split on its own, so both parts keep
    /// the class proportions (per class, `round(testFraction · n_class)` go to the test set), as
    /// scikit-learn's `train_test_split(stratify=y)` aims to. Plain: one shuffle of everything,
    /// the first `round(testFraction · N)` go to the test set. Both parts keep ascending index
    /// order within them, so results do not depend on the shuffle beyond membership.
    public func split(testFraction: Double = 0.2, stratified: Bool = true, seed: UInt64 = 0) -> (train: LabeledImages, test: LabeledImages) {
        precondition(testFraction > 0 && testFraction < 1, "split: test fraction \(testFraction) is outside (0, 1)")
        var generator = SeededGenerator(seed: seed)
        var testIndices: [Int] = []
        if stratified {
            var byClass: [Int: [Int]] = [:]
            for (i, y) in labels.enumerated() { byClass[y, default: []].append(i) }
            for label in byClass.keys.sorted() {
                var members = byClass[label]!
                generator.shuffle(&members)
                let take = Int((testFraction * Double(members.count)).rounded())
                testIndices += members.prefix(take)
            }
        } else {
            var all = Array(0..<count)
            generator.shuffle(&all)
            testIndices = Array(all.prefix(Int((testFraction * Double(count)).rounded())))
        }
        let testSet = Set(testIndices)
        let train = (0..<count).filter { !testSet.contains($0) }
        return (subset(train), subset(testIndices.sorted()))
    }
}

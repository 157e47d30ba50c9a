import TensorCore

// ex10.4 — Seeded data augmentation, and freezing layers for transfer learning.
//
// Augmentation makes new training images from old ones by changes that keep the label.
// Both functions take a batch x [N, C, H, W] (NCHW, as PyTorch) and a generator, and decide
// independently for every IMAGE (the same decision for all its channels):
//
// randomHorizontalFlip: with probability `probability` mirror the image left–right,
//     y[n, c, i, j] = x[n, c, i, W − 1 − j]      (the WIDTH axis; flipping rows would turn a
//     scene upside down). Otherwise copy it. Draw one generator.bernoulli(probability:) per image.
//
// randomCrop: pad every image with `padding` zeros on each side (H + 2P by W + 2P), draw a
//     top-left corner (top, left) with top, left ∈ 0...2P (generator.integer(below: 2P + 1) each,
//     top first) and cut the H×W window there: y[n, c, i, j] = xpad[n, c, top + i, left + j].
//     The shape is unchanged; P = 0 is the identity.
//
// With the same generator state both functions return the same batch: a seed fixes the epoch.
//
// Freezing (transfer learning): when a pretrained network is reused, its early layers are often
// kept fixed and only the new ones trained. `sgdStep` updates each parameter p ← p − η·g except
// those whose index is in `frozen`, which must stay bit-for-bit unchanged.

/// Mirrors each image of `x` [N, C, H, W] along its width with probability `probability` (default 0.5).
public func randomHorizontalFlip(_ x: Tensor, probability: Double = 0.5,
                                 generator: inout SeededGenerator) -> Tensor {
    todo("ex10.4")
}

/// Pads each image of `x` [N, C, H, W] with `padding` zeros per side and cuts a random H×W window.
public func randomCrop(_ x: Tensor, padding: Int, generator: inout SeededGenerator) -> Tensor {
    todo("ex10.4")
}

/// One SGD step p ← p − learningRate·g over a list of parameters, skipping the indices in `frozen`.
public func sgdStep(parameters: inout [Tensor], gradients: [Tensor], learningRate: Double, frozen: Set<Int>) {
    todo("ex10.4")
}

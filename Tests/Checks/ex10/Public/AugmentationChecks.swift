import XCTest
import TensorCore
import CheckSupport
import Ex10

/// Image n of x [N, C, H, W] mirrored left–right (along W), computed by the check.
private func mirrored(_ x: Tensor, image n: Int) -> Tensor {
    let (c, h, w) = (x.shape[1], x.shape[2], x.shape[3])
    var y = Tensor.zeros([c, h, w])
    for ch in 0..<c { for i in 0..<h { for j in 0..<w { y[ch, i, j] = x[n, ch, i, w - 1 - j] } } }
    return y
}

private func image(_ x: Tensor, _ n: Int) -> Tensor {
    let (c, h, w) = (x.shape[1], x.shape[2], x.shape[3])
    return x.rows(n..<(n + 1)).reshaped([c, h, w])
}

/// The (top, left) offset at which image n of `y` is the window of the zero-padded x, if any.
private func cropOffset(_ y: Tensor, of x: Tensor, image n: Int, padding p: Int) -> (Int, Int)? {
    cropOffset(y, ofPadded: x.padded([(0, 0), (0, 0), (p, p), (p, p)]), image: n, padding: p)
}

/// x [N, C, H, W] with every image mirrored left–right, computed by the check.
private func mirroredBatch(_ x: Tensor) -> Tensor {
    var y = x
    let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
    for i in 0..<n { for ch in 0..<c { for r in 0..<h { for j in 0..<w { y[i, ch, r, j] = x[i, ch, r, w - 1 - j] } } } }
    return y
}

/// The (top, left) offset at which image n of `y` is the window of image n of `padded`, if any.
private func cropOffset(_ y: Tensor, ofPadded padded: Tensor, image n: Int, padding p: Int) -> (Int, Int)? {
    let (c, h, w) = (y.shape[1], y.shape[2], y.shape[3])
    for top in 0...(2 * p) {
        for left in 0...(2 * p) {
            var same = true
            for ch in 0..<c where same { for i in 0..<h where same { for j in 0..<w where same {
                if y[n, ch, i, j] != padded[n, ch, top + i, left + j] { same = false }
            } } }
            if same { return (top, left) }
        }
    }
    return nil
}

/// ex10.4: seeded random flips and crops, and an SGD step that leaves frozen layers alone.
final class AugmentationChecks: XCTestCase {
    /// x [40, 2, 3, 4]: every output image is the input image or its left–right mirror, and both
    /// occur (default probability 0.5); probability 1 mirrors every image, the first included;
    /// probability 0 (a valid probability) returns the batch unchanged.
    func testFlipMirrorsAlongTheWidth() {
        var generator = checkGenerator(41)
        let x = Tensor.normal([40, 2, 3, 4], using: &generator)
        let (y, all, none) = student { () -> (Tensor, Tensor, Tensor) in
            var flips = SeededGenerator(seed: 7)
            let y = Ex10.randomHorizontalFlip(x, generator: &flips)
            var always = SeededGenerator(seed: 8)
            let all = Ex10.randomHorizontalFlip(x, probability: 1, generator: &always)
            var never = SeededGenerator(seed: 6)
            return (y, all, Ex10.randomHorizontalFlip(x, probability: 0, generator: &never))
        }
        guard expectShape(y, x.shape, "randomHorizontalFlip of x [40, 2, 3, 4]") else { return }
        var flipped = 0, kept = 0
        for n in 0..<40 {
            let out = image(y, n)
            if out == image(x, n) { kept += 1 } else if out == mirrored(x, image: n) { flipped += 1 } else {
                expectTrue(false, "image \(n) of randomHorizontalFlip is neither the input nor its left–right mirror y[c, i, j] = x[c, i, W − 1 − j] (flip the WIDTH axis, every channel alike)")
                return
            }
        }
        guard expectTrue(flipped > 0 && kept > 0, "with probability 0.5, 40 images gave \(flipped) flipped and \(kept) unchanged: expected some of each") else { return }
        guard expectClose(all, mirroredBatch(x), tolerance: 0,
                          "randomHorizontalFlip of x [40, 2, 3, 4] with probability 1 (every image mirrored, image 0 included)") else { return }
        expectClose(none, x, tolerance: 0, "randomHorizontalFlip of x [40, 2, 3, 4] with probability 0 (no image flipped: x unchanged)")
    }

    /// x [10, 3, 5, 6] with padding 2: same shape, every image a window of the padded image.
    func testCropIsAWindowOfThePaddedImage() {
        var generator = checkGenerator(42)
        let x = Tensor.normal([10, 3, 5, 6], using: &generator)
        let (y, unpadded) = student { () -> (Tensor, Tensor) in
            var crops = SeededGenerator(seed: 9)
            let y = Ex10.randomCrop(x, padding: 2, generator: &crops)
            var none = SeededGenerator(seed: 10)
            return (y, Ex10.randomCrop(x, padding: 0, generator: &none))
        }
        guard expectShape(y, x.shape, "randomCrop of x [10, 3, 5, 6] with padding 2 (the shape must not change)") else { return }
        var offsets = Set<[Int]>()
        for n in 0..<10 {
            guard let (top, left) = cropOffset(y, of: x, image: n, padding: 2) else {
                expectTrue(false, "image \(n) of randomCrop is not an H×W window of the image padded with 2 zeros per side (same offset for every channel)")
                return
            }
            offsets.insert([top, left])
        }
        guard expectTrue(offsets.count > 1, "randomCrop cut all 10 images at the same offset \(offsets): draw a new (top, left) per image") else { return }
        expectClose(unpadded, x, tolerance: 0, "randomCrop with padding 0 (the identity)")
    }

    /// Same seed → the same augmented batch; different seeds → a different one. The batch from
    /// seed 123 is also checked against what flip-then-crop can give: every image a window of
    /// the padded image or of its padded mirror.
    func testSeedsDecide() {
        var generator = checkGenerator(43)
        let x = Tensor.normal([12, 1, 4, 4], using: &generator)
        let (first, second, other) = student { () -> (Tensor, Tensor, Tensor) in
            func augment(_ seed: UInt64) -> Tensor {
                var g = SeededGenerator(seed: seed)
                let flipped = Ex10.randomHorizontalFlip(x, generator: &g)
                return Ex10.randomCrop(flipped, padding: 1, generator: &g)
            }
            return (augment(123), augment(123), augment(124))
        }
        guard expectShape(first, x.shape, "flip then crop (padding 1) of x [12, 1, 4, 4] with seed 123") else { return }
        let padded = x.padded([(0, 0), (0, 0), (1, 1), (1, 1)])
        let paddedMirror = mirroredBatch(x).padded([(0, 0), (0, 0), (1, 1), (1, 1)])
        for n in 0..<12 {
            guard expectTrue(cropOffset(first, ofPadded: padded, image: n, padding: 1) != nil
                                || cropOffset(first, ofPadded: paddedMirror, image: n, padding: 1) != nil,
                             "image \(n) of flip then crop (padding 1) with seed 123 is neither a 4×4 window of the padded image nor of its padded left–right mirror") else { return }
        }
        guard expectClose(second, first, tolerance: 0, "flip then crop twice with seed 123 (must be identical)") else { return }
        expectTrue(other != first, "flip then crop with seeds 123 and 124 gave the same batch: the generator must decide")
    }

    /// Three parameters, the middle one frozen: it stays bit-identical, the others take the step.
    func testFrozenLayerUnchanged() {
        var generator = checkGenerator(44)
        let original = [Tensor.normal([3, 4], using: &generator), Tensor.normal([4], using: &generator), Tensor.normal([4, 2], using: &generator)]
        let gradients = original.map { Tensor.normal($0.shape, using: &generator) }
        let parameters = student { () -> [Tensor] in
            var parameters = original
            Ex10.sgdStep(parameters: &parameters, gradients: gradients, learningRate: 0.1, frozen: [1])
            return parameters
        }
        guard expectEqual(parameters.count, 3, "number of parameters after sgdStep") else { return }
        guard expectTrue(parameters[1] == original[1], "the frozen parameter 1 changed: a frozen layer must stay bit-for-bit identical") else { return }
        guard expectClose(parameters[0], original[0] - 0.1 * gradients[0], tolerance: 1e-15, "parameter 0 after one step p − 0.1·g") else { return }
        expectClose(parameters[2], original[2] - 0.1 * gradients[2], tolerance: 1e-15, "parameter 2 after one step p − 0.1·g")
    }
}

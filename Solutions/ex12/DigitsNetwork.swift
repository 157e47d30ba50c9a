import Foundation
import TensorCore

// GIVEN — you write nothing in this file. Read it before ex12.4.
//
// A small CNN for the 8×8 handwritten digits, with its forward and backward passes written out,
// so that ex12.4 is only about the training loop:
//
//     input [N, 1, 8, 8]  (pixels scaled to 0…1)
//     conv 8 filters 3×3, stride 1, padding 1 (cross-correlation)  → [N, 8, 8, 8]     80 parameters
//     relu
//     max pool 2×2, stride 2                                        → [N, 8, 4, 4]
//     flatten                                                       → [N, 128]
//     dense 128 → 10                                                → logits [N, 10]  1,290 parameters
//
// `DigitsModel.parameters` lists the four parameter tensors in a fixed order (conv weight, conv
// bias, dense weight, dense bias); `backward` returns the gradients in the same order, and the
// setter of `parameters` writes updated tensors back. `softmaxCrossEntropy` gives the MEAN loss
// over the batch and its gradient with respect to the logits (already divided by N).

/// The parameters of the digits CNN.
public struct DigitsModel {
    public static let filters = 8
    public static let classes = 10
    static let flatFeatures = filters * 4 * 4

    public var convWeight: Tensor   // [8, 1, 3, 3]
    public var convBias: Tensor     // [8]
    public var denseWeight: Tensor  // [128, 10]
    public var denseBias: Tensor    // [10]

    /// He-normal initial weights (std √(2/fanIn)), zero biases, drawn from `generator`.
    public init(generator: inout SeededGenerator) {
        convWeight = Tensor.normal([Self.filters, 1, 3, 3], standardDeviation: (2.0 / 9).squareRoot(), using: &generator)
        convBias = Tensor.zeros([Self.filters])
        denseWeight = Tensor.normal([Self.flatFeatures, Self.classes],
                                    standardDeviation: (2.0 / Double(Self.flatFeatures)).squareRoot(), using: &generator)
        denseBias = Tensor.zeros([Self.classes])
    }

    /// [convWeight, convBias, denseWeight, denseBias]; assigning writes them back (same order and shapes).
    public var parameters: [Tensor] {
        get { [convWeight, convBias, denseWeight, denseBias] }
        set {
            precondition(newValue.count == 4 && zip(newValue, parameters).allSatisfy { $0.shape == $1.shape },
                         "DigitsModel.parameters: expected 4 tensors of shapes \(parameters.map(\.shape))")
            convWeight = newValue[0]; convBias = newValue[1]; denseWeight = newValue[2]; denseBias = newValue[3]
        }
    }

    /// What `backward` needs from `forward`.
    public struct Cache {
        let x: Tensor          // [N, 1, 8, 8]
        let activation: [Double]  // relu(conv) [N, 8, 8, 8], flat
        let poolIndex: [Int]   // for each pooled output, the flat index of its maximum in `activation`
        let flat: Tensor       // [N, 128]
    }

    /// The logits [N, 10] of a batch x [N, 1, 8, 8], and the cache for `backward`.
    public func forward(_ x: Tensor) -> (logits: Tensor, cache: Cache) {
        precondition(x.rank == 4 && Array(x.shape.dropFirst()) == [1, 8, 8], "DigitsModel.forward: x must be [N, 1, 8, 8], got \(x.shape)")
        let n = x.shape[0], f = Self.filters
        let pixels = x.scalars, kernel = convWeight.scalars, bias = convBias.scalars
        var activation = [Double](repeating: 0, count: n * f * 64)
        for image in 0..<n {
            for filter in 0..<f {
                for i in 0..<8 {
                    for j in 0..<8 {
                        var sum = bias[filter]
                        for u in 0..<3 {
                            let row = i + u - 1
                            if row < 0 || row >= 8 { continue }
                            for v in 0..<3 {
                                let column = j + v - 1
                                if column < 0 || column >= 8 { continue }
                                sum += kernel[filter * 9 + u * 3 + v] * pixels[image * 64 + row * 8 + column]
                            }
                        }
                        activation[((image * f + filter) * 8 + i) * 8 + j] = Swift.max(0, sum)
                    }
                }
            }
        }
        var pooled = [Double](repeating: 0, count: n * Self.flatFeatures)
        var poolIndex = [Int](repeating: 0, count: n * Self.flatFeatures)
        for image in 0..<n {
            for filter in 0..<f {
                for i in 0..<4 {
                    for j in 0..<4 {
                        var bestIndex = ((image * f + filter) * 8 + 2 * i) * 8 + 2 * j
                        for (di, dj) in [(0, 1), (1, 0), (1, 1)] {
                            let index = ((image * f + filter) * 8 + 2 * i + di) * 8 + 2 * j + dj
                            if activation[index] > activation[bestIndex] { bestIndex = index }
                        }
                        let out = ((image * f + filter) * 4 + i) * 4 + j
                        pooled[out] = activation[bestIndex]
                        poolIndex[out] = bestIndex
                    }
                }
            }
        }
        let flat = Tensor(shape: [n, Self.flatFeatures], scalars: pooled)
        let logits = flat.matmul(denseWeight).addingRowVector(denseBias)
        return (logits, Cache(x: x, activation: activation, poolIndex: poolIndex, flat: flat))
    }

    /// The gradients of the loss with respect to [convWeight, convBias, denseWeight, denseBias],
    /// given ∂L/∂logits [N, 10] (for the mean loss, already divided by N).
    public func backward(_ dLogits: Tensor, cache: Cache) -> [Tensor] {
        let n = cache.x.shape[0], f = Self.filters
        let dDenseWeight = cache.flat.transposed().matmul(dLogits)
        let dDenseBias = dLogits.sum(axis: 0)
        let dFlat = dLogits.matmul(denseWeight.transposed()).scalars
        var dActivation = [Double](repeating: 0, count: n * f * 64)
        for (out, index) in cache.poolIndex.enumerated() where cache.activation[index] > 0 {
            dActivation[index] += dFlat[out]   // through the max, then through relu
        }
        let pixels = cache.x.scalars
        var dKernel = [Double](repeating: 0, count: f * 9)
        var dBias = [Double](repeating: 0, count: f)
        for image in 0..<n {
            for filter in 0..<f {
                for i in 0..<8 {
                    for j in 0..<8 {
                        let g = dActivation[((image * f + filter) * 8 + i) * 8 + j]
                        if g == 0 { continue }
                        dBias[filter] += g
                        for u in 0..<3 {
                            let row = i + u - 1
                            if row < 0 || row >= 8 { continue }
                            for v in 0..<3 {
                                let column = j + v - 1
                                if column < 0 || column >= 8 { continue }
                                dKernel[filter * 9 + u * 3 + v] += g * pixels[image * 64 + row * 8 + column]
                            }
                        }
                    }
                }
            }
        }
        return [Tensor(shape: [f, 1, 3, 3], scalars: dKernel), Tensor(shape: [f], scalars: dBias), dDenseWeight, dDenseBias]
    }

    /// The predicted class of each image of x [N, 1, 8, 8].
    public func predict(_ x: Tensor) -> [Int] {
        forward(x).logits.argmax(axis: 1).scalars.map { Int($0) }
    }
}

/// The mean softmax cross-entropy of `logits` [N, K] against `labels` (N classes in 0..<K), and its
/// gradient with respect to the logits: (softmax − one-hot)/N.
public func softmaxCrossEntropy(logits: Tensor, labels: [Int]) -> (loss: Double, dLogits: Tensor) {
    let (n, k) = (logits.shape[0], logits.shape[1])
    precondition(labels.count == n, "softmaxCrossEntropy: \(labels.count) labels for \(n) rows of logits")
    let shifted = logits.subtractingColumnVector(logits.max(axis: 1))
    let exponentials = shifted.map { exp($0) }
    var probabilities = exponentials.dividingColumnVector(exponentials.sum(axis: 1))
    var loss = 0.0
    for i in 0..<n {
        precondition(labels[i] >= 0 && labels[i] < k, "softmaxCrossEntropy: label \(labels[i]) is not in 0..<\(k)")
        loss -= log(Swift.max(probabilities[i, labels[i]], 1e-300))
        probabilities[i, labels[i]] -= 1
    }
    return (loss / Double(n), probabilities / Double(n))
}

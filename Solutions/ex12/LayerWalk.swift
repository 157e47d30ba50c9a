import TensorCore

// ex12.1 — Walking a layer list: output shapes and parameter counts.
//
// A CNN is described by a list of layer specifications; walking it from the input shape [C, H, W]
// gives every layer's output shape and number of trainable parameters, by arithmetic alone.
//
//   conv(outChannels: F, kernel: K, stride: S, padding: P)   [C, H, W] → [F, H', W']
//        H' = ⌊(H + 2P − K)/S⌋ + 1 (P zeros on EACH side; floored, as PyTorch), same for W'
//        parameters F·C·K² weights + F biases
//   pool(size: K, stride: S)                                 [C, H, W] → [C, ⌊(H − K)/S⌋ + 1, …], no parameters
//   relu                                                      shape unchanged, no parameters
//   flatten                                                   [C, H, W] → [C·H·W]
//   dense(outFeatures: M)                                     [D] → [M], D·M weights + M biases
//
// The lecture's small CIFAR-10 net: 32×32×3 → conv 5×5×16 pad 2 (1,216) → pool 2 → 16×16×16 →
// conv 5×5×20 pad 2 (8,020) → pool → 8×8×20 → conv 5×5×20 pad 2 (10,020) → pool → 4×4×20 →
// fc 320 → 10 (3,210): 22,466 parameters in all.
//
// AlexNet's first layer, 11×11 stride 4 without padding, gives 55×55 from a 227×227 input. The
// lecture's 224×224 does not work: (224 − 11)/4 + 1 = 54.25, which floors to 54 (erratum 4).
//
// Stop with a precondition naming the layer when a window does not fit (H + 2P < K), a dense layer
// gets an input that is not flat, or a conv/pool layer gets one that is not [C, H, W].

/// One layer of a CNN, for shape and parameter arithmetic. Feature maps are [C, H, W] (NCHW without N).
public enum LayerSpec: Equatable {
    /// 2-D convolution with `outChannels` filters of kernel×kernel, with biases; padding per side.
    case conv(outChannels: Int, kernel: Int, stride: Int = 1, padding: Int = 0)
    /// Max (or average) pooling over size×size windows, no padding.
    case pool(size: Int, stride: Int)
    /// [C, H, W] → [C·H·W].
    case flatten
    /// Fully connected to `outFeatures`, with biases; the input must be flat [D].
    case dense(outFeatures: Int)
    case relu
}

/// One row of the walk: the layer's output shape and its number of trainable parameters.
public struct LayerWalkStep: Equatable, CustomStringConvertible {
    public var outputShape: [Int]
    public var parameters: Int

    public init(outputShape: [Int], parameters: Int) {
        self.outputShape = outputShape
        self.parameters = parameters
    }

    public var description: String { "\(outputShape) (\(parameters) parameters)" }
}

/// ⌊(input + 2·padding − kernel)/stride⌋ + 1, padding per side. Precondition: the window fits.
public func convOutputSize(input: Int, kernel: Int, stride: Int, padding: Int) -> Int {
    // BEGIN SOLUTION ex12.1
    precondition(kernel > 0 && stride > 0 && padding >= 0,
                 "convOutputSize: kernel \(kernel) and stride \(stride) must be positive, padding \(padding) not negative")
    precondition(input + 2 * padding >= kernel,
                 "convOutputSize: a window of \(kernel) does not fit in \(input) pixels with padding \(padding)")
    return (input + 2 * padding - kernel) / stride + 1
    // END SOLUTION
}

/// Walks `layers` from `input` ([C, H, W], or [D] for a dense-only list): one step per layer.
public func walkLayers(_ layers: [LayerSpec], input: [Int]) -> [LayerWalkStep] {
    // BEGIN SOLUTION ex12.1
    var shape = input
    var steps: [LayerWalkStep] = []
    for (index, layer) in layers.enumerated() {
        var parameters = 0
        switch layer {
        case let .conv(filters, kernel, stride, padding):
            precondition(shape.count == 3, "walkLayers: layer \(index) (conv) needs [C, H, W], got \(shape)")
            let h = convOutputSize(input: shape[1], kernel: kernel, stride: stride, padding: padding)
            let w = convOutputSize(input: shape[2], kernel: kernel, stride: stride, padding: padding)
            parameters = filters * shape[0] * kernel * kernel + filters
            shape = [filters, h, w]
        case let .pool(size, stride):
            precondition(shape.count == 3, "walkLayers: layer \(index) (pool) needs [C, H, W], got \(shape)")
            shape = [shape[0],
                     convOutputSize(input: shape[1], kernel: size, stride: stride, padding: 0),
                     convOutputSize(input: shape[2], kernel: size, stride: stride, padding: 0)]
        case .flatten:
            shape = [shape.reduce(1, *)]
        case let .dense(outFeatures):
            precondition(shape.count == 1, "walkLayers: layer \(index) (dense) needs a flat input, got \(shape): add a flatten first")
            parameters = shape[0] * outFeatures + outFeatures
            shape = [outFeatures]
        case .relu:
            break
        }
        steps.append(LayerWalkStep(outputShape: shape, parameters: parameters))
    }
    return steps
    // END SOLUTION
}

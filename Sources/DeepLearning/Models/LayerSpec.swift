/// A lightweight description of one layer, for computing shapes and parameter counts by
/// arithmetic alone — no weights are allocated, so VGG-16's 138 million parameters cost nothing.
///
/// Feature maps are `[C, H, W]` (one example of an NCHW batch, as PyTorch); flat features `[D]`.
/// Padding is counted per side (PyTorch's `padding=p` adds `p` zeros on each side). Output
/// sizes floor, as PyTorch: `H_out = ⌊(H + 2P − K)/S⌋ + 1`.
///
/// Parameter counts:
/// - convolution: `F·C·K² (+ F biases)`;
/// - dense: `D_in·D_out (+ D_out biases)`;
/// - batch norm: `2·C` (γ and β; the running mean and variance are buffers, not parameters,
///   as torchvision counts them);
/// - pooling, activations, flatten, dropout: none.
public indirect enum LayerSpec: Sendable, Equatable {
    public enum PoolKind: String, Sendable { case max, average }

    /// 2-D convolution with `outChannels` filters of `kernel × kernel`.
    case conv(outChannels: Int, kernel: Int, stride: Int = 1, padding: Int = 0, bias: Bool = true)
    /// 2-D pooling over `size × size` windows.
    case pool(PoolKind, size: Int, stride: Int, padding: Int = 0)
    /// Adaptive average pooling to `size × size` (PyTorch's `AdaptiveAvgPool2d`; `size = 1` is
    /// global average pooling). Needs the input to divide evenly or be the same size.
    case adaptiveAveragePool(size: Int)
    /// Fully connected layer to `outFeatures`; the input must be flat `[D]`.
    case dense(outFeatures: Int, bias: Bool = true)
    /// `[C, H, W]` → `[C·H·W]`.
    case flatten
    case relu
    case tanh
    case sigmoid
    /// Batch normalization over the channels (`[C, H, W]`) or features (`[D]`).
    case batchNorm
    case dropout(rate: Double)
    /// A residual block: `relu(body(x) + shortcut(x))`; an empty `shortcut` is the identity.
    /// Body and shortcut must produce the same shape.
    case residual(name: String, body: [LayerSpec], shortcut: [LayerSpec])

    /// A short name for the table: "conv 5×5/1 p2", "maxpool 2/2", "dense", ….
    public var label: String {
        switch self {
        case let .conv(f, k, s, p, _): return "conv \(k)×\(k)×\(f)" + (s != 1 ? " s\(s)" : "") + (p != 0 ? " p\(p)" : "")
        case let .pool(kind, k, s, p): return "\(kind == .max ? "maxpool" : "avgpool") \(k)×\(k) s\(s)" + (p != 0 ? " p\(p)" : "")
        case let .adaptiveAveragePool(size): return "adaptive avgpool \(size)×\(size)"
        case let .dense(d, _): return "dense \(d)"
        case .flatten: return "flatten"
        case .relu: return "relu"
        case .tanh: return "tanh"
        case .sigmoid: return "sigmoid"
        case .batchNorm: return "batchnorm"
        case let .dropout(rate): return "dropout \(rate)"
        case let .residual(name, _, _): return name
        }
    }

    /// The output shape for `input` and the number of parameters, or a full-sentence error.
    public func walk(_ input: [Int]) throws -> (shape: [Int], parameters: Int) {
        switch self {
        case let .conv(f, k, s, p, bias):
            let (c, h, w) = try Self.featureMap(input, for: label)
            let ho = try Self.outputSize(h, kernel: k, stride: s, padding: p, for: label)
            let wo = try Self.outputSize(w, kernel: k, stride: s, padding: p, for: label)
            return ([f, ho, wo], f * c * k * k + (bias ? f : 0))
        case let .pool(_, k, s, p):
            let (c, h, w) = try Self.featureMap(input, for: label)
            let ho = try Self.outputSize(h, kernel: k, stride: s, padding: p, for: label)
            let wo = try Self.outputSize(w, kernel: k, stride: s, padding: p, for: label)
            return ([c, ho, wo], 0)
        case let .adaptiveAveragePool(size):
            let (c, _, _) = try Self.featureMap(input, for: label)
            return ([c, size, size], 0)
        case let .dense(d, bias):
            guard input.count == 1 else {
                throw ArchitectureError("\(label): the input \(input) is not flat; add a flatten layer first.")
            }
            return ([d], input[0] * d + (bias ? d : 0))
        case .flatten:
            return ([input.reduce(1, *)], 0)
        case .relu, .tanh, .sigmoid, .dropout:
            return (input, 0)
        case .batchNorm:
            guard let channels = input.first else { throw ArchitectureError("batchnorm: empty input shape.") }
            return (input, 2 * channels)
        case let .residual(name, body, shortcut):
            var shape = input, count = 0
            for layer in body { let r = try layer.walk(shape); shape = r.shape; count += r.parameters }
            var side = input
            for layer in shortcut { let r = try layer.walk(side); side = r.shape; count += r.parameters }
            guard side == shape else {
                throw ArchitectureError("\(name): the body gives \(shape) but the shortcut gives \(side); they must match to be added.")
            }
            return (shape, count)
        }
    }

    static func featureMap(_ shape: [Int], for layer: String) throws -> (Int, Int, Int) {
        guard shape.count == 3 else {
            throw ArchitectureError("\(layer): the input \(shape) is not a feature map [C, H, W].")
        }
        return (shape[0], shape[1], shape[2])
    }

    /// `⌊(n + 2p − k)/s⌋ + 1`, or an error if the window does not fit.
    static func outputSize(_ n: Int, kernel k: Int, stride s: Int, padding p: Int, for layer: String) throws -> Int {
        guard k > 0, s > 0, p >= 0 else {
            throw ArchitectureError("\(layer): kernel \(k), stride \(s) and padding \(p) must be positive (padding may be 0).")
        }
        guard n + 2 * p >= k else {
            throw ArchitectureError("\(layer): a \(k)×\(k) window does not fit in \(n) pixels with padding \(p).")
        }
        return (n + 2 * p - k) / s + 1
    }
}

/// An error in a layer list: a shape that does not fit the next layer.
public struct ArchitectureError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

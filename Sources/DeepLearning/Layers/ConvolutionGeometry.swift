import TensorCore

/// Why a convolution or pooling configuration is invalid; `description` says what to change.
public enum ConvolutionGeometryError: Error, Equatable, CustomStringConvertible, Sendable {
    /// A size, kernel or stride below 1, or a negative padding.
    case invalidArgument(String)
    /// The kernel is larger than the padded input.
    case kernelLargerThanInput(input: Int, kernel: Int, padding: Int)
    /// `(input + 2·padding − kernel)` is not a multiple of `stride`: the windows do not tile.
    case doesNotTile(input: Int, kernel: Int, stride: Int, padding: Int)
    /// The padding that would give the wanted output is not a non-negative integer.
    case noIntegerPadding(input: Int, output: Int, kernel: Int, stride: Int)

    public var description: String {
        switch self {
        case .invalidArgument(let message):
            return message
        case let .kernelLargerThanInput(input, kernel, padding):
            return "input \(input) with padding \(padding) per side is \(input + 2 * padding) wide, smaller than kernel \(kernel)"
        case let .doesNotTile(input, kernel, stride, padding):
            let span = input + 2 * padding - kernel
            var message = "input \(input), kernel \(kernel), stride \(stride), padding \(padding): "
                + "(\(input) + 2·\(padding) − \(kernel)) = \(span) is not a multiple of stride \(stride), "
                + "so the windows do not tile the padded input (the last one would hang over the edge)"
            if let fix = (padding + 1..<padding + 1 + stride).first(where: { (input + 2 * $0 - kernel) % stride == 0 }) {
                message += "; padding \(fix) gives \((input + 2 * fix - kernel) / stride + 1)"
            }
            return message
        case let .noIntegerPadding(input, output, kernel, stride):
            let twice = (output - 1) * stride + kernel - input
            return "no padding gives output \(output) from input \(input), kernel \(kernel), stride \(stride): "
                + "Z = ((\(output) − 1)·\(stride) + \(kernel) − \(input)) / 2 = \(twice)/2 is not a non-negative integer"
        }
    }
}

/// How much zero padding a convolution adds on EACH side (per side, as PyTorch's `padding`).
public enum Padding: Equatable, Sendable {
    /// No padding (Keras `"valid"`).
    case valid
    /// The padding that keeps `output = ⌈input / stride⌉` (`input` for stride 1, Keras `"same"`),
    /// provided it is the same on both sides: `Z = (F − 1)/2` for stride 1 needs an odd kernel.
    case same
    /// `P` zeros on each side.
    case explicit(Int)
}

/// The arithmetic of sliding windows (lecture L6), shared by convolution and pooling.
///
/// Along one axis an input of size `N`, padded with `P` zeros on each side, a kernel of size `F`
/// moved by stride `S` gives
///
///     M = (N + 2P − F) / S + 1
///
/// outputs. This course rejects configurations where `S` does not divide `N + 2P − F` (an error,
/// not a silently floored size as PyTorch computes), e.g. `N = 7, F = 3, S = 3`.
public enum ConvolutionGeometry {
    /// `M = (N + 2P − F)/S + 1`; throws `ConvolutionGeometryError` when the windows do not tile
    /// the padded input, the kernel does not fit, or an argument is out of range.
    ///
    ///     try ConvolutionGeometry.outputSize(input: 7, kernel: 3, stride: 2, padding: 0)   // 3
    ///     try ConvolutionGeometry.outputSize(input: 7, kernel: 3, stride: 3, padding: 1)   // 3
    ///     try ConvolutionGeometry.outputSize(input: 7, kernel: 3, stride: 3, padding: 0)   // throws
    public static func outputSize(input: Int, kernel: Int, stride: Int = 1, padding: Int = 0) throws -> Int {
        guard input >= 1, kernel >= 1, stride >= 1, padding >= 0 else {
            throw ConvolutionGeometryError.invalidArgument(
                "input \(input), kernel \(kernel), stride \(stride), padding \(padding): sizes and stride must be ≥ 1 and padding ≥ 0")
        }
        let span = input + 2 * padding - kernel
        guard span >= 0 else {
            throw ConvolutionGeometryError.kernelLargerThanInput(input: input, kernel: kernel, padding: padding)
        }
        guard span % stride == 0 else {
            throw ConvolutionGeometryError.doesNotTile(input: input, kernel: kernel, stride: stride, padding: padding)
        }
        return span / stride + 1
    }

    /// `outputSize(input:kernel:stride:padding:)`, or nil where it throws.
    public static func outputSizeIfValid(input: Int, kernel: Int, stride: Int = 1, padding: Int = 0) -> Int? {
        try? outputSize(input: input, kernel: kernel, stride: stride, padding: padding)
    }

    /// The per-side padding that gives `output` outputs: `Z = ((M − 1)·S + F − N) / 2`.
    /// Throws `.noIntegerPadding` when `Z` is negative or not an integer.
    ///
    ///     try ConvolutionGeometry.padding(input: 7, output: 3, kernel: 3, stride: 3)   // 1
    ///     try ConvolutionGeometry.padding(input: 32, output: 32, kernel: 5)            // 2 = (F − 1)/2
    public static func padding(input: Int, output: Int, kernel: Int, stride: Int = 1) throws -> Int {
        guard input >= 1, output >= 1, kernel >= 1, stride >= 1 else {
            throw ConvolutionGeometryError.invalidArgument(
                "input \(input), output \(output), kernel \(kernel), stride \(stride): all must be ≥ 1")
        }
        let twice = (output - 1) * stride + kernel - input
        guard twice >= 0, twice % 2 == 0 else {
            throw ConvolutionGeometryError.noIntegerPadding(input: input, output: output, kernel: kernel, stride: stride)
        }
        return twice / 2
    }

    /// The per-side padding a `Padding` stands for: 0 for `.valid`, `P` for `.explicit(P)`, and for
    /// `.same` the padding giving `⌈N/S⌉` outputs (throws when that padding is not an integer).
    public static func resolve(_ padding: Padding, input: Int, kernel: Int, stride: Int = 1) throws -> Int {
        switch padding {
        case .valid: return 0
        case .explicit(let p):
            guard p >= 0 else { throw ConvolutionGeometryError.invalidArgument("padding \(p) must be ≥ 0") }
            return p
        case .same:
            return try self.padding(input: input, output: (input + stride - 1) / stride, kernel: kernel, stride: stride)
        }
    }

    /// The parameters of a convolution layer: `F·C·KH·KW` weights plus `F` biases
    /// (`ch_out · ch_in · k² + ch_out` for a square kernel).
    public static func parameterCount(inChannels: Int, outChannels: Int, kernelHeight: Int, kernelWidth: Int, bias: Bool = true) -> Int {
        outChannels * inChannels * kernelHeight * kernelWidth + (bias ? outChannels : 0)
    }

    /// `ch_out · ch_in · k² (+ ch_out)` for a square `k × k` kernel.
    public static func parameterCount(inChannels: Int, outChannels: Int, kernel: Int, bias: Bool = true) -> Int {
        parameterCount(inChannels: inChannels, outChannels: outChannels, kernelHeight: kernel, kernelWidth: kernel, bias: bias)
    }

    /// `outputSize`, stopping with the error's message (for layers, whose shape functions do not throw).
    static func requireOutputSize(_ layer: String, input: Int, kernel: Int, stride: Int, padding: Int) -> Int {
        do {
            return try outputSize(input: input, kernel: kernel, stride: stride, padding: padding)
        } catch {
            failWith("\(layer): \(error)")
        }
    }
}

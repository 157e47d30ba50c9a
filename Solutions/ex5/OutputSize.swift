import TensorCore

// ex5.1 — Output size of a sliding window, and the padding for a wanted output size.
//
// Along one axis, an input of N values padded with P zeros on EACH side (padding is counted per
// side, as PyTorch's `padding`), a kernel of F values moved by a stride S gives
//
//     M = (N + 2P − F) / S + 1
//
// outputs — but only when S divides N + 2P − F. Otherwise the last window would hang over the
// edge: the configuration does not tile, and this course REJECTS it (throw
// `ConvolutionError.doesNotTile`) instead of flooring the division silently as PyTorch does.
// Lecture examples, 7×7 input, 3×3 kernel: S = 1 → 5, S = 2 → 3, S = 3 → does not tile;
// with one ring of zeros (P = 1, 9×9) and S = 3 → 3.
//
// Also throw `.invalidArgument` when input, kernel or stride is below 1 or the padding is
// negative, and `.kernelLargerThanInput` when F > N + 2P. Check in that order.
//
// The padding per side that gives M outputs solves the formula for P:
//
//     Z = ((M − 1)·S + F − N) / 2
//
// (N = 7, F = 3, S = 3, M = 3 → Z = 1; for S = 1 and M = N it is (F − 1)/2.) Throw
// `.noIntegerPadding` when Z is negative or not an integer (integer division would hide it),
// `.invalidArgument` when input, output, kernel or stride is below 1.

/// Why a window configuration is rejected; `description` says which numbers do not fit.
public enum ConvolutionError: Error, Equatable, CustomStringConvertible, Sendable {
    /// A size, kernel or stride below 1, or a negative padding.
    case invalidArgument(String)
    /// The kernel is larger than the padded input.
    case kernelLargerThanInput(input: Int, kernel: Int, padding: Int)
    /// `input + 2·padding − kernel` is not a multiple of `stride`.
    case doesNotTile(input: Int, kernel: Int, stride: Int, padding: Int)
    /// `Z = ((output − 1)·stride + kernel − input)/2` is negative or not an integer.
    case noIntegerPadding(input: Int, output: Int, kernel: Int, stride: Int)

    public var description: String {
        switch self {
        case .invalidArgument(let message):
            return message
        case let .kernelLargerThanInput(input, kernel, padding):
            return "kernel \(kernel) is larger than input \(input) padded with \(padding) per side (\(input + 2 * padding))"
        case let .doesNotTile(input, kernel, stride, padding):
            return "input \(input) + 2·\(padding) − kernel \(kernel) = \(input + 2 * padding - kernel) is not a multiple of stride \(stride): the windows do not tile"
        case let .noIntegerPadding(input, output, kernel, stride):
            return "Z = ((\(output) − 1)·\(stride) + \(kernel) − \(input))/2 = \((output - 1) * stride + kernel - input)/2 is not a non-negative integer"
        }
    }
}

/// `(input + 2·padding − kernel)/stride + 1` outputs along one axis, padding counted per side.
/// Throws `ConvolutionError` when an argument is out of range, the kernel does not fit, or the
/// windows do not tile the padded input.
public func convOutputSize(input: Int, kernel: Int, stride: Int = 1, padding: Int = 0) throws -> Int {
    // BEGIN SOLUTION ex5.1
    guard input >= 1, kernel >= 1, stride >= 1, padding >= 0 else {
        throw ConvolutionError.invalidArgument(
            "convOutputSize: input \(input), kernel \(kernel), stride \(stride) must be ≥ 1 and padding \(padding) ≥ 0")
    }
    let span = input + 2 * padding - kernel
    guard span >= 0 else {
        throw ConvolutionError.kernelLargerThanInput(input: input, kernel: kernel, padding: padding)
    }
    guard span % stride == 0 else {
        throw ConvolutionError.doesNotTile(input: input, kernel: kernel, stride: stride, padding: padding)
    }
    return span / stride + 1
    // END SOLUTION
}

/// The padding per side `Z = ((output − 1)·stride + kernel − input)/2` that gives `output`
/// outputs. Throws `ConvolutionError.noIntegerPadding` when Z is negative or not an integer.
public func paddingForOutput(input: Int, output: Int, kernel: Int, stride: Int = 1) throws -> Int {
    // BEGIN SOLUTION ex5.1
    guard input >= 1, output >= 1, kernel >= 1, stride >= 1 else {
        throw ConvolutionError.invalidArgument(
            "paddingForOutput: input \(input), output \(output), kernel \(kernel), stride \(stride) must all be ≥ 1")
    }
    let twice = (output - 1) * stride + kernel - input
    guard twice >= 0, twice % 2 == 0 else {
        throw ConvolutionError.noIntegerPadding(input: input, output: output, kernel: kernel, stride: stride)
    }
    return twice / 2
    // END SOLUTION
}

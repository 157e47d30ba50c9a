import TensorCore

// ex5.4 — How many parameters a convolution layer has.
//
// A layer with ch_in input channels, ch_out filters of KH×KW has one KH×KW×ch_in kernel per
// filter, shared by every position of the image, and one bias per filter:
//
//     ch_out · ch_in · KH · KW  (+ ch_out biases)          = ch_out · ch_in · k² (+ ch_out) for k×k
//
// The count does not depend on the image size, the stride or the padding — that is the point of
// parameter sharing. The small CIFAR-10 net of the lecture: conv 5×5, 3 → 16: 1,216;
// 16 → 20: 8,020; 20 → 20: 10,020 (biases included).

/// `outChannels · inChannels · kernelHeight · kernelWidth`, plus `outChannels` when `includeBiases`.
public func convParameterCount(inChannels: Int, outChannels: Int, kernelHeight: Int, kernelWidth: Int, includeBiases: Bool = true) -> Int {
    // BEGIN SOLUTION ex5.4
    precondition(inChannels >= 1 && outChannels >= 1 && kernelHeight >= 1 && kernelWidth >= 1,
                 "convParameterCount: channels \(inChannels) → \(outChannels) and kernel \(kernelHeight)×\(kernelWidth) must be ≥ 1")
    return outChannels * inChannels * kernelHeight * kernelWidth + (includeBiases ? outChannels : 0)
    // END SOLUTION
}

/// `convParameterCount` for a square `kernelSize × kernelSize` kernel: `ch_out · ch_in · k² (+ ch_out)`.
public func convParameterCount(inChannels: Int, outChannels: Int, kernelSize: Int, includeBiases: Bool = true) -> Int {
    // BEGIN SOLUTION ex5.4
    return convParameterCount(inChannels: inChannels, outChannels: outChannels,
                              kernelHeight: kernelSize, kernelWidth: kernelSize, includeBiases: includeBiases)
    // END SOLUTION
}

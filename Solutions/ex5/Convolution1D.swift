import TensorCore

// ex5.2 — 1D cross-correlation and true convolution, with padding and stride.
//
// x [L], kernel w [K]. Pad x with `padding.before` zeros in front and `padding.after` zeros at
// the end (the two may differ: the lecture pads an input of 5 to 6 with ONE zero at the end),
// giving xpad of length L' = L + before + after. With stride S there are (L' − K)/S + 1 outputs.
//
//   cross-correlation (what deep-learning libraries call "convolution"):
//       y[i] = Σ_k xpad[i·S + k] · w[k]
//   true convolution (the mathematical one): the kernel is flipped,
//       y[i] = Σ_k xpad[i·S + k] · w[K − 1 − k]
//
// Lecture example: x = [3, 3, 3, 0, 0] padded to 6 (padding (0, 1)), kernel [+1, −1], stride 2
// → (6 − 2)/2 + 1 = 3 outputs; correlation [0, 3, 0] (the step from 3 to 0 lights up), true
// convolution [0, −3, 0]. For a symmetric kernel the two agree.
//
// Stop with a precondition (naming the numbers) when the kernel does not fit or S does not divide
// L' − K. Read zeros outside x instead of building xpad if you like: both are fine.

/// Cross-correlation `y[i] = Σ_k xpad[i·S + k]·w[k]` of `x` [L] with `kernel` [K], `stride` S,
/// `padding.before`/`padding.after` zeros at the two ends → [(L + before + after − K)/S + 1].
public func correlate1D(_ x: Tensor, kernel: Tensor, stride: Int = 1, padding: (before: Int, after: Int) = (0, 0)) -> Tensor {
    // BEGIN SOLUTION ex5.2
    precondition(x.rank == 1 && kernel.rank == 1, "correlate1D: x \(x.shape) and kernel \(kernel.shape) must be vectors")
    precondition(stride >= 1 && padding.before >= 0 && padding.after >= 0,
                 "correlate1D: stride \(stride) must be ≥ 1 and padding \(padding) ≥ 0")
    let length = x.count + padding.before + padding.after
    let k = kernel.count
    precondition(k >= 1 && k <= length, "correlate1D: kernel \(kernel.shape) does not fit the padded input of \(length)")
    precondition((length - k) % stride == 0,
                 "correlate1D: padded input \(length) − kernel \(k) = \(length - k) is not a multiple of stride \(stride)")
    let outputs = (length - k) / stride + 1
    var y = Tensor.zeros([outputs])
    for i in 0..<outputs {
        var sum = 0.0
        for j in 0..<k {
            let index = i * stride + j - padding.before
            if index >= 0 && index < x.count { sum += x[index] * kernel[j] }
        }
        y[i] = sum
    }
    return y
    // END SOLUTION
}

/// True convolution: `correlate1D` with the kernel flipped, `y[i] = Σ_k xpad[i·S + k]·w[K − 1 − k]`.
public func convolve1D(_ x: Tensor, kernel: Tensor, stride: Int = 1, padding: (before: Int, after: Int) = (0, 0)) -> Tensor {
    // BEGIN SOLUTION ex5.2
    precondition(kernel.rank == 1, "convolve1D: kernel \(kernel.shape) must be a vector")
    let flipped = Tensor(shape: kernel.shape, scalars: kernel.scalars.reversed())
    return correlate1D(x, kernel: flipped, stride: stride, padding: padding)
    // END SOLUTION
}

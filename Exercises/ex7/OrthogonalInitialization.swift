import Foundation
import TensorCore

// ex7.3 — Orthogonal initialization.
//
// Backpropagation multiplies the gradient by one Jacobian per layer; for a linear layer that is
// the weight matrix. If every singular value of W is 1 (W = U·Vᵀ from its SVD U·Λ·Vᵀ with Λ = I),
// the product neither shrinks nor grows any direction: "dynamical isometry", which lets even
// 10,000-layer vanilla CNNs train. A random orthogonal matrix is the Q of the QR decomposition of a
// Gaussian matrix, which Gram–Schmidt computes:
//
// gramSchmidt(A), A [R, K] with R ≥ K and independent columns a₀ … a_{K−1}:
//   for k in 0..<K:
//       v = a_k
//       for j in 0..<k:  v = v − (q_j · v) q_j        (remove the part along EVERY earlier q_j;
//                                                      projecting the current v — "modified"
//                                                      Gram–Schmidt — is the numerically stable form)
//       q_k = v / ‖v‖                                   (normalise: unit length)
//   Q = [q₀ … q_{K−1}], [R, K], QᵀQ = I, and QᵀA is upper triangular with a positive diagonal.
//
// orthogonal(shape, gain:): rows = shape[0], cols = product of the other sizes (as PyTorch's
// orthogonal_, which flattens a conv weight [F, C, KH, KW] to [F, C·KH·KW]).
//   - draw a Gaussian matrix G of shape [max(rows, cols), min(rows, cols)] with Tensor.normal
//     from the generator (standard deviation 1);
//   - Q = gramSchmidt(G);
//   - W = Q if rows ≥ cols (its columns are orthonormal: WᵀW = I),
//     else Qᵀ (its rows are orthonormal: WWᵀ = I);
//   - multiply by gain and reshape to `shape`.
// The same seed must give the same W; write Gram–Schmidt yourself (no library QR).

/// Orthonormalises the columns of `a` [R, K] (R ≥ K) by Gram–Schmidt: `Q` [R, K] with `QᵀQ = I`
/// spanning the same columns in the same order, each `q_k` with a positive component along `a_k`.
public func gramSchmidt(_ a: Tensor) -> Tensor {
    todo("ex7.3")
}

/// A random (semi-)orthogonal weight of `shape`, seen as `[shape[0], Π shape[1…]]`: orthonormal
/// columns when it has at least as many rows as columns, else orthonormal rows; times `gain`.
public func orthogonal(_ shape: [Int], gain: Double = 1, using generator: inout SeededGenerator) -> Tensor {
    todo("ex7.3")
}

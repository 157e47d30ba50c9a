import TensorCore

// ex12.2 — A residual block, forward and backward.
//
// A residual (skip) connection adds a block's input to its output, h_out = h + F(h), so the block
// only has to learn a correction to the identity, and the gradient reaches earlier layers through
// the "+ h" path undiminished (ResNet; the lecture writes h_{l+1} = σ(W h_l) + h_l).
//
// Here F is dense → ReLU → dense on a batch h [N, D], hidden width H:
//
//     z1 = h·W1 + b1        W1 [D, H], b1 [H]
//     a  = relu(z1)
//     f  = a·W2 + b2        W2 [H, D], b2 [D]       (F maps back to D features so it can be added)
//     out = h + f           [N, D]
//
// Backward, with g = ∂L/∂out [N, D]:
//
//     dW2 = aᵀ·g   db2 = Σ_n g   da = g·W2ᵀ   dz1 = da ⊙ [z1 > 0]   dW1 = hᵀ·dz1   db1 = Σ_n dz1
//     dh  = g + dz1·W1ᵀ        ← the identity path PLUS F's backward: h is used twice, gradients add
//
// Pitfall: forgetting the "g +" in dh (h reaches the output twice: through F and directly).

/// The parameters of F = dense → ReLU → dense.
public struct ResidualParameters {
    public var w1: Tensor
    public var b1: Tensor
    public var w2: Tensor
    public var b2: Tensor

    public init(w1: Tensor, b1: Tensor, w2: Tensor, b2: Tensor) {
        self.w1 = w1
        self.b1 = b1
        self.w2 = w2
        self.b2 = b2
    }
}

/// What the backward pass needs: the input h, the pre-activation z1 and the activation a.
public struct ResidualCache {
    public var h: Tensor
    public var z1: Tensor
    public var a: Tensor

    public init(h: Tensor, z1: Tensor, a: Tensor) {
        self.h = h
        self.z1 = z1
        self.a = a
    }
}

/// The gradients of the residual block, each with the shape of what it differentiates.
public struct ResidualGradients {
    public var dh: Tensor
    public var dW1: Tensor
    public var db1: Tensor
    public var dW2: Tensor
    public var db2: Tensor

    public init(dh: Tensor, dW1: Tensor, db1: Tensor, dW2: Tensor, db2: Tensor) {
        self.dh = dh
        self.dW1 = dW1
        self.db1 = db1
        self.dW2 = dW2
        self.db2 = db2
    }
}

/// out = h + relu(h·W1 + b1)·W2 + b2 for h [N, D]; returns the output [N, D] and the cache.
public func residualForward(_ h: Tensor, parameters p: ResidualParameters) -> (output: Tensor, cache: ResidualCache) {
    todo("ex12.2")
}

/// The backward pass: `dOut` [N, D] → dh [N, D], dW1 [D, H], db1 [H], dW2 [H, D], db2 [D].
public func residualBackward(_ dOut: Tensor, cache: ResidualCache, parameters p: ResidualParameters) -> ResidualGradients {
    todo("ex12.2")
}

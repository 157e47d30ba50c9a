import Dispatch
import TensorCore

/// The scalars a convolution computes in. `double` (the default) is the reference, and what
/// every gradient check uses; `float` converts inputs, weights and gradients to `Float`, runs the
/// same im2col + GEMM kernels there (about twice the arithmetic per cycle), and converts the
/// results back: relative error about 1e−6, for training speed only.
public enum ConvolutionPrecision: Sendable, Equatable {
    case double, float
}

// The im2col + matrix-product kernels shared by Conv2D and Conv1D, in `Double` or `Float`.
// Examples run in parallel (`concurrentPerform`); each example's products go through the fast
// `Gemm` on one thread. Per-example weight gradients are summed in example order afterwards, so
// results do not depend on scheduling. `Conv2D.naiveForward`/`naiveBackward` are the references.

/// `y_n = W·cols_n + b` per example: `x` `[N, C, H, W]`, `weight` `[F, C, KH, KW]`, `bias` `[F]`
/// → `[N, F, OH, OW]`.
func convolutionForward(_ g: ConvolutionShape, _ x: Tensor, _ weight: Tensor, _ bias: Tensor,
                        precision: ConvolutionPrecision = .double) -> Tensor {
    let f = weight.shape[0]
    let shape = [g.n, f, g.oh, g.ow]
    switch precision {
    case .double:
        return Tensor(shape: shape, scalars: convolutionForward(g, f: f, x.scalars, weight.scalars, bias.scalars))
    case .float:
        let y = convolutionForward(g, f: f, x.scalars.map(Float.init), weight.scalars.map(Float.init), bias.scalars.map(Float.init))
        return Tensor(shape: shape, scalars: y.map(Double.init))
    }
}

/// `(dx, dW, db)` for `dy` `[N, F, OH, OW]`: per example `dW_nᵀ = cols_n·dY_nᵀ` (summed over n in
/// order, then transposed), `dx_n = col2im(Wᵀ·dY_n)`, and `db = Σ_{n, oh, ow} dY`.
func convolutionBackward(_ g: ConvolutionShape, _ dy: Tensor, _ x: Tensor, _ weight: Tensor,
                         precision: ConvolutionPrecision = .double) -> (Tensor, Tensor, Tensor) {
    let f = weight.shape[0]
    switch precision {
    case .double:
        let (dx, dw, db) = convolutionBackward(g, f: f, dy.scalars, x.scalars, weight.scalars)
        return (Tensor(shape: x.shape, scalars: dx), Tensor(shape: weight.shape, scalars: dw), Tensor(shape: [f], scalars: db))
    case .float:
        let (dx, dw, db) = convolutionBackward(g, f: f, dy.scalars.map(Float.init), x.scalars.map(Float.init),
                                               weight.scalars.map(Float.init))
        return (Tensor(shape: x.shape, scalars: dx.map(Double.init)), Tensor(shape: weight.shape, scalars: dw.map(Double.init)),
                Tensor(shape: [f], scalars: db.map(Double.init)))
    }
}

private func convolutionForward<T: GemmScalar>(_ g: ConvolutionShape, f: Int, _ x: [T], _ weight: [T], _ bias: [T]) -> [T] {
    let outPlane = f * g.positions
    var y = [T](repeating: 0, count: g.n * outPlane)
    x.withUnsafeBufferPointer { xBuffer in
        weight.withUnsafeBufferPointer { wBuffer in
            bias.withUnsafeBufferPointer { bBuffer in
                y.withUnsafeMutableBufferPointer { yBuffer in
                    let xs = xBuffer.baseAddress!, ws = wBuffer.baseAddress!, bs = bBuffer.baseAddress!
                    let ys = yBuffer.baseAddress!
                    DispatchQueue.concurrentPerform(iterations: g.n) { sample in
                        let cols = UnsafeMutablePointer<T>.allocate(capacity: g.patch * g.positions)
                        defer { cols.deallocate() }
                        g.im2col(xs + sample * g.inputPlane, cols, rowStride: g.positions)
                        let out = ys + sample * outPlane
                        for o in 0..<f { (out + o * g.positions).update(repeating: bs[o], count: g.positions) }
                        // out[F, positions] += W[F, patch] · cols[patch, positions]
                        T.gemmMultiplyAccumulate(m: f, n: g.positions, k: g.patch, a: ws, lda: g.patch,
                                                 b: cols, ldb: g.positions, c: out, ldc: g.positions, configuration: .serial)
                    }
                }
            }
        }
    }
    return y
}

private func convolutionBackward<T: GemmScalar>(_ g: ConvolutionShape, f: Int, _ dy: [T], _ x: [T], _ weight: [T]) -> ([T], [T], [T]) {
    let outPlane = f * g.positions
    let weightCount = f * g.patch
    var dx = [T](repeating: 0, count: g.n * g.inputPlane)
    var dwPerSample = [T](repeating: 0, count: g.n * weightCount)
    var weightT = [T](repeating: 0, count: weightCount)
    weight.withUnsafeBufferPointer { w in
        weightT.withUnsafeMutableBufferPointer { t in transpose(f, g.patch, w.baseAddress!, t.baseAddress!) }
    }
    x.withUnsafeBufferPointer { xBuffer in
        dy.withUnsafeBufferPointer { dyBuffer in
            weightT.withUnsafeBufferPointer { wtBuffer in
                dx.withUnsafeMutableBufferPointer { dxBuffer in
                    dwPerSample.withUnsafeMutableBufferPointer { dwBuffer in
                        let xs = xBuffer.baseAddress!, dys = dyBuffer.baseAddress!, wt = wtBuffer.baseAddress!
                        let dxs = dxBuffer.baseAddress!, dws = dwBuffer.baseAddress!
                        DispatchQueue.concurrentPerform(iterations: g.n) { sample in
                            let size = g.patch * g.positions
                            let cols = UnsafeMutablePointer<T>.allocate(capacity: size)
                            let dyT = UnsafeMutablePointer<T>.allocate(capacity: outPlane)
                            defer { cols.deallocate(); dyT.deallocate() }
                            let dyN = dys + sample * outPlane
                            g.im2col(xs + sample * g.inputPlane, cols, rowStride: g.positions)
                            // dW_nᵀ[patch, F] += cols[patch, positions] · dY_nᵀ[positions, F]
                            // (transposing dY_n, F·OH·OW scalars, is cheaper than transposing cols)
                            transpose(f, g.positions, dyN, dyT)
                            T.gemmMultiplyAccumulate(m: g.patch, n: f, k: g.positions, a: cols, lda: g.positions,
                                                     b: dyT, ldb: f, c: dws + sample * weightCount, ldc: f,
                                                     configuration: .serial)
                            // dcols[patch, positions] = Wᵀ[patch, F] · dY_n[F, positions] (overwriting cols), then col2im
                            T.gemmMultiply(m: g.patch, n: g.positions, k: f, a: wt, lda: f,
                                           b: dyN, ldb: g.positions, c: cols, ldc: g.positions, configuration: .serial)
                            g.col2im(cols, dxs + sample * g.inputPlane, rowStride: g.positions)
                        }
                    }
                }
            }
        }
    }
    var dwT = [T](repeating: 0, count: weightCount)   // [patch, F]
    var db = [T](repeating: 0, count: f)
    dwPerSample.withUnsafeBufferPointer { partial in
        for sample in 0..<g.n {
            for i in 0..<weightCount { dwT[i] += partial[sample * weightCount + i] }
        }
    }
    var dw = [T](repeating: 0, count: weightCount)
    dwT.withUnsafeBufferPointer { t in
        dw.withUnsafeMutableBufferPointer { w in transpose(g.patch, f, t.baseAddress!, w.baseAddress!) }
    }
    dy.withUnsafeBufferPointer { d in
        for sample in 0..<g.n {
            for o in 0..<f {
                var sum: T = 0
                let row = sample * outPlane + o * g.positions
                for p in 0..<g.positions { sum += d[row + p] }
                db[o] += sum
            }
        }
    }
    return (dx, dw, db)
}

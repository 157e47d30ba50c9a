import Dispatch
import Foundation
@_spi(GemmEngine) import TensorCore

/// The scalars a convolution computes in. `double` (the default) is the reference, and what
/// every gradient check uses; `float` runs the same im2col + GEMM kernels in `Float` (about twice
/// the arithmetic per cycle): relative error about 1e−6, for training speed only. Parameters,
/// inputs and gradients stay `Double` tensors either way; each example's scalars are converted
/// as they are copied (im2col, col2im, the output), so there is no whole-batch conversion pass.
public enum ConvolutionPrecision: Sendable, Equatable {
    case double, float
}

// The im2col + matrix-product kernels shared by Conv2D and Conv1D, computing in `T` (`Double` or
// `Float`) on `Double` tensors. Examples run in parallel (`concurrentPerform`); each example's
// products go through the fast `Gemm` on one thread. Per-example weight gradients are summed in
// example order afterwards, so results do not depend on scheduling. `Conv2D.naiveForward` and
// `naiveBackward` are the references.

/// `y_n = W·cols_n + b` per example: `x` `[N, C, H, W]`, `weight` `[F, C, KH, KW]`, `bias` `[F]`
/// → `[N, F, OH, OW]`.
func convolutionForward(_ g: ConvolutionShape, _ x: Tensor, _ weight: Tensor, _ bias: Tensor,
                        precision: ConvolutionPrecision = .double) -> Tensor {
    let f = weight.shape[0]
    let scalars: [Double]
    switch precision {
    case .double: scalars = convolutionForward(g, f: f, x.scalars, weight.scalars, bias.scalars, in: Double.self)
    case .float: scalars = convolutionForward(g, f: f, x.scalars, weight.scalars, bias.scalars, in: Float.self)
    }
    return Tensor(shape: [g.n, f, g.oh, g.ow], scalars: scalars)
}

/// `(dx, dW, db)` for `dy` `[N, F, OH, OW]`: per example `dW_nᵀ = cols_n·dY_nᵀ` (summed over n in
/// order, then transposed), `dx_n = col2im(Wᵀ·dY_n)`, and `db = Σ_{n, oh, ow} dY` (in `Double`).
func convolutionBackward(_ g: ConvolutionShape, _ dy: Tensor, _ x: Tensor, _ weight: Tensor,
                         precision: ConvolutionPrecision = .double) -> (Tensor, Tensor, Tensor) {
    let f = weight.shape[0]
    let (dx, dw, db): ([Double], [Double], [Double])
    switch precision {
    case .double: (dx, dw, db) = convolutionBackward(g, f: f, dy.scalars, x.scalars, weight.scalars, in: Double.self)
    case .float: (dx, dw, db) = convolutionBackward(g, f: f, dy.scalars, x.scalars, weight.scalars, in: Float.self)
    }
    return (Tensor(shape: x.shape, scalars: dx), Tensor(shape: weight.shape, scalars: dw), Tensor(shape: [f], scalars: db))
}

/// `p` viewed as a pointer to `To` when `From` and `To` are the same type (the same storage, no
/// copy), else nil: lets the `Double` path skip the conversion buffers the `Float` path needs.
@inline(__always)
func sameStorage<From, To>(_ p: UnsafeMutablePointer<From>, as _: To.Type) -> UnsafeMutablePointer<To>? {
    From.self == To.self ? UnsafeMutableRawPointer(p).assumingMemoryBound(to: To.self) : nil
}

/// Runs `body(range)` over `0..<count` examples in parallel, in contiguous chunks (a few per
/// core, so a busy core leaves its share to the other), so that each chunk can reuse one set of
/// scratch buffers. Which thread runs a chunk never changes a result.
private func forEachChunk(of count: Int, _ body: (Range<Int>) -> Void) {
    let chunks = min(count, 4 * ProcessInfo.processInfo.activeProcessorCount)
    guard chunks > 1 else { return body(0..<count) }
    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
        body(chunk * count / chunks ..< (chunk + 1) * count / chunks)
    }
}

private func convolutionForward<T: GemmScalar>(_ g: ConvolutionShape, f: Int, _ x: [Double], _ weight: [Double], _ bias: [Double],
                                               in _: T.Type) -> [Double] {
    let outPlane = f * g.positions
    let w = weight.map { T($0) }, b = bias.map { T($0) }
    let y = [Double](unsafeUninitializedCapacity: g.n * outPlane) { yBuffer, initialized in
        x.withUnsafeBufferPointer { xBuffer in
            w.withUnsafeBufferPointer { wBuffer in
                b.withUnsafeBufferPointer { bBuffer in
                    let xs = xBuffer.baseAddress!, ws = wBuffer.baseAddress!, bs = bBuffer.baseAddress!
                    let ys = yBuffer.baseAddress!
                    forEachChunk(of: g.n) { samples in
                        let cols = UnsafeMutablePointer<T>.allocate(capacity: g.patch * g.positions)
                        let scratch = UnsafeMutablePointer<T>.allocate(capacity: T.self == Double.self ? 0 : outPlane)
                        defer { cols.deallocate(); scratch.deallocate() }
                        for sample in samples {
                            let yN = ys + sample * outPlane
                            let out = sameStorage(yN, as: T.self) ?? scratch
                            g.im2col(xs + sample * g.inputPlane, cols, rowStride: g.positions)
                            for o in 0..<f { (out + o * g.positions).update(repeating: bs[o], count: g.positions) }
                            // out[F, positions] += W[F, patch] · cols[patch, positions]
                            T.gemmMultiplyAccumulate(m: f, n: g.positions, k: g.patch, a: ws, lda: g.patch,
                                                     b: cols, ldb: g.positions, c: out, ldc: g.positions, configuration: .serial)
                            if T.self != Double.self {
                                for i in 0..<outPlane { yN[i] = Double(out[i]) }
                            }
                        }
                    }
                }
            }
        }
        initialized = g.n * outPlane
    }
    return y
}

private func convolutionBackward<T: GemmScalar>(_ g: ConvolutionShape, f: Int, _ dy: [Double], _ x: [Double], _ weight: [Double],
                                                in _: T.Type) -> (dx: [Double], dw: [Double], db: [Double]) {
    let outPlane = f * g.positions
    let weightCount = f * g.patch
    // Per-example partial gradients, summed in example order at the end.
    let dwPerSample = UnsafeMutablePointer<T>.allocate(capacity: g.n * weightCount)        // dW_nᵀ [patch, F]
    let dbPerSample = UnsafeMutablePointer<Double>.allocate(capacity: g.n * f)             // Σ_{oh, ow} dY_n
    let weightT = UnsafeMutablePointer<T>.allocate(capacity: weightCount)                  // Wᵀ [patch, F]
    defer { dwPerSample.deallocate(); dbPerSample.deallocate(); weightT.deallocate() }
    let w = weight.map { T($0) }
    w.withUnsafeBufferPointer { transpose(f, g.patch, $0.baseAddress!, weightT) }

    var dx = [Double](repeating: 0, count: g.n * g.inputPlane)
    x.withUnsafeBufferPointer { xBuffer in
        dy.withUnsafeBufferPointer { dyBuffer in
            dx.withUnsafeMutableBufferPointer { dxBuffer in
                let xs = xBuffer.baseAddress!, dys = dyBuffer.baseAddress!, dxs = dxBuffer.baseAddress!
                forEachChunk(of: g.n) { samples in
                    let cols = UnsafeMutablePointer<T>.allocate(capacity: g.patch * g.positions)
                    let dyT = UnsafeMutablePointer<T>.allocate(capacity: outPlane)
                    let converted = UnsafeMutablePointer<T>.allocate(capacity: T.self == Double.self ? 0 : outPlane)
                    defer { cols.deallocate(); dyT.deallocate(); converted.deallocate() }
                    for sample in samples {
                        // One pass over dY_n [F, positions]: the bias gradient's row sums (in Double),
                        // the transpose dY_nᵀ [positions, F], and dY_n itself in T when T is Float.
                        let source = UnsafeMutablePointer(mutating: dys + sample * outPlane)
                        let same = sameStorage(source, as: T.self)
                        for o in 0..<f {
                            let row = source + o * g.positions
                            var sum = 0.0
                            if same == nil {
                                let copy = converted + o * g.positions
                                for p in 0..<g.positions {
                                    sum += row[p]
                                    copy[p] = T(row[p])
                                    dyT[p * f + o] = copy[p]
                                }
                            } else {
                                for p in 0..<g.positions {
                                    sum += row[p]
                                    dyT[p * f + o] = T(row[p])
                                }
                            }
                            dbPerSample[sample * f + o] = sum
                        }
                        let dyN = same ?? converted
                        g.im2col(xs + sample * g.inputPlane, cols, rowStride: g.positions)
                        // dW_nᵀ[patch, F] = cols[patch, positions] · dY_nᵀ[positions, F]
                        // (transposing dY_n, F·OH·OW scalars, is cheaper than transposing cols)
                        T.gemmMultiply(m: g.patch, n: f, k: g.positions, a: cols, lda: g.positions,
                                       b: dyT, ldb: f, c: dwPerSample + sample * weightCount, ldc: f, configuration: .serial)
                        // dcols[patch, positions] = Wᵀ[patch, F] · dY_n[F, positions] (overwriting cols), then col2im
                        T.gemmMultiply(m: g.patch, n: g.positions, k: f, a: weightT, lda: f,
                                       b: dyN, ldb: g.positions, c: cols, ldc: g.positions, configuration: .serial)
                        g.col2im(cols, dxs + sample * g.inputPlane, rowStride: g.positions)
                    }
                }
            }
        }
    }
    var dwT = [T](repeating: 0, count: weightCount)   // [patch, F]
    var db = [Double](repeating: 0, count: f)
    for sample in 0..<g.n {
        for i in 0..<weightCount { dwT[i] += dwPerSample[sample * weightCount + i] }
        for o in 0..<f { db[o] += dbPerSample[sample * f + o] }
    }
    var dw = [T](repeating: 0, count: weightCount)
    dwT.withUnsafeBufferPointer { t in
        dw.withUnsafeMutableBufferPointer { w in transpose(g.patch, f, t.baseAddress!, w.baseAddress!) }
    }
    return (dx, dw.map { Double($0) }, db)
}

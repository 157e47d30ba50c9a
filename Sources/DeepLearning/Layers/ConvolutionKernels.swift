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
// `Float`) on `Double` tensors. The batch is split by a `ConvolutionPlan` into chunks run in
// parallel (`concurrentPerform`), and each chunk into batches of examples whose im2col blocks sit
// side by side, so that one product through the fast `Gemm` (on one thread) serves the whole
// batch. The plan depends only on the sizes, never on the core count, and the chunks' partial
// weight gradients are summed in chunk order, so results are the same on every machine.
// `Conv2D.naiveForward` and `naiveBackward` are the references.

/// `y_n = W·cols_n + b` per example: `x` `[N, C, H, W]`, `weight` `[F, C, KH, KW]`, `bias` `[F]`
/// → `[N, F, OH, OW]`. `plan` (nil: `ConvolutionPlan` for the sizes) lets tests force
/// several chunks and batches that do not divide the examples.
func convolutionForward(_ g: ConvolutionShape, _ x: Tensor, _ weight: Tensor, _ bias: Tensor,
                        precision: ConvolutionPrecision = .double, plan: ConvolutionPlan? = nil) -> Tensor {
    let f = weight.shape[0]
    let scalars: [Double]
    switch precision {
    case .double: scalars = convolutionForward(g, f: f, x.scalars, weight.scalars, bias.scalars, in: Double.self, plan: plan ?? ConvolutionPlan(g, filters: f))
    case .float: scalars = convolutionForward(g, f: f, x.scalars, weight.scalars, bias.scalars, in: Float.self, plan: plan ?? ConvolutionPlan(g, filters: f))
    }
    return Tensor(shape: [g.n, f, g.oh, g.ow], scalars: scalars)
}

/// `(dx, dW, db)` for `dy` `[N, F, OH, OW]`: per batch `dWᵀ += cols·dYᵀ` (cols and dY of the
/// batch's examples side by side; summed within a chunk by the product, across chunks in order,
/// then transposed), `dx_n = col2im(Wᵀ·dY_n)`, and `db = Σ_{n, oh, ow} dY` (in `Double`).
func convolutionBackward(_ g: ConvolutionShape, _ dy: Tensor, _ x: Tensor, _ weight: Tensor,
                         precision: ConvolutionPrecision = .double, plan: ConvolutionPlan? = nil) -> (Tensor, Tensor, Tensor) {
    let f = weight.shape[0]
    let (dx, dw, db): ([Double], [Double], [Double])
    switch precision {
    case .double: (dx, dw, db) = convolutionBackward(g, f: f, dy.scalars, x.scalars, weight.scalars, in: Double.self, plan: plan ?? ConvolutionPlan(g, filters: f))
    case .float: (dx, dw, db) = convolutionBackward(g, f: f, dy.scalars, x.scalars, weight.scalars, in: Float.self, plan: plan ?? ConvolutionPlan(g, filters: f))
    }
    return (Tensor(shape: x.shape, scalars: dx), Tensor(shape: weight.shape, scalars: dw), Tensor(shape: [f], scalars: db))
}

/// `p` viewed as a pointer to `To` when `From` and `To` are the same type (the same storage, no
/// copy), else nil: lets the `Double` path skip the conversion buffers the `Float` path needs.
@inline(__always)
func sameStorage<From, To>(_ p: UnsafeMutablePointer<From>, as _: To.Type) -> UnsafeMutablePointer<To>? {
    From.self == To.self ? UnsafeMutableRawPointer(p).assumingMemoryBound(to: To.self) : nil
}

/// How a convolution pass splits its `N` examples: `chunks` contiguous groups run in parallel,
/// each with its own scratch (and, backward, its own partial weight gradient), and each group in
/// batches of up to `batch` examples whose im2col blocks sit side by side in one
/// `[C·KH·KW, batch·OH·OW]` matrix, so that each of the pass's products is one GEMM per batch.
///
/// Small convolutions (the digits net's second, `[32, 144]·[144, 16]` per example) gain the most: one
/// product of `batch·OH·OW` columns instead of `batch` products of `OH·OW`. The batch is capped so
/// that its im2col block (`columnBudget` scalars: 256 KiB of Float, 512 KiB of Double) stays in a
/// core's L2 cache; chunks are made only where each has `minimumChunkWork` multiply-adds, so a
/// small pass does not pay for waking threads. Both depend only on the sizes.
struct ConvolutionPlan: Equatable {
    /// Groups of examples run in parallel.
    let chunks: Int
    /// Examples per product within a group.
    let batch: Int

    static let columnBudget = 1 << 16
    static let minimumChunkWork = 1 << 20
    static let maximumChunks = 8

    /// The plan for a pass of `g` with `f` filters.
    init(_ g: ConvolutionShape, filters f: Int) {
        let work = g.n * f * g.patch * g.positions
        chunks = max(1, min(g.n, Self.maximumChunks, work / Self.minimumChunkWork))
        batch = max(1, min(Self.columnBudget / max(1, g.patch * g.positions), (g.n + chunks - 1) / chunks))
    }

    /// A given split (tests force several chunks and uneven batches with it).
    init(chunks: Int, batch: Int) {
        precondition(chunks >= 1 && batch >= 1, "ConvolutionPlan: chunks \(chunks) and batch \(batch) must be ≥ 1")
        (self.chunks, self.batch) = (chunks, batch)
    }

    /// The examples of group `chunk` of `n`.
    func examples(ofChunk chunk: Int, of n: Int) -> Range<Int> {
        chunk * n / chunks ..< (chunk + 1) * n / chunks
    }

    /// Runs `body(chunk, examples)` for every group, in parallel when there is more than one.
    /// Which thread runs a group never changes a result.
    func forEachChunk(of n: Int, _ body: (Int, Range<Int>) -> Void) {
        guard chunks > 1 else { return body(0, 0..<n) }
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in body(chunk, examples(ofChunk: chunk, of: n)) }
    }

    /// The batches of `examples`: `(first, count)` with `count ≤ batch`.
    func batches(of examples: Range<Int>) -> [(first: Int, count: Int)] {
        stride(from: examples.lowerBound, to: examples.upperBound, by: batch).map { ($0, min(batch, examples.upperBound - $0)) }
    }
}

private func convolutionForward<T: GemmScalar>(_ g: ConvolutionShape, f: Int, _ x: [Double], _ weight: [Double], _ bias: [Double],
                                               in _: T.Type, plan: ConvolutionPlan) -> [Double] {
    let p = g.positions, outPlane = f * g.positions
    let w = weight.map { T($0) }, b = bias.map { T($0) }
    let y = [Double](unsafeUninitializedCapacity: g.n * outPlane) { yBuffer, initialized in
        x.withUnsafeBufferPointer { xBuffer in
            w.withUnsafeBufferPointer { wBuffer in
                b.withUnsafeBufferPointer { bBuffer in
                    let xs = xBuffer.baseAddress!, ws = wBuffer.baseAddress!, bs = bBuffer.baseAddress!
                    let ys = yBuffer.baseAddress!
                    plan.forEachChunk(of: g.n) { _, examples in
                        let cols = UnsafeMutablePointer<T>.allocate(capacity: g.patch * plan.batch * p)
                        let out = UnsafeMutablePointer<T>.allocate(capacity: f * plan.batch * p)
                        defer { cols.deallocate(); out.deallocate() }
                        for (first, count) in plan.batches(of: examples) {
                            let width = count * p
                            for s in 0..<count { g.im2col(xs + (first + s) * g.inputPlane, cols + s * p, rowStride: width) }
                            // A single Double example is computed in place: its [F, OH·OW] block is y_n.
                            let direct = count == 1 ? sameStorage(ys + first * outPlane, as: T.self) : nil
                            let target = direct ?? out
                            for o in 0..<f { (target + o * width).update(repeating: bs[o], count: width) }
                            // out[F, batch·positions] += W[F, patch] · cols[patch, batch·positions]
                            T.gemmMultiplyAccumulate(m: f, n: width, k: g.patch, a: ws, lda: g.patch,
                                                     b: cols, ldb: width, c: target, ldc: width, configuration: .serial)
                            guard direct == nil else { continue }
                            for s in 0..<count {
                                for o in 0..<f {
                                    let source = out + o * width + s * p, destination = ys + (first + s) * outPlane + o * p
                                    for i in 0..<p { destination[i] = Double(source[i]) }
                                }
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
                                                in _: T.Type, plan: ConvolutionPlan) -> (dx: [Double], dw: [Double], db: [Double]) {
    let p = g.positions, outPlane = f * g.positions
    let weightCount = f * g.patch
    // Each group's partial gradients, summed in group order at the end.
    let dwPerChunk = UnsafeMutablePointer<T>.allocate(capacity: plan.chunks * weightCount)   // dWᵀ [patch, F]
    let dbPerChunk = UnsafeMutablePointer<Double>.allocate(capacity: plan.chunks * f)        // Σ dY, in Double
    let weightT = UnsafeMutablePointer<T>.allocate(capacity: weightCount)                     // Wᵀ [patch, F]
    defer { dwPerChunk.deallocate(); dbPerChunk.deallocate(); weightT.deallocate() }
    let w = weight.map { T($0) }
    w.withUnsafeBufferPointer { transpose(f, g.patch, $0.baseAddress!, weightT) }

    var dx = [Double](repeating: 0, count: g.n * g.inputPlane)
    x.withUnsafeBufferPointer { xBuffer in
        dy.withUnsafeBufferPointer { dyBuffer in
            dx.withUnsafeMutableBufferPointer { dxBuffer in
                let xs = xBuffer.baseAddress!, dys = dyBuffer.baseAddress!, dxs = dxBuffer.baseAddress!
                plan.forEachChunk(of: g.n) { chunk, examples in
                    let cols = UnsafeMutablePointer<T>.allocate(capacity: g.patch * plan.batch * p)
                    let dyBatch = UnsafeMutablePointer<T>.allocate(capacity: plan.batch * outPlane)   // dY [F, batch·positions]
                    let dyT = UnsafeMutablePointer<T>.allocate(capacity: plan.batch * outPlane)       // dYᵀ [batch·positions, F]
                    defer { cols.deallocate(); dyBatch.deallocate(); dyT.deallocate() }
                    let dwT = dwPerChunk + chunk * weightCount, db = dbPerChunk + chunk * f
                    db.initialize(repeating: 0, count: f)
                    if examples.isEmpty { dwT.initialize(repeating: 0, count: weightCount) }
                    for (index, (first, count)) in plan.batches(of: examples).enumerated() {
                        let width = count * p
                        // One pass over the batch's dY: the bias gradient's sums (in Double), dY laid out
                        // as [F, batch·positions] in T, and its transpose.
                        for s in 0..<count {
                            for o in 0..<f {
                                let row = dys + (first + s) * outPlane + o * p
                                let copy = dyBatch + o * width + s * p
                                var sum = 0.0
                                for i in 0..<p {
                                    sum += row[i]
                                    copy[i] = T(row[i])
                                    dyT[(s * p + i) * f + o] = copy[i]
                                }
                                db[o] += sum
                            }
                        }
                        for s in 0..<count { g.im2col(xs + (first + s) * g.inputPlane, cols + s * p, rowStride: width) }
                        // dWᵀ[patch, F] (+)= cols[patch, batch·positions] · dYᵀ[batch·positions, F]
                        if index == 0 {
                            T.gemmMultiply(m: g.patch, n: f, k: width, a: cols, lda: width, b: dyT, ldb: f,
                                           c: dwT, ldc: f, configuration: .serial)
                        } else {
                            T.gemmMultiplyAccumulate(m: g.patch, n: f, k: width, a: cols, lda: width, b: dyT, ldb: f,
                                                     c: dwT, ldc: f, configuration: .serial)
                        }
                        // dcols[patch, batch·positions] = Wᵀ[patch, F] · dY[F, batch·positions] (over cols), then col2im
                        T.gemmMultiply(m: g.patch, n: width, k: f, a: weightT, lda: f, b: dyBatch, ldb: width,
                                       c: cols, ldc: width, configuration: .serial)
                        for s in 0..<count { g.col2im(cols + s * p, dxs + (first + s) * g.inputPlane, rowStride: width) }
                    }
                }
            }
        }
    }
    var dwT = [Double](repeating: 0, count: weightCount)   // [patch, F]
    var db = [Double](repeating: 0, count: f)
    for chunk in 0..<plan.chunks {
        for i in 0..<weightCount { dwT[i] += Double(dwPerChunk[chunk * weightCount + i]) }
        for o in 0..<f { db[o] += dbPerChunk[chunk * f + o] }
    }
    var dw = [Double](repeating: 0, count: weightCount)
    dwT.withUnsafeBufferPointer { t in
        dw.withUnsafeMutableBufferPointer { w in transpose(g.patch, f, t.baseAddress!, w.baseAddress!) }
    }
    return (dx, dw, db)
}

// `swift run -c release bench [matmul|kernels|conv|lenet|all] [--json] [--quick] [--epochs N] [--batch N]`
//
// Times the course's kernels on fixed workloads (the same ones scripts/compare.py runs in numpy and
// PyTorch) and prints a table, or with `--json` one JSON object for the comparison script.
//
//   matmul  C = A·B, square n = 256, 512, 1024, 2048, Float (`Gemm.multiply`) and Double
//           (`Tensor.matmul`, which uses `Gemm` above its threshold); GFLOPS = 2n³ / median time.
//   conv    `Conv2D` (the reference layer) forward + backward, N=64, C 3→16, 32×32, 5×5, pad 2,
//           stride 1, in Double and with `precision = .float`; median milliseconds, with the
//           forward/backward split and the time of the three per-example products alone.
//   lenet   `DigitsNet.train` (the digits CNN, Adam, batch 32, 80/20 split, validation every
//           epoch) for a fixed number of epochs; seconds and held-out accuracy; once as the course
//           trains it (Double) and once with its convolutions in Float (`convolutionPrecision`).
//   kernels every GEMM micro-kernel on the square products and the convolutions' shapes (GFLOPS),
//           with the kernel `Gemm.Kernel.choose` picks; not part of `all`.

import Dispatch
import DeepLearning
import Foundation
@_spi(GemmEngine) import TensorCore

// MARK: Arguments

var arguments = Array(CommandLine.arguments.dropFirst())
func takeFlag(_ name: String) -> Bool {
    if let i = arguments.firstIndex(of: name) { arguments.remove(at: i); return true }
    return false
}
func takeValue(_ name: String) -> Int? {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count, let v = Int(arguments[i + 1]) else { return nil }
    arguments.removeSubrange(i...(i + 1))
    return v
}
let json = takeFlag("--json")
let quick = takeFlag("--quick")
let epochs = takeValue("--epochs") ?? 30
let batchSize = takeValue("--batch") ?? 32
let workload = arguments.first ?? "all"
guard ["matmul", "kernels", "conv", "lenet", "all"].contains(workload), arguments.count <= 1 else {
    FileHandle.standardError.write(Data("usage: bench [matmul|kernels|conv|lenet|all] [--json] [--quick] [--epochs N] [--batch N]\n".utf8))
    exit(2)
}

// MARK: Timing

func seconds() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

/// Median wall time of `runs` calls of `body` after `warmups` untimed ones.
func medianTime(runs: Int, warmups: Int = 1, _ body: () -> Void) -> (median: Double, all: [Double]) {
    for _ in 0..<warmups { body() }
    var times: [Double] = []
    for _ in 0..<runs {
        let start = seconds()
        body()
        times.append(seconds() - start)
    }
    let sorted = times.sorted()
    let median = sorted.count % 2 == 1 ? sorted[sorted.count / 2]
                                       : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    return (median, times)
}

/// The median times of the convolution layer's three per-example products, over `examples`
/// examples in parallel as the layer runs them, on random operands: `y[F, P] += W[F, K]·cols[K, P]`,
/// `dWᵀ[K, F] = cols[K, P]·dYᵀ[P, F]` and `dcols[K, P] = Wᵀ[K, F]·dY[F, P]` (K = C·KH·KW, P = OH·OW).
func convolutionProductTimes<T: GemmScalar>(_: T.Type, f: Int, patch: Int, positions: Int, examples: Int, runs: Int) -> [Double] {
    var generator = SeededGenerator(seed: 3)
    func operand(_ count: Int) -> [T] { (0..<count).map { _ in T(Double.random(in: -1...1, using: &generator)) } }
    let w = operand(f * patch), cols = operand(patch * positions), dy = operand(f * positions)
    let dyT = operand(positions * f), wT = operand(patch * f)
    func time(_ product: (UnsafeMutablePointer<T>) -> Void, outputCount: Int) -> Double {
        medianTime(runs: runs) {
            DispatchQueue.concurrentPerform(iterations: examples) { _ in
                let out = UnsafeMutablePointer<T>.allocate(capacity: outputCount)
                defer { out.deallocate() }
                out.initialize(repeating: 0, count: outputCount)
                product(out)
            }
        }.median
    }
    let forward = time({ out in
        T.gemmMultiplyAccumulate(m: f, n: positions, k: patch, a: w, lda: patch, b: cols, ldb: positions,
                                 c: out, ldc: positions, configuration: .serial)
    }, outputCount: f * positions)
    let weightGradient = time({ out in
        T.gemmMultiply(m: patch, n: f, k: positions, a: cols, lda: positions, b: dyT, ldb: f, c: out, ldc: f, configuration: .serial)
    }, outputCount: patch * f)
    let columnGradient = time({ out in
        T.gemmMultiply(m: patch, n: positions, k: f, a: wT, lda: f, b: dy, ldb: positions, c: out, ldc: positions, configuration: .serial)
    }, outputCount: patch * positions)
    return [forward, weightGradient, columnGradient]
}

func log(_ line: String) {
    if json { FileHandle.standardError.write(Data((line + "\n").utf8)) } else { print(line) }
}
func format(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }

let processor = Gemm.Processor.current
let doubleKernel = Gemm.Kernel.best(for: Double.self), floatKernel = Gemm.Kernel.best(for: Float.self)
/// Scalars per register vector of `kernel` for `T` (the kernel for large products; narrow ones may
/// use the 256-bit tile, see `Gemm.Kernel.choose`).
func vectorWidth<T: GemmScalar>(_ kernel: Gemm.Kernel, _: T.Type) -> Int {
    switch kernel {
    case .portable: return T.PortableVector.scalarCount
    case .fused, .tallFused: return T.NativeVector.scalarCount
    case .wideFused, .wideTallFused: return T.WideVector.scalarCount
    }
}
var results: [String: Any] = [
    "threads": Gemm.Configuration.standard.threadCount,
    "simd": "\(vectorWidth(doubleKernel, Double.self))×Double, \(vectorWidth(floatKernel, Float.self))×Float",
    "cpu": processor.model,
    "cpu_features": processor.vectorFeatures?.joined(separator: " ") ?? "unknown",
    "kernel": "Double \(doubleKernel.rawValue), Float \(floatKernel.rawValue)",
    "kernel_summary": doubleKernel == floatKernel ? doubleKernel.summary
        : "Double: \(doubleKernel.summary); Float: \(floatKernel.summary)",
]
log("CPU     \(processor.model), \(ProcessInfo.processInfo.activeProcessorCount) cores; vector features: "
    + (processor.vectorFeatures?.joined(separator: " ") ?? "unknown"))
log("kernel  Double: \(doubleKernel.summary)")
log("        Float:  \(floatKernel.summary)")
log("")

// MARK: matmul

if workload == "matmul" || workload == "all" {
    log("matmul  C = A·B, n×n (GFLOPS = 2n³ / median time; \(Gemm.Configuration.standard.threadCount) threads)")
    log("     n   Float GFLOPS  Double GFLOPS   runs")
    var rows: [[String: Any]] = []
    var generator = SeededGenerator(seed: 1)
    for n in quick ? [256, 512] : [256, 512, 1024, 2048] {
        let runs = n <= 256 ? 15 : n <= 512 ? 9 : n <= 1024 ? 5 : 2
        let flops = 2 * Double(n) * Double(n) * Double(n)
        let a = Tensor.uniform([n, n], in: -1...1, using: &generator)
        let b = Tensor.uniform([n, n], in: -1...1, using: &generator)
        let af = a.scalars.map(Float.init), bf = b.scalars.map(Float.init)
        var cf: [Float] = []
        let float = medianTime(runs: runs, warmups: n >= 2048 ? 0 : 1) {
            Gemm.multiply(m: n, n: n, k: n, a: af, b: bf, c: &cf)
        }
        var sink = 0.0
        let double = medianTime(runs: runs, warmups: n >= 2048 ? 0 : 1) { sink += a.matmul(b).scalars[0] }
        _ = sink
        let gf = flops / float.median / 1e9, gd = flops / double.median / 1e9
        log(String(repeating: " ", count: 6 - "\(n)".count) + "\(n)" + "   "
            + String(format: "%12.2f  %13.2f", gf, gd) + "   \(runs)")
        rows.append(["n": n, "float_gflops": gf, "double_gflops": gd, "float_seconds": float.median,
                     "double_seconds": double.median, "runs": runs])
    }
    // The previous kernel (i-p-j loop, one core) for scale, at 512 in Double.
    let n = 512
    let a = Tensor.uniform([n, n], in: -1...1, using: &generator), b = Tensor.uniform([n, n], in: -1...1, using: &generator)
    let loop = medianTime(runs: 3, warmups: 0) { _ = a.loopMatmul(b) }
    let loopGflops = 2 * Double(n * n * n) / loop.median / 1e9
    log("   (the previous i-p-j loop, Double, n = 512: \(format(loopGflops, 2)) GFLOPS)")
    results["matmul"] = rows
    results["matmul_loop_512_double_gflops"] = loopGflops
    log("")
}

// MARK: kernels

/// Every micro-kernel on the square products and the convolution's shapes, in both precisions:
/// the measurements behind `Gemm.Kernel.choose(rows:columns:scalar:family:on:)` (not part of `all`).
if workload == "kernels" {
    log("kernels  GFLOPS per kernel (median of runs; \(Gemm.Configuration.standard.threadCount) threads)")
    var generator = SeededGenerator(seed: 3)
    func operand<T: GemmScalar>(_ count: Int, _: T.Type) -> [T] { (0..<count).map { _ in T(Double.random(in: -1...1, using: &generator)) } }
    func measure<T: GemmScalar>(_: T.Type, _ m: Int, _ n: Int, _ k: Int, _ kernel: Gemm.Kernel) -> Double {
        let a = operand(m * k, T.self), b = operand(k * n, T.self)
        var c = [T](repeating: 0, count: m * n)
        let configuration = Gemm.Configuration.standard.with(kernel: kernel)
        let runs = m * n * k >= 1 << 30 ? 3 : m * n * k >= 1 << 27 ? 5 : 15
        let time = medianTime(runs: runs) {
            a.withUnsafeBufferPointer { ap in b.withUnsafeBufferPointer { bp in c.withUnsafeMutableBufferPointer { cp in
                T.gemmMultiply(m: m, n: n, k: k, a: ap.baseAddress!, lda: k, b: bp.baseAddress!, ldb: n,
                               c: cp.baseAddress!, ldc: n, configuration: configuration)
            } } }
        }
        return 2 * Double(m * n * k) / time.median / 1e9
    }
    let shapes = [(256, 256, 256), (1024, 1024, 1024), (2048, 2048, 2048), (16, 1024, 75), (16, 75, 1024), (75, 16, 1024), (75, 1024, 16), (16, 2048, 9), (32, 256, 144), (144, 32, 256), (144, 256, 32)]
    let kernels = Gemm.Kernel.allCases
    var header = "  shape (m×n×k)      scalar  "
    for kernel in kernels { header += kernel.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0) }
    log(header)
    for (m, n, k) in shapes {
        for scalar in ["Double", "Float"] {
            var line = "  " + "\(m)×\(n)×\(k)".padding(toLength: 18, withPad: " ", startingAt: 0) + " "
            line += scalar.padding(toLength: 7, withPad: " ", startingAt: 0) + " "
            for kernel in kernels {
                let figure = scalar == "Double" ? measure(Double.self, m, n, k, kernel) : measure(Float.self, m, n, k, kernel)
                line += String(format: "%8.1f      ", figure)
            }
            let chosen = scalar == "Double" ? Gemm.Kernel.best(for: Double.self, rows: m, columns: n)
                                            : Gemm.Kernel.best(for: Float.self, rows: m, columns: n)
            log(line + "  default: " + chosen.rawValue)
        }
    }
}

// MARK: conv

if workload == "conv" || workload == "all" {
    let (n, c, f, size, k, pad) = (64, 3, 16, 32, 5, 2)
    var generator = SeededGenerator(seed: 2)
    let layer = Conv2D(inChannels: c, outChannels: f, kernelSize: k, stride: 1, padding: pad, using: &generator)
    let x = Tensor.normal([n, c, size, size], using: &generator)
    let dy = Tensor.normal([n, f, size, size], using: &generator)
    var context = ForwardContext(training: true)
    let runs = quick ? 3 : 9
    var cache = x
    let copy = layer
    let forward = medianTime(runs: runs) { cache = copy.forward(x, context: &context).cache }
    let backward = medianTime(runs: runs) { _ = layer.backward(dy, cache: cache) }
    let both = medianTime(runs: runs) {
        let (_, cache) = copy.forward(x, context: &context)
        _ = layer.backward(dy, cache: cache)
    }
    // The same layer computing in Float (`precision = .float`), against PyTorch's float32.
    var floatLayer = layer
    floatLayer.precision = .float
    let bothFloat = medianTime(runs: runs) {
        let (_, cache) = floatLayer.forward(x, context: &context)
        _ = floatLayer.backward(dy, cache: cache)
    }
    let forwardFloat = medianTime(runs: runs) { _ = floatLayer.forward(x, context: &context) }
    let backwardFloat = medianTime(runs: runs) { _ = floatLayer.backward(dy, cache: x) }
    // Where the time goes: the im2col/col2im copies over the whole batch (public functions, one
    // thread), and the layer's three per-example products ([16, 75]·[75, 1024], [16, 1024]·[1024, 75],
    // [75, 16]·[16, 1024]) through the fast Gemm, examples in parallel as the layer runs them.
    let cols = im2col(x, kernelHeight: k, kernelWidth: k, stride: 1, padding: pad)
    let im2colTime = medianTime(runs: runs) { _ = im2col(x, kernelHeight: k, kernelWidth: k, stride: 1, padding: pad) }
    let col2imTime = medianTime(runs: runs) {
        _ = col2im(cols, inputShape: x.shape, kernelHeight: k, kernelWidth: k, stride: 1, padding: pad)
    }
    let (patch, positions) = (c * k * k, size * size)
    let gemmDouble = convolutionProductTimes(Double.self, f: f, patch: patch, positions: positions, examples: n, runs: runs)
    let gemmFloat = convolutionProductTimes(Float.self, f: f, patch: patch, positions: positions, examples: n, runs: runs)
    let flops = 3 * 2 * Double(f * c * k * k) * Double(n * size * size)
    log("conv2d  N=\(n), C \(c)→\(f), \(size)×\(size), \(k)×\(k), pad \(pad), stride 1, Double (reference Conv2D)")
    log("   forward \(format(forward.median * 1e3, 1)) ms   backward \(format(backward.median * 1e3, 1)) ms   "
        + "forward+backward \(format(both.median * 1e3, 1)) ms  (median of \(runs); \(format(flops / both.median / 1e9, 2)) GFLOPS)")
    log("   with precision .float: forward \(format(forwardFloat.median * 1e3, 1)) ms   backward \(format(backwardFloat.median * 1e3, 1)) ms   "
        + "forward+backward \(format(bothFloat.median * 1e3, 1)) ms")
    log("   for scale: im2col of the batch \(format(im2colTime.median * 1e3, 1)) ms, col2im \(format(col2imTime.median * 1e3, 1)) ms (one thread)")
    for (label, times) in [("Double", gemmDouble), ("Float", gemmFloat)] {
        log("   the layer's three per-example products through Gemm in \(label): "
            + "\(format(times.reduce(0, +) * 1e3, 1)) ms (y \(format(times[0] * 1e3, 1)), dWᵀ \(format(times[1] * 1e3, 1)), "
            + "dcols \(format(times[2] * 1e3, 1)))")
    }
    log("")
    results["conv"] = [
        "forward_ms": forward.median * 1e3, "backward_ms": backward.median * 1e3,
        "forward_backward_ms": both.median * 1e3, "runs": runs,
        "float_forward_backward_ms": bothFloat.median * 1e3,
        "float_forward_ms": forwardFloat.median * 1e3, "float_backward_ms": backwardFloat.median * 1e3,
        "im2col_ms": im2colTime.median * 1e3, "col2im_ms": col2imTime.median * 1e3,
        "gemm_products_ms": gemmDouble.reduce(0, +) * 1e3, "gemm_products_float_ms": gemmFloat.reduce(0, +) * 1e3,
    ]
}

// MARK: lenet

if workload == "lenet" || workload == "all" {
    do {
        let data = try Digits.load()
        // The network as the course trains it (Double), then with its convolutions in Float (the
        // like-for-like comparison with PyTorch's float32 model; dense layers and Adam stay Double).
        let variants: [(String, ConvolutionPrecision)] = [("lenet", .double), ("lenet_float", .float)]
        for (key, precision) in variants {
            let options = DigitsNet.TrainingOptions(epochs: quick ? 2 : epochs, batchSize: batchSize, convolutionPrecision: precision)
            let start = seconds()
            let run = DigitsNet.train(data, options: options)
            let elapsed = seconds() - start
            let arithmetic = precision == .double ? "Double" : "Float"
            log("lenet   DigitsNet on digits (\(run.trainCount) train / \(run.testLabels.count) test), Adam, batch \(options.batchSize), "
                + "\(options.epochs) epochs, validation every epoch, convolutions in " + arithmetic)
            log("   training \(format(elapsed, 2)) s (\(format(elapsed / Double(options.epochs) * 1e3, 0)) ms/epoch), "
                + "test accuracy \(format(run.testAccuracy * 100, 2)) %")
            let row: [String: Any] = ["seconds": elapsed, "epochs": options.epochs, "batch": options.batchSize,
                                      "train_count": run.trainCount, "test_count": run.testLabels.count,
                                      "validation_count": run.validationCount, "test_fraction": options.testFraction,
                                      "validation_fraction": options.validationFraction, "test_accuracy": run.testAccuracy]
            results[key] = row
        }
        // Where a training step's time goes: each layer's forward and backward on one batch, and
        // Adam's step, in Double (the course's network), median of many runs.
        var model = DigitsNet.makeModel(seed: 0)
        var generator = SeededGenerator(seed: 4)
        let batch = Tensor.uniform([batchSize] + DigitsNet.inputShape, in: 0...1, using: &generator)
        var context = ForwardContext(training: true)
        var activations = [batch], caches: [Any] = []
        for i in model.layers.indices {
            let (output, cache) = model.layers[i].forward(activations[i], context: &context)
            activations.append(output); caches.append(cache)
        }
        var parts: [String] = [], breakdown: [[String: Any]] = []
        var total = 0.0
        for i in model.layers.indices {
            var layer = model.layers[i]
            let input = activations[i], cache = caches[i]
            let gradient = Tensor.normal(activations[i + 1].shape, using: &generator)
            let forward = medianTime(runs: 201, warmups: 20) { _ = layer.forward(input, context: &context) }.median
            let backward = medianTime(runs: 201, warmups: 20) { _ = layer.backward(gradient, cache: cache) }.median
            total += forward + backward
            parts.append("\(layer.name) \(format(forward * 1e6, 0))+\(format(backward * 1e6, 0))")
            breakdown.append(["layer": layer.name, "forward_us": forward * 1e6, "backward_us": backward * 1e6])
        }
        var optimizer = Adam(learningRate: 0.003)
        var parameters = model.parameters
        let gradients = parameters.map { Tensor.normal($0.shape, using: &generator) }
        let adam = medianTime(runs: 201, warmups: 20) { optimizer.step(parameters: &parameters, gradients: gradients) }.median
        total += adam
        log("   one step of batch \(batchSize), µs forward+backward per layer (Double): " + parts.joined(separator: ", ")
            + "; Adam \(format(adam * 1e6, 0)); sum \(format(total * 1e6, 0)) µs")
        results["lenet_step_breakdown"] = ["layers": breakdown, "adam_us": adam * 1e6, "sum_us": total * 1e6]
    } catch {
        log("lenet   skipped: the digits data did not load (\(error))")
        results["lenet"] = ["skipped": "\(error)"]
    }
}

if json {
    let data = try JSONSerialization.data(withJSONObject: results, options: [.prettyPrinted, .sortedKeys])
    print(String(decoding: data, as: UTF8.self))
}

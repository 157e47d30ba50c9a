import Foundation
import TensorCore

/// The mechanism figures of L2, L5 and L7: the sigmoid neuron's computation graph with its
/// forward and backward values, dropout's masks in training and evaluation, batch-norm statistics
/// over a batch, and the routes max pooling's gradient takes. Every number is computed by the
/// reference implementation (`Value`, `Dropout`, `BatchNorm`, `MaxPool2D`).
extension LectureFigures {
    // MARK: L2 computation graph

    /// One node of the staged sigmoid neuron: its label, forward value and ∂f/∂(its output).
    public typealias GraphNode = (name: String, value: Double, gradient: Double)

    /// The sigmoid neuron `f = 1/(1 + exp(−(w0·x0 + w1·x1 + w2)))` staged as L2 does it, run by the
    /// reference `Value`: first the five inputs (w0, x0, w1, x1, w2), then the stages t0, t1, t01,
    /// t012, nt, e, denom, f.
    public static func sigmoidNeuronGraph(w: [Double] = [2, -3, -3], x: [Double] = [-1, -2]) -> [GraphNode] {
        let (w0, x0, w1, x1, w2) = (Value(w[0]), Value(x[0]), Value(w[1]), Value(x[1]), Value(w[2]))
        let t0 = w0 * x0, t1 = w1 * x1
        let t01 = t0 + t1, t012 = t01 + w2
        let nt = t012 * -1.0
        let e = nt.exp()
        let denom = e + 1.0
        let f = denom.pow(-1)
        f.backward()
        let named: [(String, Value)] = [("w0", w0), ("x0", x0), ("w1", w1), ("x1", x1), ("w2", w2),
                                        ("t0", t0), ("t1", t1), ("t01", t01), ("t012", t012),
                                        ("nt", nt), ("e", e), ("denom", denom), ("f", f)]
        return named.map { ($0.0, $0.1.data, $0.1.grad) }
    }

    /// The graph left to right: inputs, the two products, the two sums, then negation, exp, +1
    /// and 1/x. On every edge the forward value is written above (black) and the gradient below
    /// (red); an input's gradient is written beside it.
    public static func computationGraph() -> String {
        let nodes = sigmoidNeuronGraph()
        let v = Dictionary(uniqueKeysWithValues: nodes.map { ($0.name, $0) })
        func val(_ n: String) -> String { Diagram.label(v[n]!.value, digits: 3) }
        func grad(_ n: String) -> String { Diagram.label(v[n]!.gradient, digits: 3) }
        let red = "#C00000"
        var d = Diagram(width: 1120, height: 400,
                        title: "L2 — the sigmoid neuron as a graph: forward values (black, above), gradients ∂f/∂· (red, below)")
        // Inputs.
        let inputs: [(String, Double)] = [("w0", 70), ("x0", 120), ("w1", 200), ("x1", 250), ("w2", 330)]
        for (name, y) in inputs {
            d.text("\(name) = \(val(name))", x: 20, y: y, size: 14, bold: true)
            d.text("(\(grad(name)))", x: 20, y: y + 17, size: 13, color: red)
        }
        // Operation nodes: (label, x, y).
        func node(_ label: String, _ x: Double, _ y: Double) {
            d.rect(x: x - 28, y: y - 18, width: 56, height: 36, fill: "#f4f4f4", stroke: "#444", strokeWidth: 1.5, rounded: 8)
            d.text(label, x: x, y: y + 1, size: 15, anchor: "middle", bold: true)
        }
        func label(_ x: Double, _ y: Double, value: String, gradient: String) {
            guard !value.isEmpty else { return }
            d.text(value, x: x, y: y - 11, size: 13, anchor: "middle")
            d.text(gradient, x: x, y: y + 13, size: 13, anchor: "middle", color: red)
        }
        /// A horizontal edge from a to b, labelled at its middle.
        func edge(_ a: (Double, Double), _ b: (Double, Double), value: String, gradient: String) {
            d.line(from: (a.0, a.1), to: (b.0, b.1), color: "#444", width: 1.5, arrow: true)
            label((a.0 + b.0) / 2, a.1, value: value, gradient: gradient)
        }
        /// An edge that leaves a horizontally, then turns up or down into the node at b; labelled on
        /// its horizontal part.
        func elbow(_ a: (Double, Double), into b: (Double, Double), value: String, gradient: String) {
            let entry = b.1 > a.1 ? b.1 - 18 : b.1 + 18
            d.line(from: (a.0, a.1), to: (b.0, a.1), color: "#444", width: 1.5)
            d.line(from: (b.0, a.1), to: (b.0, entry), color: "#444", width: 1.5, arrow: true)
            label((a.0 + b.0) / 2 - 10, a.1, value: value, gradient: gradient)
        }
        let mul0 = (180.0, 95.0), mul1 = (180.0, 225.0), add01 = (360.0, 160.0), add012 = (500.0, 245.0)
        let neg = (630.0, 245.0), exp = (760.0, 245.0), plus1 = (880.0, 245.0), inv = (995.0, 245.0)
        d.line(from: (75, 70), to: (152, 88), arrow: true); d.line(from: (75, 120), to: (152, 102), arrow: true)
        d.line(from: (75, 200), to: (152, 218), arrow: true); d.line(from: (75, 250), to: (152, 232), arrow: true)
        elbow((80, 330), into: add012, value: "", gradient: "")
        node("×", mul0.0, mul0.1); node("×", mul1.0, mul1.1)
        node("+", add01.0, add01.1); node("+", add012.0, add012.1)
        node("×(−1)", neg.0, neg.1); node("exp", exp.0, exp.1); node("+1", plus1.0, plus1.1); node("1/x", inv.0, inv.1)
        elbow((mul0.0 + 28, mul0.1), into: add01, value: "t0 = " + val("t0"), gradient: grad("t0"))
        elbow((mul1.0 + 28, mul1.1), into: add01, value: "t1 = " + val("t1"), gradient: grad("t1"))
        elbow((add01.0 + 28, add01.1), into: add012, value: "t01 = " + val("t01"), gradient: grad("t01"))
        edge((add012.0 + 28, add012.1), (neg.0 - 28, neg.1), value: val("t012"), gradient: grad("t012"))
        edge((neg.0 + 28, neg.1), (exp.0 - 28, exp.1), value: val("nt"), gradient: grad("nt"))
        edge((exp.0 + 28, exp.1), (plus1.0 - 28, plus1.1), value: val("e"), gradient: grad("e"))
        edge((plus1.0 + 28, plus1.1), (inv.0 - 28, inv.1), value: val("denom"), gradient: grad("denom"))
        edge((inv.0 + 28, inv.1), (1100, inv.1), value: "f = " + val("f"), gradient: grad("f"))
        d.text("w2 enters the second sum", x: 250, y: 318 - 0, size: 12, italic: true, color: "#555")
        d.text("A product sends each input the upstream gradient times the other input; a sum passes it on unchanged.",
               x: 20, y: 372, size: 13, italic: true, color: "#444")
        d.text("Along the chain: ×(−1) flips the sign, exp multiplies by e, 1/x by −1/denom². The five red numbers on the left are ∂f/∂w and ∂f/∂x.",
               x: 20, y: 392, size: 13, italic: true, color: "#444")
        return d.svg()
    }

    // MARK: L5 dropout

    /// The masks the reference `Dropout(p: p)` draws for `units` activations on `steps` training
    /// steps (generator seeded with `seed`): each entry 0 (dropped) or 1/(1 − p) (kept, rescaled).
    public static func dropoutMasks(p: Double = 0.5, units: Int = 8, steps: Int = 2, seed: UInt64 = 3) -> [[Double]] {
        let layer = Dropout(p: p)
        var context = ForwardContext(training: true, seed: seed)
        return (0..<steps).map { _ in layer.forward(Tensor(shape: [1, units], scalars: .init(repeating: 1, count: units)), context: &context).output.scalars }
    }

    /// Three copies of a 6 → 8 layer: two training steps with their own masks (dropped units grey,
    /// kept ones scaled by 1/(1 − p)), and evaluation, where every unit is kept and nothing is scaled.
    public static func dropoutFigure(p: Double = 0.5) -> String {
        let masks = dropoutMasks(p: p)
        let units = masks[0].count, inputs = 6
        let scale = 1 / (1 - p)
        var d = Diagram(width: 960, height: 420, title: "L5 — inverted dropout, p = \(Diagram.label(p)): a new mask each training step, none at evaluation")
        let panels: [(String, [Double]?)] = [("training, step 1", masks[0]), ("training, step 2", masks[1]), ("evaluation (model.eval())", nil)]
        for (k, (title, mask)) in panels.enumerated() {
            let x0 = 40 + Double(k) * 310
            d.text(title, x: x0, y: 60, size: 14, bold: true)
            let inY = (0..<inputs).map { 110 + Double($0) * 44 }, hidY = (0..<units).map { 90 + Double($0) * 34 }
            for (i, yi) in inY.enumerated() {
                for (j, yj) in hidY.enumerated() where mask == nil || mask![j] != 0 {
                    _ = i
                    d.line(from: (x0 + 30, yi), to: (x0 + 170, yj), color: "#bbbbbb", width: 0.8)
                }
            }
            for yi in inY { d.circle(x: x0 + 30, y: yi, radius: 10, fill: "#f4f4f4") }
            for (j, yj) in hidY.enumerated() {
                let kept = mask == nil || mask![j] != 0
                d.circle(x: x0 + 170, y: yj, radius: 11, fill: kept ? Diagram.tints[0] : "#dddddd", stroke: kept ? "#0072B2" : "#aaaaaa")
                if kept {
                    d.text(mask == nil ? "×1" : "×\(Diagram.label(scale))", x: x0 + 190, y: yj, size: 12, color: "#0072B2")
                } else {
                    d.text("✕", x: x0 + 170, y: yj + 1, size: 13, anchor: "middle", color: "#888888")
                    d.text("0", x: x0 + 190, y: yj, size: 12, color: "#888888")
                }
            }
            let keptCount = mask.map { $0.filter { $0 != 0 }.count } ?? units
            let caption = mask == nil ? "all \(units) kept, output = activation" : "\(keptCount) of \(units) kept, each ×\(Diagram.label(scale))"
            d.text(caption, x: x0, y: 372, size: 13, color: "#222")
        }
        d.text("Kept with probability 1 − p and scaled by 1/(1 − p), a unit's expected output in training equals its output at evaluation.",
               x: 40, y: 402, size: 13, italic: true, color: "#444")
        return d.svg()
    }

    // MARK: L5 batch normalization

    /// The figure's batch: N = 4 examples (rows) of D = 3 features (columns).
    public static let batchNormInput: [[Double]] = [[1, 10, -2], [3, 14, 0], [5, 6, 2], [7, 10, 4]]

    /// The reference `BatchNorm` (γ = 1, β = 0, ε = 1e−5, momentum 0.1) on `batchNormInput` in
    /// training mode: the per-feature batch mean and (biased) variance, the normalised batch, and
    /// the running mean and variance after this one step from their initial 0 and 1.
    public static func batchNormStatistics() -> (mean: [Double], variance: [Double], normalized: [[Double]],
                                                runningMean: [Double], runningVariance: [Double]) {
        let x = Tensor(shape: [4, 3], scalars: batchNormInput.flatMap { $0 })
        var layer = BatchNorm(featureCount: 3)
        var context = ForwardContext(training: true)
        let (y, _) = layer.forward(x, context: &context)
        let n = Double(batchNormInput.count)
        let mean = (0..<3).map { j in batchNormInput.map { $0[j] }.reduce(0, +) / n }
        let variance = (0..<3).map { j in batchNormInput.map { ($0[j] - mean[j]) * ($0[j] - mean[j]) }.reduce(0, +) / n }
        return (mean, variance, Diagram.rows(y), layer.runningMean.scalars, layer.runningVariance.scalars)
    }

    public static func batchNormFigure() -> String {
        let s = batchNormStatistics()
        let cell = 44.0
        var d = Diagram(width: 960, height: 420, title: "L5 — batch normalization: statistics per feature, over the examples of the batch")
        let x0 = 130.0, y0 = 90.0
        d.text("batch x (N = 4 examples × D = 3 features)", x: 20, y: 62, size: 13, bold: true)
        d.grid(batchNormInput, x: x0, y: y0, cell: cell, fill: { _, j in Diagram.tints[j] })
        for i in 0..<4 { d.text("example \(i + 1)", x: 20, y: y0 + Double(i) * cell + cell / 2, size: 12, color: "#444") }
        for j in 0..<3 {
            d.frame(row: 0, column: j, rows: 4, columns: 1, gridX: x0, gridY: y0, cell: cell, color: SVGPlot.palette[j], inset: 2)
        }
        d.text("mean μ_B", x: 20, y: y0 + 4.5 * cell + 14, size: 13, bold: true)
        d.grid([s.mean], x: x0, y: y0 + 4 * cell + 14, cell: cell, fill: { _, j in Diagram.tints[j] })
        d.text("variance σ²_B", x: 20, y: y0 + 5.5 * cell + 22, size: 13, bold: true)
        d.grid([s.variance], x: x0, y: y0 + 5 * cell + 22, cell: cell, fill: { _, j in Diagram.tints[j] })
        d.line(from: (x0 + 3 * cell + 15, y0 + 2 * cell), to: (x0 + 3 * cell + 135, y0 + 2 * cell), arrow: true)
        d.text("(x − μ_B)", x: x0 + 3 * cell + 75, y: y0 + 2 * cell - 30, size: 12, anchor: "middle")
        d.text("/ √(σ²_B + ε)", x: x0 + 3 * cell + 75, y: y0 + 2 * cell - 14, size: 12, anchor: "middle")
        let x1 = x0 + 3 * cell + 150
        d.text("normalised x̂ (γ = 1, β = 0)", x: x1, y: 62, size: 13, bold: true)
        d.grid(s.normalized, x: x1, y: y0, cell: cell + 14, digits: 3, fontSize: 13, fill: { _, j in Diagram.tints[j] })
        let x2 = x1 + 3 * (cell + 14) + 40
        d.text("running statistics after this step", x: x2, y: 62, size: 13, bold: true)
        d.text("(momentum 0.1, from mean 0 and variance 1):", x: x2, y: 80, size: 12, color: "#444")
        d.text("mean     " + s.runningMean.map { Diagram.label($0) }.joined(separator: ",  "), x: x2, y: 110, size: 13)
        d.text("variance " + s.runningVariance.map { Diagram.label($0) }.joined(separator: ",  "), x: x2, y: 132, size: 13)
        d.text("training: normalise with μ_B, σ²_B", x: x2, y: 175, size: 13, color: "#0072B2")
        d.text("evaluation: with the running averages", x: x2, y: 195, size: 13, color: "#D55E00")
        d.text("Each column (feature) gets its own mean and variance, computed down the batch; every column of x̂ has mean 0 and variance ≈ 1.",
               x: 20, y: 400, size: 13, italic: true, color: "#444")
        return d.svg()
    }

    // MARK: L7 max-pool routing

    /// L7's 2×2, stride-2 pooling example and the upstream gradient the figure sends back.
    public static let poolInput: [[Double]] = [[1, 1, 2, 4], [5, 6, 7, 8], [3, 2, 1, 0], [1, 2, 3, 4]]
    public static let poolUpstream: [[Double]] = [[0.5, -1], [2, 0.25]]

    /// The reference `MaxPool2D(size: 2, stride: 2)` forward on `poolInput` and backward of `poolUpstream`.
    public static func maxPoolRouting() -> (output: [[Double]], inputGradient: [[Double]]) {
        let layer = MaxPool2D(size: 2, stride: 2)
        var context = ForwardContext(training: false)
        let (y, cache) = layer.forward(Tensor(shape: [1, 1, 4, 4], scalars: poolInput.flatMap { $0 }), context: &context)
        let (dx, _) = layer.backward(Tensor(shape: [1, 1, 2, 2], scalars: poolUpstream.flatMap { $0 }), cache: cache)
        return (Diagram.rows(y.reshaped([2, 2])), Diagram.rows(dx.reshaped([4, 4])))
    }

    public static func maxPoolGradient() -> String {
        let (y, dx) = maxPoolRouting()
        let cell = 40.0
        var d = Diagram(width: 860, height: 490, title: "L7 — 2×2 max pooling, stride 2: the maximum forward, its position backward")
        func window(_ i: Int, _ j: Int) -> Int { (i / 2) * 2 + j / 2 }
        func isMax(_ i: Int, _ j: Int) -> Bool { poolInput[i][j] == y[i / 2][j / 2] && dx[i][j] != 0 }
        let top = 85.0, bottom = 285.0
        d.text("forward: input x (4×4)", x: 40, y: top - 18, size: 13, bold: true)
        d.grid(poolInput, x: 40, y: top, cell: cell, fill: { i, j in Diagram.tints[window(i, j)] }, bold: isMax)
        for i in 0..<4 { for j in 0..<4 where isMax(i, j) {
            d.frame(row: i, column: j, rows: 1, columns: 1, gridX: 40, gridY: top, cell: cell, color: SVGPlot.palette[window(i, j)], inset: 2)
        } }
        d.line(from: (220, top + 2 * cell), to: (330, top + 2 * cell), arrow: true)
        d.text("max of each window", x: 275, y: top + 2 * cell - 14, size: 12, anchor: "middle")
        d.text("output y (2×2)", x: 350, y: top + cell - 18, size: 13, bold: true)
        d.grid(y, x: 350, y: top + cell, cell: cell, fill: { i, j in Diagram.tints[i * 2 + j] }, bold: { _, _ in true })
        d.text("backward: input gradient dx", x: 40, y: bottom - 18, size: 13, bold: true)
        d.grid(dx, x: 40, y: bottom, cell: cell, fill: { i, j in isMax(i, j) ? Diagram.tints[window(i, j)] : nil },
               bold: isMax)
        d.line(from: (330, bottom + 2 * cell), to: (220, bottom + 2 * cell), arrow: true)
        d.text("to the maximum only", x: 275, y: bottom + 2 * cell - 14, size: 12, anchor: "middle")
        d.text("upstream dy (2×2)", x: 350, y: bottom + cell - 18, size: 13, bold: true)
        d.grid(poolUpstream, x: 350, y: bottom + cell, cell: cell, fill: { i, j in Diagram.tints[i * 2 + j] })
        d.text("Each window's gradient goes to the", x: 520, y: bottom + 50, size: 13, color: "#444")
        d.text("position that won the forward pass;", x: 520, y: bottom + 70, size: 13, color: "#444")
        d.text("the other three get 0. (Average pooling", x: 520, y: bottom + 90, size: 13, color: "#444")
        d.text("would give each of the four dy/4.)", x: 520, y: bottom + 110, size: 13, color: "#444")
        d.text("The forward pass must remember where each maximum was (the cache).", x: 40, y: 470, size: 13, italic: true, color: "#444")
        return d.svg()
    }
}

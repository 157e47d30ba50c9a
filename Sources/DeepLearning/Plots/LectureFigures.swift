import Foundation
import TensorCore

/// The figures the lecture notes embed (`lectures/figures/*.svg`), written by `course plots`.
/// Each function returns a complete SVG document; everything random is seeded, so the files
/// are the same on every run.
///
/// | file | lecture | what |
/// |---|---|---|
/// | `activations.svg` | L1 | sigmoid, tanh, ReLU, leaky ReLU (slope 0.01), swish β = 1 and β = 10, their derivatives, and the negative side magnified |
/// | `computation-graph.svg` | L2 | the sigmoid neuron's graph with forward values and gradients |
/// | `lr-schedules.svg` | L3 | constant, linear decay, step, exponential, warm-up + decay, 1cycle over the same steps |
/// | `optimizer-paths.svg` | L3 | SGD, momentum, Nesterov, RMSProp, Adam on `f = ½(x² + 100y²)` (κ = 100) with contours |
/// | `init-activation-stats.svg` | L4 | activation std by depth, 10-layer tanh / ReLU nets, four initialisations |
/// | `dropout-masks.svg` | L5 | two training masks and evaluation of a 6 → 8 layer with p = 0.5 |
/// | `batchnorm-statistics.svg` | L5 | per-feature mean and variance over a batch of 4, the normalised batch, running statistics |
/// | `conv-sliding-window.svg` | L6 | the 3×3 kernel over the two windows of the 32/36 worked example |
/// | `conv-padding-stride.svg` | L6 | a 3×3 kernel on the 7×7 input: strides 1, 2, 3 and stride 3 with padding 1 |
/// | `im2col.svg` | L6 | the worked example as a row of the kernel times im2col's columns |
/// | `maxpool-gradient.svg` | L7 | 2×2 max pooling forward and the routes of its gradient |
/// | `lenet-filters.svg` | L7 | the digits CNN's learned first-layer 3×3 filters |
/// | `lenet-digits-curves.svg` | L8 | training / validation loss and accuracy per epoch on the digits |
public enum LectureFigures {
    /// The file names, in the order `all` returns them.
    public static let fileNames = ["activations.svg", "computation-graph.svg", "lr-schedules.svg", "optimizer-paths.svg",
                                   "init-activation-stats.svg", "dropout-masks.svg", "batchnorm-statistics.svg",
                                   "conv-sliding-window.svg", "conv-padding-stride.svg", "im2col.svg",
                                   "maxpool-gradient.svg", "lenet-digits-curves.svg", "lenet-filters.svg"]

    /// The figures that need no training run: each file name with the function that draws it.
    public static let diagramMakers: [(name: String, draw: () -> String)] = [
        ("activations.svg", { activations() }),
        ("computation-graph.svg", { computationGraph() }),
        ("lr-schedules.svg", { learningRateSchedules() }),
        ("optimizer-paths.svg", { optimizerPaths() }),
        ("init-activation-stats.svg", { initializationStatistics() }),
        ("dropout-masks.svg", { dropoutFigure() }),
        ("batchnorm-statistics.svg", { batchNormFigure() }),
        ("conv-sliding-window.svg", { convolutionSlidingWindow() }),
        ("conv-padding-stride.svg", { paddingAndStride() }),
        ("im2col.svg", { im2colMatrix() }),
        ("maxpool-gradient.svg", { maxPoolGradient() }),
    ]

    /// The figures that need no training run, drawn.
    public static func diagrams() -> [(name: String, svg: String)] {
        diagramMakers.map { ($0.name, $0.draw()) }
    }

    /// Every figure, in the order of `fileNames`; the two digits figures come from `digitsRun`
    /// (trained for `epochs` epochs).
    public static func all(digitsRun: DigitsNet.TrainingRun, epochs: Int) -> [(name: String, svg: String)] {
        diagrams() + [("lenet-digits-curves.svg", digitsCurves(digitsRun.history, epochs: epochs)),
                      ("lenet-filters.svg", digitsFilters(digitsRun.model, epochs: epochs))]
    }

    // MARK: Layout

    /// Charts side by side under an optional common title, as one SVG document.
    public static func panels(_ charts: [LineChart], title: String = "") -> String {
        let titleHeight = title.isEmpty ? 0 : 30
        let width = charts.reduce(0) { $0 + $1.width }
        let height = (charts.map(\.height).max() ?? 0) + titleHeight
        var body: [String] = []
        if !title.isEmpty {
            body.append(##"<text x="\##(width / 2)" y="21" text-anchor="middle" font-size="16" font-weight="bold">\##(SVGPlot.escape(title))</text>"##)
        }
        var x = 0
        for chart in charts {
            // Nest each chart's <svg> root at its offset (dropping its XML declaration).
            let lines = chart.svg().split(separator: "\n").filter { !$0.hasPrefix("<?xml") }
            for (i, line) in lines.enumerated() {
                body.append(i == 0 ? line.replacingOccurrences(of: "<svg ", with: ##"<svg x="\##(x)" y="\##(titleHeight)" "##) : String(line))
            }
            x += chart.width
        }
        return SVGPlot.document(width: width, height: height, body: body)
    }

    /// `count` evenly spaced values from `lower` to `upper` inclusive.
    static func grid(_ lower: Double, _ upper: Double, count: Int) -> [Double] {
        (0..<count).map { lower + (upper - lower) * Double($0) / Double(count - 1) }
    }

    // MARK: L1 activations

    /// The slope of leaky ReLU in the figure: the course's default (`leakyReLU`'s 0.01).
    public static let leakySlope = 0.01

    /// Three panels: the activations and their derivatives over x ∈ [−4, 4], and the negative
    /// side magnified (x ∈ [−4, 0.5], y ∈ about [−0.3, 0.5]), where leaky ReLU's slope of 0.01 and
    /// swish's dip below zero show. ReLU is drawn first and wider, so that the curves lying on it
    /// (leaky ReLU, swish β = 10) do not hide it.
    public static func activations() -> String {
        let xs = grid(-4, 4, count: 161)
        let x = Tensor(xs)
        let leakyName = "leaky ReLU (slope \(Diagram.label(leakySlope)))"
        let functions: [(String, Tensor, Tensor)] = [
            ("ReLU", relu(x), reluDerivative(x)),
            ("sigmoid", sigmoid(x), sigmoidDerivative(x)),
            ("tanh", tanh(x), tanhDerivative(x)),
            (leakyName, leakyReLU(x, slope: leakySlope), leakyReLUDerivative(x, slope: leakySlope)),
            ("swish β = 1", swish(x, beta: 1), swishDerivative(x, beta: 1)),
            ("swish β = 10", swish(x, beta: 10), swishDerivative(x, beta: 10)),
        ]
        var values = LineChart(title: "Activation functions g(x)", xLabel: "x", yLabel: "g(x)", width: 440, height: 420)
        var slopes = LineChart(title: "Derivatives g′(x)", xLabel: "x", yLabel: "g′(x)", width: 440, height: 420)
        var zoom = LineChart(title: "Negative side, magnified", xLabel: "x", yLabel: "g(x)", width: 440, height: 420)
        values.legendPosition = .topLeft
        slopes.legendPosition = .topLeft
        zoom.legendPosition = .topLeft
        let near = xs.indices.filter { xs[$0] <= 0.5 }
        for (i, (name, y, dy)) in functions.enumerated() {
            let dashed = name.hasPrefix("leaky") || name == "swish β = 10"   // they lie on ReLU: dash them
            let width = i == 0 ? 5.0 : 2.0
            let color = SVGPlot.palette[i]
            values.add(name: name, points: zip(xs, y.scalars).map { ($0, $1) }, color: color, dashed: dashed, lineWidth: width)
            slopes.add(name: name, points: zip(xs, dy.scalars).map { ($0, $1) }, color: color, dashed: dashed, lineWidth: width)
            if name == "ReLU" || name.hasPrefix("leaky") || name.hasPrefix("swish") {
                zoom.add(name: name, points: near.map { (xs[$0], y.scalars[$0]) }, color: color, dashed: dashed, lineWidth: width)
            }
        }
        return panels([values, slopes, zoom], title: "L1 — non-linearities and their derivatives (swish x·σ(βx) → ReLU as β → ∞)")
    }

    // MARK: L3 learning-rate schedules

    /// The schedules over 1,000 steps from ε₀ = 0.1.
    public static func learningRateSchedules(steps: Int = 1000, initial: Double = 0.1) -> String {
        let schedules: [(String, any LearningRateSchedule)] = [
            ("constant", ConstantSchedule(initial)),
            ("linear decay to 1% (τ = 800)", LinearDecay(initial: initial, final: initial / 100, decaySteps: 800)),
            ("step ×0.5 every 200", StepDecay(initial: initial, factor: 0.5, stepSize: 200)),
            ("exponential (rate 0.004)", ExponentialDecay(initial: initial, rate: 0.004)),
            ("warm-up 100, then linear decay", Warmup(warmupSteps: 100, then: LinearDecay(initial: initial, final: initial / 100, decaySteps: steps - 101))),
            ("1cycle (peak 0.1 at 30%)", OneCycle(maximum: initial, totalSteps: steps)),
        ]
        var chart = LineChart(title: "L3 — learning-rate schedules over the same \(steps) steps",
                              xLabel: "step", yLabel: "learning rate ε", width: 760, height: 440)
        for (name, schedule) in schedules {
            chart.add(name: name, points: (0..<steps).map { (Double($0), schedule.learningRate(at: $0)) })
        }
        // Headroom above ε₀ (an invisible point) so the constant line and the legend stay clear.
        chart.add(name: "", points: [(0, 1.4 * initial)], color: "none")
        chart.legendPosition = .topRight
        return chart.svg()
    }

    // MARK: L3 optimizer paths

    /// The curvature of the figure's quadratic along y: `f(x, y) = ½(x² + 100y²)`, κ = 100, as L3 §4.
    public static let pathCurvature = 100.0

    /// The optimizers of the figure, with the settings L3 names (heavy ball at its best settings
    /// for κ = 100: ε = 4/121, α = (9/11)²; plain SGD just below the 2/100 limit). Nesterov gets
    /// its own: at heavy ball's best settings its look-ahead step is unstable along y (it needs
    /// ελ < 2(1 + α)/(1 + 2α), and 100·4/121 ≈ 3.3 is far above 1.43).
    public static func pathOptimizers() -> [(String, any Optimizer)] {
        [("SGD ε = 0.019", SGD(learningRate: 0.019)),
         ("momentum ε = 4/121, α = (9/11)²", Momentum(learningRate: 4.0 / 121, momentum: 81.0 / 121)),
         ("Nesterov ε = 0.01, α = 0.9", Nesterov(learningRate: 0.01, momentum: 0.9)),
         ("RMSProp ε = 0.1", RMSProp(learningRate: 0.1)),
         ("Adam ε = 0.5", Adam(learningRate: 0.5))]
    }

    /// The path of each optimizer's iterates on `f(x, y) = ½(x² + 100y²)` from the same start.
    public static func optimizerTrajectories(steps: Int = 60, start: (Double, Double) = (-9, 1)) -> [(name: String, path: [(x: Double, y: Double)])] {
        pathOptimizers().map { name, optimizer in
            var optimizer = optimizer
            var parameters = [Tensor([start.0, start.1])]
            var path = [(x: start.0, y: start.1)]
            for _ in 0..<steps {
                let p = parameters[0]
                optimizer.step(parameters: &parameters, gradients: [Tensor([p[0], pathCurvature * p[1]])])
                path.append((parameters[0][0], parameters[0][1]))
            }
            return (name, path)
        }
    }

    public static func optimizerPaths() -> String {
        var chart = LineChart(title: "L3 — optimizers on f(x, y) = ½(x² + 100y²), κ = 100: 60 steps from (−9, 1)",
                              xLabel: "x", yLabel: "y", width: 860, height: 480)
        // Contours f = c: the ellipses x = √(2c)·cos t, y = √(2c/100)·sin t, clipped to the view.
        for c in [0.5, 2, 5, 12, 25, 45] {
            let points = grid(0, 2 * Double.pi, count: 121).map { t in (x: (2 * c).squareRoot() * cos(t), y: (2 * c / pathCurvature).squareRoot() * sin(t)) }
                .filter { abs($0.x) <= 10 && abs($0.y) <= 1.2 }
            chart.add(name: "", points: points, color: "#dddddd")
        }
        for (i, (name, path)) in optimizerTrajectories().enumerated() {
            chart.add(name: name, points: path, color: SVGPlot.palette[i])
        }
        chart.legendPosition = .bottomRight
        return chart.svg()
    }

    // MARK: L4 initialisation

    /// A weight initialiser for the statistics figure: a name and how to draw a `[D, D]` matrix.
    public typealias WeightDraw = (_ shape: [Int], _ generator: inout SeededGenerator) -> Tensor

    /// The standard deviation of each layer's activations in a `depth`-layer, `width`-wide net of
    /// `activation` ("tanh" or "relu", no biases) on `batch` standard-normal inputs.
    public static func activationStandardDeviations(activation: String, weights: WeightDraw,
                                                    depth: Int = 10, width: Int = 256, batch: Int = 500,
                                                    seed: UInt64 = 7) -> [Double] {
        precondition(activation == "tanh" || activation == "relu", "activationStandardDeviations: activation \(activation) is not tanh or relu")
        var generator = SeededGenerator(seed: seed)
        var h = Tensor.normal([batch, width], using: &generator)
        var result: [Double] = []
        for _ in 0..<depth {
            let z = h.matmul(weights([width, width], &generator))
            h = activation == "tanh" ? tanh(z) : relu(z)
            let mean = h.mean()
            result.append(h.map { ($0 - mean) * ($0 - mean) }.mean().squareRoot())
        }
        return result
    }

    /// The four initialisations of the figure, for `activation` (orthogonal's gain is √2 for ReLU).
    public static func initializations(for activation: String) -> [(name: String, weights: WeightDraw)] {
        let gain = activation == "relu" ? 2.0.squareRoot() : 1
        return [
            ("small normal N(0, 0.01²)", { shape, g in Tensor.normal(shape, standardDeviation: 0.01, using: &g) }),
            ("Glorot normal", { shape, g in Initializers.glorotNormal(shape, using: &g) }),
            ("He normal", { shape, g in Initializers.heNormal(shape, using: &g) }),
            (gain == 1 ? "orthogonal (gain 1)" : "orthogonal (gain √2)", { shape, g in Initializers.orthogonal(shape, gain: gain, using: &g) }),
        ]
    }

    /// Both panels; smaller `width` and `batch` give the same picture faster (for tests).
    public static func initializationStatistics(width: Int = 256, batch: Int = 500) -> String {
        let charts = ["tanh", "relu"].map { activation -> LineChart in
            var chart = LineChart(title: activation == "tanh" ? "tanh network" : "ReLU network",
                                  xLabel: "layer", yLabel: "std of activations (log scale)", logScaleY: true,
                                  width: 560, height: 420)
            chart.legendPosition = .bottomLeft
            for (name, weights) in initializations(for: activation) {
                chart.add(name: name, values: activationStandardDeviations(activation: activation, weights: weights,
                                                                           width: width, batch: batch),
                          dashed: name.hasPrefix("orthogonal"))   // it lies on Glorot for tanh
            }
            return chart
        }
        return panels(charts, title: "L4 — activation spread by depth (10 layers of \(width) units, \(batch) N(0, 1) inputs, seeded)")
    }

    // MARK: L7 / L8 digits

    public static func digitsCurves(_ history: TrainingHistory, epochs: Int) -> String {
        var loss = LineChart(title: "Loss (mean cross-entropy)", xLabel: "epoch", yLabel: "loss", logScaleY: true,
                             width: 560, height: 420)
        loss.add(name: "training", values: history.trainLoss)
        loss.add(name: "validation", values: history.validationLoss, dashed: true)
        var accuracy = LineChart(title: "Accuracy", xLabel: "epoch", yLabel: "accuracy", width: 560, height: 420)
        accuracy.add(name: "training", values: history.trainAccuracy)
        accuracy.add(name: "validation", values: history.validationAccuracy, dashed: true)
        accuracy.legendPosition = .bottomRight
        return panels([loss, accuracy],
                      title: "L8 — digits CNN, Adam, batch 32, validation = \(Int((DigitsNet.TrainingOptions().validationFraction * 100).rounded())) % of the training images: a \(epochs)-epoch run (the demo trains 30)")
    }

    public static func digitsFilters(_ model: Sequential, epochs: Int) -> String {
        guard let conv = DigitsNet.firstConvolution(of: model) else {
            preconditionFailure("digitsFilters: the model has no convolution")
        }
        let k = conv.weight.shape[2]
        return HeatMapGrid(filters: conv.weight, cellSize: 22,
                           title: "L7 — the \(conv.weight.shape[0]) first-layer \(k)×\(k) filters of the digits CNN, \(epochs) epochs (red +, blue −)").svg()
    }
}

import XCTest
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import TensorCore
@testable import DeepLearning

/// Collects what an SVG document holds: whether it parses as XML, the root element, element
/// counts and all text content.
private final class SVGInspector: NSObject, XMLParserDelegate {
    var root: String?
    var counts: [String: Int] = [:]
    var texts: [String] = []
    private var current = ""

    static func inspect(_ svg: String) -> (ok: Bool, inspector: SVGInspector, error: String) {
        let inspector = SVGInspector()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = inspector
        let ok = parser.parse()
        return (ok, inspector, parser.parserError.map { "\($0)" } ?? "")
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if root == nil { root = name }
        counts[name, default: 0] += 1
        current = ""
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }
    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "text" { texts.append(current) }
        current = ""
    }
}

final class LectureFiguresTests: XCTestCase {
    private func assertWellFormed(_ svg: String, contains names: [String], polylines: Int? = nil,
                                  file: StaticString = #filePath, line: UInt = #line) {
        let (ok, inspector, error) = SVGInspector.inspect(svg)
        XCTAssertTrue(ok, "not well-formed XML: \(error)", file: file, line: line)
        XCTAssertEqual(inspector.root, "svg", file: file, line: line)
        for name in names {
            XCTAssertTrue(inspector.texts.contains(name), "no text \"\(name)\" in \(inspector.texts)", file: file, line: line)
        }
        if let polylines {
            XCTAssertEqual(inspector.counts["polyline"], polylines, file: file, line: line)
        }
    }

    func testActivationsFigureHasItsPanelsAndEverySeries() {
        let svg = LectureFigures.activations()
        assertWellFormed(svg, contains: ["sigmoid", "tanh", "ReLU", "leaky ReLU (slope 0.01)", "swish β = 1", "swish β = 10",
                                         "Activation functions g(x)", "Derivatives g′(x)", "Negative side, magnified"], polylines: 16)
        XCTAssertEqual(svg.components(separatedBy: "<svg ").count - 1, 4, "a document holding three nested charts")
        XCTAssertEqual(-LectureFigures.leakySlope, leakyReLU(Tensor([-1])).scalars[0], "the figure draws the library's default slope")
        // ReLU is drawn first and wider than the curves that lie on it.
        let firstLine = svg.components(separatedBy: "<polyline")[1]
        XCTAssertTrue(firstLine.contains(##"stroke-width="5""##), "ReLU, drawn first, is 5 pixels wide")
    }

    func testScheduleFigure() {
        assertWellFormed(LectureFigures.learningRateSchedules(steps: 300),
                         contains: ["constant", "step ×0.5 every 200", "1cycle (peak 0.1 at 30%)", "learning rate ε", "step"], polylines: 7)
    }

    func testOptimizerPathsConvergeAndAreDrawnWithContours() {
        let paths = LectureFigures.optimizerTrajectories()
        XCTAssertEqual(paths.map(\.name).count, 5)
        XCTAssertEqual(LectureFigures.pathCurvature, 100, "the κ = 100 quadratic of L3 §4")
        for (name, path) in paths {
            XCTAssertEqual(path.count, 61, name)
            let end = path.last!
            let startValue: Double = 0.5 * (81 + 100 * 1)
            let endValue: Double = 0.5 * (end.x * end.x + 100 * end.y * end.y)
            XCTAssertLessThan(endValue, startValue / 10, "\(name) ends far closer to the minimum than it started")
        }
        let svg = LectureFigures.optimizerPaths()
        let names: [String] = paths.map { $0.name } + ["x", "y"]
        assertWellFormed(svg, contains: names)
        XCTAssertTrue(svg.contains("#dddddd"), "contour lines")
        XCTAssertTrue(svg.contains("½(x² + 100y²), κ = 100"), "the title names the quadratic")
    }

    func testInitialisationStatistics() {
        let he = LectureFigures.initializations(for: "relu")[2]
        let small = LectureFigures.initializations(for: "relu")[0]
        let heStds = LectureFigures.activationStandardDeviations(activation: "relu", weights: he.weights, width: 64, batch: 100)
        let smallStds = LectureFigures.activationStandardDeviations(activation: "relu", weights: small.weights, width: 64, batch: 100)
        XCTAssertEqual(heStds.count, 10)
        XCTAssertGreaterThan(heStds.last! / heStds.first!, 0.2, "He keeps ReLU activations alive: \(heStds)")
        XCTAssertLessThan(smallStds.last!, 1e-6, "N(0, 0.01²) makes them vanish: \(smallStds)")
        assertWellFormed(LectureFigures.initializationStatistics(width: 32, batch: 40),
                         contains: ["small normal N(0, 0.01²)", "Glorot normal", "He normal", "orthogonal (gain 1)",
                                    "orthogonal (gain √2)", "tanh network", "ReLU network"], polylines: 8)
    }

    func testDigitsFiguresFromAFakeRun() {
        var history = TrainingHistory()
        history.trainLoss = [1.2, 0.5, 0.3]; history.validationLoss = [1.0, 0.6, 0.4]
        history.trainAccuracy = [0.6, 0.85, 0.9]; history.validationAccuracy = [0.65, 0.8, 0.88]
        // (`LectureFigures.all` would also draw the full-size initialisation figure: too slow in debug.)
        let curves = LectureFigures.digitsCurves(history, epochs: 3)
        assertWellFormed(curves, contains: ["training", "validation", "epoch", "accuracy"], polylines: 4)
        XCTAssertTrue(curves.contains("validation = 10 % of the training images"), "the caption says where validation comes from")
        XCTAssertTrue(curves.contains("3-epoch run"), "the caption says how long the run was")
        let filters = LectureFigures.digitsFilters(DigitsNet.makeModel(), epochs: 3)
        let (ok, inspector, _) = SVGInspector.inspect(filters)
        XCTAssertTrue(ok)
        XCTAssertEqual(inspector.counts["rect"], 1 + 16 * 9 + 16, "background, 16 filters of 3×3 cells, 16 frames")
        // The title fits: the document is at least as wide as the title needs (about 8 px a character).
        let title = inspector.texts.first { $0.hasPrefix("L7") } ?? ""
        XCTAssertTrue(title.contains("3×3 filters of the digits CNN"), title)
        let width = Int(filters.components(separatedBy: "width=\"")[1].prefix { $0 != "\"" }) ?? 0
        XCTAssertGreaterThanOrEqual(width, title.count * 8, "the title of \(title.count) characters is not clipped")
    }

    func testArchitectureCatalog() {
        XCTAssertEqual(ArchitectureCatalog.names.count, 6)
        for name in ArchitectureCatalog.names {
            XCTAssertNotNil(ArchitectureCatalog.table(named: name), name)
        }
        XCTAssertNil(ArchitectureCatalog.table(named: "lenet6"))
        XCTAssertTrue(ArchitectureCatalog.table(named: "cifar10")!.hasSuffix("22,466"))
        XCTAssertEqual(ArchitectureCatalog.tables(named: "alexnet")?.count, 2)
        XCTAssertTrue(ArchitectureCatalog.table(named: "DIGITS")!.contains("13,706"))
    }

    func testLegendCanMoveAndSkipsUnnamedSeries() {
        var chart = LineChart()
        chart.add(name: "", values: [1, 2])
        chart.add(name: "named", values: [2, 1])
        chart.legendPosition = .bottomLeft
        let svg = chart.svg()
        XCTAssertEqual(svg.components(separatedBy: "<polyline").count - 1, 2)
        XCTAssertEqual(svg.components(separatedBy: "stroke-width=\"2\"/>").count - 1, 1, "one legend line, for the named series")
    }

    // MARK: Mechanism figures

    func testSlidingWindowFigureShowsTheWorkedExample() {
        XCTAssertEqual(LectureFigures.workedCrossCorrelation(), [32, 36])
        XCTAssertEqual(LectureFigures.workedSum(at: 0), "2 − 3 + 4 + 6 + 7 + 16")
        XCTAssertEqual(LectureFigures.workedSum(at: 1), "3 − 1 + 5 + 3 + 8 + 18")
        assertWellFormed(LectureFigures.convolutionSlidingWindow(),
                         contains: ["2 − 3 + 4 + 6 + 7 + 16 = 32", "3 − 1 + 5 + 3 + 8 + 18 = 36", "⋆", "32", "36", "−1"])
    }

    func testPaddingAndStrideFigure() {
        XCTAssertNil(LectureFigures.tiledSize(input: 7, kernel: 3, stride: 3, padding: 0))
        let svg = LectureFigures.paddingAndStride()
        assertWellFormed(svg, contains: ["(7 − 3)/1 + 1 → 5×5", "(7 − 3)/2 + 1 → 3×3", "(7 − 3)/3 + 1 → does not tile",
                                         "(7 + 2 − 3)/3 + 1 → 3×3", "stride 3, padding 1 (9×9)",
                                         "25 windows (shaded corners)", "9 windows (shaded corners)"])
        XCTAssertTrue(svg.contains("#C00000"), "the overhanging window is drawn in red")
    }

    func testIm2colFigureIsOneMatrixProduct() {
        let svg = LectureFigures.im2colMatrix()
        assertWellFormed(svg, contains: ["im2col(x) (9×2)", "W as a row (1×9)", "y (1×2)", "32", "36"])
        let (_, inspector, _) = SVGInspector.inspect(svg)
        XCTAssertEqual(inspector.counts["rect"], 1 + 12 + 2 + 9 + 9 + 18 + 2, "background, input, 2 windows, kernel, row, columns, output")
    }

    func testMaxPoolFigureRoutesTheGradientToTheMaxima() {
        let (y, dx) = LectureFigures.maxPoolRouting()
        XCTAssertEqual(y, [[6, 8], [3, 4]], "the 2×2 stride-2 worked example of L7")
        XCTAssertEqual(dx, [[0, 0, 0, 0], [0, 0.5, 0, -1], [2, 0, 0, 0], [0, 0, 0, 0.25]])
        XCTAssertEqual(dx.flatMap { $0 }.reduce(0, +), LectureFigures.poolUpstream.flatMap { $0 }.reduce(0, +),
                       "max pooling's backward pass moves the gradient, it neither adds nor loses any")
        assertWellFormed(LectureFigures.maxPoolGradient(), contains: ["output y (2×2)", "upstream dy (2×2)", "0.25", "−1"])
    }

    func testComputationGraphFigureCarriesForwardAndBackwardValues() {
        let nodes = Dictionary(uniqueKeysWithValues: LectureFigures.sigmoidNeuronGraph().map { ($0.name, $0) })
        XCTAssertEqual(nodes["f"]!.value, 1 / (1 + exp(-1.0)), accuracy: 1e-12)
        XCTAssertEqual(nodes["f"]!.gradient, 1)
        XCTAssertEqual(nodes["w0"]!.gradient, -0.19661193, accuracy: 1e-8)
        XCTAssertEqual(nodes["x1"]!.gradient, -0.58983579, accuracy: 1e-8)
        XCTAssertEqual(nodes["denom"]!.gradient, -1 / pow(1 + exp(-1.0), 2), accuracy: 1e-12)
        assertWellFormed(LectureFigures.computationGraph(),
                         contains: ["w0 = 2", "x1 = −2", "(−0.197)", "(0.393)", "(−0.393)", "(−0.59)", "(0.197)",
                                    "f = 0.731", "−0.534", "0.368", "1.368", "×(−1)", "exp", "1/x"])
    }

    func testDropoutFigureMasks() {
        let masks = LectureFigures.dropoutMasks()
        XCTAssertEqual(masks.count, 2)
        XCTAssertNotEqual(masks[0], masks[1], "a new mask on every training step")
        for mask in masks {
            XCTAssertTrue(mask.allSatisfy { $0 == 0 || $0 == 2 }, "inverted dropout with p = 0.5: 0 or ×2, \(mask)")
            XCTAssertTrue(mask.contains(0) && mask.contains(2), "each mask drops some units and keeps others")
        }
        let kept = masks.map { m in m.filter { $0 != 0 }.count }
        assertWellFormed(LectureFigures.dropoutFigure(),
                         contains: ["\(kept[0]) of 8 kept, each ×2", "\(kept[1]) of 8 kept, each ×2", "all 8 kept, output = activation"])
    }

    func testBatchNormFigureStatistics() {
        let s = LectureFigures.batchNormStatistics()
        XCTAssertEqual(s.mean, [4, 10, 1])
        XCTAssertEqual(s.variance, [5, 8, 5])
        for j in 0..<3 {
            let column = s.normalized.map { $0[j] }
            XCTAssertEqual(column.reduce(0, +) / 4, 0, accuracy: 1e-12, "feature \(j) has batch mean 0")
            XCTAssertEqual(column.map { $0 * $0 }.reduce(0, +) / 4, s.variance[j] / (s.variance[j] + 1e-5), accuracy: 1e-12)
        }
        XCTAssertEqual(s.runningMean[0], 0.4, accuracy: 1e-12, "0.9 · 0 + 0.1 · 4")
        assertWellFormed(LectureFigures.batchNormFigure(), contains: ["mean μ_B", "variance σ²_B", "1.342", "−1.414"])
    }
}

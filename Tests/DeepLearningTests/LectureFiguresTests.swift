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

    func testActivationsFigureHasBothPanelsAndEverySeries() {
        let svg = LectureFigures.activations()
        assertWellFormed(svg, contains: ["sigmoid", "tanh", "ReLU", "leaky ReLU (slope 0.1)", "swish β = 1", "swish β = 10",
                                         "Activation functions g(x)", "Derivatives g′(x)"], polylines: 12)
        XCTAssertEqual(svg.components(separatedBy: "<svg ").count - 1, 3, "a document holding two nested charts")
    }

    func testScheduleFigure() {
        assertWellFormed(LectureFigures.learningRateSchedules(steps: 300),
                         contains: ["constant", "step ×0.5 every 200", "1cycle (peak 0.1 at 30%)", "learning rate ε", "step"], polylines: 7)
    }

    func testOptimizerPathsConvergeAndAreDrawnWithContours() {
        let paths = LectureFigures.optimizerTrajectories()
        XCTAssertEqual(paths.map(\.name).count, 5)
        for (name, path) in paths {
            XCTAssertEqual(path.count, 61, name)
            let end = path.last!
            let startValue: Double = 0.5 * (81 + 25 * 6.25)
            let endValue: Double = 0.5 * (end.x * end.x + 25 * end.y * end.y)
            XCTAssertLessThan(endValue, startValue / 10, "\(name) ends far closer to the minimum than it started")
        }
        let svg = LectureFigures.optimizerPaths()
        let names: [String] = paths.map { $0.name } + ["x", "y"]
        assertWellFormed(svg, contains: names)
        XCTAssertTrue(svg.contains("#dddddd"), "contour lines")
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
        assertWellFormed(curves, contains: ["training", "validation (held-out 20%)", "epoch", "accuracy"], polylines: 4)
        XCTAssertTrue(curves.contains("3-epoch run"), "the caption says how long the run was")
        let filters = LectureFigures.digitsFilters(DigitsNet.makeModel(), epochs: 3)
        let (ok, inspector, _) = SVGInspector.inspect(filters)
        XCTAssertTrue(ok)
        XCTAssertEqual(inspector.counts["rect"], 1 + 16 * 9 + 16, "background, 16 filters of 3×3 cells, 16 frames")
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
}

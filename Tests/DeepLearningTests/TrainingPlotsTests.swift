import XCTest
import TensorCore
@testable import DeepLearning

/// Tests of the SVG plots (they draw training curves and learned filters).
final class TrainingPlotsTests: XCTestCase {
    func testLineChartHasAxesSeriesAndLegend() {
        var chart = LineChart(title: "Loss <train>", xLabel: "epoch", yLabel: "loss")
        chart.add(name: "train", values: [1.0, 0.6, 0.4, 0.3])
        chart.add(name: "validation", values: [1.1, 0.8, 0.7, 0.75], dashed: true)
        let svg = chart.svg()
        XCTAssertTrue(svg.hasPrefix("<?xml"))
        XCTAssertTrue(svg.hasSuffix("</svg>\n"))
        XCTAssertEqual(svg.components(separatedBy: "<polyline").count - 1, 2)
        XCTAssertTrue(svg.contains("Loss &lt;train&gt;"), "title escaped")
        XCTAssertTrue(svg.contains(">validation</text>"))
        XCTAssertTrue(svg.contains("stroke-dasharray"))
        XCTAssertTrue(svg.contains(">0.2</text>") || svg.contains(">0.4</text>"), "nice y ticks")
    }

    func testLogScaleUsesDecadesAndSkipsNonPositive() {
        var chart = LineChart(yLabel: "lr", logScaleY: true)
        chart.add(name: "lr", points: [(0, 1e-4), (1, 1e-2), (2, 0), (3, 0.5)])
        let svg = chart.svg()
        XCTAssertTrue(svg.contains(">1e-4</text>"), svg)
        XCTAssertTrue(svg.contains(">1</text>"))
        XCTAssertEqual(Ticks.logarithmic(lower: 1e-4, upper: 0.5).ticks.count, 5)
    }

    func testTicksAreNice() {
        XCTAssertEqual(Ticks.linear(lower: 0.13, upper: 0.92).ticks, [0, 0.2, 0.4, 0.6000000000000001, 0.8, 1])
        XCTAssertEqual(SVGPlot.tickLabel(0.6000000000000001), "0.6")
        XCTAssertEqual(SVGPlot.tickLabel(250_000), "2.5e5")
    }

    func testHeatMapGridOfFilters() {
        let kernel = Tensor(shape: [2, 1, 3, 3], scalars: (0..<18).map { Double($0) - 9 })
        let svg = HeatMapGrid(filters: kernel, title: "conv1").svg()
        XCTAssertEqual(svg.components(separatedBy: "<rect x=").count - 1, 2 * 9 + 2)
        XCTAssertEqual(HeatMapGrid.color(0), "#ffffff")
        XCTAssertEqual(HeatMapGrid.color(1), "#b2182b")
        XCTAssertEqual(HeatMapGrid.color(-1), "#2166ac")
    }
}

import Foundation

/// A line chart written as SVG: axes with nice ticks, light grid lines, axis labels, a title, a
/// legend, any number of series, and an optional logarithmic y axis (for losses and learning
/// rates spanning decades). Defaults: 640×400 pixels, the Okabe–Ito palette, 2-pixel lines.
///
///     var chart = LineChart(title: "Training loss", xLabel: "epoch", yLabel: "loss")
///     chart.add(name: "train", values: history.trainLoss)   // x = 1, 2, …
///     chart.add(name: "validation", values: history.validationLoss)
///     try SVGPlot.write(chart.svg(), to: "loss.svg")
public struct LineChart {
    public struct Series {
        public var name: String
        public var points: [(x: Double, y: Double)]
        public var color: String?
        public var dashed: Bool
        /// The line's width in pixels (default 2); a wider line drawn first stays visible under
        /// curves that lie on top of it.
        public var lineWidth: Double = 2
    }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var logScaleY: Bool
    public var width: Int
    public var height: Int
    /// The corner of the plot area that holds the legend (default top right).
    public var legendPosition: LegendPosition = .topRight
    public private(set) var series: [Series] = []

    public enum LegendPosition: Sendable { case topRight, topLeft, bottomRight, bottomLeft }

    public init(title: String = "", xLabel: String = "", yLabel: String = "", logScaleY: Bool = false,
                width: Int = 640, height: Int = 400) {
        self.title = title; self.xLabel = xLabel; self.yLabel = yLabel
        self.logScaleY = logScaleY; self.width = width; self.height = height
    }

    /// Adds a series of (x, y) points. Non-finite points (and non-positive ones on a log axis)
    /// are skipped when drawing. A series with an empty name is drawn but not listed in the
    /// legend (for background lines such as contours).
    public mutating func add(name: String, points: [(x: Double, y: Double)], color: String? = nil, dashed: Bool = false,
                             lineWidth: Double = 2) {
        series.append(Series(name: name, points: points, color: color, dashed: dashed, lineWidth: lineWidth))
    }

    /// Adds values at x = 1, 2, 3, … (epochs).
    public mutating func add(name: String, values: [Double], color: String? = nil, dashed: Bool = false, lineWidth: Double = 2) {
        add(name: name, points: values.enumerated().map { (Double($0.offset + 1), $0.element) }, color: color, dashed: dashed,
            lineWidth: lineWidth)
    }

    private func usable(_ p: (x: Double, y: Double)) -> Bool {
        p.x.isFinite && p.y.isFinite && (!logScaleY || p.y > 0)
    }

    /// The SVG document.
    public func svg() -> String {
        let left = 70.0, right = 20.0, top = title.isEmpty ? 20.0 : 40.0, bottom = 50.0
        let plotW = Double(width) - left - right, plotH = Double(height) - top - bottom
        let all = series.flatMap { $0.points.filter(usable) }
        let xs = all.map(\.x), ys = all.map(\.y)
        let xAxis = Ticks.linear(lower: xs.min() ?? 0, upper: xs.max() ?? 1)
        let yAxis = logScaleY ? Ticks.logarithmic(lower: ys.min() ?? 1, upper: ys.max() ?? 10)
                              : Ticks.linear(lower: ys.min() ?? 0, upper: ys.max() ?? 1)
        func px(_ x: Double) -> Double { left + (x - xAxis.lower) / (xAxis.upper - xAxis.lower) * plotW }
        func py(_ y: Double) -> Double {
            let f = logScaleY ? (log10(y) - log10(yAxis.lower)) / (log10(yAxis.upper) - log10(yAxis.lower))
                              : (y - yAxis.lower) / (yAxis.upper - yAxis.lower)
            return top + (1 - f) * plotH
        }
        let c = SVGPlot.coordinate
        var body: [String] = []
        if !title.isEmpty {
            body.append(##"<text x="\##(c(left + plotW / 2))" y="24" text-anchor="middle" font-size="15" font-weight="bold">\##(SVGPlot.escape(title))</text>"##)
        }
        // Grid and ticks.
        for t in yAxis.ticks {
            let y = c(py(t))
            body.append(##"<line x1="\##(c(left))" y1="\##(y)" x2="\##(c(left + plotW))" y2="\##(y)" stroke="#e5e5e5"/>"##)
            body.append(##"<text x="\##(c(left - 6))" y="\##(y)" text-anchor="end" dominant-baseline="middle" fill="#333">\##(SVGPlot.tickLabel(t))</text>"##)
        }
        for t in xAxis.ticks {
            let x = c(px(t))
            body.append(##"<line x1="\##(x)" y1="\##(c(top))" x2="\##(x)" y2="\##(c(top + plotH))" stroke="#e5e5e5"/>"##)
            body.append(##"<text x="\##(x)" y="\##(c(top + plotH + 18))" text-anchor="middle" fill="#333">\##(SVGPlot.tickLabel(t))</text>"##)
        }
        // Axes.
        body.append(##"<rect x="\##(c(left))" y="\##(c(top))" width="\##(c(plotW))" height="\##(c(plotH))" fill="none" stroke="#333"/>"##)
        if !xLabel.isEmpty {
            body.append(##"<text x="\##(c(left + plotW / 2))" y="\##(height - 10)" text-anchor="middle">\##(SVGPlot.escape(xLabel))</text>"##)
        }
        if !yLabel.isEmpty {
            let cy = c(top + plotH / 2)
            body.append(##"<text x="16" y="\##(cy)" text-anchor="middle" transform="rotate(-90 16 \##(cy))">\##(SVGPlot.escape(yLabel))</text>"##)
        }
        // Series.
        for (i, s) in series.enumerated() {
            let color = s.color ?? SVGPlot.palette[i % SVGPlot.palette.count]
            let points = s.points.filter(usable).map { "\(c(px($0.x))),\(c(py($0.y)))" }
            guard !points.isEmpty else { continue }
            let dash = s.dashed ? ##" stroke-dasharray="6 4""## : ""
            body.append(##"<polyline fill="none" stroke="\##(color)" stroke-width="\##(c(s.lineWidth))"\##(dash) stroke-linejoin="round" points="\##(points.joined(separator: " "))"/>"##)
        }
        // Legend, in a corner inside the plot (top right by default); unnamed series are left out.
        let named = series.enumerated().filter { !$0.element.name.isEmpty }
        if !named.isEmpty {
            let longest = named.map(\.element.name.count).max() ?? 0
            let boxW = Double(longest) * 7 + 40, boxH = Double(named.count) * 18 + 8
            let onLeft = legendPosition == .topLeft || legendPosition == .bottomLeft
            let onTop = legendPosition == .topLeft || legendPosition == .topRight
            let x0 = onLeft ? left + 8 : left + plotW - boxW - 8
            let y0 = onTop ? top + 8 : top + plotH - boxH - 8
            body.append(##"<rect x="\##(c(x0))" y="\##(c(y0))" width="\##(c(boxW))" height="\##(c(boxH))" fill="white" fill-opacity="0.85" stroke="#ccc"/>"##)
            for (row, (i, s)) in named.enumerated() {
                let color = s.color ?? SVGPlot.palette[i % SVGPlot.palette.count]
                let y = y0 + 13 + Double(row) * 18
                let dash = s.dashed ? ##" stroke-dasharray="6 4""## : ""
                body.append(##"<line x1="\##(c(x0 + 6))" y1="\##(c(y))" x2="\##(c(x0 + 26))" y2="\##(c(y))" stroke="\##(color)" stroke-width="\##(c(min(s.lineWidth, 4)))"\##(dash)/>"##)
                body.append(##"<text x="\##(c(x0 + 32))" y="\##(c(y))" dominant-baseline="middle">\##(SVGPlot.escape(s.name))</text>"##)
            }
        }
        return SVGPlot.document(width: width, height: height, body: body)
    }
}

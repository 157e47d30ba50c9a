import Foundation
import TensorCore

/// A small SVG canvas for the lectures' mechanism diagrams (sliding windows, im2col, pooling
/// routes, computation graphs): grids of numbered cells, frames, arrows and text, placed in
/// pixels. Like `LineChart` it writes plain SVG 1.1 through `SVGPlot.document`.
///
///     var d = Diagram(width: 300, height: 200, title: "a 2×2 grid")
///     d.grid([[1, 2], [3, 4]], x: 20, y: 40)
///     try SVGPlot.write(d.svg(), to: "grid.svg")
public struct Diagram {
    public let width: Int
    public let height: Int
    public private(set) var body: [String] = []

    /// Light fills for highlighted cells, one per colour of `SVGPlot.palette` (same order).
    public static let tints = ["#CCE3F0", "#F7D9C4", "#CCECE3", "#F0DDE8", "#FAEBCC", "#DDEFFA"]

    public init(width: Int, height: Int, title: String = "") {
        self.width = width; self.height = height
        if !title.isEmpty {
            text(title, x: Double(width) / 2, y: 24, size: 16, anchor: "middle", bold: true)
        }
    }

    /// A number as the diagrams print it: integers plainly ("−3" with a typographic minus),
    /// others with up to `digits` decimals and no trailing zeros.
    public static func label(_ value: Double, digits: Int = 3) -> String {
        var s = String(format: "%.\(digits)f", value)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        if s == "-0" { s = "0" }
        return s.replacingOccurrences(of: "-", with: "−")
    }

    public mutating func text(_ content: String, x: Double, y: Double, size: Int = 13, anchor: String = "start",
                              bold: Bool = false, italic: Bool = false, color: String = "#222") {
        let c = SVGPlot.coordinate
        let weight = bold ? ##" font-weight="bold""## : ""
        let style = italic ? ##" font-style="italic""## : ""
        body.append(##"<text x="\##(c(x))" y="\##(c(y))" font-size="\##(size)" text-anchor="\##(anchor)" dominant-baseline="middle" fill="\##(color)"\##(weight)\##(style)>\##(SVGPlot.escape(content))</text>"##)
    }

    public mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String = "none",
                              stroke: String = "none", strokeWidth: Double = 1, dashed: Bool = false, rounded: Double = 0) {
        let c = SVGPlot.coordinate
        let dash = dashed ? ##" stroke-dasharray="5 3""## : ""
        let corner = rounded > 0 ? ##" rx="\##(c(rounded))""## : ""
        body.append(##"<rect x="\##(c(x))" y="\##(c(y))" width="\##(c(width))" height="\##(c(height))"\##(corner) fill="\##(fill)" stroke="\##(stroke)" stroke-width="\##(c(strokeWidth))"\##(dash)/>"##)
    }

    public mutating func line(from a: (x: Double, y: Double), to b: (x: Double, y: Double), color: String = "#444",
                              width: Double = 1.5, dashed: Bool = false, arrow: Bool = false) {
        let c = SVGPlot.coordinate
        let dash = dashed ? ##" stroke-dasharray="5 3""## : ""
        body.append(##"<line x1="\##(c(a.x))" y1="\##(c(a.y))" x2="\##(c(b.x))" y2="\##(c(b.y))" stroke="\##(color)" stroke-width="\##(c(width))"\##(dash)/>"##)
        if arrow {
            // A filled head of 9 pixels at b, pointing along a → b.
            let (dx, dy) = (b.x - a.x, b.y - a.y)
            let length = max((dx * dx + dy * dy).squareRoot(), 1e-9)
            let (ux, uy) = (dx / length, dy / length)
            let back = (x: b.x - 9 * ux, y: b.y - 9 * uy)
            let p1 = (x: back.x - 4.5 * uy, y: back.y + 4.5 * ux), p2 = (x: back.x + 4.5 * uy, y: back.y - 4.5 * ux)
            body.append(##"<polygon points="\##(c(b.x)),\##(c(b.y)) \##(c(p1.x)),\##(c(p1.y)) \##(c(p2.x)),\##(c(p2.y))" fill="\##(color)"/>"##)
        }
    }

    public mutating func circle(x: Double, y: Double, radius: Double, fill: String, stroke: String = "#444", strokeWidth: Double = 1.5) {
        let c = SVGPlot.coordinate
        body.append(##"<circle cx="\##(c(x))" cy="\##(c(y))" r="\##(c(radius))" fill="\##(fill)" stroke="\##(stroke)" stroke-width="\##(c(strokeWidth))"/>"##)
    }

    /// A grid of cells showing `values` (row by row) with its top-left corner at (x, y).
    /// `fill(i, j)` colours a cell (white when nil); `bold(i, j)` prints its number in bold;
    /// `text(i, j)` replaces the printed number.
    public mutating func grid(_ values: [[Double]], x: Double, y: Double, cell: Double = 34, digits: Int = 3,
                              fontSize: Int = 14,
                              fill: (Int, Int) -> String? = { _, _ in nil },
                              bold: (Int, Int) -> Bool = { _, _ in false },
                              text: ((Int, Int) -> String)? = nil) {
        for (i, row) in values.enumerated() {
            for (j, v) in row.enumerated() {
                let (cx, cy) = (x + Double(j) * cell, y + Double(i) * cell)
                rect(x: cx, y: cy, width: cell, height: cell, fill: fill(i, j) ?? "white", stroke: "#888")
                self.text(text?(i, j) ?? Self.label(v, digits: digits), x: cx + cell / 2, y: cy + cell / 2 + 1,
                          size: fontSize, anchor: "middle", bold: bold(i, j))
            }
        }
    }

    /// A thick frame around `rows`×`columns` cells of a grid whose corner is at (x, y), starting at
    /// cell (row, column): the window of a kernel or a pooling region.
    public mutating func frame(row: Int, column: Int, rows: Int, columns: Int, gridX x: Double, gridY y: Double,
                               cell: Double = 34, color: String, dashed: Bool = false, inset: Double = 0) {
        rect(x: x + Double(column) * cell + inset, y: y + Double(row) * cell + inset,
             width: Double(columns) * cell - 2 * inset, height: Double(rows) * cell - 2 * inset,
             stroke: color, strokeWidth: 3, dashed: dashed)
    }

    /// The rows of a rank-2 tensor, for `grid`.
    public static func rows(_ t: Tensor) -> [[Double]] {
        precondition(t.rank == 2, "Diagram.rows: tensor of shape \(t.shape) is not [rows, columns]")
        let (r, c) = (t.shape[0], t.shape[1])
        return (0..<r).map { i in Array(t.scalars[(i * c)..<((i + 1) * c)]) }
    }

    public func svg() -> String { SVGPlot.document(width: width, height: height, body: body) }
}

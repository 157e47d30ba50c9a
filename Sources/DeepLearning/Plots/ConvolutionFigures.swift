import Foundation
import TensorCore

/// L6's mechanism figures: the sliding window of the 32/36 worked example, padding and stride on
/// the 7×7 input, and im2col's matrix. Every number drawn is computed by the reference layers.
extension LectureFigures {
    /// The worked example's kernel and the 3×4 input whose two 3×3 windows are the patches
    /// P₁ and P₂ of L6 §3.
    public static let workedKernel: [[Double]] = [[0, 1, -1], [1, 0, 1], [1, 2, 0]]
    public static let workedInput: [[Double]] = [[1, 2, 3, 1], [4, 5, 6, 3], [7, 8, 9, 8]]

    /// The cross-correlation of `workedInput` with `workedKernel`, stride 1, no padding, by the
    /// reference `Conv2D` (one filter, no bias): `[32, 36]`.
    public static func workedCrossCorrelation() -> [Double] {
        let kernel = Tensor(shape: [1, 1, 3, 3], scalars: workedKernel.flatMap { $0 })
        let conv = Conv2D(weight: kernel, bias: Tensor([0]))
        let input = Tensor(shape: [1, 1, 3, 4], scalars: workedInput.flatMap { $0 })
        return conv.naiveForward(input).scalars
    }

    /// The products the worked example adds at output `j` (zeros of the kernel left out), as the
    /// figure prints them: "2 − 3 + 4 + 6 + 7 + 16".
    static func workedSum(at j: Int) -> String {
        var terms: [Double] = []
        for m in 0..<3 { for n in 0..<3 where workedKernel[m][n] != 0 { terms.append(workedKernel[m][n] * workedInput[m][j + n]) } }
        return terms.enumerated().map { i, t in
            i == 0 ? Diagram.label(t) : (t < 0 ? "− " + Diagram.label(-t) : "+ " + Diagram.label(t))
        }.joined(separator: " ")
    }

    /// Two rows, one per output: the input with the window framed, ⋆ the kernel, = the output
    /// with the new value highlighted, and the sum that gives it.
    public static func convolutionSlidingWindow() -> String {
        let out = workedCrossCorrelation()
        let cell = 34.0
        var d = Diagram(width: 820, height: 330, title: "L6 — a 3×3 kernel slides over the input (cross-correlation, stride 1)")
        for j in 0..<2 {
            let y = 60 + Double(j) * 135
            let color = SVGPlot.palette[j], tint = Diagram.tints[j]
            d.text("step \(j + 1): window at column \(j)", x: 20, y: y - 12, size: 13, bold: true, color: color)
            d.grid(workedInput, x: 20, y: y, cell: cell, fill: { r, c in c >= j && c < j + 3 ? tint : nil })
            d.frame(row: 0, column: j, rows: 3, columns: 3, gridX: 20, gridY: y, cell: cell, color: color)
            d.text("⋆", x: 185, y: y + 1.5 * cell, size: 26, anchor: "middle")
            d.grid(workedKernel, x: 210, y: y, cell: cell, fill: { r, c in workedKernel[r][c] != 0 ? "#eeeeee" : nil })
            d.text("=", x: 335, y: y + 1.5 * cell, size: 24, anchor: "middle")
            d.grid([out], x: 360, y: y + cell, cell: cell, fill: { _, c in c == j ? tint : nil }, bold: { _, c in c == j },
                   text: { _, c in c <= j ? Diagram.label(out[c]) : "?" })
            d.text("\(workedSum(at: j)) = \(Diagram.label(out[j]))", x: 460, y: y + 1.5 * cell, size: 15, color: color)
        }
        d.text("Each output is the sum of the window times the kernel, entry by entry; the kernel is not flipped.",
               x: 20, y: 318, size: 13, italic: true, color: "#444")
        return d.svg()
    }

    /// The output size along one axis, or nil where the windows do not tile (`ConvolutionGeometry`).
    static func tiledSize(input: Int, kernel: Int, stride: Int, padding: Int) -> Int? {
        try? ConvolutionGeometry.outputSize(input: input, kernel: kernel, stride: stride, padding: padding)
    }

    /// Four panels on the 7×7 input with a 3×3 kernel: stride 1, 2 and 3 without padding, and
    /// stride 3 with one ring of zeros. Each window's top-left cell is shaded (one shaded cell per
    /// output); the first and last windows of the top row are framed; where the windows do not
    /// tile, the window that hangs over the edge is drawn dashed in red.
    public static func paddingAndStride() -> String {
        let cases = [(stride: 1, padding: 0), (stride: 2, padding: 0), (stride: 3, padding: 0), (stride: 3, padding: 1)]
        let (n, k, cell) = (7, 3, 20.0)
        var d = Diagram(width: 960, height: 330, title: "L6 — a 3×3 kernel on a 7×7 input: stride and padding")
        for (p, setting) in cases.enumerated() {
            let x0 = 25 + Double(p) * 235, y0 = 60.0
            let padded = n + 2 * setting.padding
            let size = tiledSize(input: n, kernel: k, stride: setting.stride, padding: setting.padding)
            // Windows start at 0, S, 2S, … while they fit; a non-tiling case gets one more, overhanging.
            var starts = Array(stride(from: 0, through: padded - k, by: setting.stride))
            let overhang = size == nil ? starts.last! + setting.stride : nil
            let anchors = Set(starts)
            let cells = (0..<padded).map { _ in [Double](repeating: 0, count: padded) }
            d.grid(cells, x: x0, y: y0, cell: cell, fontSize: 9,
                   fill: { i, j in
                       if anchors.contains(i) && anchors.contains(j) { return Diagram.tints[0] }
                       let isPad = i < setting.padding || j < setting.padding || i >= n + setting.padding || j >= n + setting.padding
                       return isPad ? "#e8e8e8" : nil
                   },
                   text: { i, j in
                       let isPad = i < setting.padding || j < setting.padding || i >= n + setting.padding || j >= n + setting.padding
                       return isPad ? "0" : ""
                   })
            d.frame(row: 0, column: starts.first!, rows: k, columns: k, gridX: x0, gridY: y0, cell: cell, color: SVGPlot.palette[0])
            if starts.count > 1 {
                d.frame(row: 0, column: starts.last!, rows: k, columns: k, gridX: x0, gridY: y0, cell: cell,
                        color: SVGPlot.palette[1], inset: 2)
            }
            if let overhang {
                d.frame(row: 0, column: overhang, rows: k, columns: k, gridX: x0, gridY: y0, cell: cell,
                        color: "#C00000", dashed: true, inset: 1)
                starts.append(overhang)
            }
            let title = "stride \(setting.stride), padding \(setting.padding)" + (setting.padding > 0 ? " (\(padded)×\(padded))" : "")
            d.text(title, x: x0, y: y0 - 14, size: 13, bold: true)
            let formula = "(\(n)\(setting.padding > 0 ? " + \(2 * setting.padding)" : "") − \(k))/\(setting.stride) + 1"
            let result = size.map { "\($0)×\($0)" } ?? "does not tile"
            d.text("\(formula) → \(result)", x: x0, y: y0 + 9 * cell + 22, size: 13,
                   bold: size == nil, color: size == nil ? "#C00000" : "#222")
            if size == nil {
                d.text("a 3rd window (column \(overhang!)) would", x: x0, y: y0 + 9 * cell + 42, size: 12, color: "#C00000")
                d.text("hang \(overhang! + k - padded) columns over the edge", x: x0, y: y0 + 9 * cell + 58, size: 12, color: "#C00000")
            } else {
                d.text("\(size! * size!) windows (shaded corners)", x: x0, y: y0 + 9 * cell + 42, size: 12, color: "#444")
            }
        }
        return d.svg()
    }

    /// The worked example as one matrix product: im2col turns each 3×3 window of the 3×4 input
    /// into a column of 9 (reference `im2col`), the kernel becomes a row of 9, and row × columns
    /// gives both outputs at once.
    public static func im2colMatrix() -> String {
        let input = Tensor(shape: [1, 1, 3, 4], scalars: workedInput.flatMap { $0 })
        let cols = im2col(input, kernelHeight: 3, kernelWidth: 3)            // [9, 2]
        let row = Tensor(shape: [1, 9], scalars: workedKernel.flatMap { $0 })
        let product = row.matmul(cols)                                       // [1, 2]
        let cell = 30.0
        var d = Diagram(width: 820, height: 420, title: "L6 — im2col: every window becomes a column, the convolution one matrix product")
        // The input with its two windows, and the kernel.
        d.text("input x (3×4)", x: 20, y: 62, size: 13, bold: true)
        d.grid(workedInput, x: 20, y: 75, cell: cell)
        d.frame(row: 0, column: 0, rows: 3, columns: 3, gridX: 20, gridY: 75, cell: cell, color: SVGPlot.palette[0])
        d.frame(row: 0, column: 1, rows: 3, columns: 3, gridX: 20, gridY: 75, cell: cell, color: SVGPlot.palette[1], inset: 3)
        d.text("kernel W (3×3)", x: 20, y: 222, size: 13, bold: true)
        d.grid(workedKernel, x: 20, y: 235, cell: cell)
        // The row of W, the columns, the product.
        let colsX = 560.0, colsY = 80.0
        let rowY = colsY + 4 * cell
        d.text("W as a row (1×9)", x: 250, y: rowY - 16, size: 13, bold: true)
        d.grid(Diagram.rows(row), x: 250, y: rowY, cell: cell, fontSize: 13)
        d.line(from: (140, 280), to: (245, rowY + cell + 6), color: "#666", arrow: true)
        d.text("·", x: colsX - 15, y: rowY + cell / 2, size: 28, anchor: "middle", bold: true)
        d.text("im2col(x) (9×2)", x: colsX, y: colsY - 16, size: 13, bold: true)
        d.grid(Diagram.rows(cols), x: colsX, y: colsY, cell: cell, fontSize: 13,
               fill: { _, j in Diagram.tints[j] })
        d.line(from: (150, 120), to: (colsX - 8, colsY + 30), color: "#666", arrow: true)
        d.text("=", x: colsX + 2 * cell + 22, y: rowY + cell / 2, size: 24, anchor: "middle")
        d.grid(Diagram.rows(product), x: colsX + 2 * cell + 42, y: rowY, cell: cell + 6, fill: { _, j in Diagram.tints[j] },
               bold: { _, _ in true })
        d.text("y (1×2)", x: colsX + 2 * cell + 42, y: rowY - 16, size: 13, bold: true)
        d.text("column j = window j, read row by row: rows (c·KH + kh)·KW + kw", x: 20, y: 362, size: 13, color: "#444")
        d.text("[F, C·K²] · [C·K², positions] = [F, positions]; here [1, 9] · [9, 2] = [1, 2]", x: 20, y: 384, size: 13, color: "#444")
        d.text("col2im, the backward pass, adds each column back onto the pixels it came from", x: 20, y: 406, size: 13, color: "#444")
        return d.svg()
    }
}

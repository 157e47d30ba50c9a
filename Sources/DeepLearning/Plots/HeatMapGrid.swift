import TensorCore

/// A grid of heat maps written as SVG, for looking at learned filters or activation maps.
///
/// Each tile is a 2-D tensor `[H, W]`; a kernel `[F, C, K, K]` gives `F·C` tiles via
/// `HeatMapGrid(filters:)`. Each tile is scaled on its own, symmetric around 0:
/// white = 0, blue = most negative, red = most positive (a diverging map, so the sign of a
/// weight is visible). Defaults: 12-pixel cells, 8 tiles per row, 6 pixels between tiles.
public struct HeatMapGrid {
    public var tiles: [Tensor]
    public var titles: [String]
    public var columns: Int
    public var cellSize: Int
    public var gap: Int
    public var title: String

    public init(tiles: [Tensor], titles: [String] = [], columns: Int = 8, cellSize: Int = 12, gap: Int = 6, title: String = "") {
        for (i, t) in tiles.enumerated() {
            precondition(t.rank == 2, "HeatMapGrid: tile \(i) has shape \(t.shape); tiles must be [H, W]")
        }
        precondition(columns > 0 && cellSize > 0, "HeatMapGrid: columns \(columns) and cell size \(cellSize) must be positive")
        self.tiles = tiles; self.titles = titles; self.columns = columns
        self.cellSize = cellSize; self.gap = gap; self.title = title
    }

    /// One tile per (filter, input channel) of a kernel `[F, C, KH, KW]`, row-major.
    public init(filters kernel: Tensor, columns: Int? = nil, cellSize: Int = 12, title: String = "") {
        precondition(kernel.rank == 4, "HeatMapGrid(filters:): kernel of shape \(kernel.shape) is not [F, C, KH, KW]")
        let (f, c, kh, kw) = (kernel.shape[0], kernel.shape[1], kernel.shape[2], kernel.shape[3])
        let s = kernel.scalars
        var tiles: [Tensor] = []
        var titles: [String] = []
        for i in 0..<f {
            for j in 0..<c {
                let start = (i * c + j) * kh * kw
                tiles.append(Tensor(shape: [kh, kw], scalars: Array(s[start..<(start + kh * kw)])))
                titles.append(c == 1 ? "\(i)" : "\(i).\(j)")
            }
        }
        self.init(tiles: tiles, titles: titles, columns: columns ?? (c == 1 ? min(f, 8) : c), cellSize: cellSize, title: title)
    }

    /// The diverging colour for `v` in `[−1, 1]`: blue (−1) → white (0) → red (+1).
    static func color(_ v: Double) -> String {
        let t = min(max(v, -1), 1)
        let (r, g, b): (Double, Double, Double) = t >= 0
            ? (255 - t * (255 - 178), 255 - t * (255 - 24), 255 - t * (255 - 43))     // → #B2182B
            : (255 + t * (255 - 33), 255 + t * (255 - 102), 255 + t * (255 - 172))    // → #2166AC
        func hex(_ x: Double) -> String {
            let n = Int(x.rounded())
            return (n < 16 ? "0" : "") + String(n, radix: 16)
        }
        return "#" + hex(r) + hex(g) + hex(b)
    }

    public func svg() -> String {
        let tileH = tiles.map { $0.shape[0] }.max() ?? 1, tileW = tiles.map { $0.shape[1] }.max() ?? 1
        let labelH = titles.isEmpty ? 0 : 14
        let titleH = title.isEmpty ? 0 : 26
        let rows = (tiles.count + columns - 1) / max(columns, 1)
        let cols = min(columns, max(tiles.count, 1))
        // Wide enough for the title too (about 8 pixels per character of 14-pixel bold text), so
        // that it is never clipped; the tiles are then centred under it.
        let tilesWidth = gap + cols * (tileW * cellSize + gap)
        let width = max(tilesWidth, title.isEmpty ? 0 : title.count * 8 + 2 * gap)
        let offset = (width - tilesWidth) / 2
        let height = titleH + gap + rows * (tileH * cellSize + gap + labelH)
        var body: [String] = []
        if !title.isEmpty {
            body.append(##"<text x="\##(width / 2)" y="18" text-anchor="middle" font-size="14" font-weight="bold">\##(SVGPlot.escape(title))</text>"##)
        }
        for (k, tile) in tiles.enumerated() {
            let x0 = offset + gap + (k % columns) * (tileW * cellSize + gap)
            let y0 = titleH + gap + (k / columns) * (tileH * cellSize + gap + labelH)
            let scale = tile.scalars.map(abs).max() ?? 0
            let (h, w) = (tile.shape[0], tile.shape[1])
            for i in 0..<h {
                for j in 0..<w {
                    let v = scale > 0 ? tile[i, j] / scale : 0
                    body.append(##"<rect x="\##(x0 + j * cellSize)" y="\##(y0 + i * cellSize)" width="\##(cellSize)" height="\##(cellSize)" fill="\##(Self.color(v))"/>"##)
                }
            }
            body.append(##"<rect x="\##(x0)" y="\##(y0)" width="\##(w * cellSize)" height="\##(h * cellSize)" fill="none" stroke="#999"/>"##)
            if k < titles.count {
                body.append(##"<text x="\##(x0 + w * cellSize / 2)" y="\##(y0 + h * cellSize + 11)" text-anchor="middle" font-size="10" fill="#333">\##(SVGPlot.escape(titles[k]))</text>"##)
            }
        }
        return SVGPlot.document(width: width, height: height, body: body)
    }
}

import Foundation

/// Shared pieces of the SVG plots: a palette, escaping, number formatting and file output.
/// Plots are plain SVG 1.1 text built by our own code — no dependencies — viewable in any
/// browser and diffable in review.
public enum SVGPlot {
    /// A colour-blind-friendly palette (Okabe & Ito 2008), used in order for the series.
    public static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7",
                                 "#E69F00", "#56B4E9", "#F0E442", "#000000"]

    /// Escapes text for SVG element content and attribute values.
    public static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }

    /// A coordinate with at most two decimals and no trailing zeros (small files, stable diffs).
    static func coordinate(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        return String(format: "%.2f", rounded).replacingOccurrences(of: #"0+$"#, with: "", options: .regularExpression)
    }

    /// A tick label: integers plainly, small or large magnitudes in exponent form, otherwise up
    /// to 4 significant digits.
    public static func tickLabel(_ value: Double) -> String {
        if value == 0 { return "0" }
        let magnitude = abs(value)
        if magnitude >= 1e5 || magnitude < 1e-3 {
            let exponent = Int(log10(magnitude).rounded(.down))
            let mantissa = value / pow(10, Double(exponent))
            let m = abs(mantissa - mantissa.rounded()) < 1e-9 ? String(Int(mantissa.rounded())) : String(format: "%.2g", mantissa)
            return m == "1" ? "1e\(exponent)" : "\(m)e\(exponent)"
        }
        if abs(value - value.rounded()) < 1e-9 * max(1, magnitude) { return String(Int(value.rounded())) }
        return String(format: "%.4g", value)
    }

    /// The SVG document wrapper with a white background and a readable default font.
    static func document(width: Int, height: Int, body: [String]) -> String {
        var lines = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            #"<svg xmlns="http://www.w3.org/2000/svg" width="\#(width)" height="\#(height)" viewBox="0 0 \#(width) \#(height)" font-family="Helvetica, Arial, sans-serif" font-size="12">"#,
            #"<rect width="100%" height="100%" fill="white"/>"#,
        ]
        lines += body
        lines.append("</svg>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes `svg` to `path`, creating the folder if needed.
    public static func write(_ svg: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try svg.write(to: url, atomically: true, encoding: .utf8)
    }
}

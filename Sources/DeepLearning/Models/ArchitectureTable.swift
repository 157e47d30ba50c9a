import Foundation

/// A per-layer table of an architecture (lecture L7): each row gives the layer, its output
/// shape and its parameter count, computed from `LayerSpec`s by arithmetic alone.
///
/// Residual blocks contribute one row per inner layer (indented, the shortcut's rows marked
/// "shortcut") and a final "add + relu" row with the block's output shape.
public struct ArchitectureTable: CustomStringConvertible, Sendable {
    public struct Row: Sendable, Equatable {
        public var name: String
        public var outputShape: [Int]
        public var parameters: Int
    }

    public let name: String
    public let inputShape: [Int]
    public let rows: [Row]

    /// Walks `layers` from `inputShape` (`[C, H, W]` or `[D]`). Throws an `ArchitectureError`
    /// naming the layer whose input does not fit.
    public init(name: String, inputShape: [Int], layers: [LayerSpec]) throws {
        self.name = name
        self.inputShape = inputShape
        var rows: [Row] = []
        var shape = inputShape
        try Self.append(layers, from: &shape, prefix: "", into: &rows)
        self.rows = rows
    }

    private static func append(_ layers: [LayerSpec], from shape: inout [Int], prefix: String, into rows: inout [Row]) throws {
        for layer in layers {
            if case let .residual(name, body, shortcut) = layer {
                let input = shape
                var bodyShape = input
                try append(body, from: &bodyShape, prefix: prefix + name + ".", into: &rows)
                var sideShape = input
                try append(shortcut, from: &sideShape, prefix: prefix + name + ".shortcut ", into: &rows)
                let (out, _) = try layer.walk(input)   // checks the shapes match
                rows.append(Row(name: prefix + name + ".add + relu", outputShape: out, parameters: 0))
                shape = out
            } else {
                let (out, count) = try layer.walk(shape)
                rows.append(Row(name: prefix + layer.label, outputShape: out, parameters: count))
                shape = out
            }
        }
    }

    /// The total number of parameters.
    public var totalParameters: Int { rows.reduce(0) { $0 + $1.parameters } }

    /// The final output shape.
    public var outputShape: [Int] { rows.last?.outputShape ?? inputShape }

    /// The rows with parameters (convolutions, dense layers, batch norms), in order.
    public var parameterCounts: [Int] { rows.map(\.parameters).filter { $0 > 0 } }

    /// An aligned text table: layer, output shape (`C×H×W` or `D`), parameters with thousands
    /// separators, and a total line.
    public var description: String {
        let header = ["layer", "output", "parameters"]
        let body = [["input", Self.format(inputShape), ""]]
            + rows.map { [$0.name, Self.format($0.outputShape), Self.grouped($0.parameters)] }
        let footer = ["total", "", Self.grouped(totalParameters)]
        let all = [header] + body + [footer]
        let widths = (0..<3).map { c in all.map { $0[c].count }.max()! }
        func render(_ r: [String]) -> String {
            let left = r[0].padding(toLength: widths[0], withPad: " ", startingAt: 0)
            let middle = r[1].padding(toLength: widths[1], withPad: " ", startingAt: 0)
            let right = String(repeating: " ", count: widths[2] - r[2].count) + r[2]
            return "\(left)  \(middle)  \(right)"
        }
        let rule = String(repeating: "-", count: widths.reduce(4, +))
        return ([name, render(header), rule] + body.map(render) + [rule, render(footer)]).joined(separator: "\n")
    }

    /// `[96, 55, 55]` → `96×55×55`.
    static func format(_ shape: [Int]) -> String { shape.map(String.init).joined(separator: "×") }

    /// `61706` → `61,706`.
    public static func grouped(_ n: Int) -> String {
        let digits = Array(String(abs(n)))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(d)
        }
        return (n < 0 ? "-" : "") + out
    }
}

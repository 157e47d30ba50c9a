import Foundation

/// A training progress display: epoch, batch, running loss and accuracy, and the estimated time
/// left (ETA).
///
/// On a terminal (`isatty(STDOUT_FILENO)`) it redraws one line in place with a carriage return
/// `\r` after every batch and ends the line at the end of the epoch. Anywhere else (a file, a
/// pipe, a CI log) `\r` would leave garbage, so it writes one plain line per finished epoch:
///
///     epoch 1/5  batch 12/12  loss 0.4312  accuracy 0.8750  elapsed 1.2s  ETA 4.8s
///
/// The ETA assumes the remaining batches take as long as the ones so far. Output and clock are
/// injectable so the text can be tested.
public struct ProgressBar {
    public var totalEpochs: Int
    public var batchesPerEpoch: Int
    /// Redraw in place (`\r`) when true; plain lines when false.
    public var interactive: Bool
    public var barWidth = 24
    private let write: (String) -> Void
    private let now: () -> Double
    private var startTime: Double?

    /// - Parameters:
    ///   - interactive: defaults to whether standard output is a terminal.
    ///   - write: receives text exactly as it should appear (defaults to standard output).
    ///   - now: seconds from any fixed origin (defaults to the system clock).
    public init(totalEpochs: Int, batchesPerEpoch: Int,
                interactive: Bool = isatty(STDOUT_FILENO) != 0,
                write: @escaping (String) -> Void = { text in
                    FileHandle.standardOutput.write(text.data(using: .utf8)!)
                },
                now: @escaping () -> Double = { Date().timeIntervalSinceReferenceDate }) {
        precondition(totalEpochs > 0 && batchesPerEpoch > 0,
                     "ProgressBar: \(totalEpochs) epochs of \(batchesPerEpoch) batches; both must be positive")
        self.totalEpochs = totalEpochs
        self.batchesPerEpoch = batchesPerEpoch
        self.interactive = interactive
        self.write = write
        self.now = now
    }

    /// Reports that batch `batch` (1-based) of epoch `epoch` (1-based) has finished, with the
    /// running loss and accuracy of the epoch so far. Redraws in interactive mode only.
    public mutating func update(epoch: Int, batch: Int, loss: Double, accuracy: Double?) {
        if startTime == nil { startTime = now() }
        guard interactive else { return }
        write("\r" + line(epoch: epoch, batch: batch, loss: loss, accuracy: accuracy, withBar: true))
    }

    /// Reports the end of epoch `epoch` (1-based), with its summary numbers and optional extra
    /// text (e.g. validation results). Ends the line in both modes.
    public mutating func finishEpoch(epoch: Int, loss: Double, accuracy: Double?, extra: String = "") {
        if startTime == nil { startTime = now() }
        let text = line(epoch: epoch, batch: batchesPerEpoch, loss: loss, accuracy: accuracy, withBar: interactive)
            + (extra.isEmpty ? "" : "  " + extra)
        write((interactive ? "\r" : "") + text + "\n")
    }

    /// The text of one progress line (without `\r` or newline).
    public func line(epoch: Int, batch: Int, loss: Double, accuracy: Double?, withBar: Bool) -> String {
        let elapsed = startTime.map { now() - $0 } ?? 0
        let done = (epoch - 1) * batchesPerEpoch + batch
        let total = totalEpochs * batchesPerEpoch
        let eta = done > 0 ? elapsed * Double(total - done) / Double(done) : 0
        var parts = ["epoch \(epoch)/\(totalEpochs)"]
        if withBar {
            let filled = min(barWidth, barWidth * batch / batchesPerEpoch)
            parts.append("[" + String(repeating: "=", count: filled)
                         + String(repeating: " ", count: barWidth - filled) + "]")
        }
        parts.append("batch \(batch)/\(batchesPerEpoch)")
        parts.append("loss " + fixed(loss, 4))
        if let accuracy { parts.append("accuracy " + fixed(accuracy, 4)) }
        parts.append("elapsed " + Self.formatDuration(elapsed))
        parts.append("ETA " + Self.formatDuration(eta))
        return parts.joined(separator: "  ")
    }

    /// `4.8s`, `2m05s`, `1h02m`.
    public static func formatDuration(_ seconds: Double) -> String {
        let s = max(0, seconds)
        if s < 60 { return fixed(s, 1) + "s" }
        let whole = Int(s.rounded())
        if whole < 3600 { return "\(whole / 60)m" + twoDigits(whole % 60) + "s" }
        return "\(whole / 3600)h" + twoDigits((whole % 3600) / 60) + "m"
    }

    private static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}

/// `value` with exactly `digits` decimals (no locale), e.g. `fixed(0.43125, 4) == "0.4313"`.
func fixed(_ value: Double, _ digits: Int) -> String {
    guard value.isFinite else { return "\(value)" }
    return String(format: "%.\(digits)f", value)
}

import Foundation

/// Axis ticks at "nice" values (1, 2, 5 × 10ᵏ), Heckbert's method (Graphics Gems, 1990).
enum Ticks {
    /// About `target` ticks covering `[lower, upper]`; returns the widened range and the ticks.
    static func linear(lower: Double, upper: Double, target: Int = 6) -> (lower: Double, upper: Double, ticks: [Double]) {
        var lo = lower, hi = upper
        if !(hi > lo) { lo -= 0.5 * max(1, abs(lo)); hi += 0.5 * max(1, abs(hi)) }
        let step = niceNumber((hi - lo) / Double(max(target - 1, 1)), round: true)
        let first = (lo / step).rounded(.down) * step
        let last = (hi / step).rounded(.up) * step
        var ticks: [Double] = []
        var t = first
        while t <= last + step * 1e-9 {
            ticks.append(abs(t) < step * 1e-9 ? 0 : t)
            t += step
        }
        return (first, last, ticks)
    }

    /// Decades `10ᵏ` covering `[lower, upper]` (both positive).
    static func logarithmic(lower: Double, upper: Double) -> (lower: Double, upper: Double, ticks: [Double]) {
        precondition(lower > 0 && upper > 0, "log scale: values must be positive, got range \(lower)…\(upper)")
        var a = log10(lower).rounded(.down), b = log10(upper).rounded(.up)
        if b <= a { b = a + 1 }
        if b - a > 12 { a = b - 12 }
        let ticks = stride(from: a, through: b, by: 1).map { pow(10, $0) }
        return (pow(10, a), pow(10, b), ticks)
    }

    static func niceNumber(_ x: Double, round: Bool) -> Double {
        let exponent = log10(x).rounded(.down)
        let fraction = x / pow(10, exponent)
        let nice: Double
        if round {
            nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
        } else {
            nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        }
        return nice * pow(10, exponent)
    }
}

#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A seeded pseudo-random generator whose draws are identical on every run and every machine.
///
/// Algorithm: **xoshiro256\*\*** (Blackman & Vigna, 2018) with its 256-bit state filled by four
/// successive outputs of **SplitMix64** started at `seed`. It never touches the system's random
/// source. Every derived draw is defined here, not by the standard library (whose
/// `Double.random(in:using:)` algorithm may change between Swift versions):
///
/// - `uniform(in:)`: the top 53 bits of `next()` as `k / 2⁵³` ∈ [0, 1), then scaled to the range;
/// - `normal(mean:standardDeviation:)`: Box–Muller on two `uniform` draws (cosine branch only);
/// - `integer(below:)`: Lemire's unbiased multiply-and-reject;
/// - `shuffle(_:)`: Fisher–Yates driven by `integer(below:)`.
///
/// The first three `next()` values for seed 42 are (pinned by a test):
///
///     var g = SeededGenerator(seed: 42)
///     g.next()   // 1546998764402558742
///     g.next()   // 6990951692964543102
///     g.next()   // 12544586762248559009
///
/// Integer and `uniform` draws are bit-for-bit reproducible everywhere; `normal` uses the C
/// library's `log` and `cos`, whose last bit may in principle differ between C libraries.
///
/// Do not pass it to `Double.random(in:using:)` or `Array.shuffled(using:)` where reproducibility
/// across Swift versions matters: use the methods here.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    /// Creates a generator from a seed; equal seeds give equal streams.
    public init(seed: UInt64) {
        var splitMix = seed
        state = (SeededGenerator.splitMix64(&splitMix), SeededGenerator.splitMix64(&splitMix),
                 SeededGenerator.splitMix64(&splitMix), SeededGenerator.splitMix64(&splitMix))
    }

    /// SplitMix64 (Steele, Lea & Flood, 2014): advances `x` by the golden-ratio constant and
    /// returns a well-mixed function of it. Used only to expand a seed into the xoshiro state.
    static func splitMix64(_ x: inout UInt64) -> UInt64 {
        x &+= 0x9E37_79B9_7F4A_7C15
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The next 64 random bits (xoshiro256\*\*).
    public mutating func next() -> UInt64 {
        let result = rotateLeft(state.1 &* 5, by: 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotateLeft(state.3, by: 45)
        return result
    }

    private func rotateLeft(_ x: UInt64, by k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 - k))
    }

    /// A uniform draw from `range`: `lower + u · (upper − lower)` with `u = (next() >> 11) / 2⁵³` ∈ [0, 1).
    ///
    /// `u` takes 2⁵³ equally spaced values, so the upper bound itself is (almost) never drawn.
    /// Precondition: the bounds are finite.
    public mutating func uniform(in range: ClosedRange<Double> = 0...1) -> Double {
        require(range.lowerBound.isFinite && range.upperBound.isFinite,
                     "uniform(in: \(range)): bounds must be finite")
        let u = Double(next() >> 11) * 0x1.0p-53
        return Swift.min(range.lowerBound + u * (range.upperBound - range.lowerBound), range.upperBound)
    }

    /// A normal (Gaussian) draw by the Box–Muller transform:
    /// `mean + σ · √(−2 ln u₁) · cos(2π u₂)` with `u₁ = 1 − uniform()` ∈ (0, 1] and `u₂ = uniform()`.
    ///
    /// Each call consumes exactly two `next()` values (the sine partner is discarded, so that the
    /// stream never depends on hidden cached state). Precondition: `standardDeviation ≥ 0`.
    public mutating func normal(mean: Double = 0, standardDeviation: Double = 1) -> Double {
        require(standardDeviation >= 0, "normal: standardDeviation \(standardDeviation) is negative")
        let u1 = 1 - uniform()
        let u2 = uniform()
        let z = (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
        return mean + standardDeviation * z
    }

    /// A uniform integer in `0..<n`, without modulo bias (Lemire 2019, "Fast random integer
    /// generation in an interval"): the high word of `next() · n`, rejecting the few low words
    /// below `2⁶⁴ mod n`. Precondition: `n > 0`.
    public mutating func integer(below n: Int) -> Int {
        require(n > 0, "integer(below: \(n)): the bound must be positive")
        let bound = UInt64(n)
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound  // 2⁶⁴ mod n
            while product.low < threshold {
                product = next().multipliedFullWidth(by: bound)
            }
        }
        return Int(product.high)
    }

    /// Shuffles `array` in place by Fisher–Yates: for `i` from the last index down to 1,
    /// swap element `i` with element `integer(below: i + 1)`.
    public mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, through: 1, by: -1) {
            array.swapAt(i, integer(below: i + 1))
        }
    }

    /// True with probability `p`: `uniform() < p`. Precondition: `0 ≤ p ≤ 1`.
    public mutating func bernoulli(probability p: Double) -> Bool {
        require(p >= 0 && p <= 1, "bernoulli(probability: \(p)): p must be in 0...1")
        return uniform() < p
    }

    /// A new generator seeded from one draw of this one, for an independent child stream
    /// (e.g. one per data loader or per layer), leaving this generator advanced by one draw.
    public mutating func split() -> SeededGenerator {
        SeededGenerator(seed: next())
    }
}

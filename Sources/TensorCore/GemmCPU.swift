// What the machine running the course is, for the kernel choice and the benchmark's header.

import Foundation

extension Gemm {
    /// The processor, as the operating system describes it (`/proc/cpuinfo` on Linux).
    public struct Processor: Sendable {
        /// The model name (`"AMD EPYC"`), or the architecture when the system does not say.
        public var model: String
        /// The vector and fused-multiply-add features among the CPU's flags, widest last
        /// (`sse2 avx avx2 fma avx512f` on x86-64, `asimd` on arm64); `nil` when unknown.
        public var vectorFeatures: [String]?

        /// Whether the CPU does fused multiply-add on 256-bit vectors (x86-64: `avx2` and `fma`);
        /// true on arm64 (NEON and FMA are in every arm64 CPU), nil when the features are unknown.
        public var hasWideFMA: Bool? {
            #if arch(arm64)
            return true
            #else
            guard let features = vectorFeatures else { return nil }
            return features.contains("avx2") && features.contains("fma")
            #endif
        }

        /// Whether the CPU has 32 vector registers (x86-64: `avx512vl`, which gives AVX2 code
        /// `ymm16`–`ymm31`; every arm64), nil when unknown.
        public var hasThirtyTwoVectorRegisters: Bool? {
            #if arch(arm64)
            return true
            #else
            guard let features = vectorFeatures else { return nil }
            return features.contains("avx512vl")
            #endif
        }

        /// Whether the CPU has 512-bit vectors (x86-64: `avx512f`); false on arm64 (NEON is 128-bit),
        /// nil when unknown. The wide kernels are chosen only in a `GEMM_NATIVE` build, whose
        /// `-target-cpu native` then emits 512-bit instructions.
        public var hasAVX512: Bool? {
            #if arch(x86_64)
            guard let features = vectorFeatures else { return nil }
            return features.contains("avx512f")
            #else
            return false
            #endif
        }

        /// The processor this program runs on, read once.
        public static let current: Processor = read()

        static func read() -> Processor {
            #if arch(x86_64)
            let architecture = "x86-64"
            let interesting = ["sse2", "sse4_2", "avx", "avx2", "fma", "avx512f", "avx512vl"]
            #elseif arch(arm64)
            let architecture = "arm64"
            let interesting = ["asimd", "fphp", "sve", "sve2"]
            #else
            let architecture = "unknown architecture"
            let interesting: [String] = []
            #endif
            guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else {
                return Processor(model: architecture, vectorFeatures: nil)
            }
            var model = architecture
            var flags: Set<String>?
            for line in text.split(separator: "\n") {
                let parts = line.split(separator: ":", maxSplits: 1)
                guard parts.count == 2 else { continue }
                let key = parts[0].trimmingCharacters(in: .whitespaces)
                let value = parts[1].trimmingCharacters(in: .whitespaces)
                if key == "model name" && model == architecture { model = value }
                if (key == "flags" || key == "Features") && flags == nil { flags = Set(value.split(separator: " ").map(String.init)) }
                if model != architecture && flags != nil { break }
            }
            return Processor(model: model, vectorFeatures: flags.map { f in interesting.filter { f.contains($0) } })
        }
    }
}

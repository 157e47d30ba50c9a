// The scalars the GEMM engine handles, and the register vectors its micro-kernels use for each.
// SPI (`@_spi(GemmEngine)`, see Gemm.swift): the engine serves TensorCore's `matmul`, the
// reference layers and the benchmarks; exercises see only `Tensor`.

/// A scalar the GEMM kernels handle (`Double`, `Float`): names the SIMD register types of the
/// micro-kernels. One generic engine serves both; the compiler specialises it per scalar.
///
/// - `PortableVector`: 128 bits (SSE2 on any x86-64, NEON on arm64): 2 Doubles or 4 Floats.
/// - `NativeVector`: the widest vector the build's target CPU has, for the fused kernel: 256 bits
///   (4 Doubles, 8 Floats) when the course is built for an AVX2 + FMA CPU (`GEMM_NATIVE`, see
///   `Gemm.Kernel`), else 128 bits.
@_spi(GemmEngine) public protocol GemmScalar: BinaryFloatingPoint, SIMDScalar, Codable, Sendable {
    /// The register vector of the portable micro-kernel (128 bits).
    associatedtype PortableVector: SIMD where PortableVector.Scalar == Self
    /// The register vector of the fused micro-kernel (256 bits in an AVX2 build).
    associatedtype NativeVector: SIMD where NativeVector.Scalar == Self
    /// The 512-bit register vector of the wide fused kernels (AVX-512: 8 Doubles, 16 Floats).
    /// Correct on any CPU; fast only where the build's target CPU has AVX-512F.
    associatedtype WideVector: SIMD where WideVector.Scalar == Self

    /// `Gemm.multiplyAccumulate` for this scalar, callable from generic code in other modules
    /// (the kernel behind it is specialised here, in TensorCore).
    static func gemmMultiplyAccumulate(m: Int, n: Int, k: Int,
                                       a: UnsafePointer<Self>, lda: Int, b: UnsafePointer<Self>, ldb: Int,
                                       c: UnsafeMutablePointer<Self>, ldc: Int, configuration: Gemm.Configuration)

    /// `c = a·b` (overwrites `c`, which need not be initialised) on raw pointers, from generic code.
    static func gemmMultiply(m: Int, n: Int, k: Int,
                             a: UnsafePointer<Self>, lda: Int, b: UnsafePointer<Self>, ldb: Int,
                             c: UnsafeMutablePointer<Self>, ldc: Int, configuration: Gemm.Configuration)
}

@_spi(GemmEngine) extension Double: GemmScalar {
    public typealias PortableVector = SIMD2<Double>
    public typealias WideVector = SIMD8<Double>
    #if GEMM_NATIVE && arch(x86_64)
    public typealias NativeVector = SIMD4<Double>
    #else
    public typealias NativeVector = SIMD2<Double>
    #endif

    public static func gemmMultiplyAccumulate(m: Int, n: Int, k: Int,
                                               a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
                                               c: UnsafeMutablePointer<Double>, ldc: Int, configuration: Gemm.Configuration) {
        Gemm.gemm(m, n, k, a, lda, b, ldb, c, ldc, configuration)
    }

    public static func gemmMultiply(m: Int, n: Int, k: Int,
                                     a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
                                     c: UnsafeMutablePointer<Double>, ldc: Int, configuration: Gemm.Configuration) {
        Gemm.gemm(m, n, k, a, lda, b, ldb, c, ldc, configuration, overwrite: true)
    }
}

@_spi(GemmEngine) extension Float: GemmScalar {
    public typealias PortableVector = SIMD4<Float>
    public typealias WideVector = SIMD16<Float>
    #if GEMM_NATIVE && arch(x86_64)
    public typealias NativeVector = SIMD8<Float>
    #else
    public typealias NativeVector = SIMD4<Float>
    #endif

    public static func gemmMultiplyAccumulate(m: Int, n: Int, k: Int,
                                               a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                                               c: UnsafeMutablePointer<Float>, ldc: Int, configuration: Gemm.Configuration) {
        Gemm.gemm(m, n, k, a, lda, b, ldb, c, ldc, configuration)
    }

    public static func gemmMultiply(m: Int, n: Int, k: Int,
                                     a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                                     c: UnsafeMutablePointer<Float>, ldc: Int, configuration: Gemm.Configuration) {
        Gemm.gemm(m, n, k, a, lda, b, ldb, c, ldc, configuration, overwrite: true)
    }
}

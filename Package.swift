// swift-tools-version:6.0
//
// The course package. No package dependencies: everything here builds with the
// toolchain alone (standard library, Foundation, Dispatch, XCTest).
//
// Exercises/ and Solutions/ are deliberately NOT targets: the grader compiles each
// exercise on its own with swiftc (see Sources/GraderKit/Builder.swift), so that one
// exercise that does not compile never breaks the grader, the package, or another exercise.
import PackageDescription

// The grader uses POSIX processes and Linux namespaces; on Windows `grade` is built without it
// and says, in one sentence, what to use instead (Sources/grade/main.swift).
#if os(Windows)
let gradeDependencies: [Target.Dependency] = []
#else
let gradeDependencies: [Target.Dependency] = ["GraderKit"]
#endif

let package = Package(
    name: "DeepLearningCourse",
    products: [
        .executable(name: "grade", targets: ["grade"]),
        .executable(name: "course", targets: ["course"]),
        .executable(name: "bench", targets: ["bench"]),
        .library(name: "TensorCore", targets: ["TensorCore"]),
        .library(name: "DeepLearning", targets: ["DeepLearning"]),
    ],
    targets: [
        // MARK: Core — the only module an exercise may import
        .target(
            name: "TensorCore",
            // The GEMM kernels for the CPU that builds the course (AVX2 + FMA where present; see Gemm.Kernel).
            swiftSettings: [.define("GEMM_NATIVE"), .unsafeFlags(["-target-cpu", "native"])]
        ),

        // MARK: Reference implementation of every lecture concept
        .target(
            name: "DeepLearning",
            dependencies: ["TensorCore"],
            exclude: ["Resources"],
            swiftSettings: [.unsafeFlags(["-target-cpu", "native"])]
        ),

        // MARK: Grader
        .target(name: "GraderKit"),
        .executableTarget(name: "grade", dependencies: gradeDependencies),

        // MARK: Demos and benchmarks
        .executableTarget(name: "course", dependencies: ["DeepLearning"]),
        .executableTarget(name: "bench", dependencies: ["DeepLearning"],
                          swiftSettings: [.unsafeFlags(["-target-cpu", "native"])]),

        // MARK: The project's own tests
        .testTarget(name: "TensorCoreTests", dependencies: ["TensorCore"]),
        .testTarget(name: "DeepLearningTests", dependencies: ["DeepLearning"]),
        .testTarget(name: "GraderTests", dependencies: ["GraderKit"]),
    ],
    swiftLanguageModes: [.v5]
)

// swift-tools-version:6.0
// Kraft: a decentralized energy-grid simulator. Module map and layering: docs/architecture.md.
// Built and tested on Linux (the system libraries through apt). The macOS minimum below is for a
// macOS build, which the code keeps to portable APIs for (Foundation finds the running executable,
// Glibc only behind `canImport`) but which no one builds or tests today.
import PackageDescription

/// Release builds of the numeric core skip exclusivity checks in hot loops; correctness of those
/// loops is covered by the debug-build test suite, which keeps the checks.
let fastMath: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
    name: "Kraft",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "kraft", targets: ["kraft"]),
        .library(name: "KraftCore", targets: ["KraftCore"]),
        .library(name: "KraftIO", targets: ["KraftIO"]),
        .library(name: "KraftScenario", targets: ["KraftScenario"]),
        .library(name: "KraftSim", targets: ["KraftSim"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        .systemLibrary(name: "COpenBLAS", path: "Sources/COpenBLAS",
                       providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]),
        .systemLibrary(name: "CKLU", path: "Sources/CKLU", providers: [.apt(["libsuitesparse-dev"])]),
        .systemLibrary(name: "CClp", path: "Sources/CClp", providers: [.apt(["coinor-libclp-dev"])]),
        .systemLibrary(name: "CMalloc", path: "Sources/CMalloc"),
        .target(name: "KraftCore", dependencies: ["COpenBLAS", "CKLU"], swiftSettings: fastMath),
        .target(name: "KraftIO", dependencies: ["KraftCore"], swiftSettings: fastMath),
        .target(name: "KraftScenario", dependencies: [
            "KraftCore", "KraftIO",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "KraftSim", dependencies: ["KraftCore", "KraftIO", "KraftScenario", "CClp"], swiftSettings: fastMath),
        .target(name: "KraftReport", dependencies: ["KraftCore", "KraftIO", "KraftScenario", "KraftSim"]),
        .executableTarget(name: "kraft", dependencies: [
            "KraftCore", "KraftIO", "KraftScenario", "KraftSim", "KraftReport", "CMalloc",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "KraftCoreTests", dependencies: ["KraftCore", "KraftIO"]),
        .testTarget(name: "KraftIOTests", dependencies: ["KraftIO", "KraftCore"]),
        .testTarget(name: "KraftScenarioTests", dependencies: ["KraftScenario", "KraftIO", "KraftCore"]),
        .testTarget(name: "KraftSimTests", dependencies: ["KraftSim", "KraftScenario", "KraftIO", "KraftCore"]),
        .testTarget(name: "KraftReportTests", dependencies: ["KraftReport", "KraftSim", "KraftScenario", "KraftIO", "KraftCore"]),
        .testTarget(name: "KraftCLITests", dependencies: ["KraftCore"]),
    ]
)

// swift-tools-version:6.0
// The libFuzzer harnesses for Kraft's file readers: a package of their own that depends on the
// Kraft package two directories up, so that Kraft's own Package.swift is left alone. Built by
// Tools/fuzz/build with -sanitize=fuzzer,address; see README.md.
import Foundation
import PackageDescription

/// Kraft's package, found from this file; SwiftPM names a path dependency after its directory.
let kraftRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
let kraft = kraftRoot.lastPathComponent

/// The executable `fuzz-NAME`, from `targets/NAME/`, using the named library products of Kraft.
func fuzzer(_ name: String, _ products: [String]) -> Target {
    .executableTarget(name: "fuzz-\(name)",
                      dependencies: ["FuzzSupport"] + products.map { .product(name: $0, package: kraft) },
                      path: "targets/\(name)")
}

let package = Package(
    name: "KraftFuzz",
    dependencies: [.package(path: kraftRoot.path)],
    targets: [
        .systemLibrary(name: "CLibFuzzer", path: "support/CLibFuzzer"),
        .target(name: "FuzzSupport", dependencies: ["CLibFuzzer"], path: "support/FuzzSupport"),
        fuzzer("matpower", ["KraftIO"]),
        fuzzer("raw", ["KraftIO"]),
        fuzzer("toml", ["KraftScenario"]),
    ]
)

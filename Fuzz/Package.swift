// swift-tools-version: 6.0
// libFuzzer targets for textpipe (issue 10). A package of its own, so that the fuzzing
// build (every module instrumented with -sanitize=fuzzer,address) never touches the main
// build, and so that it links only the modules it fuzzes: no SwiftNIO, no GRDB.
//
// Build and run with `Fuzz/run` (see there); one executable per target, each with a small
// hand-written seed corpus in Corpus/<Target>/. A crash found here becomes a regression test in
// the fuzzed module's own test target, never a committed artifact.
import PackageDescription

let fuzzed: [Target.Dependency] = [
    "FuzzSupport",
    .product(name: "TextpipeCore", package: "textpipe"),
]

let package = Package(
    name: "textpipe-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "textpipe", path: "..")],
    targets: [
        .target(name: "FuzzSupport", dependencies: [.product(name: "TextpipeCore", package: "textpipe")]),
        .executableTarget(name: "FuzzClean", dependencies: fuzzed + [.product(name: "TextpipeClean", package: "textpipe")]),
        .executableTarget(name: "FuzzXML", dependencies: fuzzed + [.product(name: "TextpipeMarkup", package: "textpipe")]),
        .executableTarget(name: "FuzzRawText", dependencies: fuzzed + [.product(name: "TextpipeMarkup", package: "textpipe")]),
        .executableTarget(name: "FuzzCharset", dependencies: fuzzed + [.product(name: "TextpipeMarkup", package: "textpipe")]),
        .executableTarget(name: "FuzzSentences", dependencies: fuzzed + [.product(name: "TextpipeText", package: "textpipe")]),
        .executableTarget(
            name: "FuzzPipeline",
            dependencies: fuzzed + [
                .product(name: "TextpipeText", package: "textpipe"),
                .product(name: "TextpipeClean", package: "textpipe"),
            ]),
        .executableTarget(name: "FuzzJSONLines", dependencies: fuzzed),
        .executableTarget(
            name: "FuzzWARC",
            dependencies: fuzzed + [
                .product(name: "TextpipeWARC", package: "textpipe"),
                .product(name: "TextpipeGzip", package: "textpipe"),
            ]),
    ]
)

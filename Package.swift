// swift-tools-version: 6.0
// textpipe: a batch text-processing pipeline for news web pages.
//
// Module map (one concern per module; only the two wrapper modules see C):
//   CLibXML2, CZlib          system libraries (apt: libxml2-dev, zlib1g-dev)
//   TextpipeMarkup           libxml2 wrapper: HTML/XML bytes -> Swift values, charset detection
//   TextpipeGzip             zlib wrapper: bounded gzip/deflate decompression, streaming
//                            inflate, one-member gzip compression
//   TextpipeWARC             WARC files: a streaming reader (records, documents) and a
//                            rotating .warc.gz writer shared by fetch workers
//   TextpipeCore             Document, Stage, registry, pipeline file, executor, outputs
//   TextpipeText             tokenizer, sentence splitter, `sentences` stage
//   TextpipeClean            main-content extraction, metadata, `clean` stage
//   TextpipeFetch            local and HTTP fetching, feeds, run state, `fetch` stage
//   TextpipeEntities         named-entity tagger, rules, gazetteers, `entities` stage
//   TextpipeStats            mergeable corpus statistics, report, `stats` stage
//   TextpipeCustom           stages users configure or bring: filter, keywords, fields,
//                            patterns, and `command` (a child process in any language)
//   TextpipeKit              the built-in registry and the command line, as a library
//   textpipe                 the executable (a one-line main over TextpipeKit)
import PackageDescription

let package = Package(
    name: "textpipe",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "textpipe", targets: ["textpipe"]),
        // What a user's package depends on to register its own stages and build its own binary.
        .library(name: "Textpipe", targets: ["TextpipeKit"]),
        // Single modules, for packages that need only a part without SwiftNIO and GRDB: the
        // fuzzing package in Fuzz/ links exactly the modules it fuzzes.
        .library(name: "TextpipeCore", targets: ["TextpipeCore"]),
        .library(name: "TextpipeText", targets: ["TextpipeText"]),
        .library(name: "TextpipeMarkup", targets: ["TextpipeMarkup"]),
        .library(name: "TextpipeClean", targets: ["TextpipeClean"]),
        .library(name: "TextpipeWARC", targets: ["TextpipeWARC"]),
        .library(name: "TextpipeGzip", targets: ["TextpipeGzip"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // HTTP fetching (TextpipeFetch only); its SwiftNIO also runs the fetch tests' server.
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        // TLS for the fetch tests' HTTPS server (AsyncHTTPClient brings it in anyway).
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        // The incremental-fetch state database (TextpipeFetch only).
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]),
        .systemLibrary(
            name: "CZlib", pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]),

        .target(name: "TextpipeMarkup", dependencies: ["CLibXML2"]),
        .target(name: "TextpipeGzip", dependencies: ["CZlib"]),
        .target(name: "TextpipeWARC", dependencies: ["TextpipeGzip"]),
        .target(
            name: "TextpipeCore",
            dependencies: [
                "TextpipeGzip",  // documents.jsonl.gz
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .target(name: "TextpipeText", dependencies: ["TextpipeCore"], exclude: ["Model/NOTICE.md"]),
        .target(name: "TextpipeClean", dependencies: ["TextpipeCore", "TextpipeMarkup"]),
        .target(
            name: "TextpipeFetch",
            dependencies: [
                "TextpipeCore", "TextpipeGzip", "TextpipeMarkup",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        .target(
            name: "TextpipeEntities", dependencies: ["TextpipeCore", "TextpipeText"],
            resources: [.copy("Resources")]),
        .target(name: "TextpipeStats", dependencies: ["TextpipeCore", "TextpipeText"]),
        .target(name: "TextpipeCustom", dependencies: ["TextpipeCore", "TextpipeEntities"]),
        .target(
            name: "TextpipeKit",
            dependencies: [
                "TextpipeCore", "TextpipeText", "TextpipeClean", "TextpipeFetch",
                "TextpipeEntities", "TextpipeStats", "TextpipeCustom",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(name: "textpipe", dependencies: ["TextpipeKit"]),
        // Drives TextpipeWARC from a process of its own: the reader timed alone for
        // Benchmarks/bench-warc (it builds in a minute), a writer for the kill -9 test to kill.
        .executableTarget(name: "textpipe-warc-harness", dependencies: ["TextpipeWARC"], path: "Tests/WARCHarness"),

        // What several test modules share (a sink that stops a run midway).
        .target(name: "TextpipeTestSupport", dependencies: ["TextpipeCore"], path: "Tests/TextpipeTestSupport"),
        .testTarget(name: "TextpipeCoreTests", dependencies: ["TextpipeCore", "TextpipeTestSupport"]),
        .testTarget(name: "TextpipeTextTests", dependencies: ["TextpipeText", "TextpipeTestSupport"]),
        .testTarget(name: "TextpipeCleanTests", dependencies: ["TextpipeClean", "TextpipeMarkup", "TextpipeGzip", "TextpipeTestSupport"]),
        .testTarget(
            name: "TextpipeFetchTests",
            dependencies: [
                "TextpipeFetch", "TextpipeGzip", "TextpipeTestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]),
        .testTarget(name: "TextpipeEntitiesTests", dependencies: ["TextpipeEntities", "TextpipeTestSupport"]),
        .testTarget(name: "TextpipeStatsTests", dependencies: ["TextpipeStats", "TextpipeGzip", "TextpipeTestSupport"]),
        // Python (warcio) only in WARCInteropTests, which skips without it.
        .testTarget(
            name: "TextpipeWARCTests", dependencies: ["TextpipeWARC", "TextpipeGzip", "textpipe-warc-harness"],
            exclude: ["warcio_interop.py"]),
        .testTarget(name: "TextpipeCustomTests", dependencies: ["TextpipeCustom", "TextpipeText", "TextpipeEntities"]),
        // CZlib: the hostile-inputs suite makes its gzip bombs at test time.
        .testTarget(name: "TextpipeEndToEndTests", dependencies: ["TextpipeKit", "textpipe", "CZlib", "TextpipeTestSupport"]),
    ]
)

// swift-tools-version: 6.0
// An example of a user's package: a stage written in Swift, registered next to the built-in
// stages, in an executable that has every textpipe command.
import PackageDescription

let package = Package(
    name: "QuoteStage",
    platforms: [.macOS(.v13)],
    dependencies: [
        // A user's package would name a release instead:
        //   .package(url: "https://example.org/textpipe.git", from: "0.1.0")
        .package(name: "textpipe", path: "../.."),
    ],
    targets: [
        .target(name: "Quotes", dependencies: [.product(name: "Textpipe", package: "textpipe")]),
        .executableTarget(name: "textpipe-quotes", dependencies: ["Quotes", .product(name: "Textpipe", package: "textpipe")]),
        .testTarget(name: "QuotesTests", dependencies: ["Quotes", .product(name: "Textpipe", package: "textpipe")]),
    ]
)

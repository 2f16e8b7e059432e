import Foundation
import TextpipeCore

/// `fetch`: reads each document's bytes from its source into `document.content`.
///
/// Local paths, `file://` URLs and `.gz` files are read here. A document that already has
/// content (a `stream` line with "html" or "text") passes through untouched. The stage is
/// I/O-bound, so the executor runs it on its own wider pool ahead of the CPU stages.
public struct FetchStage: Stage {
    public static let description = StageDescription(
        name: "fetch",
        summary: "read each source (file, folder entry, file:// or http(s) URL) into raw content",
        options: [
            OptionSpec("timeout", .duration, default: .duration(30), "total time for one fetch"),
            OptionSpec("connect_timeout", .duration, default: .duration(10), "time to connect"),
            OptionSpec("retries", .int(0...10), default: .int(2), "retries after timeouts, 5xx and 429"),
            OptionSpec("per_host", .int(1...64), default: .int(2), "concurrent requests per host"),
            OptionSpec("delay", .duration, default: .duration(0), "pause between requests to one host"),
            OptionSpec("robots", .choice(["respect", "ignore"]), default: .string("respect"), "obey robots.txt"),
            OptionSpec("user_agent", .string, default: .string("textpipe/\(TextpipeVersion.current)"), "User-Agent header"),
            OptionSpec("allow_hosts", .list(.string), default: .list([]), "hosts that may resolve to loopback or private addresses"),
            OptionSpec("content_types", .list(.string), default: .list([.string("text/html"), .string("application/xhtml+xml"), .string("text/plain"), .string("text/markdown")]), "accepted Content-Types"),
        ],
        provides: ["content"],
        isIOBound: true)

    let base: URL

    public init(options: StageOptions, context: LoadContext) throws {
        base = context.baseDirectory
    }

    public func process(_ document: inout Document, context: StageContext) throws {
        if document.content != nil || !document.text.isEmpty { return }
        guard let path = LocalFile.path(of: document.source) else {
            throw DocumentFailure(.wrongType, "cannot fetch \(document.source): only local files are supported so far")
        }
        document.content = try LocalFile.read(path, base: base, limits: context.limits)
        document.fetched = Date()
    }
}

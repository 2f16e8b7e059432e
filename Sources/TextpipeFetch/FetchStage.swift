import Foundation
import TextpipeCore

/// `fetch`: reads each document's bytes from its source into `document.content`.
///
/// Local paths, `file://` URLs and `.gz` files are read from disk (`LocalFile`); `http` and
/// `https` URLs are fetched politely and safely (`HTTPFetcher`); other schemes fail with kind
/// `wrong_type`. A document that already has content (a `stream` line with "html" or "text")
/// passes through untouched. The stage is I/O-bound: the executor runs it on its own pool of
/// `run.io_workers` threads, which is also the global limit on requests in flight.
///
/// Each document is tagged "fetched" for run.json when its bytes were read.
public struct FetchStage: Stage {
    public static let description = StageDescription(
        name: "fetch",
        summary: "read each source (file, folder entry, file:// or http(s) URL) into raw content",
        options: [
            OptionSpec("timeout", .duration, default: .duration(30), "time for one HTTP request"),
            OptionSpec("connect_timeout", .duration, default: .duration(10), "time to connect"),
            OptionSpec("retries", .int(0...10), default: .int(2), "retries after timeouts, dropped connections, 5xx and 429"),
            OptionSpec("per_host", .int(1...64), default: .int(2), "concurrent requests per host"),
            OptionSpec("delay", .duration, default: .duration(0), "pause between requests to one host (robots.txt Crawl-delay may ask for more)"),
            OptionSpec("robots", .choice(["respect", "ignore"]), default: .string("respect"), "obey robots.txt"),
            OptionSpec("user_agent", .string, default: .string("textpipe/\(TextpipeVersion.current)"), "User-Agent header; its first word is the robots.txt product token"),
            OptionSpec("allow_hosts", .list(.string), default: .list([]), "hosts that may resolve to loopback or private addresses"),
            OptionSpec("content_types", .list(.string), default: .list([.string("text/html"), .string("application/xhtml+xml"), .string("text/plain"), .string("text/markdown")]), "accepted Content-Types (type/* allowed)"),
            OptionSpec("max_redirects", .int(0...20), default: .int(5), "redirects followed before giving up"),
        ],
        provides: ["content"],
        isIOBound: true)

    let base: URL
    let fetcher: HTTPFetcher

    public init(options: StageOptions, context: LoadContext) throws {
        base = context.baseDirectory
        var s = FetchSettings()
        s.timeout = options.duration("timeout") ?? s.timeout
        s.connectTimeout = options.duration("connect_timeout") ?? s.connectTimeout
        s.retries = options.int("retries") ?? s.retries
        s.perHost = options.int("per_host") ?? s.perHost
        s.delay = options.duration("delay") ?? s.delay
        s.robots = options.string("robots") != "ignore"
        s.userAgent = options.string("user_agent") ?? s.userAgent
        s.allowHosts = options.strings("allow_hosts")
        s.contentTypes = options.strings("content_types")
        s.maxRedirects = options.int("max_redirects") ?? s.maxRedirects
        s.maxBytes = context.limits.maxBytes
        s.maxDecompressedBytes = context.limits.maxDecompressedBytes
        if s.userAgent.trimmingCharacters(in: .whitespaces).isEmpty { throw options.error("user_agent may not be empty", key: "user_agent") }
        if s.contentTypes.contains(where: { !$0.contains("/") }) {
            throw options.error("content_types lists media types such as text/html or text/*", key: "content_types")
        }
        fetcher = HTTPFetcher(settings: s)
    }

    public func process(_ document: inout Document, context: StageContext) throws {
        if document.content != nil || !document.text.isEmpty { return }
        if let path = LocalFile.path(of: document.source) {
            let content = try LocalFile.read(path, base: base, limits: context.limits)
            document.content = content
            document.fetched = Date()
            document.tags.insert("fetched")
            return
        }
        guard let url = URL(string: document.source), url.scheme != nil else {
            throw DocumentFailure(.input, "'\(document.source)' is neither a path nor a URL")
        }
        let page = try fetcher.fetch(url, deadline: context.deadline)
        document.fetched = Date()
        document.http = HTTPInfo(status: page.status, contentType: page.mediaType.map { "\($0.type)" + ($0.charset.map { "; charset=\($0)" } ?? "") },
                                 etag: page.etag, lastModified: page.lastModified,
                                 finalURL: page.url.absoluteString == url.absoluteString ? nil : page.url.absoluteString)
        if page.notModified { throw DocumentFailure(.http4xx, "304 Not Modified for a request that was not conditional") }
        document.content = Content(bytes: page.body, format: page.mediaType?.format ?? LocalFile.format(ofName: url.lastPathComponent, bytes: page.body),
                                   declaredCharset: page.mediaType?.charset)
        document.tags.insert("fetched")
    }

    public func close() { fetcher.close() }
}

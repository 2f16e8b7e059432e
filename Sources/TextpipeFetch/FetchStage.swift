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
/// With `incremental: true` the stage remembers every source in a SQLite file
/// (`FetchStateStore`) and sends conditional requests the next run; a document that is not
/// modified (304) or whose body hashes as before is dropped with reason "unchanged". Each
/// document is tagged for run.json: "fetched" when its bytes were read, and, when
/// incremental, one of "new", "changed", "unchanged" (and "not_modified" for a 304). The
/// state follows the run's checkpoints (see `StatefulStage` and `FetchStateStore`).
public struct FetchStage: StatefulStage {
    public static let description = StageDescription(
        name: "fetch",
        summary: "read each source (file, folder entry, file:// or http(s) URL) into raw content",
        options: [
            OptionSpec("timeout", .duration, default: .duration(30), "time for one HTTP request"),
            OptionSpec("connect_timeout", .duration, default: .duration(10), "time to connect"),
            OptionSpec("retries", .int(0...10), default: .int(2), "retries after timeouts, refused or dropped connections, 5xx and 429"),
            OptionSpec("per_host", .int(1...64), default: .int(2), "concurrent requests per host"),
            OptionSpec("delay", .duration, default: .duration(0), "pause between requests to one host (robots.txt Crawl-delay may ask for more)"),
            OptionSpec("robots", .choice(["respect", "ignore"]), default: .string("respect"), "obey robots.txt"),
            OptionSpec("user_agent", .string, default: .string("textpipe/\(TextpipeVersion.current)"), "User-Agent header; its first word is the robots.txt product token"),
            OptionSpec("allow_hosts", .list(.string), default: .list([]), "hosts that may resolve to loopback or private addresses"),
            OptionSpec("content_types", .list(.string), default: .list([.string("text/html"), .string("application/xhtml+xml"), .string("text/plain"), .string("text/markdown")]), "accepted Content-Types (type/* allowed)"),
            OptionSpec("max_redirects", .int(0...20), default: .int(5), "redirects followed before giving up"),
            OptionSpec("incremental", .bool, default: .bool(false), "remember sources and skip unchanged ones in the next run"),
            OptionSpec("state", .string, "the state database (default: fetch-state.sqlite in the output folder)"),
        ],
        provides: ["content"],
        isIOBound: true)

    let base: URL
    let session: FetchSession

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
        var statePath: String?
        if options.bool("incremental") == true {
            if let given = options.string("state") {
                statePath = options.resolve(path: given).path
            } else if let out = context.outputDirectory {
                statePath = out.appendingPathComponent("fetch-state.sqlite").path
            } else {
                throw options.error("incremental fetching needs a state file: give 'state: PATH'", key: "state")
            }
        }
        session = FetchSession(fetcher: HTTPFetcher(settings: s), statePath: statePath,
                               runKey: context.outputDirectory?.standardizedFileURL.path ?? "")
    }

    public func process(_ document: inout Document, context: StageContext) throws {
        if document.content != nil || !document.text.isEmpty { return }
        if let path = LocalFile.path(of: document.source) {
            let content = try LocalFile.read(path, base: base, limits: context.limits)
            document.content = content
            document.fetched = Date()
            document.tags.insert("fetched")
            if session.incremental {
                try session.note(&document, hash: ContentHash.of(content.bytes), status: 0, validators: nil,
                                 previous: session.previous(document.source))
            }
            return
        }
        guard let url = URL(string: document.source), url.scheme != nil else {
            throw DocumentFailure(.input, "'\(document.source)' is neither a path nor a URL")
        }
        let previous = try session.previous(document.source)
        let page = try session.fetcher.fetch(url, validators: previous?.validators, deadline: context.deadline, logger: context.logger)
        document.fetched = Date()
        document.http = HTTPInfo(status: page.status, contentType: page.mediaType.map { "\($0.type)" + ($0.charset.map { "; charset=\($0)" } ?? "") },
                                 etag: page.etag, lastModified: page.lastModified,
                                 finalURL: page.url.absoluteString == url.absoluteString ? nil : page.url.absoluteString)
        let validators = Validators(etag: page.etag, lastModified: page.lastModified)
        if page.notModified {
            try session.noteNotModified(&document, validators: validators, previous: previous)
        }
        document.content = Content(bytes: page.body, format: page.mediaType?.format ?? LocalFile.format(ofName: url.lastPathComponent, bytes: page.body),
                                   declaredCharset: page.mediaType?.charset)
        document.tags.insert("fetched")
        if session.incremental {
            try session.note(&document, hash: ContentHash.of(page.body), status: page.status, validators: validators, previous: previous)
        }
    }

    /// The stage's HTTP client and politeness state, for fetching what is not a document
    /// (feeds, through `FeedReader`) under the same rules.
    public var fetcher: HTTPFetcher { session.fetcher }

    public func begin(_ start: RunStart) throws { try session.begin(start) }
    public func written(_ outcome: Outcome) { session.written(outcome, stage: Self.description.name) }
    public func willCheckpoint() throws { try session.saveWritten() }
    public func end(complete: Bool) throws { try session.end(complete: complete) }
    public func close() { session.close() }
}

/// A body's fingerprint for "did it change": its length and 64-bit FNV-1a hash.
enum ContentHash {
    static func of(_ bytes: [UInt8]) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        bytes.withUnsafeBufferPointer { buffer in
            for b in buffer {
                h ^= UInt64(b)
                h &*= 0x0000_0100_0000_01B3
            }
        }
        return "\(bytes.count)-\(StableHash.hex(h))"
    }
}

import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import TextpipeCore

/// How the fetch behaves on the web; read from the `fetch` stage's options.
public struct FetchSettings: Sendable {
    public var timeout: Double = 30
    public var connectTimeout: Double = 10
    public var retries = 2
    /// First retry waits about this long; each further one twice as long (with jitter).
    public var retryBase: Double = 0.5
    /// Longest wait before a retry; a Retry-After asking for more gives up instead.
    public var retryCap: Double = 60
    public var perHost = 2
    public var delay: Double = 0
    /// Longest robots.txt Crawl-delay honoured (a larger one is cut to this).
    public var maxCrawlDelay: Double = 60
    public var robots = true
    public var userAgent = "textpipe/\(TextpipeVersion.current)"
    public var allowHosts: [String] = []
    public var contentTypes = ["text/html", "application/xhtml+xml", "text/plain", "text/markdown"]
    public var maxRedirects = 5
    public var maxBytes = 10_000_000
    public var maxDecompressedBytes = 50_000_000

    public init() {}

    /// The robots.txt product token: the User-Agent up to its first "/" or space.
    public var agentToken: String {
        String(userAgent.prefix { $0 != "/" && $0 != " " }).lowercased()
    }
}

/// What a successful fetch brought back.
public struct FetchedPage: Sendable {
    /// 200-class status, or 304 when a conditional request found the page unchanged.
    public var status: Int
    public var url: URL
    public var mediaType: MediaType?
    public var etag: String?
    public var lastModified: String?
    /// The body, decompressed (empty for 304).
    public var body: [UInt8]
    /// Bytes received over the wire.
    public var wireBytes: Int

    public var notModified: Bool { status == 304 }
}

/// Validators of an earlier fetch, sent as If-None-Match and If-Modified-Since.
public struct Validators: Sendable, Equatable {
    public var etag: String?
    public var lastModified: String?

    public init(etag: String?, lastModified: String?) {
        self.etag = etag
        self.lastModified = lastModified
    }
}

/// Fetches pages over HTTP(S) politely and safely. One per `fetch` stage instance, shared by
/// the I/O threads; `process` blocks its thread on the request, which is what the executor's
/// I/O pool is for.
///
/// A fetch follows redirects itself (AsyncHTTPClient's own following is off) so that every
/// hop gets the same checks as the first: scheme, resolved address (`AddressPolicy`),
/// robots.txt, the host's turn (`HostGate`). Each request is retried after timeouts, refused or dropped
/// connections, 5xx and 429, waiting as Retry-After asks or with exponential backoff and
/// jitter, within the document's deadline. Bodies are limited while they stream
/// (`BodyCollector`) and decompressed here within `max_decompressed_bytes`.
///
/// The AsyncHTTPClient client (its connection pool and event loops) is made on first use and
/// shut down by `close()`, which the executor calls through `Stage.close()` when the run ends.
public final class HTTPFetcher: @unchecked Sendable {
    // Safety: `client` is guarded by `lock`; everything else is immutable or thread-safe.
    public let settings: FetchSettings
    let policy: AddressPolicy
    let gate: HostGate
    let robots = RobotsCache()
    private let lock = NSLock()
    private var client: HTTPClient?

    public init(settings: FetchSettings) {
        self.settings = settings
        policy = AddressPolicy(allowHosts: settings.allowHosts)
        gate = HostGate(perHost: settings.perHost)
    }

    func httpClient() -> HTTPClient {
        lock.lock()
        defer { lock.unlock() }
        if let client { return client }
        var config = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: .milliseconds(Int64(settings.connectTimeout * 1000)),
                           read: .milliseconds(Int64(settings.timeout * 1000))),
            connectionPool: .init(idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: settings.perHost),
            decompression: .disabled)
        config.httpVersion = .automatic
        // Fail a refused or TLS-broken connection at once: our own retries decide what to
        // try again (the client would otherwise keep reconnecting until connect_timeout).
        config.connectionPool.retryConnectionEstablishment = false
        let made = HTTPClient(eventLoopGroupProvider: .singleton, configuration: config)
        client = made
        return made
    }

    /// Shuts the client down (waiting for its connections to close) and forgets robots.txt
    /// answers; the next fetch starts afresh.
    public func close() {
        lock.lock()
        let c = client
        client = nil
        lock.unlock()
        try? c?.syncShutdown()
        robots.clear()
    }

    /// Fetches `url`, following redirects, with `validators` for a conditional request.
    /// Throws a `DocumentFailure` whose kind says what went wrong.
    public func fetch(_ url: URL, validators: Validators? = nil, deadline: DispatchTime, logger: Logger? = nil) throws -> FetchedPage {
        try fetch(url, validators: validators, deadline: deadline, purpose: .page, logger: logger)
    }

    /// What is fetched: a page (checked against robots.txt and `content_types`), a feed
    /// (checked against robots.txt, any type), or a robots.txt itself (neither).
    enum Purpose { case page, feed, robots }

    func fetch(_ start: URL, validators: Validators?, deadline: DispatchTime, purpose: Purpose, logger: Logger? = nil) throws -> FetchedPage {
        var url = start
        var chain = [start.absoluteString]
        while true {
            let target = try Target(url)
            let addresses = try policy.resolve(host: target.host, port: target.port)
            var delay = settings.delay
            if settings.robots, purpose != .robots {
                let rules = try robots.rules(for: target, fetcher: self, deadline: deadline, logger: logger)
                guard rules.allows(target.pathAndQuery) else {
                    throw DocumentFailure(.robots, "robots.txt of \(target.origin) disallows \(target.pathAndQuery)")
                }
                delay = max(delay, min(rules.crawlDelay ?? 0, settings.maxCrawlDelay))
            }
            let response = try requestWithRetries(target, addresses: addresses, validators: validators, delay: delay,
                                              anyType: purpose != .page, deadline: deadline, logger: logger)
            logger?.debug("fetched", metadata: ["url": "\(url.absoluteString)", "status": "\(response.status)", "bytes": "\(response.body.count)"])
            switch response.status {
            case 301, 302, 303, 307, 308:
                guard let location = response.header("location"),
                      let next = URL(string: location.trimmingCharacters(in: .whitespaces), relativeTo: url)?.absoluteURL else {
                    throw DocumentFailure(.http4xx, "redirect \(response.status) from \(url.absoluteString) without a usable Location")
                }
                var parts = URLComponents(url: next, resolvingAgainstBaseURL: true)
                parts?.fragment = nil
                let hop = parts?.url ?? next
                if chain.contains(hop.absoluteString) {
                    throw DocumentFailure(.redirectLoop, "redirect loop: " + (chain + [hop.absoluteString]).joined(separator: " -> "))
                }
                chain.append(hop.absoluteString)
                logger?.debug("redirect", metadata: ["from": "\(url.absoluteString)", "to": "\(hop.absoluteString)"])
                if chain.count - 1 > settings.maxRedirects {
                    throw DocumentFailure(.redirectLoop, "more than \(settings.maxRedirects) redirects from \(start.absoluteString)")
                }
                if hop.scheme?.lowercased() == "file" {
                    throw DocumentFailure(.forbiddenAddress, "\(url.absoluteString) redirects to a local file, \(hop.absoluteString)")
                }
                url = hop
            case 304, 200..<300:
                return try page(response, url: url)
            case 400..<500:
                throw DocumentFailure(.http4xx, "HTTP \(response.status) for \(url.absoluteString)")
            case 500..<600:
                throw DocumentFailure(.http5xx, "HTTP \(response.status) for \(url.absoluteString)")
            default:
                throw DocumentFailure(.http4xx, "unexpected HTTP status \(response.status) for \(url.absoluteString)")
            }
        }
    }

    /// Decompresses a 2xx/304 response and reads its headers.
    private func page(_ r: RawResponse, url: URL) throws -> FetchedPage {
        var body = r.body
        let encoding = (r.header("content-encoding") ?? "identity").lowercased().trimmingCharacters(in: .whitespaces)
        if r.status != 304, !body.isEmpty {
            switch encoding {
            case "identity", "":
                break
            case "gzip", "x-gzip", "deflate":
                body = try Decompression.inflate(body, deflate: encoding == "deflate", limit: settings.maxDecompressedBytes, url: url)
            default:
                throw DocumentFailure(.parse, "\(url.absoluteString) came with Content-Encoding '\(encoding)', which textpipe does not decode")
            }
        }
        return FetchedPage(status: r.status, url: url, mediaType: r.header("content-type").flatMap(MediaType.init(header:)),
                           etag: r.header("etag"), lastModified: r.header("last-modified"), body: body, wireBytes: r.body.count)
    }
}

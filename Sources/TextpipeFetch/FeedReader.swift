import Foundation
import Logging
import TextpipeCore
import TextpipeGzip

/// Expands `feeds:` into article URLs: reads each feed (a file, `.gz` too, or a URL fetched
/// with the fetch stage's politeness and safety rules), parses it with the XML parser it is
/// given, follows sitemap indexes (at most `maxDepth` levels and `maxFeeds` files), and keeps
/// the entries dated at or after `since` together with undated ones. A sitemap in an index
/// whose own `lastmod` is before `since` is skipped unread.
///
/// A feed that cannot be fetched or parsed throws a `DocumentFailure` with the fetch's kind
/// (or `parse`), which becomes the feed's record in errors.jsonl.
public struct FeedReader<Node: FeedXMLNode>: FeedReading {
    public typealias Parse = @Sendable (_ bytes: [UInt8], _ declaredCharset: String?) throws -> Node

    let fetcher: HTTPFetcher
    let parse: Parse
    let base: URL
    let limits: Limits
    let timeout: Double
    public var maxDepth = 3
    public var maxFeeds = 1_000
    public var logger: Logger?

    /// `fetcher` is the pipeline's fetch stage's (its settings, limits and robots cache).
    public init(fetcher: HTTPFetcher, base: URL, limits: Limits, parse: @escaping Parse) {
        self.fetcher = fetcher
        self.parse = parse
        self.base = base
        self.limits = limits
        self.timeout = max(limits.stageTimeout, fetcher.settings.timeout)
    }

    public func articleURLs(feed: String, since: Date?) throws -> [String] {
        var out: [String] = []
        var seen: Set<String> = []
        var queue: [(String, Int)] = [(feed, 0)]
        var read = 0
        while !queue.isEmpty {
            let (location, depth) = queue.removeFirst()
            read += 1
            if read > maxFeeds { throw DocumentFailure(.limit, "\(feed) lists more than \(maxFeeds) sitemaps") }
            let (bytes, charset, url) = try load(location)
            let root: Node
            do {
                root = try parse(bytes, charset)
            } catch {
                throw DocumentFailure(.parse, "\(location) is not well-formed XML: \(error)")
            }
            guard let content = FeedContent.read(root, base: url) else {
                throw DocumentFailure(.parse, "\(location) is not RSS, Atom or a sitemap (its root element is <\(root.name)>)")
            }
            logger?.debug("feed", metadata: ["feed": "\(location)", "kind": "\(content.kind.rawValue)",
                                            "entries": "\(content.entries.count + content.sitemaps.count)"])
            for e in content.entries where Self.keep(e.date, since) && seen.insert(e.url).inserted { out.append(e.url) }
            for s in content.sitemaps where Self.keep(s.date, since) {
                guard depth + 1 <= maxDepth else { throw DocumentFailure(.limit, "\(feed): sitemap indexes nest deeper than \(maxDepth)") }
                queue.append((s.url, depth + 1))
            }
        }
        return out
    }

    static func keep(_ date: Date?, _ since: Date?) -> Bool {
        guard let since, let date else { return true }
        return date >= since
    }

    /// The feed's bytes (decompressed when gzip), its declared charset, and its URL.
    private func load(_ location: String) throws -> ([UInt8], String?, URL) {
        if let path = LocalFile.path(of: location) {
            let content = try LocalFile.read(path, base: base, limits: limits)
            return (content.bytes, nil, URL(fileURLWithPath: path, relativeTo: base).absoluteURL)
        }
        guard let url = URL(string: location) else { throw DocumentFailure(.input, "\(location) is not a URL") }
        let page = try fetcher.fetch(url, validators: nil, deadline: .now() + .milliseconds(Int(timeout * 1000)),
                                     purpose: .feed, logger: logger)
        var body = page.body
        if Gzip.isGzip(body) { body = try Decompression.inflate(body, deflate: false, limit: limits.maxDecompressedBytes, url: url) }
        return (body, page.mediaType?.charset, page.url)
    }
}

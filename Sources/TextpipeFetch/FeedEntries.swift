import Foundation
import TextpipeCore

/// An XML element as the feed reader needs it: its name (with any prefix, "news:news"), its
/// attributes, its own text and its child elements. TextpipeMarkup's `XMLElement`, built by
/// libxml2, has exactly this shape; the reader is generic over it so that it depends on the
/// XML parser only through the `parse` function it is given.
public protocol FeedXMLNode: Sendable {
    var name: String { get }
    var attributes: [String: String] { get }
    var text: String { get }
    var children: [Self] { get }
}

extension FeedXMLNode {
    /// The name without its namespace prefix, lowercased.
    var localName: String { String(name.split(separator: ":").last ?? "").lowercased() }
    /// The first child element with this local name (any prefix).
    func element(_ local: String) -> Self? { children.first { $0.localName == local } }
    /// All child elements with this local name (any prefix).
    func elements(_ local: String) -> [Self] { children.filter { $0.localName == local } }
    var trimmed: String { text.trimmingCharacters(in: .whitespacesAndNewlines) }
}

/// What a feed lists: article URLs with their dates, or, for a sitemap index, more sitemaps.
public struct FeedContent: Sendable, Equatable {
    public enum Kind: String, Sendable { case rss, atom, sitemap, sitemapIndex = "sitemap index" }
    public struct Entry: Sendable, Equatable {
        public var url: String
        public var date: Date?
    }
    public var kind: Kind
    public var entries: [Entry] = []
    /// Sitemaps a sitemap index points to, with their dates.
    public var sitemaps: [Entry] = []

    /// Reads the root element of an RSS 2.0 (or RSS 1.0/RDF), Atom, sitemap or sitemap index
    /// document; nil when it is none of these. Relative links are resolved against `base`.
    ///
    /// An RSS item's URL is its `link`, else a `guid` that is a permalink; its date is
    /// `pubDate`, else `dc:date`. An Atom entry's URL is its `link rel="alternate"` (or a link
    /// without `rel`), its date `published`, else `updated`. A sitemap URL's date is its
    /// `news:publication_date` (Google News sitemaps), else `lastmod`.
    public static func read<N: FeedXMLNode>(_ root: N, base: URL) -> FeedContent? {
        func absolute(_ s: String) -> String? {
            let t = s.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !t.isEmpty, let u = URL(string: t, relativeTo: base)?.absoluteURL, u.scheme != nil else { return nil }
            return u.absoluteString
        }
        switch root.localName {
        case "rss", "rdf":
            let items = root.elements("item") + (root.element("channel")?.elements("item") ?? [])
            return FeedContent(kind: .rss, entries: items.compactMap { item in
                let guid = item.element("guid").flatMap { $0.attributes["isPermaLink"]?.lowercased() == "false" ? nil : $0.trimmed }
                let link = item.element("link")?.trimmed.nilIfEmpty ?? item.attributes["rdf:about"] ?? guid
                guard let url = link.flatMap(absolute) else { return nil }
                return Entry(url: url, date: FeedDate.parse(item.element("pubdate")?.trimmed ?? item.element("date")?.trimmed))
            })
        case "feed":
            return FeedContent(kind: .atom, entries: root.elements("entry").compactMap { entry in
                let links = entry.elements("link")
                let link = links.first { ($0.attributes["rel"] ?? "alternate") == "alternate" } ?? links.first
                guard let url = link?.attributes["href"].flatMap(absolute) else { return nil }
                return Entry(url: url, date: FeedDate.parse(entry.element("published")?.trimmed ?? entry.element("updated")?.trimmed))
            })
        case "urlset":
            return FeedContent(kind: .sitemap, entries: root.elements("url").compactMap { u in
                guard let url = u.element("loc").flatMap({ absolute($0.text) }) else { return nil }
                let news = u.element("news")?.element("publication_date")?.trimmed
                return Entry(url: url, date: FeedDate.parse(news ?? u.element("lastmod")?.trimmed))
            })
        case "sitemapindex":
            return FeedContent(kind: .sitemapIndex, sitemaps: root.elements("sitemap").compactMap { s in
                guard let url = s.element("loc").flatMap({ absolute($0.text) }) else { return nil }
                return Entry(url: url, date: FeedDate.parse(s.element("lastmod")?.trimmed))
            })
        default:
            return nil
        }
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}

/// Dates as feeds write them: RFC 822 in RSS ("Tue, 24 Nov 2026 10:00:00 GMT", "+0100",
/// "EST"), RFC 3339 in Atom, and W3C datetime in sitemaps ("2026-11-24",
/// "2026-11-24T10:00+01:00").
public enum FeedDate {
    public static func parse(_ text: String?) -> Date? {
        guard let t = text?.trimmingCharacters(in: .whitespacesAndNewlines), !t.isEmpty else { return nil }
        let u = Array(t.utf8)
        if u.count >= 10, u[0] >= 48, u[0] <= 57, u[4] == UInt8(ascii: "-") {
            // W3C datetime may leave out the seconds: 2026-11-24T10:00+01:00.
            if u.count >= 16, u[10] == UInt8(ascii: "T"), u.count == 16 || u[16] != UInt8(ascii: ":") {
                let hm = t.utf8.index(t.utf8.startIndex, offsetBy: 16)
                return ISO8601.date(from: String(t[..<hm]) + ":00" + String(t[hm...]))
            }
            return ISO8601.date(from: t)
        }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "GMT")
        for format in ["EEE, d MMM yyyy HH:mm:ss Z", "EEE, d MMM yyyy HH:mm:ss zzz", "d MMM yyyy HH:mm:ss Z",
                       "d MMM yyyy HH:mm:ss zzz", "EEE, d MMM yyyy HH:mm Z", "EEE, d MMM yyyy HH:mm zzz", "EEE, d MMM yy HH:mm:ss Z"] {
            f.dateFormat = format
            if let d = f.date(from: t) { return d }
        }
        return nil
    }
}

import Foundation
import Testing
import TextpipeCore
@testable import TextpipeFetch

/// An element tree written by hand, in the shape TextpipeMarkup's XML parser produces.
struct Node: FeedXMLNode, Equatable {
    var name: String
    var attributes: [String: String] = [:]
    var text: String = ""
    var children: [Node] = []

    init(_ name: String, _ attributes: [String: String] = [:], text: String = "", _ children: [Node] = []) {
        self.name = name
        self.attributes = attributes
        self.text = text
        self.children = children
    }

    init(_ name: String, _ children: [Node]) {
        self.init(name, [:], children)
    }
}

/// Feeds read into entries (as tables of trees and expected URLs and dates), and the feed
/// reader fetching, following sitemap indexes and keeping the date window.
@Suite(.serialized) struct FeedTests {
    static let base = URL(string: "https://news.example/feeds/main.xml")!
    static func date(_ s: String) -> Date { ISO8601.date(from: s)! }

    static let rss = Node("rss", ["version": "2.0"], [Node("channel", [
        Node("title", text: "News"),
        Node("item", [Node("link", text: " https://news.example/a "), Node("pubDate", text: "Tue, 24 Nov 2026 10:00:00 GMT")]),
        Node("item", [Node("guid", text: "/b"), Node("pubDate", text: "Mon, 23 Nov 2026 12:30:00 +0100")]),
        Node("item", [Node("guid", ["isPermaLink": "false"], text: "tag:x")]),  // no URL: skipped
        Node("item", [Node("link", text: "c.html"), Node("dc:date", text: "2026-11-20T08:00:00Z")]),
    ])])

    static let atom = Node("feed", ["xmlns": "http://www.w3.org/2005/Atom"], [
        Node("entry", [Node("link", ["rel": "self", "href": "https://news.example/self"]),
                       Node("link", ["rel": "alternate", "href": "https://news.example/d"]),
                       Node("published", text: "2026-11-24T09:00:00+02:00")]),
        Node("entry", [Node("link", ["href": "/e"]), Node("updated", text: "2026-11-22T00:00:00Z")]),
    ])

    static let sitemap = Node("urlset", [
        Node("url", [Node("loc", text: "https://news.example/f"), Node("lastmod", text: "2026-11-24")]),
        Node("url", [Node("loc", text: "https://news.example/g"), Node("lastmod", text: "2026-11-01T10:00+00:00"),
                     Node("news:news", [Node("news:publication_date", text: "2026-11-23T10:00:00Z")])]),
        Node("url", [Node("loc", text: "https://news.example/h")]),
    ])

    static let cases: [(Node, FeedContent.Kind, [String], [Date?])] = [
        (rss, .rss, ["https://news.example/a", "https://news.example/b", "https://news.example/feeds/c.html"],
         [date("2026-11-24T10:00:00Z"), date("2026-11-23T11:30:00Z"), date("2026-11-20T08:00:00Z")]),
        (atom, .atom, ["https://news.example/d", "https://news.example/e"], [date("2026-11-24T07:00:00Z"), date("2026-11-22T00:00:00Z")]),
        (sitemap, .sitemap, ["https://news.example/f", "https://news.example/g", "https://news.example/h"],
         [date("2026-11-24"), date("2026-11-23T10:00:00Z"), nil]),
    ]

    @Test(arguments: cases)
    func feedsBecomeEntries(root: Node, kind: FeedContent.Kind, urls: [String], dates: [Date?]) throws {
        let content = try #require(FeedContent.read(root, base: Self.base))
        #expect(content.kind == kind)
        #expect(content.entries.map(\.url) == urls)
        #expect(content.entries.map(\.date) == dates)
    }

    @Test func otherDocumentsAreNotFeeds() {
        #expect(FeedContent.read(Node("html", [Node("body")]), base: Self.base) == nil)
    }

    @Test(arguments: [
        ("Tue, 24 Nov 2026 10:00:00 GMT", "2026-11-24T10:00:00Z"), ("24 Nov 2026 10:00:00 +0200", "2026-11-24T08:00:00Z"),
        ("Tue, 24 Nov 2026 10:00 GMT", "2026-11-24T10:00:00Z"), ("2026-11-24T10:00:00.123+01:00", "2026-11-24T09:00:00Z"),
        ("2026-11-24T10:00Z", "2026-11-24T10:00:00Z"), ("2026-11-24", "2026-11-24T00:00:00Z"),
    ])
    func feedDates(text: String, iso: String) {
        #expect(FeedDate.parse(text) == Self.date(iso))
    }

    @Test func readerFetchesFollowsIndexesAndKeepsTheWindow() throws {
        // The server's bodies name the trees the "parser" returns for them.
        let trees: [String: Node] = [
            "index": Node("sitemapindex", [
                Node("sitemap", [Node("loc", text: "/sitemap-new.xml"), Node("lastmod", text: "2026-11-24")]),
                Node("sitemap", [Node("loc", text: "/sitemap-old.xml"), Node("lastmod", text: "2025-01-01")]),
            ]),
            "new": Self.sitemap,
            "old": Node("urlset", [Node("url", [Node("loc", text: "https://news.example/old")])]),
            "rss": Self.rss,
            "page": Node("html", [Node("body")]),
        ]
        let server = try TestServer { r, _ in
            switch r.path {
            case "/robots.txt": return .status(404)
            case "/index.xml": return .respond(200, [("Content-Type", "application/xml")], Array("index".utf8))
            case "/sitemap-new.xml": return .respond(200, [("Content-Type", "text/xml")], Array("new".utf8))
            case "/sitemap-old.xml": return .respond(200, [("Content-Type", "text/xml")], Array("old".utf8))
            case "/rss": return .respond(200, [("Content-Type", "application/rss+xml")], Array("rss".utf8))
            case "/page": return .html("page")
            case "/garbage": return .html("<not xml")
            default: return .status(404)
            }
        }
        defer { server.stop() }
        let fetcher = HTTPFetcher(settings: { var s = FetchSettings(); s.allowHosts = ["127.0.0.1"]; s.retries = 0; return s }())
        defer { fetcher.close() }
        let reader = FeedReader<Node>(fetcher: fetcher, base: FetchTest.directory(), limits: Limits()) { bytes, _ in
            guard let tree = trees[String(decoding: bytes, as: UTF8.self)] else { throw DocumentFailure(.parse, "not XML") }
            return tree
        }
        let since = Self.date("2026-11-22T00:00:00Z")
        #expect(try reader.articleURLs(feed: server.base + "/index.xml", since: since)
                == ["https://news.example/f", "https://news.example/g", "https://news.example/h"])
        #expect(server.requests("/sitemap-old.xml").isEmpty, "a sitemap older than the window is not read")
        // Relative links resolve against where the feed was fetched from.
        #expect(try reader.articleURLs(feed: server.base + "/rss", since: since) == ["https://news.example/a", server.base + "/b"])
        #expect(try reader.articleURLs(feed: server.base + "/rss", since: nil).count == 3)
        func kind(_ feed: String) -> String? {
            do { _ = try reader.articleURLs(feed: server.base + feed, since: nil) } catch let f as DocumentFailure { return f.kind.rawValue } catch { return "\(error)" }
            return nil
        }
        #expect(kind("/missing") == "http_4xx")
        #expect(kind("/page") == "parse")
        #expect(kind("/garbage") == "parse")
    }
}

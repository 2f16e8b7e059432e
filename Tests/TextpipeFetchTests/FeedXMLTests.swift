import Foundation
import Testing
import TextpipeCore
@testable import TextpipeFetch
import TextpipeMarkup

/// Real feed XML through the hardened libxml2 parse, as `textpipe run` reads `feeds:`.
struct FeedXMLTests {
    static let feeds: [(String, [String])] = [
        ("""
         <?xml version="1.0" encoding="utf-8"?>
         <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Ü</title>
         <item><title>a</title><link>https://news.example/a</link><pubDate>Tue, 24 Nov 2026 10:00:00 GMT</pubDate></item>
         <item><title>old</title><link>https://news.example/old</link><dc:date>2019-01-01T00:00:00Z</dc:date></item>
         </channel></rss>
         """, ["https://news.example/a"]),
        ("""
         <feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
         <entry><link rel="alternate" href="https://news.example/x"/><updated>2026-11-23T12:00:00Z</updated></entry>
         <entry><link href="https://news.example/y"/></entry></feed>
         """, ["https://news.example/x", "https://news.example/y"]),
        ("""
         <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
         <url><loc>https://news.example/s1</loc><lastmod>2026-11-24</lastmod></url></urlset>
         """, ["https://news.example/s1"]),
    ]

    @Test(arguments: feeds)
    func feedFilesExpandIntoArticleURLs(xml: String, urls: [String]) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("textpipe-feed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Data(xml.utf8).write(to: dir.appendingPathComponent("feed.xml"))
        let pipeline = Pipeline(name: "t", stages: [])
        let reader = FeedReader(pipeline: pipeline, base: dir)
        let since = ISO8601.date(from: "2026-01-01")!
        #expect(try reader.articleURLs(feed: "feed.xml", since: since) == urls)
    }

    @Test func notXMLIsAParseFailure() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("textpipe-feed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Data("<html><body>not a feed".utf8).write(to: dir.appendingPathComponent("feed.xml"))
        let reader = FeedReader(pipeline: Pipeline(name: "t", stages: []), base: dir)
        #expect(throws: DocumentFailure.self) { try reader.articleURLs(feed: "feed.xml", since: nil) }
    }
}

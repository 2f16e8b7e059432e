import Foundation
import Testing
@testable import TextpipeCore

/// `feeds:` and `since:` in the input section: loaded and checked with the rest of the file,
/// expanded by the feed reader the command line passes in, in order and without duplicates.
struct FeedInputTests {
    let base = temporaryDirectory()

    /// Lists entries "URL DAYS-AGO" (or just "URL") from a text file, as a feed would.
    struct FakeReader: FeedReading {
        let now: Date
        func articleURLs(feed: String, since: Date?) throws -> [String] {
            guard let text = try? String(contentsOfFile: feed, encoding: .utf8) else { throw DocumentFailure(.notFound, "cannot read \(feed)") }
            return text.split(separator: "\n").compactMap { line in
                let parts = line.split(separator: " ")
                if let since, parts.count == 2, now.addingTimeInterval(-Double(parts[1])! * 86400) < since { return nil }
                return String(parts[0])
            }
        }
    }

    func load(_ input: String) throws -> Pipeline {
        try PipelineLoader(registry: testRegistry, baseDirectory: base)
            .load(yaml: "version: 1\ninput: \(input)\nstages: [echo]\n", fileName: "p.yaml")
    }

    func errors(_ input: String) -> [String] {
        do {
            _ = try load(input)
            return []
        } catch let e as ConfigurationErrors {
            return e.errors.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }

    @Test func feedsAreExpandedInOrderWithinTheWindow() throws {
        try "https://a.example/1 0\nhttps://a.example/2 5\nhttps://a.example/3\n".write(to: base.appendingPathComponent("news.rss"), atomically: true, encoding: .utf8)
        try "https://a.example/1 0\nhttps://b.example/9 1\n".write(to: base.appendingPathComponent("more.rss"), atomically: true, encoding: .utf8)
        try "https://c.example/list\n".write(to: base.appendingPathComponent("urls.txt"), atomically: true, encoding: .utf8)
        let p = try load("{ urls: [urls.txt], feeds: [news.rss, more.rss], since: 2d }")
        #expect(p.input.feeds == ["news.rss", "more.rss"])
        #expect(p.input.feedWindow == 172_800.0)
        let now = Date()
        let sources = try InputEnumerator(baseDirectory: base, feedReader: FakeReader(now: now), now: now).sources(p.input)
        #expect(sources == ["https://c.example/list", "https://a.example/1", "https://a.example/3", "https://b.example/9"])
        let all = try InputEnumerator(baseDirectory: base, feedReader: FakeReader(now: now), now: now)
            .sources(try load("{ feeds: [news.rss] }").input)
        #expect(all.count == 3)
    }

    @Test func aFeedThatCannotBeReadBecomesAnErrorRecordInItsPlace() throws {
        try "https://a.example/1\n".write(to: base.appendingPathComponent("ok.rss"), atomically: true, encoding: .utf8)
        try "https://b.example/2\n".write(to: base.appendingPathComponent("gone.rss"), atomically: true, encoding: .utf8)
        let p = try load("{ feeds: [gone.rss, ok.rss] }")
        try FileManager.default.removeItem(at: base.appendingPathComponent("gone.rss"))
        let enumerator = InputEnumerator(baseDirectory: base, feedReader: FakeReader(now: Date()))
        let items = try enumerator.items(p.input)
        #expect(items.map(\.document.source) == ["gone.rss", "https://a.example/1"])
        #expect(items[0].failure?.kind == "not_found" && items[0].failure?.stage == "input")
        #expect(items[1].failure == nil)
        #expect(throws: InputError.self) { try enumerator.sources(p.input) }
    }

    @Test func feedsNeedAReader() throws {
        try "x\n".write(to: base.appendingPathComponent("f.xml"), atomically: true, encoding: .utf8)
        let p = try load("{ feeds: [f.xml] }")
        #expect(throws: InputError.self) { try InputEnumerator(baseDirectory: base).sources(p.input) }
    }

    @Test(arguments: [
        ("{ feeds: [missing.xml] }", "feed 'missing.xml' does not exist"),
        ("{ feeds: [https://a.example/feed], since: soon }", "expects a duration"),
        ("{ paths: [in/], since: 2d }", "'since' applies to feeds"),
        ("{ feed: [x.xml] }", "did you mean 'feeds'?"),
    ])
    func badFeedInputGetsAClearMessage(input: String, expected: String) throws {
        try FileManager.default.createDirectory(at: base.appendingPathComponent("in"), withIntermediateDirectories: true)
        let messages = errors(input)
        #expect(messages.contains { $0.contains(expected) }, "got: \(messages)")
    }
}

import Foundation
import Testing
@testable import TextpipeClean

/// Metadata fields and where each was found.
struct MetadataTests {
    static let body = "<p>The council voted on Tuesday to approve the budget, ending a debate that had run for three months and divided the chamber.</p>"

    static func meta(_ head: String, _ body: String = "", url: String? = nil, fetched: Date? = nil) throws -> [String: (String?, String?)] {
        let html = "<html lang=en-GB><head>\(head)</head><body>\(body)\(Self.body)</body></html>"
        let m = try HTMLCleaner().clean(Array(html.utf8), url: url, fetched: fetched).meta
        return [
            "title": (m.title, m.sources["title"]), "author": (m.author, m.sources["author"]),
            "published": (m.published, m.sources["published"]), "site": (m.site, m.sources["site"]),
            "language": (m.language, m.sources["language"]), "canonical_url": (m.canonicalURL, m.sources["canonical_url"]),
            "description": (m.description, m.sources["description"]),
        ]
    }

    struct Case: CustomStringConvertible, Sendable {
        var name: String
        var head: String
        var body: String = ""
        var url: String? = nil
        var field: String
        var value: String?
        var source: String?
        var description: String { name }
    }

    static let jsonLD = """
        <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"The Daily"},
        {"@type":"NewsArticle","headline":"Budget approved","datePublished":"2024-06-12T08:00:00+02:00",
         "author":[{"@type":"Person","name":"Jane Doe"},{"@type":"Person","name":"John Roe"}],
         "publisher":{"@type":"Organization","name":"Daily Media"}}]}</script>
        """

    static let cases: [Case] = [
        Case(name: "og:title", head: "<meta property=og:title content='Budget approved after long night'>", field: "title", value: "Budget approved after long night", source: "og:title"),
        Case(name: "json-ld headline", head: jsonLD, field: "title", value: "Budget approved", source: "json-ld:headline"),
        Case(name: "single h1 wins", head: "<meta property=og:title content='Budget | The Daily'>", body: "<h1>Council approves budget</h1>", field: "title", value: "Council approves budget", source: "h1"),
        Case(name: "a kicker in the h1", head: "<meta property=og:title content='Council approves budget'>", body: "<h1><span>City finances</span> Council approves budget</h1>", field: "title", value: "Council approves budget", source: "og:title"),
        Case(name: "a quote before a colon is part of the headline", head: "<meta property=og:title content='Council approves budget'>", body: "<h1>\"At last\": Council approves budget</h1>", field: "title", value: "\"At last\": Council approves budget", source: "h1"),
        Case(name: "a one-word h1 is a logo", head: "<title>Council approves budget | The Daily</title>", body: "<h1>Daily</h1>", field: "title", value: "Council approves budget", source: "title"),
        Case(name: "<title> without the site", head: "<title>Council approves budget | The Daily</title><meta property=og:site_name content='The Daily'>", field: "title", value: "Council approves budget", source: "title"),
        Case(name: "site name from the title", head: "<title>Council approves the city budget - The Daily</title>", field: "site", value: "The Daily", source: "title"),
        Case(name: "og:site_name", head: "<meta property=og:site_name content='The Daily'>", field: "site", value: "The Daily", source: "og:site_name"),
        Case(name: "json-ld authors", head: jsonLD, field: "author", value: "Jane Doe; John Roe", source: "json-ld:author"),
        Case(name: "meta author", head: "<meta name=author content='Jane Doe'>", field: "author", value: "Jane Doe", source: "meta:author"),
        Case(name: "author URL is not a name", head: "<meta property=article:author content='https://facebook.com/jane'>", field: "author", value: nil, source: nil),
        Case(name: "rel=author", head: "", body: "<a rel=author href=/jane>Jane Doe</a>", field: "author", value: "Jane Doe", source: "rel=author"),
        Case(name: "byline", head: "", body: "<div class=byline>By Jane Doe</div>", field: "author", value: "Jane Doe", source: "byline"),
        Case(name: "byline with a date", head: "", body: "<div class=author>Bo2man am 29.12.2010, 13:36 Uhr</div>", field: "author", value: "Bo2man", source: "byline"),
        Case(name: "published ... by", head: "", body: "<p class=byline>Veröffentlicht am 8. Februar 2022 von PETA-Team</p>", field: "author", value: "PETA-Team", source: "byline"),
        Case(name: "the site is not the author", head: "<meta property=og:site_name content='The Daily'><meta name=author content='The Daily'>", body: "<a rel=author href=/j>Jane Doe</a>", field: "author", value: "Jane Doe", source: "rel=author"),
        Case(name: "a byline element after an author photo", head: "", body: "<div class=author-photo><img src=a.jpg alt=''></div><div class=author-name>Jane Doe</div>", field: "author", value: "Jane Doe", source: "byline"),
        Case(name: "a comment form's author field is not a byline", head: "", body: "<p class=comment-form-author><label>Name (required)</label></p>", field: "author", value: nil, source: nil),
        Case(name: "a line that starts with By", head: "", body: "<p>By <a href=/jane>Jane Doe</a> | June 12</p>", field: "author", value: "Jane Doe", source: "byline-text"),
        Case(name: "a line that starts with Von", head: "", body: "<span>Von Tobias Kuske</span>", field: "author", value: "Tobias Kuske", source: "byline-text"),
        Case(name: "By and lower-case words is not a byline", head: "", body: "<p>By clicking Accept you agree</p>", field: "author", value: nil, source: nil),
        Case(name: "json-ld date", head: jsonLD, field: "published", value: "2024-06-12", source: "json-ld:datePublished"),
        Case(name: "article:published_time", head: "<meta property=article:published_time content='2024-06-12T08:00:00Z'>", field: "published", value: "2024-06-12", source: "meta:article:published_time"),
        Case(name: "<time>", head: "", body: "<time datetime=2024-06-12>12 June</time>", field: "published", value: "2024-06-12", source: "time"),
        Case(name: "date in the URL", head: "", url: "https://example.org/2024/06/12/budget", field: "published", value: "2024-06-12", source: "url"),
        Case(name: "visible date text", head: "", body: "<span>Posted Wednesday, June 12, 2024</span>", field: "published", value: "2024-06-12", source: "text"),
        Case(name: "German date", head: "", body: "<span class=datum>12. Juni 2024</span>", field: "published", value: "2024-06-12", source: "text"),
        Case(name: "declared language", head: "", field: "language", value: "en", source: "html:lang"),
        Case(name: "canonical", head: "<link rel=canonical href='https://example.org/a'>", field: "canonical_url", value: "https://example.org/a", source: "link:canonical"),
        Case(name: "description", head: "<meta name=description content='What the council decided.'>", field: "description", value: "What the council decided.", source: "meta:description"),
    ]

    @Test(arguments: cases)
    func field(_ c: Case) throws {
        let m = try Self.meta(c.head, c.body, url: c.url)
        #expect(m[c.field]?.0 == c.value)
        #expect(m[c.field]?.1 == c.source)
    }

    @Test func dateAfterFetchIsDiscarded() throws {
        let fetched = DateParser.date("2020-01-01")!
        let m = try Self.meta("<meta property=article:published_time content='2031-01-01'>", fetched: fetched)
        #expect(m["published"]?.0 == nil)
    }

    @Test func languageDetectedWhenUndeclared() throws {
        let html = "<p>Der Stadtrat hat am Dienstag den Haushalt beschlossen, nachdem die Debatte drei Monate gedauert und die Fraktionen gespalten hatte. Die Bürgermeisterin will ihn unterschreiben.</p>"
        let m = try HTMLCleaner().clean(Array(html.utf8)).meta
        #expect(m.language == "de")
        #expect(m.sources["language"] == "detected")
    }

    @Test(arguments: [
        ("By Jane Doe", "Jane Doe"), ("'Jane Doe, John Roe'", "Jane Doe, John Roe"), ("Tomas Spahn Fr, 12.03.2021", "Tomas Spahn"),
        ("@TheDaily", nil), ("info[at]thedaily.example", nil), ("TheDaily.com", nil), ("Publiziert am", nil),
    ] as [(String, String?)])
    func authors(_ text: String, _ name: String?) {
        #expect(MetadataExtractor.cleanAuthor(text) == name)
    }

    @Test(arguments: [
        ("2019-11-19T10:00:00Z", "2019-11-19"), ("19.11.2019", "2019-11-19"), ("11/19/2019", "2019-11-19"),
        ("Tue, 19 Nov 2019 10:00:00 GMT", "2019-11-19"), ("Wed, 02 Feb 2022 09:12:22 +0100", "2022-02-02"), ("November 19, 2019", "2019-11-19"),
        ("19 novembre 2019", "2019-11-19"), ("19 de noviembre de 2019", "2019-11-19"), ("20191119", "2019-11-19"),
        ("31.02.2019", nil), ("no date here", nil), ("1850-01-01", nil),
    ] as [(String, String?)])
    func dates(_ text: String, _ iso: String?) {
        #expect(DateParser.iso8601(text) == iso)
    }
}

import Foundation
import Testing
@testable import TextpipeClean

/// Content extraction on small pages written for the purpose: what must stay, what must go.
struct BoilerplateTests {
    static let prose = [
        "The council voted on Tuesday to approve the budget, ending a debate that had run for three months and divided the chamber along unusual lines.",
        "Supporters said the plan protects bus routes that thousands of residents depend on, while critics argued that it delays repairs to roads and bridges.",
        "The mayor, who had threatened a veto, said she would sign the budget after the council agreed to review transit spending again in the autumn.",
    ]

    struct Page: CustomStringConvertible, Sendable {
        var name: String
        var html: String
        var kept: [String]
        var dropped: [String]
        var description: String { name }
    }

    static func article(_ extra: String = "", before: String = "", after: String = "") -> String {
        "<html><head><title>Budget approved - The Daily</title></head><body>\(before)<article><h1>Budget approved</h1>\(extra)"
            + prose.map { "<p>\($0)</p>" }.joined() + "</article>\(after)</body></html>"
    }

    static let pages: [Page] = [
        Page(name: "navigation and footer",
             html: article(before: "<nav><ul><li><a href=/a>Home</a></li><li><a href=/b>World</a></li><li><a href=/c>Sports news and results</a></li></ul></nav>",
                           after: "<footer><p>Copyright 2024 The Daily. All rights reserved. Contact us at the newsroom, any day.</p></footer>"),
             kept: prose, dropped: ["Home", "Sports news", "Copyright"]),
        Page(name: "share bar and related links by class",
             html: article("<div class=share-bar><a href=#>Share on Facebook</a> <a href=#>Tweet</a></div>",
                           after: "<div class=related-articles><h3>Related</h3><ul><li><a href=/x>Another story about the city budget and the council</a></li></ul></div>"),
             kept: prose, dropped: ["Share on Facebook", "Another story"]),
        Page(name: "comments and newsletter",
             html: article(after: "<section id=comments><h2>3 comments</h2><div class=comment><p>I think this is a terrible decision and the council should be ashamed of it, frankly.</p></div></section><div class=newsletter-signup><p>Sign up for our newsletter to get the news first, every morning, in your inbox.</p></div>"),
             kept: prose, dropped: ["terrible decision", "Sign up"]),
        Page(name: "cookie notice by its wording",
             html: article(before: "<div class=banner-x><p>We use cookies on this website to improve your experience and to show you personalised content, with your consent.</p></div>"),
             kept: prose, dropped: ["We use cookies"]),
        Page(name: "an article about cookies keeps its paragraphs",
             html: "<html><body><article>" + prose.map { "<p>\($0)</p>" }.joined()
                + "<p>Nearly every website you visit sets cookies that tell advertisers which pages your browser has seen before.</p></article></body></html>",
             kept: prose + ["Nearly every website you visit sets cookies"], dropped: []),
        Page(name: "paywall prompt",
             html: article(after: "<div class=box-x><p>To read the full story, subscribe to The Daily or log in if you are already a subscriber.</p></div>"),
             kept: prose, dropped: ["To read the full story"]),
        Page(name: "a weak name on the article's own container",
             html: "<html><body><div class=\"entry share-enabled\">" + prose.map { "<p>\($0)</p>" }.joined() + "</div><div class=share><a href=#>Share</a></div></body></html>",
             kept: prose, dropped: ["Share"]),
        Page(name: "an opinion piece named commentary",
             html: "<html><body><div class=\"sect commentary\">" + prose.map { "<p>\($0)</p>" }.joined() + "</div><div class=comments><p>What a great piece of writing, I agree with every word of it, honestly.</p></div></body></html>",
             kept: prose, dropped: ["What a great piece"]),
        Page(name: "hidden elements",
             html: article("<div style=\"display: none\"><p>Hidden text that a reader never sees on the page, however long it happens to be.</p></div>"),
             kept: prose, dropped: ["Hidden text"]),
        Page(name: "headings, lists, quotes and tables stay",
             html: article("<h2>What changes</h2><ul><li>Bus route 12 keeps its Sunday service</li><li>Bridge repairs move to 2026</li></ul><blockquote>We listened to the riders, the mayor said.</blockquote><table><tr><th>Item</th><th>Cost</th></tr><tr><td>Transit</td><td>$41m</td></tr></table>"),
             kept: prose + ["What changes", "Bus route 12 keeps its Sunday service", "We listened to the riders", "Transit $41m"], dropped: []),
        Page(name: "headline and byline are metadata, not body",
             html: article("<div class=byline>By Jane Doe</div><p class=dateline>June 12, 2024</p>"),
             kept: prose, dropped: ["Budget approved", "Jane Doe", "June 12"]),
        Page(name: "teaser cards next to the article",
             html: article(after: "<div class=more>" + (1...3).map { "<div class=card><h3><a href=/s\($0)>Another headline number \($0) for the list</a></h3><p>A summary of another story that is long enough to look like a paragraph of prose, with commas.</p></div>" }.joined() + "</div>"),
             kept: prose, dropped: ["Another headline", "A summary of another story"]),
        Page(name: "a page without an article keeps its text",
             html: "<html><body><h1>Opening hours</h1><p>Monday to Friday: 9 to 5.</p><p>Closed on public holidays.</p></body></html>",
             kept: ["Monday to Friday: 9 to 5.", "Closed on public holidays."], dropped: []),
        Page(name: "everything in a form (ASP.NET style) is still found",
             html: "<html><body><form id=aspnetForm>" + prose.map { "<p>\($0)</p>" }.joined() + "</form></body></html>",
             kept: prose, dropped: []),
        Page(name: "the standfirst between the headline and the body",
             html: "<html><body><header class=article-head><h1>Budget approved</h1><p class=lead>The city has a budget again, after three months of argument.</p><p>By Jane Doe</p></header>"
                + "<div class=article-body>" + prose.map { "<p>\($0)</p>" }.joined() + "</div></body></html>",
             kept: ["The city has a budget again, after three months of argument."] + prose, dropped: ["Jane Doe"]),
        Page(name: "a standfirst named as one need not end with a full stop",
             html: "<html><body><h1>Budget approved</h1><h2 class=article-subheadline>The city has a budget again after three months of argument</h2>"
                + "<div class=article-body>" + prose.map { "<p>\($0)</p>" }.joined() + "</div></body></html>",
             kept: ["The city has a budget again after three months of argument"] + prose, dropped: []),
        Page(name: "a photo caption under the headline is not a standfirst",
             html: "<html><body><h1>Budget approved</h1><div class=photo><img src=a.jpg><p>The mayor signs the budget in her office on Tuesday, with aides.</p></div>"
                + "<div class=article-body>" + prose.map { "<p>\($0)</p>" }.joined() + "</div></body></html>",
             kept: prose, dropped: ["The mayor signs"]),
        Page(name: "copyright lines, credits, filing notes and comment prompts",
             html: article("<p>The mayor at the council meeting. © Jane Roe / AFP</p>",
                           after: "<p>Copyright 2024 The Daily. Alle Rechte vorbehalten.</p><p>This entry was posted in City Hall and tagged budget, council, transit.</p>"
                + "<p>Sie müssen angemeldet sein, um Kommentare zu schreiben, oder sich registrieren.</p>"),
             kept: prose, dropped: ["© Jane Roe", "Copyright 2024", "This entry was posted", "angemeldet"]),
        Page(name: "appeals to the reader at the end",
             html: article("", after: "").replacingFirst("</article>", "<p>We want to hear what you think. Submit a letter to the editor.</p><p>For the latest news, download the Daily app for iOS and Android.</p></article>"),
             kept: prose, dropped: ["letter to the editor", "download the Daily app"]),
        Page(name: "a © inside a sentence stays",
             html: article("<p>This isn’t a manifesto™© at all, we just like to share what we learn.</p>"),
             kept: prose + ["manifesto™©"], dropped: []),
        Page(name: "a related-posts box at the end of the article element",
             html: "<html><body><article>" + prose.map { "<p>\($0)</p>" }.joined()
                + "<h3>Ähnliche Beiträge</h3><p>Ein anderer Beitrag über den Haushalt der Stadt, mit einer kurzen Zusammenfassung.</p></article></body></html>",
             kept: prose, dropped: ["Ähnliche Beiträge", "Ein anderer Beitrag"]),
        Page(name: "a related box headed in Russian",
             html: "<html><body><article>" + prose.map { "<p>\($0)</p>" }.joined()
                + "<h3>Читайте также</h3><p>Другая статья о бюджете города, с коротким описанием.</p></article></body></html>",
             kept: prose, dropped: ["Читайте также", "Другая статья"]),
        Page(name: "a caption printed as text with its credit in brackets",
             html: article("<div class=photo><img src=a.jpg><span class=news-caption>The mayor signs the budget in her office <span>(Image: GETTY)</span></span></div>"),
             kept: prose, dropped: ["The mayor signs", "GETTY"]),
        Page(name: "a long comment section beside a short article is not its wrapper",
             html: "<html><body><article>" + prose.map { "<p>\($0)</p>" }.joined() + "</article><div id=comment-box>"
                + (1...8).map { "<div><span>Reader \($0)</span><p>A reader's long comment number \($0), which goes on about the budget and the buses and the bridges for a good while.</p></div>" }.joined()
                + "</div></body></html>",
             kept: prose, dropped: ["A reader's long comment"]),
        Page(name: "an article opened in an overlay over a page of teasers",
             html: "<html><body><div class=stream><p>" + String(repeating: "The lead story of the day, told at some length in the stream of teasers. ", count: 4) + "</p>"
                + (1...3).map { "<div class=item><h3><a href=/s\($0)>Another headline number \($0) for the list</a></h3><p>A summary of another story, long enough to look like a paragraph of prose, with commas.</p></div>" }.joined()
                + "</div><div class=\"modal-open overlay\"><article>" + (prose + prose + prose).map { "<p>\($0)</p>" }.joined() + "</article></div></body></html>",
             kept: prose, dropped: ["A summary of another story", "The lead story of the day"]),
    ]

    @Test(arguments: pages)
    func extraction(_ page: Page) throws {
        let result = try HTMLCleaner().clean(Array(page.html.utf8))
        for s in page.kept { #expect(result.text.contains(s), "missing: \(s)") }
        for s in page.dropped { #expect(!result.text.contains(s), "should be gone: \(s)") }
    }

    @Test func paragraphSpansMatchText() throws {
        let result = try HTMLCleaner().clean(Array(Self.article().utf8))
        let scalars = Array(result.text.unicodeScalars)
        let paragraphs = result.paragraphs.map { String(String.UnicodeScalarView(scalars[$0.start..<$0.end])) }
        #expect(paragraphs == Self.prose)
        #expect(result.text == Self.prose.joined(separator: "\n\n"))
    }

    @Test func emptyPageFails() {
        #expect(throws: (any Error).self) { try HTMLCleaner().clean(Array("<html><body><nav><a href=/>Home</a></nav></body></html>".utf8)) }
    }
}

extension String {
    /// The string with the first occurrence of `target` replaced (tests build pages from parts).
    func replacingFirst(_ target: String, _ replacement: String) -> String {
        guard let r = range(of: target) else { return self }
        return replacingCharacters(in: r, with: replacement)
    }
}

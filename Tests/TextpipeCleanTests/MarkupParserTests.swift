import Testing
@testable import TextpipeMarkup

/// The flat DOM, its limits, and the hardened XML path.
struct MarkupParserTests {
    @Test func flatTreeInvariants() throws {
        let doc = try MarkupParser.parseHTML(Array("<html><body><div id=a><p>one <b>two</b></p><p>three</div><ul><li>x<li>y</ul></body></html>".utf8))
        for (i, n) in doc.nodes.enumerated() where i > 0 {
            #expect(Int(n.end) > i)
            let p = Int(n.parent)
            #expect(p < i && Int(doc.nodes[p].end) >= Int(n.end))
        }
        let div = try #require(doc.elements(named: "div").first)
        #expect(doc.attribute("id", of: div) == "a")
        #expect(doc.textContent(of: div) == "one twothree")
        let items = doc.elements(named: "li").map { doc.textContent(of: $0) }
        #expect(items == ["x", "y"])
        #expect(doc.nodes[div].tag == .div)
    }

    @Test func scriptsAndStylesCarryNoText() throws {
        let doc = try MarkupParser.parseHTML(Array("<p>a<script>var x = '<p>no</p>';</script><style>p{}</style>b<script type=application/ld+json>{\"k\":1}</script>".utf8))
        let scripts = doc.elements(named: "script").map { doc.textContent(of: $0) }
        #expect(scripts == ["", "{\"k\":1}"])
        #expect(doc.textContent(of: 0).contains("ab"))
    }

    @Test func depthLimit() {
        let deep = String(repeating: "<div>", count: 300) + "x"
        #expect(throws: MarkupError.tooDeep(100)) {
            try MarkupParser.parseHTML(Array(deep.utf8), limits: MarkupLimits(maxDepth: 100))
        }
    }

    @Test func nodeLimit() {
        let many = String(repeating: "<p>x</p>", count: 500)
        #expect(throws: MarkupError.tooManyNodes(200)) {
            try MarkupParser.parseHTML(Array(many.utf8), limits: MarkupLimits(maxNodes: 200))
        }
    }

    @Test func emptyInput() {
        #expect(throws: MarkupError.empty) { try MarkupParser.parseHTML(Array("  \n ".utf8)) }
    }

    @Test func feedAsSwiftValues() throws {
        let rss = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <channel><title>News &amp; more</title>
            <item><title>First</title><link>https://example.org/1</link><dc:creator>Ann</dc:creator>
            <description><![CDATA[<p>Hello</p>]]></description></item>
            <item><title>Second</title><guid isPermaLink="false">x-2</guid></item>
            </channel></rss>
            """
        let root = try XMLElement.parse(Array(rss.utf8))
        #expect(root.name == "rss")
        #expect(root.attributes["version"] == "2.0")
        let channel = try #require(root.child("channel"))
        #expect(channel.child("title")?.text == "News & more")
        let items = channel.children("item")
        #expect(items.count == 2)
        #expect(items[0].child("dc:creator")?.text == "Ann")
        #expect(items[0].child("description")?.text == "<p>Hello</p>")
        #expect(items[1].child("guid")?.attributes["isPermaLink"] == "false")
    }

    @Test func xmlInLatin1Declaration() throws {
        let bytes = Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>caf".utf8) + [0xE9] + Array("</a>".utf8)
        #expect(try XMLElement.parse(bytes).text == "café")
    }

    /// Entities declared in a DTD are never expanded and external ones never fetched.
    @Test func entitiesAreNotExpanded() throws {
        let laughs = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
            <!ENTITY ext SYSTEM "file:///etc/passwd">]>
            <lolz>&lol2;|&ext;|</lolz>
            """
        let root = try XMLElement.parse(Array(laughs.utf8))
        #expect(!root.allText.contains("lol"))
        #expect(!root.allText.contains("root:"))
    }

    @Test func notXML() {
        #expect(throws: (any Error).self) { try XMLElement.parse(Array("just words".utf8)) }
    }
}

import Foundation
import Testing
import TextpipeGzip
import TextpipeTestSupport
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

    /// Cutting script and style bodies and comments before libxml2 reads them must leave the
    /// tree exactly as libxml2 builds it from the whole page: libxml2 itself is the oracle.
    @Test(arguments: [
        "<p>a<script>if (a < b) { x = '</p>'; }</script>b</p>",
        "<p>a<SCRIPT type=text/javascript>x = 1</SCRIPT >b<style media=\"x>y\">p > a {}</style>c",
        "<div title='<script>'>in</div><p>after</p>",
        "<p>a<!-- <script> -->b<!-->c<!--->d<!-- x --!>e<!---->f</p>",
        "<p>a<script/>b</p><script src=x/>c<p>d</p>",
        "<p>a<script type=\"application/ld+json\">{\"a\": \"</b>\"}</script>b",
        "<p>a<script type=\"application/json\">{\"a\": \"<!--\", \"b\": \"<style>\"}</script>b<!-- c -->d",
        "<p>a<script>document.write('<!--');</script>b<p>c-->d",
        "<p>a<script>never closed <p>b</p>",
        "<p>a<!-- never closed <p>b</p>",
        "<p title=\"unterminated>a<script>x</script>b",
        "<p>a<scripts>b</scripts><styled>c</styled><script\n>x</script\n>d",
        "<table><tr><td>a<script>x</script><td>b<style>y</style></table>",
        "<p>f<<!-->c<!--->d&<!-- x -->amp;e<!-- y --!>/p>",
        "<p>e</p1<!--x->d<!-- y --!>e</p>",
        "<script async/><!-- a -->b<script src=x/>c<!-- </script><p>d</p> --></script>e",
        "<!DOCTYPE html PUBLIC \"-//W3C//DTD <script>\"><p>a<!-- b -->c",
        "<?xml version=\"1.0\"?><p>a<!-- b -->c<? x <!-- d -->e",
        "<p @click=\"a b>c\" <!-- x -->d<_x title='<script>'>e</_x>",
        "<p>a<script type=\"application/ld+json\">{}</scrip}</scriptb><SCRIPT>x</SCRIPT >c",
        "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0//EN\" 'http://x/<p>'><script src=a></script><!-- b --><p>c<style></style>d<!-- e -->f",
        "<!doctype html system \"a>b\"><p>a<!-- b -->c",
        "<p>x</p><!DOCTYPE html PUBLIC \"unterminated><p>a<!-- b -->c",
        "<p\u{0C}title='<script>'>a<script\u{0C}x>b</script>c</p\u{0C}>d",
        "<p>a<script><noscript.x>b</script>c<style><body.x>d</style>e",
        "<b>a<SCRIPT></b>x</script>b<script><NOSCRIPT>y</script>c<style><body>z</style>d<style><bodyx>w</style>e",
    ])
    func cuttingRawTextChangesNothing(_ html: String) throws {
        let bytes = Array(html.utf8)
        let cut = try MarkupParser.parseHTML(bytes)
        let whole = try MarkupParser.parseHTML(bytes, cutRawText: false)
        func shape(_ d: MarkupDocument) -> [String] {
            d.nodes.indices.map { i in
                let n = d.nodes[i]
                let attributes = d.attributes(of: i).map { d.names[Int($0.name)] + "=" + String(decoding: d.data[Int($0.valueStart)..<Int($0.valueEnd)], as: UTF8.self) }
                return "\(d.name(of: i)) \(n.parent) \(n.end) \(attributes) \(n.isText ? String(decoding: d.textBytes(of: i), as: UTF8.self) : "")"
            }
        }
        #expect(shape(cut) == shape(whole), "\(html)")
    }

    /// The same on every page of the extraction dev sets (`../shared/data/extraction-dev`).
    @Test(.enabled(if: DevPages.available, "shared data absent: \(DevPages.folder.path)"))
    func cuttingRawTextChangesNothingOnRealPages() throws {
        var differing: [String] = []
        for page in try DevPages.all() {
            let cut = try MarkupParser.parseHTML(page.bytes)
            let whole = try MarkupParser.parseHTML(page.bytes, cutRawText: false)
            if cut.nodes != whole.nodes || cut.attributes.count != whole.attributes.count || cut.data != whole.data {
                differing.append(page.name)
            }
        }
        #expect(differing.isEmpty)
    }

    @Test func theCutTakesScriptAndStyleBodiesAndComments() {
        let html = Array("<p>a<script>x</script><style>y</style><!-- z --><script type=application/json>{}</script>".utf8)
        let ranges = MarkupPrescan.scan(html).droppable.map { String(decoding: html[$0], as: UTF8.self) }
        #expect(ranges == ["x", "y", " z "])
        #expect(MarkupPrescan.scan(html, html: false).droppable.isEmpty)
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

/// The pages of the extraction dev sets, where the shared data folder is beside the repository.
enum DevPages {
    static let folder = SharedData.url("extraction-dev")

    static let available = FileManager.default.fileExists(atPath: folder.path)

    static func all() throws -> [(name: String, bytes: [UInt8])] {
        var pages: [(name: String, bytes: [UInt8])] = []
        for set in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
            let html = folder.appendingPathComponent(set).appendingPathComponent("html")
            guard let files = try? FileManager.default.contentsOfDirectory(atPath: html.path) else { continue }
            for file in files.sorted() where file.hasSuffix(".gz") {
                let raw = try [UInt8](Data(contentsOf: html.appendingPathComponent(file)))
                pages.append((set + "/" + file, try Gzip.decompress(raw, limit: 100_000_000)))
            }
        }
        return pages
    }
}

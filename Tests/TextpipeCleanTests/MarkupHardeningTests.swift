import Foundation
import Testing
@testable import TextpipeMarkup
#if canImport(Glibc)
import Glibc
#endif

/// libxml2 locked down (issue 10): no file or network access through entities or DTDs, no
/// entity expansion, its own size limits kept, and no input that can keep it busy for long.
/// The secrets are files this test writes, so a leak is seen whatever the machine holds.
struct MarkupHardeningTests {
    let dir: URL
    let secret = "SECRET-\(UUID().uuidString)"
    let secretFile: URL
    let dtdFile: URL

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("textpipe-markup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        secretFile = dir.appendingPathComponent("secret.txt")
        try secret.write(to: secretFile, atomically: true, encoding: .utf8)
        dtdFile = dir.appendingPathComponent("evil.dtd")
        try "<!ENTITY leak \"\(secret)\"><!ENTITY % inner SYSTEM \"file://\(secretFile.path)\">"
            .write(to: dtdFile, atomically: true, encoding: .utf8)
    }

    /// Documents that try to make the parser read a file.
    var fileAttacks: [String] {
        [
            "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file://\(secretFile.path)\">]><r>&x;</r>",
            "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"\(secretFile.path)\">]><r><a>&x;</a></r>",
            "<?xml version=\"1.0\"?><!DOCTYPE r SYSTEM \"file://\(dtdFile.path)\"><r>&leak;</r>",
            "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY % d SYSTEM \"file://\(dtdFile.path)\"> %d; %inner;]><r>&leak;</r>",
            "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file://\(secretFile.path)\">]><r a=\"&x;\">t</r>",
            "<?xml version=\"1.0\"?><r xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"file://\(secretFile.path)\" parse=\"text\"/></r>",
        ]
    }

    @Test func xmlEntitiesAndDTDsReadNoFile() throws {
        for attack in fileAttacks {
            let doc = try? MarkupParser.parseXML(Array(attack.utf8))
            let bytes = doc.map { String(decoding: $0.data, as: UTF8.self) } ?? ""
            #expect(!bytes.contains(secret), "leaked by: \(attack)")
        }
    }

    @Test func htmlDoctypesReadNoFile() throws {
        for attack in fileAttacks {
            let html = attack.replacingOccurrences(of: "<r", with: "<html><body><p").replacingOccurrences(of: "</r>", with: "</p></body></html>")
            let doc = try? MarkupParser.parseHTML(Array(html.utf8))
            let bytes = doc.map { String(decoding: $0.data, as: UTF8.self) } ?? ""
            #expect(!bytes.contains(secret), "leaked by: \(html)")
        }
    }

    /// NONET: an external DTD or entity on a server that listens on loopback is never asked for.
    @Test func noNetworkAccess() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #expect(fd >= 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        #expect(listen(fd, 8) == 0)
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        let port = UInt16(bigEndian: addr.sin_port)
        let url = "http://127.0.0.1:\(port)/evil.dtd"
        let attacks = [
            "<?xml version=\"1.0\"?><!DOCTYPE r SYSTEM \"\(url)\"><r>&leak;</r>",
            "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"\(url)\">]><r>&x;</r>",
            "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY % p SYSTEM \"\(url)\"> %p;]><r/>",
        ]
        for attack in attacks {
            _ = try? MarkupParser.parseXML(Array(attack.utf8))
            _ = try? MarkupParser.parseHTML(Array(attack.utf8))
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        let client = accept(fd, nil, nil)
        if client >= 0 { close(client) }
        #expect(client < 0, "the parser connected to \(url)")
    }

    /// Billion laughs and the quadratic blowup: declared entities are never expanded.
    @Test func entitiesAreNeverExpanded() throws {
        var dtd = "<!ENTITY l0 \"lol\">"
        for k in 1...15 { dtd += "<!ENTITY l\(k) \"" + String(repeating: "&l\(k - 1);", count: 10) + "\">" }
        let laughs = "<?xml version=\"1.0\"?><!DOCTYPE r [\(dtd)]><r>&l15;<a b=\"&l15;\">&l15;</a></r>"
        let big = String(repeating: "x", count: 50_000)
        let quadratic = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"\(big)\">]><r>" + String(repeating: "&a;", count: 50_000) + "</r>"
        for (name, xml) in [("laughs", laughs), ("quadratic", quadratic)] {
            let started = Date()
            let doc = try? MarkupParser.parseXML(Array(xml.utf8))
            #expect(Date().timeIntervalSince(started) < 5, "\(name) took \(Date().timeIntervalSince(started)) s")
            #expect((doc?.data.count ?? 0) < 1_000_000, "\(name) expanded to \(doc?.data.count ?? 0) bytes")
            let html = try? MarkupParser.parseHTML(Array(xml.utf8))
            #expect((html?.data.count ?? 0) < 1_000_000, "\(name) expanded in HTML to \(html?.data.count ?? 0) bytes")
        }
    }

    /// libxml2's own limits stay on (no XML_PARSE_HUGE): XML nesting stops at 256 levels and a
    /// name longer than 50,000 bytes is refused, whatever our own limits allow. (Its 10 MB
    /// text-node limit belongs to its tree builder, which we replace; text is bounded by
    /// max_bytes and max_text_chars instead.)
    @Test func libxml2sOwnLimitsStayOn() throws {
        let deep = Array((String(repeating: "<a>", count: 2_000) + "x" + String(repeating: "</a>", count: 2_000)).utf8)
        let doc = try? MarkupParser.parseXML(deep, limits: MarkupLimits(maxDepth: 100_000))
        let depth = doc?.nodes.map { Int($0.depth) }.max() ?? 0
        #expect(depth <= 260, "XML nested \(depth) levels deep")
        let longName = Array(("<r><" + String(repeating: "n", count: 60_000) + ">x</r>").utf8)
        let named = try? MarkupParser.parseXML(longName)
        #expect(named.map { $0.names.allSatisfy { $0.utf8.count <= 50_000 } } ?? true)
    }

    /// libxml2 2.9 compares each attribute of a tag with all earlier ones: thousands of
    /// attributes on one element would keep it busy for minutes. Such a page is refused at once.
    @Test(arguments: [true, false])
    func thousandsOfAttributesAreRefusedQuickly(_ html: Bool) throws {
        let tag = "<p " + (0..<30_000).map { "a\($0)=\"v\"" }.joined(separator: " ") + ">x</p>"
        let started = Date()
        #expect(throws: MarkupError.tooManyAttributes(30_000)) {
            html ? try MarkupParser.parseHTML(Array(("<html><body>" + tag + "</body></html>").utf8))
                : try MarkupParser.parseXML(Array(("<r>" + tag + "</r>").utf8))
        }
        #expect(Date().timeIntervalSince(started) < 1)
    }

    @Test(arguments: [
        ("<p a=1 b='2' c=\"3\" d>x</p>", 4, 6),
        ("<!-- <p a b c d e> --><p a b>", 2, 1),
        ("<p a=\"> b c\" d>", 2, 1),
        ("</p a b c><p>", 0, 0),
        ("<p a b", 2, 1),
        ("a < b and c<d e f>", 2, 1),
    ])
    func attributeCounting(_ html: String, _ largest: Int, _ comparisons: Int) {
        let c = MarkupPrescan.scan(Array(html.utf8)).attributes
        #expect(c.largest == largest && c.comparisons == comparisons, "\(html): \(c)")
    }

    @Test func ordinaryPagesAreFarUnderTheBudget() {
        let page = String(repeating: "<div class=\"c\" id=\"i\" data-a=\"1\" data-b=\"2\" style=\"s\" title=\"t\" role=\"r\" lang=\"en\">x</div>", count: 100_000)
        #expect(MarkupPrescan.scan(Array(page.utf8)).attributes.comparisons < AttributeBudget.budget / 10)
    }

    /// A deadline that passes while libxml2 works stops the parse at the next element.
    @Test func aPassedDeadlineStopsTheParse() throws {
        let page = Array(String(repeating: "<p>x</p>", count: 200_000).utf8)
        var limits = MarkupLimits()
        limits.deadline = DispatchTime.now()
        #expect(throws: MarkupError.timeout) { try MarkupParser.parseHTML(page, limits: limits) }
    }
}

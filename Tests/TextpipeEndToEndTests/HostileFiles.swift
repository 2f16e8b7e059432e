import Foundation

/// The hostile inputs of the robustness suite, made at test time (nothing big is committed).
///
/// Each case is a file name (its extension decides how textpipe reads it), a recipe for its
/// bytes, and what must become of it: any outcome at all (it must only land somewhere), a
/// document, or a failure of a given kind. `mustNotContain` lists strings that must not appear
/// anywhere in the document's record (what an XXE would leak, what entity expansion would
/// produce).
struct HostileFile: Sendable, CustomStringConvertible {
    enum Expect: Sendable, Equatable {
        case anything
        case document
        case failure(kind: String)
        case documentOrFailure(kind: String)
    }

    var name: String
    var expect: Expect
    var mustNotContain: [String] = []
    var make: @Sendable () -> [UInt8]

    var description: String { name }

    /// Seeded bytes, the same on every run (SplitMix64).
    static func randomBytes(_ count: Int, seed: UInt64) -> [UInt8] {
        var state = seed
        var out = [UInt8]()
        out.reserveCapacity(count + 8)
        while out.count < count {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            withUnsafeBytes(of: z) { out.append(contentsOf: $0) }
        }
        return Array(out.prefix(count))
    }

    static func repeated(_ s: String, _ n: Int) -> [UInt8] {
        let unit = Array(s.utf8)
        var out = [UInt8]()
        out.reserveCapacity(unit.count * n)
        for _ in 0..<n { out.append(contentsOf: unit) }
        return out
    }

    static func page(_ body: String, head: String = "") -> [UInt8] {
        Array("<!doctype html><html><head>\(head)<title>T</title></head><body>\(body)</body></html>".utf8)
    }

    static let article = "<article><p>" + String(repeating: "A sentence of the article that is long enough to count. ", count: 8) + "</p></article>"

    /// Every case. Sizes are chosen against the default limits (max_bytes 10 MB, decompressed
    /// 50 MB, DOM depth 1,000, 1,000,000 nodes, 5,000,000 text characters).
    static let all: [HostileFile] = [
        // Empty and almost empty.
        HostileFile(name: "empty.html", expect: .failure(kind: "empty")) { [] },
        HostileFile(name: "empty.txt", expect: .failure(kind: "empty")) { [] },
        HostileFile(name: "whitespace.html", expect: .failure(kind: "empty")) { Array(String(repeating: " \n\t\r", count: 1000).utf8) },
        HostileFile(name: "zeros.html", expect: .documentOrFailure(kind: "parse")) { [UInt8](repeating: 0, count: 100_000) },
        // Not what it claims to be.
        HostileFile(name: "random.html", expect: .anything) { randomBytes(1_000_000, seed: 1) },
        HostileFile(name: "random.txt", expect: .anything) { randomBytes(200_000, seed: 2) },
        HostileFile(name: "png-named.html", expect: .failure(kind: "parse")) {
            [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + randomBytes(50_000, seed: 3)
        },
        HostileFile(name: "invalid-utf8.html", expect: .document) {
            page("<p>broken \u{FFFD}</p>").flatMap { $0 == 0xEF ? [0xC3, 0x28, 0xA0, 0xA1, 0xED, 0xA0, 0x80, 0xF8, 0x88] : [$0] }
                + Array(article.utf8)
        },
        HostileFile(name: "lying-charset.html", expect: .document) {
            page("<p>Grüße aus Köln, 東京 and Москва.</p>" + article, head: "<meta charset=\"shift_jis\">")
        },
        HostileFile(name: "unknown-charset.html", expect: .document) {
            page("<p>Caf\u{E9}</p>" + article, head: "<meta charset=\"x-klingon-8\">")
        },
        HostileFile(name: "latin1-undeclared.html", expect: .document) {
            page("<p>Caf\u{E9} na\u{EF}ve \u{A9}</p>" + article).map { $0 }.latin1
        },
        HostileFile(name: "utf16le-bom.html", expect: .document) { [0xFF, 0xFE] + (page(article).utf16LE) },
        HostileFile(name: "utf16be-bom.html", expect: .document) { [0xFE, 0xFF] + (page(article).utf16BE) },
        HostileFile(name: "utf16le-nobom.html", expect: .document) { page(article).utf16LE },
        HostileFile(name: "nul-bytes.html", expect: .document, mustNotContain: ["\\u0000"]) {
            page(article).flatMap { $0 == UInt8(ascii: ".") ? [0x2E, 0x00] : [$0] } + [0, 0]
        },
        HostileFile(name: "nul-every-word.html", expect: .documentOrFailure(kind: "parse"), mustNotContain: ["\\u0000"]) {
            page(article).flatMap { $0 == UInt8(ascii: " ") ? [0x20, 0x00] : [$0] }
        },
        HostileFile(name: "stray-end-tags.html", expect: .anything) {
            repeated("<div>", 900) + repeated("</span>", 1_000_000) + Array(article.utf8)
        },
        HostileFile(name: "scripts-and-marks.html", expect: .document) {
            page("<p dir=\"rtl\">مرحبا بالعالم. שלום עולם!</p><p>e\u{301}e\u{301} n\u{303} Z\u{351}\u{352}a\u{300} \u{1F469}\u{200D}\u{1F4BB} 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 \u{202E}override\u{202C}.</p>" + article)
        },
        HostileFile(name: "crlf-formfeed.txt", expect: .document) {
            Array("Title\r\n\r\nFirst paragraph.\r\nWrapped line.\u{0C}\r\n\r\nSecond\u{0C}paragraph with e\u{301} and \u{1F600}.\r\n".utf8)
        },
        // Markup bombs.
        HostileFile(name: "deep.html", expect: .failure(kind: "limit")) { repeated("<div>", 200_000) },
        HostileFile(name: "deep-inline.html", expect: .failure(kind: "limit")) { repeated("<b><i>", 100_000) },
        HostileFile(name: "million-elements.html", expect: .failure(kind: "limit")) { repeated("<p>x</p>", 1_100_000) },
        HostileFile(name: "million-breaks.html", expect: .failure(kind: "limit")) { repeated("<br>", 1_500_000) },
        HostileFile(name: "huge-text.html", expect: .failure(kind: "limit")) {
            page("<p>" + String(repeating: "word ", count: 1_200_000) + "</p>")
        },
        HostileFile(name: "huge-attribute.html", expect: .anything) {
            page("<p title=\"" + String(repeating: "a", count: 8_000_000) + "\">x</p>" + article)
        },
        HostileFile(name: "many-attributes.html", expect: .anything) {
            page("<p " + (0..<60_000).map { "a\($0)=\"v\"" }.joined(separator: " ") + ">x</p>" + article)
        },
        HostileFile(name: "unclosed-comment.html", expect: .anything) { page(article) + Array("<!--".utf8) + randomBytes(10_000, seed: 4).map { $0 | 0x40 } },
        HostileFile(name: "too-big.html", expect: .failure(kind: "too_large")) { repeated("<p>x</p>", 1_300_001) },
        // XML attacks, as XHTML.
        HostileFile(name: "xxe.xhtml", expect: .documentOrFailure(kind: "empty"), mustNotContain: ["root:x:0:0", "/bin/"]) {
            Array(("<?xml version=\"1.0\"?><!DOCTYPE html [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>&xxe;</p>" + article + "</body></html>").utf8)
        },
        HostileFile(name: "xxe-parameter.xhtml", expect: .documentOrFailure(kind: "empty"), mustNotContain: ["root:x:0:0"]) {
            Array(("<?xml version=\"1.0\"?><!DOCTYPE html [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]>"
                + "<html><body>" + article + "</body></html>").utf8)
        },
        HostileFile(name: "external-dtd.xhtml", expect: .documentOrFailure(kind: "empty"), mustNotContain: ["root:x:0:0"]) {
            Array(("<?xml version=\"1.0\"?><!DOCTYPE html SYSTEM \"file:///etc/passwd\">"
                + "<html><body>" + article + "</body></html>").utf8)
        },
        HostileFile(name: "xxe.html", expect: .document, mustNotContain: ["root:x:0:0"]) {
            Array(("<!DOCTYPE html [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><html><body><p>&xxe;</p>" + article + "</body></html>").utf8)
        },
        HostileFile(name: "billion-laughs.xhtml", expect: .documentOrFailure(kind: "empty"), mustNotContain: ["lollollol"]) {
            var dtd = "<!ENTITY lol0 \"lol\">"
            for k in 1...12 { dtd += "<!ENTITY lol\(k) \"" + String(repeating: "&lol\(k - 1);", count: 10) + "\">" }
            return Array(("<?xml version=\"1.0\"?><!DOCTYPE html [\(dtd)]><html><body><p>&lol12;</p>" + article + "</body></html>").utf8)
        },
        // Compression.
        HostileFile(name: "gzip-bomb.html.gz", expect: .failure(kind: "too_large")) {
            GzipWriter.gzip(repeated("<p>lol</p>", 100_000), times: 200)  // 200 MB from about 200 KB
        },
        HostileFile(name: "gzip-bomb-members.html.gz", expect: .failure(kind: "too_large")) {
            let member = GzipWriter.gzip(repeated("          ", 1_000_000))  // 10 MB each
            return (0..<30).flatMap { _ in member }
        },
        HostileFile(name: "truncated.html.gz", expect: .failure(kind: "parse")) {
            let whole = GzipWriter.gzip(page(article + String(repeating: "<p>more text here</p>", count: 2000)), level: 1)
            return Array(whole.prefix(whole.count / 2))
        },
        HostileFile(name: "not-gzip.html.gz", expect: .failure(kind: "parse")) { [0x1F, 0x8B, 0x08, 0x00] + randomBytes(5_000, seed: 5) },
        HostileFile(name: "gzip-of-random.html.gz", expect: .anything) { GzipWriter.gzip(randomBytes(300_000, seed: 6)) },
        // A plain good page, so that the batch has something to write.
        HostileFile(name: "good.html", expect: .document) { page("<h1>Headline</h1>" + article) },
    ]
}

extension Array where Element == UInt8 {
    var utf16LE: [UInt8] { String(decoding: self, as: UTF8.self).utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } }
    var utf16BE: [UInt8] { String(decoding: self, as: UTF8.self).utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] } }
    /// The text re-encoded in Latin-1 (code points above U+00FF become '?').
    var latin1: [UInt8] { String(decoding: self, as: UTF8.self).unicodeScalars.map { $0.value < 256 ? UInt8($0.value) : 0x3F } }
}

import Foundation
import Testing
@testable import TextpipeMarkup

/// Charset decisions: which evidence wins, and that the parsed text is right whatever the input.
struct CharsetTests {
    struct Case: CustomStringConvertible, Sendable {
        var name: String
        var bytes: [UInt8]
        var declared: String?
        var charset: String
        var source: CharsetDecision.Source
        var description: String { name }
    }

    static let cafe1252: [UInt8] = Array("<p>caf".utf8) + [0xE9] + Array(" cr".utf8) + [0xE8, 0x6D, 0x65] + Array(" et ".utf8)
    static let russian1251: [UInt8] = Array("<p>".utf8) + [0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2, 0x20, 0xEC, 0xE8, 0xF0, 0x2C, 0x20, 0xEA, 0xE0, 0xEA, 0x20, 0xE4, 0xE5, 0xEB, 0xE0, 0x3F]
    static let russianKOI8: [UInt8] = Array("<p>".utf8) + [0xF0, 0xD2, 0xC9, 0xD7, 0xC5, 0xD4, 0x20, 0xCD, 0xC9, 0xD2, 0x2C, 0x20, 0xCB, 0xC1, 0xCB, 0x20, 0xC4, 0xC5, 0xCC, 0xC1, 0x3F]

    static let cases: [Case] = [
        Case(name: "UTF-8 BOM beats a meta tag", bytes: [0xEF, 0xBB, 0xBF] + Array("<meta charset=iso-8859-1><p>é".utf8), declared: nil, charset: "utf-8", source: .bom),
        Case(name: "UTF-16LE BOM", bytes: [0xFF, 0xFE, 0x3C, 0x00, 0x70, 0x00], declared: nil, charset: "utf-16le", source: .bom),
        Case(name: "UTF-16BE BOM", bytes: [0xFE, 0xFF, 0x00, 0x3C, 0x00, 0x70], declared: nil, charset: "utf-16be", source: .bom),
        Case(name: "HTTP header", bytes: cafe1252, declared: "ISO-8859-1", charset: "windows-1252", source: .transport),
        Case(name: "meta charset after non-ASCII text", bytes: cafe1252 + Array("<meta charset=\"windows-1252\">".utf8), declared: nil, charset: "windows-1252", source: .meta),
        Case(name: "http-equiv", bytes: Array("<meta http-equiv=Content-Type content='text/html; charset=windows-1251'>".utf8) + russian1251, declared: nil, charset: "windows-1251", source: .meta),
        Case(name: "declared UTF-8 but is Latin-1", bytes: Array("<meta charset=utf-8>".utf8) + cafe1252, declared: nil, charset: "windows-1252", source: .detected),
        Case(name: "valid UTF-8 without a declaration", bytes: Array("<p>Grüße aus Köln".utf8), declared: nil, charset: "utf-8", source: .detected),
        Case(name: "pure ASCII without a declaration", bytes: Array("<p>plain".utf8), declared: nil, charset: "utf-8", source: .detected),
        Case(name: "Latin-1 declared, bytes are UTF-8", bytes: Array("<meta charset=iso-8859-1><p>Grüße".utf8), declared: nil, charset: "utf-8", source: .detected),
        Case(name: "windows-1251 guessed", bytes: russian1251, declared: nil, charset: "windows-1251", source: .detected),
        Case(name: "KOI8-R guessed", bytes: russianKOI8, declared: nil, charset: "koi8-r", source: .detected),
        Case(name: "windows-1252 guessed", bytes: cafe1252, declared: nil, charset: "windows-1252", source: .detected),
        Case(name: "unknown label falls through", bytes: Array("<p>Grüße".utf8), declared: "x-klingon", charset: "utf-8", source: .detected),
    ]

    @Test(arguments: cases)
    func decision(_ c: Case) {
        let d = CharsetDetector.decide(c.bytes, declared: c.declared)
        #expect(d.charset == c.charset)
        #expect(d.source == c.source)
    }

    @Test(arguments: [
        ("latin1", "windows-1252") as (String, String), ("ISO-8859-1", "windows-1252"), ("us-ascii", "windows-1252"), ("UTF8", "utf-8"),
        ("\"utf-8\"", "utf-8"), ("cp1251", "windows-1251"), ("GB2312", "gb18030"), ("Shift_JIS", "shift_jis"),
        ("latin2", "iso-8859-2"), ("KOI8-R", "koi8-r"),
    ])
    func labels(_ label: String, _ canonical: String) {
        #expect(Charset.canonicalName(label) == canonical)
    }

    @Test func contentTypeParameter() {
        #expect(Charset.label(fromContentType: "text/html; charset=\"ISO-8859-2\"") == "ISO-8859-2")
        #expect(Charset.label(fromContentType: "text/html") == nil)
    }

    /// What the parser hands out is the right text in UTF-8, whatever the bytes were.
    static let decodings: [([UInt8], String?, String)] = [
        (cafe1252 + Array("</p>".utf8), nil, "café crème et"),
        (russian1251, nil, "Привет мир, как дела?"),
        (russianKOI8, "koi8-r", "Привет мир, как дела?"),
        ([0xFF, 0xFE] + Array("<p>Grüße</p>".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }), nil, "Grüße"),
        (Array("<p>ok ".utf8) + [0xC3] + Array(" alone</p>".utf8), nil, "ok Ã alone"),
        (Array(("<p>" + String(repeating: "Grüße ", count: 30) + "x").utf8) + [0xC3] + Array(" broken</p>".utf8), nil,
         String(repeating: "Grüße ", count: 30) + "x\u{FFFD} broken"),
        ([0x3C, 0x70, 0x3E, 0xC6, 0xFC, 0xCB, 0xDC, 0x3C, 0x2F, 0x70, 0x3E], "euc-jp", "日本"),
    ]

    @Test(arguments: decodings)
    func decodedText(_ bytes: [UInt8], _ declared: String?, _ expected: String) throws {
        let doc = try MarkupParser.parseHTML(bytes, declaredCharset: declared)
        let p = try #require(doc.elements(named: "p").first)
        #expect(doc.textContent(of: p).trimmingCharacters(in: .whitespaces) == expected)
    }

    @Test func repairKeepsValidText() {
        #expect(Transcoder.repairUTF8(Array("abc".utf8)) == Array("abc".utf8))
        #expect(Transcoder.repairUTF8([0x61, 0xFF, 0x62]) == [0x61, 0xEF, 0xBF, 0xBD, 0x62])
        #expect(Transcoder.repairUTF8([0xEF, 0xBB, 0xBF, 0x61]) == [0x61])
    }
}

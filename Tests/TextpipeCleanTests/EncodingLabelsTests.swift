import Foundation
import Testing
import TextpipeTestSupport
@testable import TextpipeMarkup

/// Every label of the WHATWG Encoding Standard names a charset textpipe decodes, and decodes
/// as Python's codecs do where Python knows the encoding.
struct EncodingLabelsTests {
    struct Encoding: Sendable, CustomStringConvertible {
        /// The standard's name for it.
        var name: String
        var labels: [String]
        /// Python's codec for the same mapping, if it has one.
        var python: String?
        /// Sample text in the script the encoding serves (multi-byte encodings only): Python
        /// encodes it, textpipe decodes it.
        var sample: String? = nil
        var description: String { name }
    }

    /// The standard's table of encodings and their labels.
    static let encodings: [Encoding] = [
        Encoding(name: "UTF-8", labels: ["unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf-8", "utf8", "x-unicode20utf8"],
                 python: "utf-8", sample: "Grüße, Привет, 日本語"),
        Encoding(name: "IBM866", labels: ["866", "cp866", "csibm866", "ibm866"], python: "cp866"),
        Encoding(name: "ISO-8859-2", labels: ["csisolatin2", "iso-8859-2", "iso-ir-101", "iso8859-2", "iso88592", "iso_8859-2", "iso_8859-2:1987", "l2", "latin2"], python: "iso8859_2"),
        Encoding(name: "ISO-8859-3", labels: ["csisolatin3", "iso-8859-3", "iso-ir-109", "iso8859-3", "iso88593", "iso_8859-3", "iso_8859-3:1988", "l3", "latin3"], python: "iso8859_3"),
        Encoding(name: "ISO-8859-4", labels: ["csisolatin4", "iso-8859-4", "iso-ir-110", "iso8859-4", "iso88594", "iso_8859-4", "iso_8859-4:1988", "l4", "latin4"], python: "iso8859_4"),
        Encoding(name: "ISO-8859-5", labels: ["csisolatincyrillic", "cyrillic", "iso-8859-5", "iso-ir-144", "iso8859-5", "iso88595", "iso_8859-5", "iso_8859-5:1988"], python: "iso8859_5"),
        Encoding(name: "ISO-8859-6", labels: ["arabic", "asmo-708", "csiso88596e", "csiso88596i", "csisolatinarabic", "ecma-114", "iso-8859-6", "iso-8859-6-e", "iso-8859-6-i", "iso-ir-127", "iso8859-6", "iso88596", "iso_8859-6", "iso_8859-6:1987"], python: "iso8859_6"),
        Encoding(name: "ISO-8859-7", labels: ["csisolatingreek", "ecma-118", "elot_928", "greek", "greek8", "iso-8859-7", "iso-ir-126", "iso8859-7", "iso88597", "iso_8859-7", "iso_8859-7:1987", "sun_eu_greek"], python: "iso8859_7"),
        Encoding(name: "ISO-8859-8", labels: ["csiso88598e", "csisolatinhebrew", "hebrew", "iso-8859-8", "iso-8859-8-e", "iso-ir-138", "iso8859-8", "iso88598", "iso_8859-8", "iso_8859-8:1988", "visual"], python: "iso8859_8"),
        Encoding(name: "ISO-8859-8-I", labels: ["csiso88598i", "iso-8859-8-i", "logical"], python: "iso8859_8"),
        Encoding(name: "ISO-8859-10", labels: ["csisolatin6", "iso-8859-10", "iso-ir-157", "iso8859-10", "iso885910", "l6", "latin6"], python: "iso8859_10"),
        Encoding(name: "ISO-8859-13", labels: ["iso-8859-13", "iso8859-13", "iso885913"], python: "iso8859_13"),
        Encoding(name: "ISO-8859-14", labels: ["iso-8859-14", "iso8859-14", "iso885914"], python: "iso8859_14"),
        Encoding(name: "ISO-8859-15", labels: ["csisolatin9", "iso-8859-15", "iso8859-15", "iso885915", "iso_8859-15", "l9"], python: "iso8859_15"),
        Encoding(name: "ISO-8859-16", labels: ["iso-8859-16"], python: "iso8859_16"),
        Encoding(name: "KOI8-R", labels: ["cskoi8r", "koi", "koi8", "koi8-r", "koi8_r"], python: "koi8_r"),
        Encoding(name: "KOI8-U", labels: ["koi8-ru", "koi8-u"], python: "koi8_u"),
        Encoding(name: "macintosh", labels: ["csmacintosh", "mac", "macintosh", "x-mac-roman"], python: "mac_roman"),
        Encoding(name: "windows-874", labels: ["dos-874", "iso-8859-11", "iso8859-11", "iso885911", "tis-620", "windows-874"], python: "cp874"),
        Encoding(name: "windows-1250", labels: ["cp1250", "windows-1250", "x-cp1250"], python: "cp1250"),
        Encoding(name: "windows-1251", labels: ["cp1251", "windows-1251", "x-cp1251"], python: "cp1251"),
        Encoding(name: "windows-1252", labels: ["ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1", "ibm819", "iso-8859-1", "iso-ir-100", "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "l1", "latin1", "us-ascii", "windows-1252", "x-cp1252"], python: "cp1252"),
        Encoding(name: "windows-1253", labels: ["cp1253", "windows-1253", "x-cp1253"], python: "cp1253"),
        Encoding(name: "windows-1254", labels: ["cp1254", "csisolatin5", "iso-8859-9", "iso-ir-148", "iso8859-9", "iso88599", "iso_8859-9", "iso_8859-9:1989", "l5", "latin5", "windows-1254", "x-cp1254"], python: "cp1254"),
        Encoding(name: "windows-1255", labels: ["cp1255", "windows-1255", "x-cp1255"], python: "cp1255"),
        Encoding(name: "windows-1256", labels: ["cp1256", "windows-1256", "x-cp1256"], python: "cp1256"),
        Encoding(name: "windows-1257", labels: ["cp1257", "windows-1257", "x-cp1257"], python: "cp1257"),
        Encoding(name: "windows-1258", labels: ["cp1258", "windows-1258", "x-cp1258"], python: "cp1258"),
        Encoding(name: "x-mac-cyrillic", labels: ["x-mac-cyrillic", "x-mac-ukrainian"], python: "mac_cyrillic"),
        Encoding(name: "GBK", labels: ["chinese", "csgb2312", "csiso58gb231280", "gb2312", "gb_2312", "gb_2312-80", "gbk", "iso-ir-58", "x-gbk"],
                 python: "gbk", sample: "中文新闻报道，经济增长。"),
        Encoding(name: "gb18030", labels: ["gb18030"], python: "gb18030", sample: "中文新闻报道，经济增长。€ 𠀀"),
        Encoding(name: "Big5", labels: ["big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5"], python: "big5hkscs", sample: "中文新聞報導，經濟成長。"),
        Encoding(name: "EUC-JP", labels: ["cseucpkdfmtjapanese", "euc-jp", "x-euc-jp"], python: "euc_jp", sample: "日本語のニュース記事です。"),
        Encoding(name: "ISO-2022-JP", labels: ["csiso2022jp", "iso-2022-jp"], python: "iso2022_jp", sample: "日本語のニュース記事です。ABC"),
        Encoding(name: "Shift_JIS", labels: ["csshiftjis", "ms932", "ms_kanji", "shift-jis", "shift_jis", "sjis", "windows-31j", "x-sjis"],
                 python: "cp932", sample: "日本語のニュース記事です。"),
        Encoding(name: "EUC-KR", labels: ["cseuckr", "csksc56011987", "euc-kr", "iso-ir-149", "korean", "ks_c_5601-1987", "ks_c_5601-1989", "ksc5601", "ksc_5601", "windows-949"],
                 python: "cp949", sample: "한국어 뉴스 기사입니다."),
        // The standard maps these to its "replacement" encoding, which a browser shows as one
        // U+FFFD (it guards pages against script smuggled past filters). textpipe renders no
        // page and wants the text, so it decodes what each label names; "replacement" itself
        // is the standard's decoder.
        Encoding(name: "replacement", labels: ["replacement"], python: nil),
        Encoding(name: "ISO-2022-KR", labels: ["csiso2022kr", "iso-2022-kr"], python: "iso2022_kr", sample: "한국어 뉴스 기사입니다."),
        Encoding(name: "HZ-GB-2312", labels: ["hz-gb-2312"], python: "hz", sample: "中文新闻报道，经济增长。~ ok"),
        Encoding(name: "ISO-2022-CN", labels: ["iso-2022-cn", "iso-2022-cn-ext"], python: nil),
        Encoding(name: "UTF-16BE", labels: ["unicodefffe", "utf-16be"], python: "utf-16-be", sample: "Grüße 日本 😀"),
        Encoding(name: "UTF-16LE", labels: ["csunicode", "iso-10646-ucs-2", "ucs-2", "unicode", "unicodefeff", "utf-16", "utf-16le"],
                 python: "utf-16-le", sample: "Grüße 日本 😀"),
        Encoding(name: "x-user-defined", labels: ["x-user-defined"], python: nil),
    ]

    /// Every label names a charset, ignoring case and surrounding white space, and all the
    /// labels of one encoding name the same one, which decodes.
    @Test(arguments: encodings)
    func everyLabelDecodes(_ e: Encoding) throws {
        let names = e.labels.map { Charset.canonicalName($0) }
        #expect(!names.contains(nil), "\(e.name): no charset for \(zip(e.labels, names).filter { $0.1 == nil }.map(\.0))")
        #expect(Set(names).count == 1, "\(e.name): labels name different charsets: \(names)")
        for label in e.labels {
            #expect(Charset.canonicalName(" \(label.uppercased())\t") == names[0], "\(label) in upper case")
        }
        let name = try #require(names[0])
        #expect(Transcoder.transcode(Array("<p>plain ASCII</p>".utf8), from: name) != nil, "\(e.name) (\(name)) does not decode")
    }

    /// What the standard says where Python's tables differ or Python has no codec.
    @Test(arguments: [
        ("koi8-u", [0xAE, 0xBE], "\u{45E}\u{40E}"),          // KOI8-RU's ў and Ў
        ("windows-1255", [0xCA], "\u{5BA}"),                // HEBREW POINT HOLAM HASER FOR VAV
        ("windows-1252", [0x81, 0x8D], "\u{81}\u{8D}"),     // undefined in the vendor table: C1
        ("iso-8859-3", [0xA5], "\u{FFFD}"),                 // undefined: U+FFFD
        ("x-user-defined", [0x41, 0x80, 0xFF], "A\u{F780}\u{F7FF}"),
        ("replacement", [0x41, 0x42], "\u{FFFD}"),
        ("iso-2022-cn", Array("A\u{1B}$)A\u{0E}VP\u{0F}B".utf8), "A中B"),
    ] as [(String, [UInt8], String)])
    func standardWherePythonDiffers(label: String, bytes: [UInt8], expected: String) throws {
        let name = try #require(Charset.canonicalName(label))
        let decoded = try #require(Transcoder.transcode(bytes, from: name))
        #expect(String(decoding: decoded, as: UTF8.self) == expected)
    }

    /// Every byte 0x80-0xFF of each single-byte encoding that Python's codec defines, and a
    /// sample text for each multi-byte one, decode as Python decodes them.
    @Test(.enabled(if: PythonOracle.available(["codecs"]), Comment(rawValue: PythonOracle.missing(["codecs"]))))
    func decodingAgreesWithPythonsCodecs() throws {
        let program = """
            import json, sys
            out = {}
            for name, codec, sample in json.load(sys.stdin):
                if sample is None:
                    cases = []
                    for b in range(0x80, 0x100):
                        try: cases.append([[b], bytes([b]).decode(codec)])
                        except UnicodeDecodeError: pass
                else:
                    cases = [[list(sample.encode(codec)), sample]]
                out[name] = cases
            print(json.dumps(out))
            """
        let known: Set<String> = ["koi8-u 174", "koi8-u 190"]  // see standardWherePythonDiffers
        let request = Self.encodings.compactMap { e in e.python.map { [e.name, $0, e.sample.map { $0 as Any } ?? NSNull()] } }
        let input = try JSONSerialization.data(withJSONObject: request)
        let oracle = try JSONSerialization.jsonObject(with: PythonOracle.run(program, input: input)) as! [String: [[Any]]]
        var differences: [String] = []
        for e in Self.encodings {
            guard let cases = oracle[e.name], let name = Charset.canonicalName(e.labels[0]) else { continue }
            #expect(!cases.isEmpty, "\(e.name): Python decoded nothing")
            for c in cases {
                let bytes = (c[0] as! [Int]).map(UInt8.init)
                let want = c[1] as! String
                if bytes.count == 1, known.contains("\(name) \(bytes[0])") { continue }
                let got = Transcoder.transcode(bytes, from: name).map { String(decoding: $0, as: UTF8.self) }
                if got != want { differences.append("\(e.name) \(bytes.count == 1 ? String(format: "0x%02X", bytes[0]) : "sample"): \(got ?? "nil") != \(want)") }
            }
        }
        #expect(differences.isEmpty, "\(differences.count) differ from Python: \(differences.prefix(20))")
    }

    /// The charset a page declares is the one it is read in (the report was a Vietnamese page
    /// read as Cyrillic).
    @Test(arguments: [
        ("windows-1258", "Vi\u{EA}\u{323}t Nam", [0x56, 0x69, 0xEA, 0xF2, 0x74, 0x20, 0x4E, 0x61, 0x6D] as [UInt8]),
        ("iso-8859-6", "\u{645}\u{631}\u{62D}\u{628}\u{627}", [0xE5, 0xD1, 0xCD, 0xC8, 0xC7]),
        ("iso-8859-8", "\u{5E9}\u{5DC}\u{5D5}\u{5DD}", [0xF9, 0xEC, 0xE5, 0xED]),
        ("ibm866", "\u{41F}\u{440}\u{438}\u{432}\u{435}\u{442}", [0x8F, 0xE0, 0xA8, 0xA2, 0xA5, 0xE2]),
        ("macintosh", "caf\u{E9} cr\u{E8}me", [0x63, 0x61, 0x66, 0x8E, 0x20, 0x63, 0x72, 0x8F, 0x6D, 0x65]),
    ])
    func declaredCharsetIsUsed(label: String, text: String, bytes: [UInt8]) throws {
        let page = Array("<html><head><meta charset=\"\(label)\"></head><body><p>".utf8) + bytes + Array("</p></body></html>".utf8)
        let decision = CharsetDetector.decide(page, declared: nil)
        #expect(decision.source == .meta, "\(label): \(decision)")
        let decoded = try #require(Transcoder.transcode(page, from: decision.charset))
        #expect(String(decoding: decoded, as: UTF8.self).contains(text), "\(label) read as \(decision.charset)")
    }
}

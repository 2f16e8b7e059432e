import Foundation
import Testing
import TextpipeTestSupport
@testable import TextpipeClean

/// The pre-check that lets most text skip NFC must never let through text that NFC changes:
/// what reaches `text` has to be what Python users get from `unicodedata.normalize("NFC", s)`,
/// or their offsets differ from ours.
struct NFCOracleTests {
    /// (input, its NFC) for each kind of character the pre-check once missed.
    @Test(arguments: [
        ("\u{304B}\u{3099}", "\u{304C}"),              // か + combining voiced sound mark = が
        ("\u{30CF}\u{309A}", "\u{30D1}"),              // ハ + semi-voiced mark = パ
        ("\u{212B}ngstr\u{F6}m", "\u{C5}ngstr\u{F6}m"), // ANGSTROM SIGN, a singleton
        ("100 \u{2126}", "100 \u{3A9}"),               // OHM SIGN
        ("\u{F900}", "\u{8C48}"),                      // CJK compatibility ideograph
        ("\u{2F800}", "\u{4E3D}"),                     // one from the supplement
        ("\u{627}\u{653}", "\u{622}"),                 // alef + madda above = آ
        ("\u{648}\u{654}", "\u{624}"),                 // waw + hamza above = ؤ
        ("\u{627}\u{655}", "\u{625}"),                 // alef + hamza below = إ
        ("\u{5D0}\u{5B8}\u{5B7}", "\u{5D0}\u{5B7}\u{5B8}"), // Hebrew points in the wrong order
        ("\u{915}\u{93C}", "\u{915}\u{93C}"),          // क + nukta stays (क़ is excluded)
        ("\u{958}", "\u{915}\u{93C}"),                 // क़ decomposes: a composition exclusion
        ("\u{1100}\u{1161}\u{11A8}", "\u{AC01}"),      // Hangul jamo compose: 각
        ("\u{1B05}\u{1B35}", "\u{1B06}"),              // Balinese vowel sign
    ])
    func charactersNFCChanges(_ input: String, _ expected: String) {
        #expect(TextNormalizer.mayNeedComposition(Array(input.utf8)), "the pre-check lets \(debug(input)) through")
        #expect(TextNormalizer.nfc(input).unicodeScalars.elementsEqual(expected.unicodeScalars),
                "NFC of \(debug(input)) is \(debug(TextNormalizer.nfc(input))), expected \(debug(expected))")
    }

    /// Text in NFC with no combining marks takes the fast path.
    @Test(arguments: ["plain ASCII", "Grüße, café, naïve", "Привет, мир", "日本語のテキスト", "한국어 문장",
                      "Ελληνικά", "Türkçe ğüşıöç", "عربي", "עברית", "ไทย", "😀 emoji"])
    func precomposedTextTakesTheFastPath(_ text: String) {
        #expect(!TextNormalizer.mayNeedComposition(Array(text.utf8)))
    }

    /// The generated table agrees with the Unicode data of the Python at hand: every string that
    /// Python's NFC changes is caught by the pre-check and normalised as Python does, and every
    /// combining mark (which canonical ordering may move) is caught.
    @Test(.enabled(if: PythonOracle.available(["unicodedata"]), Comment(rawValue: PythonOracle.missing(["unicodedata"]))))
    func agreesWithPythonsUnicodedata() throws {
        let program = """
            import json, unicodedata as u
            cases, marks = [], []
            for cp in range(0x110000):
                if 0xD800 <= cp <= 0xDFFF: continue
                c = chr(cp)
                if u.combining(c): marks.append(c)
                if u.normalize("NFC", c) != c: cases.append(c)
                d = u.decomposition(c)
                if d and not d.startswith("<") and len(d.split()) == 2:
                    cases.append("".join(chr(int(x, 16)) for x in d.split()))
            cases += [chr(l) + chr(v) for l in range(0x1100, 0x1113, 6) for v in range(0x1161, 0x1176)]
            cases += [chr(0xAC00 + 28 * k) + chr(t) for k in range(0, 399, 57) for t in range(0x11A8, 0x11C3)]
            print(json.dumps({"version": u.unidata_version, "marks": marks,
                              "cases": [[s, u.normalize("NFC", s)] for s in cases if u.normalize("NFC", s) != s]}))
            """
        struct Oracle: Decodable { var version: String; var marks: [String]; var cases: [[String]] }
        let oracle = try PythonOracle.json(Oracle.self, program)
        #expect(oracle.cases.count > 2000)
        // Characters newer than this Swift's Unicode data are left to a newer toolchain.
        func known(_ s: String) -> Bool { s.unicodeScalars.allSatisfy { $0.properties.age != nil } }
        var missed: [String] = [], differ: [String] = []
        for pair in oracle.cases where known(pair[0]) {
            if !TextNormalizer.mayNeedComposition(Array(pair[0].utf8)) { missed.append(debug(pair[0])) }
            if !TextNormalizer.nfc(pair[0]).unicodeScalars.elementsEqual(pair[1].unicodeScalars) { differ.append(debug(pair[0])) }
        }
        for mark in oracle.marks where known(mark) && !TextNormalizer.mayNeedComposition(Array(mark.utf8)) {
            missed.append(debug(mark))
        }
        #expect(missed.isEmpty, "Unicode \(oracle.version): the pre-check misses \(missed.count): \(missed.prefix(20))")
        #expect(differ.isEmpty, "Unicode \(oracle.version): NFC differs from Python's for \(differ.count): \(differ.prefix(20))")
    }

    func debug(_ s: String) -> String {
        s.unicodeScalars.map { String(format: "U+%04X", $0.value) }.joined(separator: " ")
    }
}

import Testing
import TextpipeCore
import TextpipeText

/// Properties every tokenization must have, checked against the standard library on texts
/// that mix scripts, emoji, web forms and odd spacing: tokens are in order, never overlap,
/// never hold white space, and together cover every other character exactly once.
@Suite("Tokenizer invariants")
struct TokenizerInvariantTests {
    static let texts: [String] = [
        "Plain ASCII text, with punctuation; numbers 1,234.56 and U.S. abbreviations.",
        "Ünïcödé wörds — “quoted” ‘single’ «guillemets» and – dashes … ellipses",
        "Emoji 👩🏽‍💻 and flags 🇫🇷🇩🇪 between words🙂and text",
        "Mixed 日本語の文。中文句子！Русский текст, ελληνικά.",
        "Tabs\tand\nnewlines\r\nand\u{00A0}no-break\u{2009}thin spaces\u{3000}ideographic",
        "Web: https://example.com/a?b=c&d=e#f, mail@example.org; @handle #tag :-) <3",
        "Edge'cases: 'quoted' rock'n'roll ’90s O’Neil's don’t l’homme qu’il",
        "Combining: e\u{301}te\u{301} and Z\u{0308}ebra; soft\u{00AD}hyphen; zero\u{200B}width",
        "1.) 2) a. b. • ⁃9. [17] (AP) — 3:30 p.m. $5bn 5% 3.10.2019",
        "...!!??..... . . . ?! ‼ ؟ 。",
        "@@ ## :: -- '' \"\" .. a.b.c. A.B.C Mr.Smith world.Today 1,000.That",
    ]

    @Test(arguments: texts, ["en", "de", "fr", "ru"])
    func invariants(_ text: String, _ language: String) {
        let tokens = Tokenizer(language: language).tokenize(text)
        let scalars = Array(text.unicodeScalars)
        var previousEnd = 0
        var covered = [Bool](repeating: false, count: scalars.count)
        for t in tokens {
            #expect(t.start >= previousEnd && t.end > t.start && Int(t.end) <= scalars.count)
            previousEnd = Int(t.end)
            for k in Int(t.start)..<Int(t.end) {
                covered[k] = true
                #expect(!scalars[k].properties.isWhitespace, "white space inside a token of \(text)")
            }
        }
        for (k, s) in scalars.enumerated() where !covered[k] {
            // Only white space and invisible format characters may fall between tokens.
            let invisible = s.properties.generalCategory == .format
            #expect(s.properties.isWhitespace || invisible, "character \(s.escaped(asASCII: true)) at \(k) of \(text) is in no token")
        }
    }

    @Test("segment gives the same tokens as tokenize, and the same sentences as split",
          arguments: texts)
    func segmentAgrees(_ text: String) {
        let splitter = SentenceSplitter()
        let both = splitter.segment(text)
        #expect(both.tokens == Tokenizer().tokenize(text))
        #expect(both.sentences == splitter.split(text))
    }
}

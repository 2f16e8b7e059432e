import Testing
import TextpipeCore
import TextpipeText

struct TokenCase: Sendable, CustomTestStringConvertible {
    var language: String
    var text: String
    var tokens: [String]
    var kinds: [Token.Kind]?
    var testDescription: String { "[\(language)] \(text)" }

    init(_ language: String, _ text: String, _ tokens: [String], _ kinds: [Token.Kind]? = nil) {
        self.language = language
        self.text = text
        self.tokens = tokens
        self.kinds = kinds
    }

    init(_ text: String, _ tokens: [String], _ kinds: [Token.Kind]? = nil) {
        self.init("en", text, tokens, kinds)
    }
}

/// The text of each token, cut with the standard library's code-point view as the oracle.
func tokenTexts(_ text: String, _ tokens: [Token]) -> [String] {
    let scalars = Array(text.unicodeScalars)
    return tokens.map { String(String.UnicodeScalarView(scalars[Int($0.start)..<Int($0.end)])) }
}

@Suite("Tokenizer")
struct TokenizerTests {
    static let cases: [TokenCase] = [
        TokenCase("Mr. Smith's dog didn't bark.", ["Mr.", "Smith", "'s", "dog", "did", "n't", "bark", "."]),
        TokenCase("They’re here, aren’t they?", ["They", "’re", "here", ",", "are", "n’t", "they", "?"]),
        TokenCase("U.S.A. and e.g. AT&T", ["U.S.A.", "and", "e.g.", "AT&T"]),
        TokenCase("well-known 30-year-old COVID-19", ["well-known", "30-year-old", "COVID-19"], [.word, .number, .word]),
        TokenCase("3.14 1,000,000 4:30 24/7 3.10.2019", ["3.14", "1,000,000", "4:30", "24/7", "3.10.2019"],
                  [.number, .number, .number, .number, .number]),
        TokenCase("Visit https://en.wikipedia.org/wiki/Foo_(bar). Now", ["Visit", "https://en.wikipedia.org/wiki/Foo_(bar)", ".", "Now"],
                  [.word, .url, .punctuation, .word]),
        TokenCase("(see www.example.com/path?q=1)", ["(", "see", "www.example.com/path?q=1", ")"]),
        TokenCase("Mail jane.doe@example.co.uk, please.", ["Mail", "jane.doe@example.co.uk", ",", "please", "."],
                  [.word, .email, .punctuation, .word, .punctuation]),
        TokenCase("#MeToo @user_1 :-) <3 🎉", ["#MeToo", "@user_1", ":-)", "<3", "🎉"],
                  [.hashtag, .mention, .emoticon, .emoticon, .emoticon]),
        TokenCase("👍🏽 👨‍👩‍👧 ok", ["👍🏽", "👨‍👩‍👧", "ok"], [.emoticon, .emoticon, .word]),
        TokenCase("“Yes,” she said.", ["“", "Yes", ",", "”", "she", "said", "."]),
        TokenCase("Wait... what?!", ["Wait", "...", "what", "?!"]),
        TokenCase("O'Brien likes rock'n'roll", ["O'Brien", "likes", "rock'n'roll"]),
        TokenCase("$100.00 5% £3", ["$", "100.00", "5", "%", "£", "3"], [.symbol, .number, .number, .symbol, .symbol, .number]),
        TokenCase("the '90s and JFK Jr.'s book", ["the", "'90s", "and", "JFK", "Jr.", "'s", "book"]),
        TokenCase("Hello world.Today", ["Hello", "world", ".", "Today"]),
        TokenCase("report.pdf and Node.js", ["report.pdf", "and", "Node.js"]),
        TokenCase("He was born in 1990.", ["He", "was", "born", "in", "1990", "."]),
        TokenCase("Jonas E. Smith", ["Jonas", "E.", "Smith"]),
        TokenCase("the 5th and 21st", ["the", "5th", "and", "21st"], [.word, .number, .word, .number]),
        TokenCase("C# and F# -- or --", ["C", "#", "and", "F", "#", "--", "or", "--"]),
        TokenCase("fr", "l'homme qu'il aujourd'hui", ["l'", "homme", "qu'", "il", "aujourd'hui"]),
        TokenCase("fr", "L’État", ["L’", "État"]),
        TokenCase("de", "z.B. die Straße, geht's", ["z.B.", "die", "Straße", ",", "geht's"]),
        TokenCase("de", "Am 3. Oktober", ["Am", "3", ".", "Oktober"]),
        TokenCase("ru", "т.е. Москва, г. Киев", ["т.е.", "Москва", ",", "г.", "Киев"]),
        TokenCase("es", "¿Dónde está EE.UU.?", ["¿", "Dónde", "está", "EE.UU.", "?"]),
        TokenCase("日本語。テスト！", ["日本語", "。", "テスト", "！"]),
        TokenCase("", []),
    ]

    @Test(arguments: cases)
    func tokenizes(_ c: TokenCase) {
        let tokens = Tokenizer(language: c.language).tokenize(c.text)
        #expect(tokenTexts(c.text, tokens) == c.tokens)
        if let kinds = c.kinds {
            #expect(tokens.map(\.kind) == kinds)
        }
    }

    @Test("only words, numbers, hashtags and mentions count as words")
    func wordFlag() {
        let tokens = Tokenizer().tokenize("Hi, @ann: 3 cats #cute :) http://x.io a@b.com")
        let words = tokenTexts("Hi, @ann: 3 cats #cute :) http://x.io a@b.com", tokens.filter(\.isWord))
        #expect(words == ["Hi", "@ann", "3", "cats", "#cute"])
    }

    @Test("a range of the text keeps offsets into the whole text")
    func tokenizeRange() {
        let text = "Ärger. Zweiter Satz hier."
        let tokens = Tokenizer(language: "de").tokenize(text, in: Span(7, 19))
        #expect(tokenTexts(text, tokens) == ["Zweiter", "Satz"])
        #expect(tokens.first?.start == 7)
    }

    @Test("a user's abbreviation keeps its period")
    func extraAbbreviations() {
        let text = "See Abt. Miller now."
        #expect(tokenTexts(text, Tokenizer(abbreviations: ["Abt"]).tokenize(text)) == ["See", "Abt.", "Miller", "now", "."])
        #expect(tokenTexts(text, Tokenizer().tokenize(text)) == ["See", "Abt", ".", "Miller", "now", "."])
    }
}

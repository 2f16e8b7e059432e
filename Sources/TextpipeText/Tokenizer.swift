import TextpipeCore

/// Splits text into `Token`s: code-point offsets and a kind, no substrings.
///
/// Design. The tokenizer is a single forward scan over the UTF-8 bytes of the text
/// (`Scanner`), classifying characters through precomputed tables instead of `Character`
/// or `Regex` (20–30x slower). A token is a maximal run of letters, digits and marks,
/// extended across the characters that keep a word whole:
///
/// - hyphens and underscores between letters or digits: "well-known", "COVID-19", "snake_case"
/// - separators inside numbers: "3.14", "1,000", "4:30", "24/7", "3.10.2019"
/// - periods inside abbreviations and names: "U.S.A.", "e.g.", "Ph.D.", "example.com"
/// - "&" inside short capitals: "AT&T", "S&P"
/// - apostrophes inside words: "O'Brien", "rock'n'roll"
///
/// A final period stays on the word when the word is an abbreviation of the language ("Mr.",
/// "Inc.", "z.B.", "г."), an initial ("E.") or a chain of short letters ("U.S."); otherwise it
/// is a punctuation token of its own. English clitics are split as in the Penn Treebank
/// ("don't" -> "do" "n't", "John's" -> "John" "'s"), French elisions after the apostrophe
/// ("l'homme" -> "l'" "homme"). URLs, e-mail addresses, #hashtags, @mentions, emoticons and
/// emoji sequences are single tokens of their own kinds. Runs of ". ! ? …" are one
/// punctuation token ("?!", "..."); every other punctuation mark or symbol is one token.
///
/// Tokens never contain white space, cover every other character of the text, and come in
/// order without overlapping. A `Tokenizer` is an immutable value: build it once and use it
/// from any number of threads.
public struct Tokenizer: Sendable {
    /// The language whose abbreviations and clitics apply (an ISO 639-1 code).
    public let language: String
    let segmenter: Segmenter

    /// - Parameters:
    ///   - language: "en", "de", "fr", "es", "ru" (see `SentenceSplitter.supportedLanguages`);
    ///     other codes get the English rules.
    ///   - abbreviations: more words that keep their period ("Abt", "approx."), never ending a
    ///     sentence.
    public init(language: String = "en", abbreviations: [String] = []) {
        let rules = LanguageRules.forCode(language, extraAbbreviations: abbreviations)
        self.language = rules.code
        self.segmenter = Segmenter(rules: rules, lineBreaks: .auto)
    }

    /// The tokens of the whole text.
    public func tokenize(_ text: String) -> [Token] {
        segmenter.run(text, paragraphs: nil, tokens: true, sentences: false, checkpoint: {}).tokens
    }

    /// The tokens of one range of the text (a sentence, say), with offsets into the whole text.
    public func tokenize(_ text: String, in range: Span) -> [Token] {
        segmenter.run(text, paragraphs: nil, bounds: range, tokens: true, sentences: false, checkpoint: {}).tokens
    }
}

import TextpipeCore

/// Splits text into sentences, paragraph by paragraph.
///
/// Design. Splitting happens in two steps over each paragraph on its own (so no sentence ever
/// crosses a paragraph, and a headline without a period stays apart from the text below it):
///
/// 1. The paragraph is tokenized (see `Tokenizer`). Decisions that need the characters of a
///    word are taken there, once, over bytes: whether a period belongs to an abbreviation
///    ("Mr.", "U.S.", "E."), whether a number goes on past a period ("3.14"), whether an
///    e-mail address or URL swallows its dots.
/// 2. `BoundaryFinder` walks the tokens. A sentence ends at a run of ". ! ? …" or at an
///    abbreviation when what follows says so: lower case and continuing punctuation never
///    start a sentence; a capitalized word does after an ordinary word, but after an
///    abbreviation only when it is a word that typically opens sentences ("the U.S. How",
///    not "the U.S. Government"); closing quotes, brackets and citations ("[17]") stay with
///    the sentence they close. Hard line breaks, bullets and enumerations ("1) ... 2) ...")
///    start sentences of their own.
///
/// Everything language-specific — abbreviations by kind, sentence openers, German ordinals
/// ("am 3. Oktober"), French spaced guillemets — comes from `LanguageRules`, with lists for
/// English, German, French, Spanish and Russian; other languages get the English rules.
/// Sentence spans are code-point offsets into the text, trimmed of surrounding white space.
/// A `SentenceSplitter` is an immutable value, safe to share across threads.
public struct SentenceSplitter: Sendable {
    /// What a single line break inside a paragraph means.
    public enum LineBreaks: String, Sendable, CaseIterable {
        /// A line break ends a sentence, unless the text goes on in lower case after a line
        /// without a final mark that was wrapped (a trailing space, or a line of 60 or more
        /// characters). Right for extracted web text, where lines are headlines, list items
        /// and blocks.
        case auto
        /// Every line break ends a sentence.
        case split
        /// A line break is a space (text from PDFs or hard-wrapped mail); blank lines still
        /// separate paragraphs.
        case join
    }

    /// Which boundaries without a final mark are found (see `SentenceModel`).
    public enum Model: Sendable {
        /// The model shipped for the language (English), or none for other languages.
        case shipped
        /// Rules only.
        case none
        case custom(SentenceModel)
    }

    /// Languages with their own abbreviation and opener lists.
    public static let supportedLanguages = LanguageRules.supportedCodes

    /// The language in use (an ISO 639-1 code; unknown codes fall back to "en").
    public let language: String
    public let lineBreaks: LineBreaks
    let segmenter: Segmenter

    /// - Parameters:
    ///   - language: "en", "de", "fr", "es" or "ru"; other codes get the English rules.
    ///   - lineBreaks: see `LineBreaks`.
    ///   - abbreviations: more words whose period never ends a sentence ("Abt", "approx.").
    ///   - model: the model for boundaries without a final mark; by default the shipped one.
    public init(language: String = "en", lineBreaks: LineBreaks = .auto, abbreviations: [String] = [],
                model: Model = .shipped) {
        let rules = LanguageRules.forCode(language, extraAbbreviations: abbreviations)
        self.language = rules.code
        self.lineBreaks = lineBreaks
        var segmenter = Segmenter(rules: rules, lineBreaks: lineBreaks)
        switch model {
        case .shipped: segmenter.model = SentenceModel.shipped(language: rules.code)
        case .none: break
        case .custom(let m): segmenter.model = m
        }
        self.segmenter = segmenter
    }

    /// The sentences of `text`, in order.
    /// - Parameter paragraphs: the paragraphs as code-point spans (`Document.paragraphs`); when
    ///   `nil` or empty, the blocks between blank lines.
    public func split(_ text: String, paragraphs: [Span]? = nil) -> [Span] {
        segmenter.run(text, paragraphs: paragraphs, tokens: false, sentences: true, checkpoint: {}).sentences
    }

    /// Sentences and tokens in one pass (cheaper than `split` plus `Tokenizer.tokenize`).
    public func segment(_ text: String, paragraphs: [Span]? = nil) -> Segmentation {
        let r = segmenter.run(text, paragraphs: paragraphs, tokens: true, sentences: true, checkpoint: {})
        return Segmentation(sentences: r.sentences, tokens: r.tokens)
    }

    /// The blocks of `text` between blank lines, trimmed, as code-point spans.
    public static func paragraphs(in text: String) -> [Span] {
        var text = text
        return text.withUTF8 { p in
            var cursor = ByteOffsets.ForwardCursor(p)
            var spans: [Span] = []
            for r in ByteOffsets.blankLineBlocks(p) {
                var lo = r.lowerBound
                var hi = r.upperBound
                while lo < hi && (p[lo] == 0x20 || p[lo] == 0x09 || p[lo] == 0x0A || p[lo] == 0x0D) { lo += 1 }
                while hi > lo && (p[hi - 1] == 0x20 || p[hi - 1] == 0x09 || p[hi - 1] == 0x0A || p[hi - 1] == 0x0D) { hi -= 1 }
                guard hi > lo else { continue }
                let start = cursor.scalar(atByte: lo)
                spans.append(Span(start, cursor.scalar(atByte: hi)))
            }
            return spans
        }
    }
}

/// Sentences and tokens of one text.
public struct Segmentation: Sendable, Equatable {
    public var sentences: [Span]
    public var tokens: [Token]
}

import TextpipeCore

/// The `sentences` stage: splits `Document.text` into sentences and tokens.
///
/// It runs `SentenceSplitter.segment` paragraph by paragraph over `Document.paragraphs` (or,
/// when a document has none, the blocks between blank lines), so that no sentence crosses a
/// paragraph. The language is fixed by the `language` option or, with `auto`, read from each
/// document's `meta.language` (falling back to English); one splitter per supported language
/// is built when the pipeline loads, so `process` only reads shared immutable values.
public struct SentencesStage: Stage {
    public static let description = StageDescription(
        name: "sentences",
        summary: "Split the clean text into sentences and tokens, paragraph by paragraph.",
        options: [
            OptionSpec("language", .choice(["auto"] + SentenceSplitter.supportedLanguages), default: .string("auto"),
                       "abbreviation and sentence-opener rules; auto = the document's meta.language, else en"),
            OptionSpec("line_breaks", .choice(SentenceSplitter.LineBreaks.allCases.map(\.rawValue)),
                       default: .string("auto"),
                       "a line break inside a paragraph: auto (ends a sentence unless prose wraps), split, join"),
            OptionSpec("abbreviations", .list(.string), default: .list([]),
                       "more abbreviations whose period never ends a sentence, e.g. [Abt, approx]"),
        ],
        requires: ["text"],
        provides: ["sentences", "tokens"])

    /// The splitter for a fixed language, or nil with `auto`.
    let fixed: SentenceSplitter?
    /// One splitter per supported language, for `auto`.
    let byLanguage: [String: SentenceSplitter]

    public init(options: StageOptions, context: LoadContext) throws {
        let language = options.string("language") ?? "auto"
        let modeName = options.string("line_breaks") ?? "auto"
        guard let mode = SentenceSplitter.LineBreaks(rawValue: modeName) else {
            throw options.error("line_breaks must be auto, split or join, found '\(modeName)'", key: "line_breaks")
        }
        let extra = options.strings("abbreviations")
        for word in extra where word.isEmpty || word.contains(where: \.isWhitespace) {
            throw options.error("an abbreviation is one word without spaces, found '\(word)'", key: "abbreviations")
        }
        if language == "auto" {
            fixed = nil
            var table: [String: SentenceSplitter] = [:]
            for code in SentenceSplitter.supportedLanguages {
                table[code] = SentenceSplitter(language: code, lineBreaks: mode, abbreviations: extra)
            }
            byLanguage = table
        } else {
            fixed = SentenceSplitter(language: language, lineBreaks: mode, abbreviations: extra)
            byLanguage = [:]
        }
    }

    /// The splitter for a document.
    func splitter(for document: Document) -> SentenceSplitter {
        if let fixed { return fixed }
        let code = (document.meta.language ?? "en").lowercased().prefix(2)
        return byLanguage[String(code)] ?? byLanguage["en"]!
    }

    public func process(_ document: inout Document, context: StageContext) throws {
        let splitter = splitter(for: document)
        let result = try splitter.segmenter.run(
            document.text, paragraphs: document.paragraphs, tokens: true, sentences: true,
            maxTokens: context.limits.maxTokens, checkpoint: { try context.checkDeadline() })
        if result.overflowed {
            throw DocumentFailure(.limit, "more than \(context.limits.maxTokens) tokens (limits.max_tokens)")
        }
        document.sentences = result.sentences
        document.tokens = result.tokens
    }
}

import Foundation
import Testing
import TextpipeCore
import TextpipeText

@Suite("sentences stage")
struct SentencesStageTests {
    func stage(_ values: [String: OptionValue] = [:]) throws -> SentencesStage {
        try SentencesStage(options: StageOptions(stageName: "sentences", values: values),
                           context: LoadContext(baseDirectory: URL(fileURLWithPath: "/")))
    }

    func document(_ text: String, paragraphs: [Span] = [], language: String? = nil) -> Document {
        var d = Document(id: "d", source: "test")
        d.text = text
        d.paragraphs = paragraphs
        d.meta.language = language
        return d
    }

    func texts(_ d: Document) -> [String] {
        SentenceEvaluation.texts(d.sentences, in: d.text)
    }

    @Test("fills sentences and tokens, paragraph by paragraph")
    func fillsSentencesAndTokens() throws {
        var d = document("Markets rally\n\nStocks rose. Bonds fell.", paragraphs: [Span(0, 13), Span(15, 39)])
        try stage().process(&d, context: StageContext())
        #expect(texts(d) == ["Markets rally", "Stocks rose.", "Bonds fell."])
        #expect(d.tokens.count == 8)
        #expect(d.counts.words == 6)
    }

    @Test("derives paragraphs from blank lines when there are none")
    func derivesParagraphs() throws {
        var d = document("Headline without period\n\nBody text. More text.")
        try stage().process(&d, context: StageContext())
        #expect(texts(d) == ["Headline without period", "Body text.", "More text."])
    }

    @Test("language auto follows meta.language")
    func autoLanguage() throws {
        let s = try stage()
        var german = document("Es geschah am 3. Oktober in Berlin.", language: "de")
        var english = document("Es geschah am 3. Oktober in Berlin.", language: "en")
        var unknown = document("Es geschah am 3. Oktober in Berlin.", language: "it")
        try s.process(&german, context: StageContext())
        try s.process(&english, context: StageContext())
        try s.process(&unknown, context: StageContext())
        #expect(german.sentences.count == 1)
        #expect(english.sentences.count == 2)
        #expect(unknown.sentences.count == 2)
        var fixed = document("Es geschah am 3. Oktober in Berlin.", language: "en")
        try stage(["language": .string("de")]).process(&fixed, context: StageContext())
        #expect(fixed.sentences.count == 1)
    }

    @Test("line_breaks and abbreviations options")
    func options() throws {
        var d = document("This was cut\nin two. See Abt. Miller.")
        try stage(["line_breaks": .string("join"), "abbreviations": .list([.string("Abt")])]).process(&d, context: StageContext())
        #expect(texts(d) == ["This was cut\nin two.", "See Abt. Miller."])
        #expect(throws: ConfigurationError.self) { try stage(["line_breaks": .string("wrap")]) }
        #expect(throws: ConfigurationError.self) { try stage(["abbreviations": .list([.string("two words")])]) }
    }

    @Test("a bad language in a pipeline file is a configuration error with a suggestion")
    func badLanguageInPipeline() throws {
        let loader = PipelineLoader(registry: StageRegistry([SentencesStage.self, GivesText.self]))
        let yaml = "version: 1\ninput: { stdin: jsonl }\nstages:\n  - gives_text: {}\n  - sentences: { language: enn }\n"
        do {
            _ = try loader.load(yaml: yaml, fileName: "p.yaml")
            Issue.record("expected an error")
        } catch {
            let message = "\(error)"
            #expect(message.contains("language"))
            #expect(message.contains("'en'"))
        }
        _ = try loader.load(yaml: "version: 1\ninput: { stdin: jsonl }\nstages:\n  - gives_text: {}\n  - sentences: { language: ru }\n", fileName: "p.yaml")
    }

    @Test("more tokens than limits.max_tokens is a limit failure")
    func tokenLimit() throws {
        var limits = Limits()
        limits.maxTokens = 5
        var d = document("One two three four five six seven.")
        do {
            try stage().process(&d, context: StageContext(limits: limits))
            Issue.record("expected a failure")
        } catch let f as DocumentFailure {
            #expect(f.kind == .limit)
        }
    }

    @Test("a passed deadline stops a long document")
    func deadline() throws {
        let text = String(repeating: "A sentence.\n\n", count: 200)
        var d = document(text)
        let context = StageContext(deadline: .now() - .seconds(1), stageName: "sentences")
        #expect(throws: DocumentFailure.self) { try stage().process(&d, context: context) }
    }
}

/// Stands in for `clean` in pipeline files: provides the text the sentences stage requires.
private struct GivesText: Stage {
    static let description = StageDescription(name: "gives_text", summary: "test stand-in", provides: ["text"])
    init(options: StageOptions, context: LoadContext) throws {}
    func process(_ document: inout Document, context: StageContext) throws {}
}

import Foundation
import Testing
import TextpipeCore
import TextpipeText
@testable import TextpipeEntities

/// The entities stage as a user meets it: configured from a pipeline file, after the real
/// sentence splitter and tokenizer, on raw text.
struct PipelineTests {
    /// Stands in for `clean`: the document's bytes are its text.
    struct PlainText: Stage {
        static let description = StageDescription(name: "plain", summary: "bytes as text", provides: ["text"])
        init(options: StageOptions, context: LoadContext) throws {}
        func process(_ document: inout Document, context: StageContext) throws {
            document.text = String(decoding: document.content?.bytes ?? [], as: UTF8.self)
        }
    }

    let base: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("entities-pipeline-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url.appendingPathComponent("in"), withIntermediateDirectories: true)
        return url
    }()

    func load(_ entities: String) throws -> Pipeline {
        let yaml = """
            version: 1
            input: { paths: [in/] }
            output: { dir: out }
            stages:
              - plain: {}
              - sentences: {}
              - entities: \(entities)
            """
        let registry = StageRegistry([PlainText.self, SentencesStage.self, EntitiesStage.self])
        return try PipelineLoader(registry: registry, baseDirectory: base).load(yaml: yaml, fileName: "p.yaml")
    }

    func run(_ pipeline: Pipeline, _ text: String) throws -> Document {
        var document = Document(id: "d", source: "d")
        document.content = Content(bytes: Array(text.utf8), format: .text)
        for configured in pipeline.stages { try configured.stage.process(&document, context: StageContext()) }
        return document
    }

    @Test func rawTextThroughTheRealChain() throws {
        guard bundledTagger() != nil else { Issue.record("the shipped model is missing"); return }
        try "Widget Pro\tPRODUCT\tAcme Widget Pro\n".write(to: base.appendingPathComponent("products.tsv"), atomically: true, encoding: .utf8)
        let pipeline = try load("""
            { gazetteers: [products.tsv], patterns: [{type: TICKER, regex: "\\\\bNASDAQ:[A-Z]+"}], extensions: before }
            """)
        let text = """
            The war between Armenia and Azerbaijan began on September 27. Azerbaijan's president, Ilham Aliyev, \
            spoke in Baku. Aliyev said aid worth $100 million would come.

            Acme (NASDAQ:ACME) sold the Widget Pro for 10 percent less in Zürich.
            """
        let document = try run(pipeline, text)
        let found = Set(document.entities.map { "\($0.type) \($0.text)" })
        for expected in ["LOC Armenia", "LOC Azerbaijan", "DATE September 27", "PERSON Ilham Aliyev", "LOC Baku",
                         "PERSON Aliyev", "MONEY $100 million", "PRODUCT Widget Pro", "TICKER NASDAQ:ACME",
                         "PERCENT 10 percent", "LOC Zürich"] {
            #expect(found.contains(expected), "\(expected) not in \(found.sorted())")
        }
        for e in document.entities { #expect(slice(document.text, e.start, e.end) == e.text) }
        #expect(document.entities.first { $0.text == "Aliyev" }?.canonical == "Ilham Aliyev")
    }

    /// The English model on a German page would tag its capitalised nouns as names: other
    /// languages get names from the gazetteers only, unless listed in `languages`.
    @Test func theModelRunsOnlyOnItsLanguages() throws {
        guard bundledTagger() != nil else { Issue.record("the shipped model is missing"); return }
        try "Stadtrat\tORG\n".write(to: base.appendingPathComponent("de.tsv"), atomically: true, encoding: .utf8)
        let text = "Der Stadtrat hat ein Förderprogramm über 5 Millionen Euro beschlossen. Angela Berger sprach in Köln."
        func tagged(_ options: String, language: String?) throws -> Set<String> {
            var document = Document(id: "d", source: "d")
            document.content = Content(bytes: Array(text.utf8), format: .text)
            for configured in try load(options).stages {
                try configured.stage.process(&document, context: StageContext())
                if configured.stage is PlainText { document.meta.language = language }
            }
            for e in document.entities { #expect(slice(document.text, e.start, e.end) == e.text) }
            return Set(document.entities.map { "\($0.type) \($0.text)" })
        }
        let german = try tagged("{ gazetteers: [de.tsv] }", language: "de")
        #expect(german == ["ORG Stadtrat", "MONEY 5 Millionen Euro", "PERSON Angela Berger", "LOC Köln"]
                || german.isSuperset(of: ["ORG Stadtrat", "PERSON Angela Berger", "LOC Köln"]), "\(german.sorted())")
        #expect(!german.contains { $0.hasPrefix("PERSON Der") || $0.contains("Förderprogramm") }, "\(german.sorted())")
        let asEnglish = try tagged("{ gazetteers: [de.tsv] }", language: nil)
        #expect(asEnglish.contains("ORG Stadtrat") && asEnglish.count > 1, "\(asEnglish.sorted())")
        let listed = try tagged("{ gazetteers: [de.tsv], languages: [en, de] }", language: "de")
        #expect(listed != german, "with de listed the model runs: \(listed.sorted())")
    }

    @Test(arguments: [
        ("{ extensions: befor }", "must be one of before, after", "p.yaml:7:29; did you mean 'before'?"),
        ("{ gazetteers: [missing.tsv] }", "does not exist: missing.tsv", "p.yaml:7:30"),
        ("{ types: [PERSN] }", "unknown entity type 'PERSN'", "did you mean 'PERSON'"),
        ("{ modl: x }", "unknown option 'modl'", "did you mean 'model'"),
        ("{ patterns: [{type: X, regex: '(('}] }", "invalid regular expression", "p.yaml:7:28"),
    ])
    func configurationErrors(_ options: String, _ message: String, _ hint: String) throws {
        do {
            _ = try load(options)
            Issue.record("expected a configuration error for \(options)")
        } catch {
            let text = "\(error)"
            #expect(text.contains(message), "\(text)")
            #expect(text.contains(hint), "\(text)")
        }
    }
}

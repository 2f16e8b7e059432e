import Foundation
import Testing
import TextpipeCore
@testable import TextpipeCustom

/// `fields` shapes the written records and rejects names that are not fields of the record.
struct FieldsStageTests {
    /// (options, top-level keys of the written record, keys of its meta object)
    static let shapes: [(String, [String], [String])] = [
        ("{ keep: [text] }", ["id", "text"], []),
        ("{ keep: [meta.language, text] }", ["id", "meta", "text"], ["language"]),
        ("{ drop: [paragraphs, sentences, entities, stats, source] }", ["id", "meta", "text"], ["language"]),
        ("{ rename: { text: body, meta.language: lang } }", ["id", "source", "meta", "body", "paragraphs", "sentences", "entities", "stats"], ["lang"]),
        ("{ rename: { meta.language: meta.lang }, keep: [meta] }", ["id", "meta"], ["lang"]),
    ]

    @Test(arguments: shapes)
    func shapesTheRecord(options: String, top: [String], meta: [String]) throws {
        let p = try loadPipeline("  - text\n  - fields: \(options)\n")
        let record = try run(p, texts: ["lang:en Hello."]).records[0]
        #expect(record.objectValue!.map(\.0) == top)
        let metaKey = top.first { record[$0]?.objectValue != nil && $0 != "stats" }
        #expect((metaKey.flatMap { record[$0]?.objectValue?.map(\.0) } ?? []) == meta)
    }

    /// (options, a fragment of the message)
    static let mistakes: [(String, String)] = [
        ("{}", "'fields' needs at least one of keep, drop or rename"),
        ("{ keep: [txt] }", "'txt' in 'keep' is not a field of the record at p.yaml:7:21; did you mean 'text'?"),
        ("{ drop: [meta.titel] }", "did you mean 'meta.title'?"),
        ("{ drop: [id] }", "'id' is always written"),
        ("{ rename: { id: doc_id } }", "'id' is always written as 'id'"),
        ("{ rename: { meta.title: text.title } }", "'meta.title' can only be renamed within its parent"),
        ("{ rename: { text: meta } }", "two fields would be written as 'meta'"),
        ("{ rename: [text] }", "expects a map such as { text: body }"),
        ("{ drop: [custom.a.b] }", "more than two levels deep"),
    ]

    @Test(arguments: mistakes)
    func mistakesGetClearMessages(options: String, expected: String) {
        let messages = configurationMessages { _ = try loadPipeline("  - text\n  - fields: \(options)\n") }
        #expect(messages.contains { $0.contains(expected) }, "got: \(messages)")
    }

    @Test func customKeysMayBeAnyName() throws {
        let p = try loadPipeline("  - text\n  - fields: { drop: [custom.debug], rename: { custom.quotes: custom.q } }\n")
        let steps = try #require(p.stages[1].stage as? FieldsStage).shapeSteps
        let shape = RecordShape(steps)
        #expect(shape.outputPath("custom.debug") == nil)
        #expect(shape.outputPath("custom.quotes") == "custom.q")
        #expect(shape.outputPath("custom.other") == "custom.other")
    }
}

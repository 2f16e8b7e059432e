import Foundation
import Testing
@testable import TextpipeCore

/// Shapes keep, drop and rename fields on the way out, in order, and leave the document alone.
struct RecordShapeTests {
    static let document: Document = {
        var d = Document(id: "d1", source: "a.html")
        d.meta.title = "Title"
        d.meta.author = "Ann"
        d.text = "Hello world."
        d.paragraphs = [Span(0, 12)]
        d.entities = [Entity(start: 6, end: 11, type: "LOC", text: "world")]
        d.custom = ["quotes": .array([]), "debug": .int(1)]
        return d
    }()

    /// Top-level keys of the shaped record, and keys of its "meta" and "custom" objects.
    func keys(_ steps: [RecordShape.Step]) throws -> (top: [String], meta: [String], custom: [String]) {
        let record = try JSONValue.parse(String(decoding: Self.document.jsonRecord(shape: RecordShape(steps)), as: UTF8.self))
        let top = record.objectValue!.map(\.0)
        let meta = top.first { record[$0]?["title"] != nil || record[$0]?["headline"] != nil }.flatMap { record[$0]?.objectValue?.map(\.0) } ?? []
        let custom = top.first { record[$0]?["debug"] != nil || record[$0]?["quotes"] != nil }.flatMap { record[$0]?.objectValue?.map(\.0) } ?? []
        return (top, meta, custom)
    }

    static let cases: [([RecordShape.Step], [String], [String], [String])] = [
        ([], ["id", "source", "meta", "text", "paragraphs", "sentences", "entities", "stats", "custom"], ["title", "author"], ["debug", "quotes"]),
        ([.keep(["id", "text"])], ["id", "text"], [], []),
        ([.keep(["id", "meta.title", "custom.quotes"])], ["id", "meta", "custom"], ["title"], ["quotes"]),
        ([.drop(["paragraphs", "sentences", "stats", "meta.author", "custom.debug"])], ["id", "source", "meta", "text", "entities", "custom"], ["title"], ["quotes"]),
        ([.rename(["text": "body", "meta.title": "meta.headline"])], ["id", "source", "meta", "body", "paragraphs", "sentences", "entities", "stats", "custom"], ["headline", "author"], ["debug", "quotes"]),
        // Later steps name fields as earlier steps left them.
        ([.rename(["text": "body"]), .keep(["id", "body"])], ["id", "body"], [], []),
        ([.rename(["custom": "extra"]), .drop(["extra.debug"])], ["id", "source", "meta", "text", "paragraphs", "sentences", "entities", "stats", "extra"], ["title", "author"], ["quotes"]),
        ([.keep(["id", "text"]), .rename(["meta": "info"])], ["id", "text"], [], []),
    ]

    @Test(arguments: cases)
    func shapesTheRecord(steps: [RecordShape.Step], top: [String], meta: [String], custom: [String]) throws {
        let got = try keys(steps)
        #expect(got.top == top)
        #expect(got.meta == meta)
        #expect(got.custom == custom)
    }

    @Test(arguments: [
        ("text", "body"), ("meta.title", "meta.headline"), ("meta.author", nil), ("custom.x", "custom.x"),
        ("paragraphs", nil), ("id", "id"),
    ] as [(String, String?)])
    func outputPaths(path: String, expected: String?) {
        let shape = RecordShape([.drop(["meta.author", "paragraphs"]), .rename(["text": "body", "meta.title": "meta.headline"])])
        #expect(shape.outputPath(path) == expected)
    }

    @Test func identityWritesTheSameBytes() {
        #expect(Self.document.jsonRecord() == Self.document.jsonRecord(shape: RecordShape()))
        #expect(RecordShape().isIdentity)
    }
}

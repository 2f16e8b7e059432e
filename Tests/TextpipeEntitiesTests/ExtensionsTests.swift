import Foundation
import Testing
import TextpipeCore
@testable import TextpipeEntities

/// A user's gazetteers and patterns, their precedence over the model, type filtering, and the
/// configuration errors they raise.
struct ExtensionsTests {
    static func gazetteerFile(_ lines: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gaz-\(UUID().uuidString).tsv")
        try lines.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    static func patterns(_ yaml: String) throws -> EntityPatterns {
        let node = try ConfigNode.parse(yaml: yaml, file: "test.yaml")
        return try EntityPatterns(node, options: StageOptions(stageName: "entities"))
    }

    func run(_ stage: EntitiesStage, _ marked: String) throws -> [String] {
        var document = markedDocument(marked)
        try stage.process(&document, context: StageContext())
        return document.entities.map { "\($0.type) \($0.text)" + ($0.canonical.map { " -> \($0)" } ?? "") }
    }

    @Test func gazetteerEntitiesWithCanonicalForms() throws {
        guard let tagger = bundledTagger() else { Issue.record("the shipped model is missing"); return }
        let url = try Self.gazetteerFile("# phrase\ttype\tcanonical\nWidget Pro 3\tPRODUCT\tAcme Widget Pro 3\nacme widget\tPRODUCT\n")
        let stage = EntitiesStage(tagger: tagger, gazetteers: [try Gazetteer.user(contentsOf: url)], types: ["PRODUCT"])
        // Case as written: "Widget  Pro 3" matches across extra spaces, "acme widget" only in lower case.
        #expect(try run(stage, "They sold the Widget  Pro 3 and an acme widget but no Acme Widget .")
                == ["PRODUCT Widget  Pro 3 -> Acme Widget Pro 3", "PRODUCT acme widget"])
    }

    @Test func precedenceBeforeAndAfterTheModel() throws {
        guard let tagger = bundledTagger() else { Issue.record("the shipped model is missing"); return }
        let url = try Self.gazetteerFile("Ilham Aliyev\tLEADER\n")
        let gazetteer = try Gazetteer.user(contentsOf: url)
        let text = "President Ilham Aliyev of Azerbaijan spoke in Baku on Sunday ."
        let model = try run(EntitiesStage(tagger: tagger, types: ["PERSON", "LEADER"]), text)
        #expect(model == ["PERSON Ilham Aliyev"])
        let before = try run(EntitiesStage(tagger: tagger, gazetteers: [gazetteer], extensions: "before", types: ["PERSON", "LEADER"]), text)
        #expect(before == ["LEADER Ilham Aliyev"])
        let after = try run(EntitiesStage(tagger: tagger, gazetteers: [gazetteer], extensions: "after", types: ["PERSON", "LEADER"]), text)
        #expect(after == ["PERSON Ilham Aliyev"])
    }

    @Test(arguments: [
        ("[{type: PRODUCT, regex: 'iPhone \\d+( Pro)?'}]", "Apple's new iPhone 12 Pro sold out .", ["PRODUCT iPhone 12 Pro"]),
        ("[{type: ORG, tokens: [{lower: acme}, {text: Corp, op: '?'}]}]", "ACME Corp and acme rose .", ["ORG ACME Corp", "ORG acme -> ACME Corp"]),
        ("[{type: CODE, tokens: [{shape: XX-dddd}]}]", "Ask for AB-1234 or ab-1234 .", ["CODE AB-1234"]),
        ("[{type: RANGE, tokens: ['from', {shape: d, op: '+'}]}]", "from 1 2 3 to 4", ["RANGE from 1 2 3"]),
    ])
    func patterns(_ yaml: String, _ marked: String, _ expected: [String]) throws {
        guard let tagger = bundledTagger() else { Issue.record("the shipped model is missing"); return }
        let patterns = try Self.patterns(yaml)
        let stage = EntitiesStage(tagger: tagger, patterns: patterns, types: Set(patterns.types))
        let found = try run(stage, marked)
        #expect(found == expected)
    }

    @Test(arguments: [
        ("[{type: X}]", "needs 'regex'"),
        ("[{regex: a}]", "needs a 'type'"),
        ("[{type: X, regex: '(('}]", "invalid regular expression"),
        ("[{type: X, tokens: [{lowr: a}]}]", "unknown token test 'lowr'"),
        ("[{type: X, tokens: [{text: a, op: '!'}]}]", "op must be"),
        ("[{type: X, regx: a}]", "unknown key 'regx'"),
        ("{type: X}", "expects a list"),
    ])
    func patternErrors(_ yaml: String, _ message: String) throws {
        #expect(throws: ConfigurationError.self) { try Self.patterns(yaml) }
        do { _ = try Self.patterns(yaml) } catch let e as ConfigurationError {
            #expect(e.description.contains(message), "\(e)")
        }
    }

    @Test func badGazetteerLine() throws {
        let url = try Self.gazetteerFile("good\tTYPE\nonly-a-phrase\n")
        #expect(throws: EntityResourceError.self) { try Gazetteer.user(contentsOf: url) }
    }

    @Test func unknownTypeIsAConfigurationError() throws {
        guard bundledTagger() != nil else { Issue.record("the shipped model is missing"); return }
        let options = StageOptions(stageName: "entities", values: ["types": .list([.string("PERSN")])])
        do {
            _ = try EntitiesStage(options: options, context: LoadContext(baseDirectory: URL(fileURLWithPath: "/")))
            Issue.record("expected an error")
        } catch let e as ConfigurationError {
            #expect(e.description.contains("unknown entity type 'PERSN'"))
            #expect(e.suggestion == "PERSON")
        }
    }
}

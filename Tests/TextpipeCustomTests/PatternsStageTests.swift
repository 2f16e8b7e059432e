import Foundation
import Testing
import TextpipeCore
import TextpipeText
@testable import TextpipeCustom

/// Marks "Acme Corp" as a PERSON, standing in for a model that got it wrong.
struct WrongModelStage: Stage {
    static let description = StageDescription(name: "wrong_model", summary: "a wrong entity", provides: ["entities"])
    init(options: StageOptions, context: LoadContext) throws {}
    func process(_ document: inout Document, context: StageContext) throws {
        let s = Array(document.text.unicodeScalars)
        let target = Array("Acme Corp".unicodeScalars)
        for i in 0..<max(0, s.count - target.count + 1) where Array(s[i..<i + target.count]) == target {
            document.entities.append(Entity(start: i, end: i + target.count, type: "PERSON", text: "Acme Corp"))
        }
    }
}

/// `patterns` finds a user's gazetteer phrases and patterns with the entity tagger's matcher,
/// and layers them over the entities already there.
struct PatternsStageTests {
    let base = temporaryDirectory()
    var registry: StageRegistry {
        var r = customRegistry
        r.register(SentencesStage.self)
        r.register(PatternsStage.self)
        r.register(WrongModelStage.self)
        return r
    }

    func entities(_ options: String, text: String, before: String = "") throws -> [String] {
        try Data("Halvorsen Foods\tORG\tHalvorsen Foods ASA\ncocoa\tCOMMODITY\n".utf8).write(to: base.appendingPathComponent("list.tsv"))
        let p = try loadPipeline("  - text\n  - sentences\n\(before)  - patterns: \(options)\n", base: base, registry: registry)
        let record = try run(p, texts: [text]).records[0]
        return (record["entities"]?.arrayValue ?? []).map { e in
            let canonical = e["canonical"]?.stringValue.map { "=" + $0 } ?? ""
            return "\(e["type"]!.stringValue!):\(e["text"]!.stringValue!)\(canonical)"
        }
    }

    /// (options, text, entities as TYPE:text[=canonical])
    static let cases: [(String, String, [String])] = [
        ("{ gazetteers: [list.tsv] }", "Halvorsen Foods said cocoa prices rose.", ["ORG:Halvorsen Foods=Halvorsen Foods ASA", "COMMODITY:cocoa"]),
        ("{ gazetteers: [list.tsv] }", "Halvorsen Foodstuffs and cocoabutter.", []),
        ("{ patterns: [{ type: PRODUCT, regex: 'iPhone \\d+( Pro)?' }] }", "The iPhone 15 Pro and the iPhone 14.", ["PRODUCT:iPhone 15 Pro", "PRODUCT:iPhone 14"]),
        ("{ patterns: [{ type: ORG, tokens: [Acme, {lower: corp, op: '?'}] }] }", "Acme Corp bought Acme.", ["ORG:Acme Corp", "ORG:Acme"]),
        ("{ patterns: [{ type: CODE, tokens: [{shape: XX-dddd}] }] }", "Form AB-1234 or ab-1234.", ["CODE:AB-1234"]),
    ]

    @Test(arguments: cases)
    func findsWhatTheUserListed(options: String, text: String, expected: [String]) throws {
        #expect(try entities(options, text: text) == expected)
    }

    @Test(arguments: [("true", ["ORG:Acme Corp"]), ("false", ["PERSON:Acme Corp"])])
    func overwriteDecidesWhoWins(overwrite: String, expected: [String]) throws {
        let options = "{ patterns: [{ type: ORG, tokens: [Acme, {lower: corp}] }], overwrite: \(overwrite) }"
        #expect(try entities(options, text: "Acme Corp grew.", before: "  - wrong_model\n") == expected)
    }

    @Test(arguments: [("{ patterns: [{ type: X, regex: a }] }", ["text"]), ("{ gazetteers: [list.tsv] }", ["text", "tokens"]),
                      ("{ patterns: [{ type: X, tokens: [a] }] }", ["text", "tokens"])])
    func requiresTokensOnlyForTokenRules(options: String, requires: [String]) throws {
        try Data("a\tB\n".utf8).write(to: base.appendingPathComponent("list.tsv"))
        let p = try loadPipeline("  - text\n  - sentences\n  - patterns: \(options)\n", base: base, registry: registry)
        #expect(p.stages[2].stage.requires == requires)
    }

    /// (options, a fragment of the message)
    static let mistakes: [(String, String)] = [
        ("{}", "'patterns' needs 'gazetteers' or 'patterns'"),
        ("{ patterns: [{ type: X, regex: '(' }] }", "invalid regular expression '('"),
        ("{ patterns: [{ regex: a }] }", "needs a 'type'"),
        ("{ patterns: [{ type: X, tokens: [{shape: Xx, op: '!'}] }] }", "op must be ?, + or *"),
        ("{ gazetteers: [missing.tsv] }", "names a file that does not exist"),
    ]

    @Test(arguments: mistakes)
    func mistakesGetClearMessages(options: String, expected: String) {
        let messages = configurationMessages { _ = try loadPipeline("  - text\n  - sentences\n  - patterns: \(options)\n", base: base, registry: registry) }
        #expect(messages.contains { $0.contains(expected) }, "got: \(messages)")
    }
}

import Foundation
import Testing
import TextpipeCore
@testable import TextpipeCustom

/// `filter` drops documents with a counted reason; a table of options, texts and outcomes.
/// A text may start with "lang:xx " to set meta.language (see `TextStage`).
struct FilterStageTests {
    /// (options, texts, expected outcome per text: "ok" or the drop reason)
    static let cases: [(String, [String], [String])] = [
        ("{ languages: [en, de] }", ["lang:en Hi.", "lang:DE Hallo.", "lang:fr Salut.", "No language."], ["ok", "ok", "languages", "languages"]),
        ("{ languages: [en, unknown] }", ["lang:fr Salut.", "No language."], ["languages", "ok"]),
        ("{ min_chars: 5, max_chars: 10 }", ["abcd", "abcde", "éééééééééé", "abcdefghijk"], ["min_chars", "ok", "ok", "max_chars"]),
        ("{ min_words: 3 }", ["one two", "one — two", "one two three", "l’été est là", "１２ ３４ ５６"], ["min_words", "min_words", "ok", "ok", "ok"]),
        ("{ max_words: 2 }", ["one two", "one two three"], ["ok", "max_words"]),
        ("{ duplicates: drop }", ["Same text.", "same   TEXT.", "Other text.", "Same text."], ["ok", "duplicate", "ok", "duplicate"]),
        ("{ keep_if: '(?i)\\bclimate\\b' }", ["Climate talks.", "Football."], ["ok", "keep_if"]),
        ("{ drop_if: '(?i)sponsored content|advertorial' }", ["This is SPONSORED content.", "News."], ["drop_if", "ok"]),
        ("{ require_meta: [language] }", ["lang:en Hi.", "Hi."], ["ok", "missing meta.language"]),
        ("{ meta: { language: '^(en|de)$' } }", ["lang:en Hi.", "lang:eng Hi.", "Hi."], ["ok", "meta.language", "meta.language"]),
        // The first criterion that fails names the reason.
        ("{ languages: [en], min_chars: 100 }", ["lang:fr x", "lang:en x"], ["languages", "min_chars"]),
    ]

    @Test(arguments: cases)
    func dropsWithCountedReasons(options: String, texts: [String], expected: [String]) throws {
        let p = try loadPipeline("  - text\n  - filter: \(options)\n", run: "{ workers: 1 }")
        let sink = try run(p, texts: texts)
        #expect(sink.records.map { $0["dropped"]?.stringValue ?? "ok" } == expected)
        let counts = sink.report!.counts
        #expect(counts.dropped == expected.filter { $0 != "ok" }.count)
        #expect(counts.droppedByReason == Dictionary(expected.filter { $0 != "ok" }.map { ($0, 1) }, uniquingKeysWith: +))
    }

    @Test func sampleKeepsAStableShare() throws {
        let texts = (0..<2000).map { "doc \($0)" }
        var kept: [[String]] = []
        for _ in 0..<2 {
            let p = try loadPipeline("  - text\n  - filter: { sample: 0.25 }\n")
            kept.append(try run(p, texts: texts).records.compactMap { $0["dropped"] == nil ? $0["id"]?.stringValue : nil })
        }
        #expect(kept[0] == kept[1])
        #expect((400...600).contains(kept[0].count), "kept \(kept[0].count) of 2000")
    }

    @Test func duplicatesAreForgottenWhenTheRunEnds() throws {
        let p = try loadPipeline("  - text\n  - filter: { duplicates: drop }\n", run: "{ workers: 1 }")
        for _ in 0..<2 {
            #expect(try run(p, texts: ["a", "a"]).records.map { $0["dropped"]?.stringValue ?? "ok" } == ["ok", "duplicate"])
        }
    }

    /// (options, a fragment of the message)
    static let mistakes: [(String, String)] = [
        ("{}", "'filter' needs at least one criterion"),
        ("{ min_words: 10, max_words: 5 }", "min_words (10) is more than max_words (5)"),
        ("{ drop_if: '(unclosed' }", "'(unclosed' in 'drop_if' is not a valid regular expression"),
        ("{ meta: { titel: x } }", "'titel' is not a metadata field"),
        ("{ meta: { titel: x } }", "did you mean 'title'?"),
        ("{ require_meta: [headline] }", "must be one of title, author"),
        ("{ duplicates: yes }", "must be one of keep, drop"),
    ]

    @Test(arguments: mistakes)
    func mistakesGetClearMessages(options: String, expected: String) {
        let messages = configurationMessages { _ = try loadPipeline("  - text\n  - filter: \(options)\n") }
        #expect(messages.contains { $0.contains(expected) }, "got: \(messages)")
    }

    /// What the filter reads depends on its options, and the loader checks it.
    @Test(arguments: [("{ languages: [en] }", ["meta"]), ("{ min_words: 3 }", ["text"]), ("{ sample: 0.5 }", []),
                      ("{ require_meta: [title], drop_if: x }", ["meta", "text"])])
    func requiresWhatItsOptionsRead(options: String, requires: [String]) throws {
        let p = try loadPipeline("  - text\n  - filter: \(options)\n")
        #expect(p.stages[1].stage.requires == requires)
        let messages = configurationMessages { _ = try loadPipeline("  - filter: \(options)\n") }
        // One message names every missing field that the same stage ('text') would provide.
        #expect(messages.count == (requires.isEmpty ? 0 : 1))
        #expect(requires.allSatisfy { field in messages.first?.contains("'\(field)'") == true })
    }
}

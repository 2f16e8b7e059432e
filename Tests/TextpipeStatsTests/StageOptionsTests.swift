import Foundation
import Testing
import TextpipeCore
@testable import TextpipeStats

/// The stage's options as a pipeline file gives them: defaults, values, and located errors.
struct StageOptionsTests {
    static let registry = StageRegistry([ShardMergeTests.PreparedStage.self, StatsStage.self])

    func load(_ stats: String, files: [String: String] = [:]) throws -> StatsStage {
        let base = temporaryDirectory()
        try FileManager.default.createDirectory(at: base.appendingPathComponent("in"), withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: base.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        let yaml = "version: 1\ninput: { paths: [in/] }\nstages:\n  - prepared\n  - stats: \(stats)\n"
        let p = try PipelineLoader(registry: Self.registry, baseDirectory: base).load(yaml: yaml, fileName: "p.yaml")
        return p.stages[1].stage as! StatsStage
    }

    @Test func defaults() throws {
        let s = try load("{}").settings
        #expect(s == StatsSettings())
        #expect(s.topTerms == 200 && s.ngrams == 3 && s.sketch == nil && s.report)
    }

    @Test func valuesAndStopwords() throws {
        let s = try load("{ top_terms: 50, ngrams: 2, min_count: 5, report: false, stopwords: { en: [Harbour, ferry], de: extra.txt }, sketch: true, sketch_width: 2048 }",
                         files: ["extra.txt": "# German extras\nStadt\n\nLand\n"]).settings
        #expect(s.topTerms == 50 && s.ngrams == 2 && s.minCount == 5 && !s.report)
        #expect(s.stopwords == ["en": ["Harbour", "ferry"], "de": ["Stadt", "Land"]])
        #expect(s.stopwordLists.contains("harbour", language: "en") && s.stopwordLists.contains("stadt", language: "de"))
        #expect(s.sketch?.width == 2048)
    }

    @Test(arguments: [
        ("{ sketch_width: 2048 }", "has no effect without 'sketch: true'", "p.yaml:5:"),
        ("{ stopwords: [a, b] }", "expects a map of language codes", "p.yaml:5:"),
        ("{ stopwords: { english1: [a] } }", "is not a language code", "p.yaml:5:"),
        ("{ stopwords: { en: missing.txt } }", "cannot read the stop-word file missing.txt", "p.yaml:5:"),
        ("{ ngrams: 4 }", "must be within 1...3", "p.yaml:5:"),
        ("{ top_term: 5 }", "did you mean 'top_terms'", "p.yaml:5:"),
    ])
    func badOptionsAreLocated(options: String, message: String, location: String) {
        do {
            _ = try load(options)
            Issue.record("expected an error for \(options)")
        } catch {
            let text = "\(error)"
            #expect(text.contains(message), "\(text)")
            #expect(text.contains(location), "\(text)")
        }
    }

    @Test func statsNeedsTokens() {
        let base = temporaryDirectory()
        try? FileManager.default.createDirectory(at: base.appendingPathComponent("in"), withIntermediateDirectories: true)
        let yaml = "version: 1\ninput: { paths: [in/] }\nstages:\n  - stats\n"
        #expect(throws: (any Error).self) {
            _ = try PipelineLoader(registry: Self.registry, baseDirectory: base).load(yaml: yaml, fileName: "p.yaml")
        }
    }
}

import Foundation
import Testing
import TextpipeCore
@testable import TextpipeCustom

/// `keywords` finds terms leftmost-longest on word boundaries, counts them per document, and
/// adds up corpus totals exactly however the documents are split.
struct KeywordsStageTests {
    /// (options, text, mentions per name)
    static let cases: [(String, String, [String: Int])] = [
        ("{ terms: [inflation] }", "Inflation rose; inflation fell.", ["inflation": 2]),
        ("{ terms: [inflation], case_sensitive: true }", "Inflation rose; inflation fell.", ["inflation": 1]),
        ("{ terms: [Fed] }", "The Federal Reserve... the Fed's view, FED, fed-up.", ["Fed": 3]),
        ("{ terms: [Fed], whole_words: false }", "The Federal Reserve and the Fed.", ["Fed": 2]),
        ("{ terms: ['Federal Reserve=Fed', 'Federal Reserve=Federal Reserve'] }", "The Federal Reserve, or the Fed.", ["Federal Reserve": 2]),
        ("{ terms: [New York, New York Times] }", "The New York Times in New York.", ["New York Times": 1, "New York": 1]),
        ("{ terms: [Zürich, ÉTÉ] }", "ZÜRICH in été; Zürichsee is not.", ["Zürich": 1, "ÉTÉ": 1]),
        ("{ terms: [C++, $AAPL] }", "C++ and $AAPL, not C+++x... well C++ twice? $AAPLX no.", ["C++": 3, "$AAPL": 1]),
        ("{ terms: [energy] }", "énergy and energyé are not energy", ["energy": 1]),
        ("{ terms: [ab, bc, abc] }", "abc ab bc", ["abc": 1, "ab": 1, "bc": 1]),
        ("{ terms: [nothing] }", "Something else.", [:]),
    ]

    @Test(arguments: cases)
    func countsMentions(options: String, text: String, expected: [String: Int]) throws {
        let p = try loadPipeline("  - text\n  - keywords: \(options)\n")
        let stage = try #require(p.stages[1].stage as? KeywordsStage)
        #expect(stage.mentions(in: text) == expected)
    }

    @Test func flagsDocumentsAndDropsThoseThatMatchNothingWhenAsked() throws {
        let p = try loadPipeline("  - text\n  - keywords: { terms: [storm, flood], keep: matching, name: alerts }\n")
        let records = try run(p, texts: ["Storm warning.", "Sunny.", "Flood and storm, storm."]).records
        #expect(records[0]["custom"]?["alerts"] == .object([("storm", .int(1))]))
        #expect(records[1]["dropped"]?.stringValue == "keywords")
        #expect(records[2]["custom"]?["alerts"] == .object([("flood", .int(1)), ("storm", .int(2))]))
    }

    @Test func writesCorpusTotalsAtTheEnd() throws {
        let out = temporaryDirectory()
        let p = try loadPipeline("  - text\n  - keywords: { terms: [storm, 'Flood, river=flood'], keep: matching }\n")
        let sink = try run(p, texts: ["Storm warning.", "Sunny.", "Flood and storm, storm."], output: out)
        let json = try JSONValue.parse(String(contentsOf: out.appendingPathComponent("keywords.json"), encoding: .utf8))
        #expect(json["documents"]?.intValue == 3)
        #expect(json["matched"]?.intValue == 2)
        #expect(json["terms"]?.arrayValue?.first?["term"]?.stringValue == "storm")
        #expect(json["terms"]?.arrayValue?.first?["mentions"]?.intValue == 3)
        let csv = try String(contentsOf: out.appendingPathComponent("keywords.csv"), encoding: .utf8)
        #expect(csv == "term,documents,mentions\nstorm,2,3\n\"Flood, river\",1,1\n")
        #expect(sink.report!.partials["keywords"] != nil)
    }

    static let shardTexts = (0..<60).map { i in ["storm \(i)", "flood and storm", "calm", "FLOOD flood"][i % 4] }

    @Test func shardsAddUpToTheWholeRun() throws {
        let p = try loadPipeline("  - text\n  - keywords: { terms: [storm, flood] }\n", run: "{ workers: 3 }")
        let whole = try decode(run(p, texts: Self.shardTexts).report!.partials["keywords"]!)
        var merged = KeywordsStage.Totals()
        for shard in 0..<3 {
            var q = p
            q.run.shard = Shard(index: shard, count: 3)
            let sink = MemorySink()
            let report = try Executor(pipeline: q).run(textInputs(Self.shardTexts), total: nil, sink: sink)
            merged.merge(try decode(report.partials["keywords"]!))
        }
        #expect(merged == whole)
        #expect(whole.documents == 60)
        #expect(whole.terms["flood"] == KeywordsStage.TermCount(documents: 30, mentions: 45))
    }

    @Test func mergeIsAssociativeAndCommutative() {
        func totals(_ d: Int, _ term: String, _ m: Int) -> KeywordsStage.Totals {
            var t = KeywordsStage.Totals()
            t.documents = d
            t.matched = d
            t.terms[term] = KeywordsStage.TermCount(documents: d, mentions: m)
            return t
        }
        let (a, b, c) = (totals(1, "x", 2), totals(2, "y", 1), totals(3, "x", 5))
        var ab = a; ab.merge(b); var ab_c = ab; ab_c.merge(c)
        var bc = b; bc.merge(c); var a_bc = a; a_bc.merge(bc)
        var ca = c; ca.merge(a); var ca_b = ca; ca_b.merge(b)
        #expect(ab_c == a_bc)
        #expect(ab_c == ca_b)
        var empty = KeywordsStage.Totals(); empty.merge(a)
        #expect(empty == a)
    }

    func decode(_ bytes: [UInt8]) throws -> KeywordsStage.Totals {
        try JSONDecoder().decode(KeywordsStage.Totals.self, from: Data(bytes))
    }

    /// (options or file body, a fragment of the message)
    static let mistakes: [(String, String)] = [
        ("{}", "'keywords' needs 'terms' or 'files'"),
        ("{ terms: ['=x'] }", "has an empty term or name"),
        ("{ terms: [x], name: a.b }", "'name' is a plain name"),
        ("{ files: [missing.tsv] }", "names a file that does not exist"),
        ("{ files: [bad.tsv] }", "bad.tsv:2: expected term<TAB>name"),
    ]

    @Test(arguments: mistakes)
    func mistakesGetClearMessages(options: String, expected: String) throws {
        let base = temporaryDirectory()
        try Data("good\tname\na\tb\tc\n".utf8).write(to: base.appendingPathComponent("bad.tsv"))
        let messages = configurationMessages { _ = try loadPipeline("  - text\n  - keywords: \(options)\n", base: base) }
        #expect(messages.contains { $0.contains(expected) }, "got: \(messages)")
    }
}

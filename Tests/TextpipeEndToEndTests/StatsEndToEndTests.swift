import Foundation
import Testing
import TextpipeKit
import TextpipeStats
import TextpipeText

/// The statistics through the real binary on Samples/: shards merged with `textpipe stats
/// merge` give the same stats.json as one run over everything, byte for byte, and `textpipe
/// report` renders the same report.html the run wrote. Needs the clean, sentences and entities
/// stages of the default pipeline.
@Suite(.enabled(if: StatsRun.defaultPipelineRuns, "the default pipeline's stages (clean, sentences, entities) are not all registered yet"))
struct StatsEndToEndTests {
    @Test func shardsMergedEqualOneRunOverEverything() throws {
        let dir = temporaryDirectory()
        let whole = try Binary.run(["run", "--output", dir.appendingPathComponent("whole").path, "--fresh"])
        #expect(whole.status == 0 || whole.status == 1, "\(whole.stderr)")
        var parts: [String] = []
        for i in 0..<2 {
            let out = dir.appendingPathComponent("shard\(i)")
            let r = try Binary.run(["run", "--shard", "\(i)/2", "--output", out.path, "--fresh"])
            #expect(r.status == 0 || r.status == 1, "\(r.stderr)")
            parts.append(out.appendingPathComponent("stats.json").path)
        }
        let merged = dir.appendingPathComponent("merged.json")
        let m = try Binary.run(["stats", "merge"] + parts.reversed() + ["-o", merged.path])
        #expect(m.status == 0, "\(m.stderr)")
        let expected = try Data(contentsOf: dir.appendingPathComponent("whole/stats.json"))
        let got = try Data(contentsOf: merged)
        #expect(got == expected, "merged shards differ from the whole run")

        // The run's statistics say what Samples/ holds.
        let stats = try JSONSerialization.jsonObject(with: expected) as! [String: Any]
        let totals = (stats["derived"] as! [String: Any])["totals"] as! [String: Any]
        let htmlCount = try FileManager.default.contentsOfDirectory(atPath: Binary.root.appendingPathComponent("Samples").path)
            .filter { $0.hasPrefix("0") || $0.hasPrefix("1") }.count
        #expect(totals["documents"] as? Int == htmlCount)
        #expect(totals["failed"] as? Int == 1, "the broken sample fails")
        #expect((totals["words"] as? Int ?? 0) > 5000)

        // The report renders the same page from the merged file as the run wrote.
        let page = dir.appendingPathComponent("again.html")
        let r = try Binary.run(["report", merged.path, "-o", page.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try Data(contentsOf: page) == Data(contentsOf: dir.appendingPathComponent("whole/report.html")))
        for table in ["terms", "ngrams", "entities", "cooccurrence", "sources", "days"] {
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("whole/stats/\(table).csv").path))
        }
    }

    @Test func mergeRefusesStatisticsCountedDifferently() throws {
        let dir = temporaryDirectory()
        let pipeline = dir.appendingPathComponent("bigrams.yaml")
        let text = try String(contentsOf: Binary.root.appendingPathComponent("Pipelines/news.yaml"), encoding: .utf8)
        try text.replacingOccurrences(of: "stats:     { top_terms: 200 }", with: "stats:     { top_terms: 200, ngrams: 2 }")
            .write(to: pipeline, atomically: true, encoding: .utf8)
        _ = try Binary.run(["run", "--shard", "0/2", "--output", dir.appendingPathComponent("a").path, "--fresh"])
        _ = try Binary.run(["run", pipeline.path, "--shard", "1/2", "--output", dir.appendingPathComponent("b").path, "--fresh"])
        let r = try Binary.run(["stats", "merge", dir.appendingPathComponent("a/stats.json").path,
                                  dir.appendingPathComponent("b/stats.json").path, "-o", dir.appendingPathComponent("m.json").path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("other stats settings") && r.stderr.contains("ngrams 2"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("m.json").path))
    }
}

/// `stats merge` and `report` through the binary on statistics made here from tokenized
/// documents, so they run whatever stages the default pipeline has.
struct StatsCommandTests {
    static func documents() -> [Document] {
        let texts = [
            ("Harbour ferries", "en", "The harbour board met on Monday. Free ferries would cost less than fare machines, the board said. The harbour board will vote in June."),
            ("Tidal turbines", "en", "Tidewell raised money for tidal turbines. The tidal turbines sit in small harbours. Harbour towns want tidal turbines."),
            ("Köln baut", "de", "Köln will zwölftausend Wohnungen bauen. Die Stadt Köln baut mit dem Land. Die Stadt Köln plant mehr."),
            ("Census", "en", "Volunteers counted birds in Riverton. Riverton volunteers counted more birds than last year."),
        ]
        return texts.enumerated().map { i, t in
            var d = Document(id: StableHash.documentID(source: "doc\(i)"), source: "https://site\(i % 2).example/\(i)")
            d.text = t.2
            d.meta.title = t.0
            d.meta.language = t.1
            d.meta.published = "2025-0\(i + 1)-1\(i)"
            let seg = SentenceSplitter(language: t.1).segment(d.text)
            d.sentences = seg.sentences
            d.tokens = seg.tokens
            return d
        }
    }

    @Test func mergeAndReportThroughTheBinary() throws {
        let dir = temporaryDirectory()
        let stage = StatsStage(settings: StatsSettings())
        let docs = Self.documents()
        func total(_ ds: [Document]) -> StatsPartial {
            var t = StatsPartial()
            for d in ds { t.merge(stage.contribution(of: d)) }
            return t
        }
        let a = dir.appendingPathComponent("a.json"), b = dir.appendingPathComponent("b.json")
        try Data(StatsFiles.statsJSON(total(Array(docs[0..<3])))).write(to: a)
        try Data(StatsFiles.statsJSON(total([docs[3]]))).write(to: b)
        let merged = dir.appendingPathComponent("out/merged.json")
        let r = try Binary.run(["stats", "merge", b.path, a.path, "-o", merged.path, "--tables", dir.appendingPathComponent("tables").path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try Data(contentsOf: merged) == Data(StatsFiles.statsJSON(total(docs))))
        #expect(try String(contentsOf: dir.appendingPathComponent("tables/terms.csv"), encoding: .utf8).hasPrefix("language,term,count"))
        let page = dir.appendingPathComponent("report.html")
        let rep = try Binary.run(["report", merged.path, "-o", page.path])
        #expect(rep.status == 0, "\(rep.stderr)")
        #expect(try String(contentsOf: page, encoding: .utf8) == ReportPage(partial: total(docs)).html())
    }

    @Test(arguments: [
        (["stats", "merge", "Package.swift", "-o", "/tmp/textpipe-never.json"], 2, "is not JSON"),
        (["stats", "merge", "/nonexistent/stats.json", "-o", "/tmp/textpipe-never.json"], 3, "cannot read"),
        (["stats", "merge", "Samples/expected.json", "-o", "/tmp/textpipe-never.json"], 2, "holds no statistics"),
        (["report"], 2, "Missing expected argument"),
    ])
    func badInputsExitWithAMessage(arguments: [String], status: Int32, message: String) throws {
        let r = try Binary.run(arguments)
        #expect(r.status == status, "\(r.stderr)")
        #expect(r.stderr.contains(message), "\(r.stderr)")
    }
}

/// Whether the default pipeline's stages are all registered.
enum StatsRun {
    static var defaultPipelineRuns: Bool {
        ["clean", "sentences", "entities", "stats"].allSatisfy { BuiltInStages.registry[$0] != nil }
    }
}

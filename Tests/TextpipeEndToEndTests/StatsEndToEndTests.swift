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
        let dir = StatsRun.scratch()
        let whole = try StatsRun.run(["run", "--output", dir.appendingPathComponent("whole").path, "--fresh"])
        #expect(whole.status == 0 || whole.status == 1, "\(whole.stderr)")
        var parts: [String] = []
        for i in 0..<2 {
            let out = dir.appendingPathComponent("shard\(i)")
            let r = try StatsRun.run(["run", "--shard", "\(i)/2", "--output", out.path, "--fresh"])
            #expect(r.status == 0 || r.status == 1, "\(r.stderr)")
            parts.append(out.appendingPathComponent("stats.json").path)
        }
        let merged = dir.appendingPathComponent("merged.json")
        let m = try StatsRun.run(["stats", "merge"] + parts.reversed() + ["-o", merged.path])
        #expect(m.status == 0, "\(m.stderr)")
        let expected = try Data(contentsOf: dir.appendingPathComponent("whole/stats.json"))
        let got = try Data(contentsOf: merged)
        #expect(got == expected, "merged shards differ from the whole run")

        // The run's statistics say what Samples/ holds.
        let stats = try JSONSerialization.jsonObject(with: expected) as! [String: Any]
        let totals = (stats["derived"] as! [String: Any])["totals"] as! [String: Any]
        let htmlCount = try FileManager.default.contentsOfDirectory(atPath: StatsRun.root.appendingPathComponent("Samples").path)
            .filter { $0.hasPrefix("0") || $0.hasPrefix("1") }.count
        #expect(totals["documents"] as? Int == htmlCount)
        #expect(totals["failed"] as? Int == 1, "the broken sample fails")
        #expect((totals["words"] as? Int ?? 0) > 5000)

        // The report renders the same page from the merged file as the run wrote.
        let page = dir.appendingPathComponent("again.html")
        let r = try StatsRun.run(["report", merged.path, "-o", page.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try Data(contentsOf: page) == Data(contentsOf: dir.appendingPathComponent("whole/report.html")))
        for table in ["terms", "ngrams", "entities", "cooccurrence", "sources", "days"] {
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("whole/stats/\(table).csv").path))
        }
    }

    @Test func mergeRefusesStatisticsCountedDifferently() throws {
        let dir = StatsRun.scratch()
        let pipeline = dir.appendingPathComponent("bigrams.yaml")
        let text = try String(contentsOf: StatsRun.root.appendingPathComponent("Pipelines/news.yaml"), encoding: .utf8)
        try text.replacingOccurrences(of: "stats:     { top_terms: 200 }", with: "stats:     { top_terms: 200, ngrams: 2 }")
            .write(to: pipeline, atomically: true, encoding: .utf8)
        _ = try StatsRun.run(["run", "--shard", "0/2", "--output", dir.appendingPathComponent("a").path, "--fresh"])
        _ = try StatsRun.run(["run", pipeline.path, "--shard", "1/2", "--output", dir.appendingPathComponent("b").path, "--fresh"])
        let r = try StatsRun.run(["stats", "merge", dir.appendingPathComponent("a/stats.json").path,
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
        let dir = StatsRun.scratch()
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
        let r = try StatsRun.run(["stats", "merge", b.path, a.path, "-o", merged.path, "--tables", dir.appendingPathComponent("tables").path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try Data(contentsOf: merged) == Data(StatsFiles.statsJSON(total(docs))))
        #expect(try String(contentsOf: dir.appendingPathComponent("tables/terms.csv"), encoding: .utf8).hasPrefix("language,term,count"))
        let page = dir.appendingPathComponent("report.html")
        let rep = try StatsRun.run(["report", merged.path, "-o", page.path])
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
        let r = try StatsRun.run(arguments)
        #expect(r.status == status, "\(r.stderr)")
        #expect(r.stderr.contains(message), "\(r.stderr)")
    }
}

/// Runs the built `textpipe` from the package root (the binary sits beside the test bundle).
enum StatsRun {
    static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url = url.deletingLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    static var binary: URL? {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("textpipe")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }

    static var defaultPipelineRuns: Bool {
        ["clean", "sentences", "entities", "stats"].allSatisfy { BuiltInStages.registry[$0] != nil }
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String]) throws -> Result {
        guard let binary else { throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "textpipe binary not built"]) }
        let p = Process()
        p.executableURL = binary
        p.arguments = arguments
        p.currentDirectoryURL = root
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        nonisolated(unsafe) var o = Data(), e = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { o = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter()
        DispatchQueue.global().async { e = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        p.waitUntilExit()
        group.wait()
        return Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    static func scratch() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("textpipe-stats-e2e-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

import Foundation
import Testing
import TextpipeTestSupport
import TextpipeCore
@testable import TextpipeStats

/// Statistics of shards, merged, equal the statistics of one run over everything: as saved
/// stats.json bytes, through the contributions alone and through the real executor.
struct ShardMergeTests {
    @Test(arguments: [2, 3, 5])
    func shardsMergeToTheWholeFromContributions(shards: Int) throws {
        let stage = StatsStage(settings: TestDocuments.settings())
        let whole = fold(TestDocuments.contributions(stage))
        var merged = StatsPartial()
        for i in (0..<shards).reversed() {
            let shard = Shard(index: i, count: shards)
            let docs = TestDocuments.corpus.filter { shard.contains(id: $0.id) }
            let fails = TestDocuments.failures.filter { shard.contains(id: $0.id) }
            let part = fold(docs.map(stage.contribution(of:)) + fails.map(stage.contribution(ofFailure:)))
            // Through the saved form, as `stats merge` reads it.
            let saved = try StatsFiles.readPartial(Data(try StatsFiles.statsJSON(part)), name: "shard \(i)")
            merged.merge(saved)
        }
        #expect(merged.documents == TestDocuments.corpus.count)
        #expect(try StatsFiles.statsJSON(merged) == StatsFiles.statsJSON(whole))
    }

    /// A stage that hands the executor the prepared test documents by source name, as the
    /// clean, sentences and entities stages would.
    struct PreparedStage: Stage {
        static let description = StageDescription(
            name: "prepared", summary: "test documents by source",
            provides: ["text", "paragraphs", "sentences", "tokens", "entities", "meta"])
        init(options: StageOptions, context: LoadContext) throws {}
        func process(_ document: inout Document, context: StageContext) throws {
            if document.source.hasPrefix("fail") { throw DocumentFailure(.parse, "cannot parse \(document.source)") }
            guard let i = Int(document.source.split(separator: "-").last ?? "") else { return }
            let id = document.id, source = document.source
            document = TestDocuments.corpus[i % TestDocuments.corpus.count]
            document.id = id
            document.source = source
        }
    }

    func run(shard: Shard?, in base: URL, name: String, documents: Int = TestDocuments.corpus.count,
             stopAfter: Int? = nil) throws -> URL {
        let yaml = """
            version: 1
            input: { paths: [in/] }
            output: { dir: \(name) }
            run: { workers: 3, max_in_flight: 4 }
            stages:
              - prepared
              - stats: { min_count: 2, report_documents: 3 }
            """
        var overrides = PipelineOverrides()
        overrides.shard = shard
        let registry = StageRegistry([PreparedStage.self, StatsStage.self])
        let pipeline = try PipelineLoader(registry: registry, baseDirectory: base).load(yaml: yaml, fileName: "p.yaml", overrides: overrides)
        let sources = (0..<documents).map { "doc-\($0)" } + ["fail-1", "fail-2"]
        let executor = Executor(pipeline: pipeline)
        var sink: RecordSink = RunOutput(directory: pipeline.output.directory, pipeline: pipeline)
        if let stopAfter { sink = StoppingSink(sink, after: stopAfter) { executor.stop(reason: "SIGTERM") } }
        let report = try executor.run(sources.map(InputItem.init(source:)), total: sources.count, sink: sink)
        #expect((report.stoppedBy != nil) == (stopAfter != nil))
        return pipeline.output.directory
    }

    @Test func shardsMergeToTheWholeThroughTheExecutor() throws {
        let base = temporaryDirectory()
        try FileManager.default.createDirectory(at: base.appendingPathComponent("in"), withIntermediateDirectories: true)
        let whole = try run(shard: nil, in: base, name: "whole")
        var merged = StatsPartial()
        for i in 0..<2 {
            let dir = try run(shard: Shard(index: i, count: 2), in: base, name: "shard\(i)")
            let part = try StatsFiles.readPartial(file: dir.appendingPathComponent("stats.json"))
            #expect(part.documents < TestDocuments.corpus.count)
            merged.merge(part)
        }
        let wholeBytes = try Data(contentsOf: whole.appendingPathComponent("stats.json"))
        #expect(Data(try StatsFiles.statsJSON(merged)) == wholeBytes)
        let total = try StatsFiles.readPartial(file: whole.appendingPathComponent("stats.json"))
        #expect(total.documents == TestDocuments.corpus.count)
        #expect(total.errors == ["prepared": ["parse": 2]])
        for file in ["report.html", "stats/terms.csv", "stats/ngrams.csv", "stats/entities.csv", "stats/cooccurrence.csv",
                     "stats/sources.csv", "stats/days.csv", "stats/languages.csv", "stats/lengths.csv", "stats/errors.csv"] {
            #expect(FileManager.default.fileExists(atPath: whole.appendingPathComponent(file).path), "missing \(file)")
        }
    }
}

extension ShardMergeTests {
    /// A run stopped part way (as by SIGTERM) and started again gives the statistics of an
    /// uninterrupted run: the checkpointed total is resumed, not recounted or lost.
    @Test func interruptedRunResumesToTheSameStatistics() throws {
        let base = temporaryDirectory()
        try FileManager.default.createDirectory(at: base.appendingPathComponent("in"), withIntermediateDirectories: true)
        let straight = try run(shard: nil, in: base, name: "straight", documents: 120)
        let stopped = try run(shard: nil, in: base, name: "resumed", documents: 120, stopAfter: 45)
        #expect(!FileManager.default.fileExists(atPath: stopped.appendingPathComponent("stats.json").path))
        let resumed = try run(shard: nil, in: base, name: "resumed", documents: 120)
        let a = try Data(contentsOf: straight.appendingPathComponent("stats.json"))
        let b = try Data(contentsOf: resumed.appendingPathComponent("stats.json"))
        #expect(a == b)
        #expect(try StatsFiles.readPartial(a, name: "stats.json").documents == 120)
    }
}

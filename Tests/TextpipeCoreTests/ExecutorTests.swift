import Foundation
import Testing
import TextpipeTestSupport
@testable import TextpipeCore

/// The executor keeps input order, quarantines failures, counts drops, folds partials exactly,
/// enforces the stage time limit, and resumes an interrupted run without losing or repeating.
struct ExecutorTests {
    let base = temporaryDirectory()

    func pipeline(_ stages: String, run: String = "{ workers: 4, max_in_flight: 8 }", limits: String = "{}") throws -> Pipeline {
        try FileManager.default.createDirectory(at: base.appendingPathComponent("in"), withIntermediateDirectories: true)
        let yaml = "version: 1\ninput: { paths: [in/] }\noutput: { dir: out }\nrun: \(run)\nlimits: \(limits)\nstages:\n\(stages)"
        return try PipelineLoader(registry: testRegistry, baseDirectory: base).load(yaml: yaml, fileName: "p.yaml")
    }

    func inputs(_ names: [String]) -> [InputItem] { names.map(InputItem.init(source:)) }

    @Test func keepsInputOrderUnderScrambledCompletion() throws {
        let p = try pipeline("  - echo: { delay_ms: 3 }\n")
        let names = (0..<300).map { "doc-\($0)" }
        let sink = MemorySink()
        let report = try Executor(pipeline: p).run(inputs(names), total: names.count, sink: sink)
        #expect(sink.ids == names.map { StableHash.documentID(source: $0) })
        #expect(report.counts.documents == 300)
        #expect(report.counts.inputs == 300)
    }

    @Test func quarantinesFailuresAndCountsDrops() throws {
        let p = try pipeline("  - echo\n  - judge\n  - count\n")
        let names = ["a", "bad-1", "b", "drop-1", "c", "bad-2"]
        let sink = MemorySink()
        let report = try Executor(pipeline: p).run(inputs(names), total: nil, sink: sink)
        #expect(sink.ids.count == 6)
        #expect(report.counts.documents == 3)
        #expect(report.counts.failed == 2)
        #expect(report.counts.failedByKind == ["parse": 2])
        #expect(report.counts.failedByStage == ["judge": 2])
        #expect(report.counts.droppedByReason == ["unwanted": 1])
        let total = try JSONDecoder().decode(CountStage.Partial.self, from: Data(report.partials["count"]!))
        #expect(total == CountStage.Partial(documents: 3, chars: 3, failures: 2))
        guard case .failed(let f) = sink.outcomes[1] else { Issue.record("expected a failure"); return }
        #expect(f.stage == "judge" && f.kind == "parse" && f.message.contains("bad-1"))
    }

    @Test func partialsAreTheSameWhateverTheWorkers() throws {
        var totals: [String] = []
        for workers in [1, 2, 7] {
            let p = try pipeline("  - echo: { delay_ms: 1 }\n  - count\n", run: "{ workers: \(workers), max_in_flight: 5 }")
            let names = (0..<100).map { "d\($0)-" + String(repeating: "x", count: $0 % 13) }
            let report = try Executor(pipeline: p).run(inputs(names), total: nil, sink: MemorySink())
            totals.append(String(decoding: report.partials["count"]!, as: UTF8.self))
        }
        #expect(Set(totals).count == 1)
    }

    /// Workers compute contributions while the writer folds totals: many documents, no delay,
    /// more workers than cores (this crashed when workers read the writer's dictionary).
    @Test func contributionsAndFoldingRunConcurrentlySafely() throws {
        let p = try pipeline("  - echo\n  - count\n", run: "{ workers: 4, max_in_flight: 64 }")
        let names = (0..<20_000).map { "d\($0)" }
        let report = try Executor(pipeline: p).run(inputs(names), total: nil, sink: MemorySink())
        let total = try JSONDecoder().decode(CountStage.Partial.self, from: Data(report.partials["count"]!))
        #expect(total.documents == names.count)
        #expect(total.chars == names.reduce(0) { $0 + $1.count })
    }

    @Test func stageOverItsTimeBudgetFailsTheDocumentOnly() throws {
        let p = try pipeline("  - stall\n", limits: "{ stage_timeout: 100ms }")
        let sink = MemorySink()
        let report = try Executor(pipeline: p).run(inputs(["fast", "slow", "fast2"]), total: nil, sink: sink)
        #expect(report.counts.failedByKind == ["timeout": 1])
        #expect(report.counts.documents == 2)
    }

    @Test func onErrorStopEndsTheRun() throws {
        let p = try pipeline("  - echo\n  - judge\n", run: "{ workers: 1, max_in_flight: 1, on_error: stop }")
        let names = ["a", "bad"] + (0..<50).map { "z\($0)" }
        let report = try Executor(pipeline: p).run(inputs(names), total: nil, sink: MemorySink())
        #expect(report.stoppedBy != nil)
        #expect(report.counts.inputs < names.count)
    }

    @Test func interruptedRunResumesExactlyOnce() throws {
        let p = try pipeline("  - echo: { delay_ms: 2 }\n  - judge\n  - count\n", run: "{ workers: 2, max_in_flight: 4, checkpoint_interval: 10ms }")
        let names = (0..<400).map { $0 % 37 == 0 ? "bad-\($0)" : "doc-\($0)" }
        let out = base.appendingPathComponent("out")

        let first = Executor(pipeline: p)
        let stopping = StoppingSink(RunOutput(directory: out, pipeline: p), after: 150) { first.stop(reason: "SIGTERM") }
        let r1 = try first.run(inputs(names), total: nil, sink: stopping)
        #expect(r1.stoppedBy == "SIGTERM")
        #expect(r1.counts.inputs < names.count)
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("documents.jsonl").path))

        let r2 = try Executor(pipeline: p).run(inputs(names), total: nil, sink: RunOutput(directory: out, pipeline: p))
        #expect(r2.stoppedBy == nil)
        #expect(r2.resumedDocuments > 0)
        let docs = try String(contentsOf: out.appendingPathComponent("documents.jsonl"), encoding: .utf8)
            .split(separator: "\n").map { try JSONValue.parse($0)["id"]!.stringValue! }
        let errors = try String(contentsOf: out.appendingPathComponent("errors.jsonl"), encoding: .utf8)
            .split(separator: "\n").map { try JSONValue.parse($0)["id"]!.stringValue! }
        let expectedDocs = names.filter { !$0.hasPrefix("bad") }.map { StableHash.documentID(source: $0) }
        let expectedErrors = names.filter { $0.hasPrefix("bad") }.map { StableHash.documentID(source: $0) }
        #expect(docs == expectedDocs)
        #expect(errors == expectedErrors)
        let total = try JSONDecoder().decode(CountStage.Partial.self, from: Data(contentsOf: out.appendingPathComponent("count.json")))
        #expect(total.documents == expectedDocs.count)
        #expect(total.failures == expectedErrors.count)
        #expect(r2.counts.inputs == names.count)
    }

    @Test func stagesAreClosedOnceAfterEachRun() throws {
        let p = try pipeline("  - closing\n", run: "{ workers: 3, max_in_flight: 4 }")
        let counter = try #require(p.stages[0].stage as? ClosingStage).counter
        for round in 1...2 {
            _ = try Executor(pipeline: p).run(inputs((0..<50).map { "c\($0)" }), total: nil, sink: MemorySink())
            #expect(counter.counts.closes == round)
        }
        // The second run used the stage again after the first closed it.
        #expect(counter.counts.late == 50)
    }

    @Test func shapingStagesShapeTheWrittenRecordsOnly() throws {
        // `judge` runs after `hide_text` and still reads the text.
        let p = try pipeline("  - echo\n  - hide_text\n  - judge\n")
        let sink = MemorySink()
        _ = try Executor(pipeline: p).run(inputs(["a", "bad-1"]), total: nil, sink: sink)
        guard case .document(let doc, let record?) = sink.outcomes[0] else { Issue.record("expected a document"); return }
        #expect(doc.text == "a")
        let fields = try JSONValue.parse(String(decoding: record, as: UTF8.self)).objectValue!.map(\.0)
        #expect(fields.contains("id") && !fields.contains("text"))
        guard case .failed = sink.outcomes[1] else { Issue.record("judge should see the text"); return }
    }

    @Test func tagsAreCountedWhateverTheOutcome() throws {
        let p = try pipeline("  - echo\n  - tag\n  - judge\n")
        let r = try Executor(pipeline: p).run(inputs(["a-10", "bad-1", "drop-20", "c-3"]), total: nil, sink: MemorySink())
        #expect(r.counts.tags == ["round": 2, "odd": 2])
        #expect(r.counts.failed == 1 && r.counts.dropped == 1 && r.counts.documents == 2)
    }

    @Test func idsWithNewlinesAndQuotesResumeToo() throws {
        let p = try pipeline("  - echo: { delay_ms: 1 }\n", run: "{ workers: 2, max_in_flight: 4, checkpoint_interval: 10ms }")
        let ids = (0..<120).map { "line\n\"\($0)\"\u{2028}" }
        let items = ids.map { InputItem(document: Document(id: $0, source: "s-" + $0)) }
        let out = base.appendingPathComponent("out-ids")
        let first = Executor(pipeline: p)
        let stopping = StoppingSink(RunOutput(directory: out, pipeline: p), after: 50) { first.stop(reason: "SIGINT") }
        _ = try first.run(items, total: nil, sink: stopping)
        let r2 = try Executor(pipeline: p).run(items, total: nil, sink: RunOutput(directory: out, pipeline: p))
        #expect(r2.resumedDocuments >= 50)
        let written = try String(contentsOf: out.appendingPathComponent("documents.jsonl"), encoding: .utf8)
            .split(separator: "\n").map { try JSONValue.parse($0)["id"]!.stringValue! }
        #expect(written == ids)
    }

    @Test func shardsPartitionTheInputs() throws {
        let names = (0..<200).map { "s\($0)" }
        var seen: [String] = []
        for i in 0..<3 {
            let p = try pipeline("  - echo\n")
            var q = p
            q.run.shard = Shard(index: i, count: 3)
            let sink = MemorySink()
            _ = try Executor(pipeline: q).run(inputs(names), total: nil, sink: sink)
            seen += sink.ids
        }
        #expect(seen.count == names.count)
        #expect(Set(seen) == Set(names.map { StableHash.documentID(source: $0) }))
    }
}

import Foundation
import Testing
import TextpipeTestSupport
@testable import TextpipeCore

/// A stateful stage's state follows the output: saved before each checkpoint, counted only
/// when the run completes, and cut back to the last durable checkpoint when a run resumes.
/// Also: every stage is closed once per run, however the run ends.
@Suite(.serialized) struct StatefulStageTests {
    let base = temporaryDirectory()

    func pipeline(ledger: String, run: String = "{ workers: 2, max_in_flight: 4, checkpoint_interval: 5ms }") throws -> Pipeline {
        try FileManager.default.createDirectory(at: base.appendingPathComponent("in"), withIntermediateDirectories: true)
        let yaml = "version: 1\ninput: { paths: [in/] }\noutput: { dir: out }\nrun: \(run)\nstages:\n"
            + "  - echo: { delay_ms: 1 }\n  - ledger: { ledger: \(ledger) }\n  - judge\n"
        return try PipelineLoader(registry: testRegistry, baseDirectory: base).load(yaml: yaml, fileName: "p.yaml")
    }

    func ledger(_ name: String) -> Ledger {
        let l = Ledger()
        LedgerStage.ledgers[name] = l
        return l
    }

    let names = (0..<300).map { "doc-\($0)" }
    var ids: [String] { names.map { StableHash.documentID(source: $0) } }

    @Test func everyStageIsClosedOnceHoweverTheRunEnds() throws {
        let l = ledger("close")
        let p = try pipeline(ledger: "close")
        _ = try Executor(pipeline: p).run(names.prefix(20).map(InputItem.init(source:)), total: nil, sink: MemorySink())
        #expect(l.closed == 1)
        let stopped = Executor(pipeline: p)
        let sink = StoppingSink(MemorySink(), after: 5) { stopped.stop(reason: "SIGINT") }
        let r = try stopped.run(names.map(InputItem.init(source:)), total: nil, sink: sink)
        #expect(r.stoppedBy == "SIGINT")
        #expect(l.closed == 2)
        #expect(l.events.suffix(2) == ["checkpoint", "end(false)"])
    }

    @Test func stateIsSavedBeforeEachCheckpointAndCountsOnlyWhenComplete() throws {
        let l = ledger("steps")
        let p = try pipeline(ledger: "steps")
        let out = base.appendingPathComponent("out")
        let first = Executor(pipeline: p)
        let watching = WatchingSink(RunOutput(directory: out, pipeline: p), ledger: l) { first.stop(reason: "SIGTERM") }
        _ = try first.run(names.map(InputItem.init(source:)), total: nil, sink: watching)
        #expect(watching.checkpoints > 1)
        #expect(watching.violations.isEmpty, "accepted but not saved at a checkpoint: \(watching.violations.prefix(3))")
        #expect(l.committed.isEmpty)
        #expect(l.starts.first?.resume == nil)

        let r = try Executor(pipeline: p).run(names.map(InputItem.init(source:)), total: nil, sink: RunOutput(directory: out, pipeline: p))
        #expect(r.stoppedBy == nil)
        #expect(l.starts.last?.resume?.doneIDs.isEmpty == false)
        #expect(l.committed.sorted() == ids.sorted())
        #expect(l.events.last == "end(true)")
    }

    @Test func stateSavedForACheckpointThatNeverHappenedIsDiscarded() throws {
        let l = ledger("crash")
        let p = try pipeline(ledger: "crash")
        let out = base.appendingPathComponent("out")
        // The sink dies at a checkpoint after the stage saved for it: as a kill would.
        let dying = WatchingSink(RunOutput(directory: out, pipeline: p), ledger: l, failAtCheckpoint: 3) {}
        #expect(throws: OutputError.self) {
            _ = try Executor(pipeline: p).run(names.map(InputItem.init(source:)), total: nil, sink: dying)
        }
        #expect(l.events.last == "checkpoint")
        let durable = Set(dying.acceptedAtLastCheckpoint)
        #expect(l.provisional.contains { !durable.contains($0) }, "the test needs state past the checkpoint")

        let r = try Executor(pipeline: p).run(names.map(InputItem.init(source:)), total: nil, sink: RunOutput(directory: out, pipeline: p))
        #expect(r.stoppedBy == nil)
        #expect(Set(l.starts.last!.resume!.doneIDs) == durable)
        #expect(l.committed.sorted() == ids.sorted(), "each document's state exactly once")
    }
}

/// Checks at each checkpoint that every document accepted so far has its state saved;
/// stops the run after 120 documents, or dies at the given checkpoint.
final class WatchingSink: RecordSink {
    let inner: RecordSink
    let ledger: Ledger
    let failAtCheckpoint: Int?
    let trigger: () -> Void
    var accepted: [String] = []
    var acceptedAtLastCheckpoint: [String] = []
    var checkpoints = 0
    var violations: [String] = []

    init(_ inner: RecordSink, ledger: Ledger, failAtCheckpoint: Int? = nil, trigger: @escaping () -> Void) {
        self.inner = inner
        self.ledger = ledger
        self.failAtCheckpoint = failAtCheckpoint
        self.trigger = trigger
    }
    var outputDirectory: OutputDirectory? { inner.outputDirectory }
    func resumeState() throws -> ResumeState? { try inner.resumeState() }
    func accept(_ outcome: Outcome) throws {
        try inner.accept(outcome)
        if case .document(let d, _) = outcome { accepted.append(d.id) }
        if accepted.count == 120 { trigger() }
    }
    func checkpoint(counts: RunCounts, partials: [String: [UInt8]]) throws {
        checkpoints += 1
        // Dies at the first checkpoint from `failAtCheckpoint` on that has new documents.
        if let n = failAtCheckpoint, checkpoints >= n, accepted.count > acceptedAtLastCheckpoint.count {
            throw OutputError("disk gone")
        }
        let saved = Set(ledger.provisional)
        violations += accepted.filter { !saved.contains($0) }
        try inner.checkpoint(counts: counts, partials: partials)
        acceptedAtLastCheckpoint = accepted
    }
    func finish(report: RunReport, complete: Bool) throws { try inner.finish(report: report, complete: complete) }
}

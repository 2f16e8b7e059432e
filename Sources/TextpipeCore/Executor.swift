import Foundation
import Logging

/// A document ready to enter the pipeline, or an input already known to be bad (a garbled
/// stream line), which goes straight to the errors in its place in the order.
public struct InputItem: Sendable {
    public var document: Document
    public var failure: FailureRecord?

    public init(document: Document, failure: FailureRecord? = nil) {
        self.document = document
        self.failure = failure
    }

    /// An input read from a path or URL.
    public init(source: String) {
        self.init(document: Document(id: StableHash.documentID(source: source), source: source))
    }
}

/// How one document ended.
public enum Outcome: Sendable {
    /// Processed; `record` is its JSON line unless documents are not written.
    case document(Document, record: [UInt8]?)
    case failed(FailureRecord)
    case dropped(FailureRecord)
}

/// Where the executor's results go, in input order, from its serial writer queue.
public protocol RecordSink: AnyObject {
    /// The output folder, if results are files (aggregating stages then write their totals).
    var outputDirectory: OutputDirectory? { get }
    /// What an interrupted earlier run left: handled ids, counts, partial totals.
    func resumeState() throws -> ResumeState?
    func accept(_ outcome: Outcome) throws
    /// Makes everything accepted so far durable, together with the state to resume from.
    func checkpoint(counts: RunCounts, partials: [String: [UInt8]]) throws
    /// Ends the run: `complete` is false when it stopped early and should resume later.
    func finish(report: RunReport, complete: Bool) throws
}

/// The state an interrupted run saved at its last checkpoint.
public struct ResumeState: Sendable {
    public var doneIDs: Set<String>
    public var counts: RunCounts
    public var partials: [String: JSONValue]

    public init(doneIDs: Set<String>, counts: RunCounts, partials: [String: JSONValue]) {
        self.doneIDs = doneIDs
        self.counts = counts
        self.partials = partials
    }
}

/// Runs a pipeline over a sequence of inputs: parallel map over documents, serial reduce.
///
/// The calling thread reads inputs and admits each document when fewer than `max_in_flight`
/// are between reading and writing (a semaphore), so memory stays flat however long the input.
/// A document first goes through the I/O-bound stages on the I/O pool, then through the rest
/// of the chain on one of `workers` CPU threads (each thread runs the whole chain on one
/// document at a time, with no queues between stages), then to the writer. The writer is a
/// serial queue that restores input order, folds aggregating stages' contributions into their
/// totals, counts outcomes, hands them to the sink, and checkpoints every few seconds.
/// Stages that keep state across runs (`StatefulStage`) follow the sink's steps: they see each
/// outcome after the sink, save before each checkpoint, and commit after the sink finishes.
/// Every stage is closed when the run ends, however it ends.
public final class Executor: @unchecked Sendable {
    // Safety: the mutable state below is touched only on `writerQueue`, except `stopReason`,
    // which is guarded by `stopLock`, and `contributors`, which workers only read and which is
    // written only before they start.
    public let pipeline: Pipeline
    public var logger: Logger
    public var progress: ProgressReporter?

    private let stopLock = NSLock()
    private var stopReason: String?

    private let writerQueue = DispatchQueue(label: "textpipe.writer")
    private var aggregators: [Int: Aggregator] = [:]
    /// The aggregating stages' contribution functions, read by the workers. Set before the
    /// first document is submitted and never changed during a run: the workers must not read
    /// `aggregators`, whose totals the writer mutates in place at the same time.
    private var contributors: [Int: @Sendable (Document) -> any Mergeable] = [:]
    private var pending: [Int: Delivery] = [:]
    private var nextToWrite = 0
    private var counts = RunCounts()
    private var sinkError: Error?
    private var lastCheckpoint = DispatchTime.now()
    /// Seconds between checkpoints: `checkpoint_interval`, or more when saving takes long.
    private lazy var checkpointGap = pipeline.run.checkpointInterval

    struct Delivery {
        var outcome: Outcome
        var contributions: [(Int, any Mergeable)]
        var stageSeconds: [Double]
        var bytesIn: Int
        var tags: Set<String> = []
    }

    /// The output fields and names that the chain's `RecordShapingStage`s ask for.
    private let outputShape: RecordShape

    public init(pipeline: Pipeline, logger: Logger = Logger(label: "textpipe")) {
        self.pipeline = pipeline
        self.logger = logger
        outputShape = RecordShape.combined(pipeline.stages.map(\.stage))
    }

    /// Asks the run to stop taking documents; those in flight are finished and written.
    public func stop(reason: String) {
        stopLock.lock()
        if stopReason == nil { stopReason = reason }
        stopLock.unlock()
    }

    private var stopped: String? {
        stopLock.lock()
        defer { stopLock.unlock() }
        return stopReason
    }

    /// Runs the pipeline. Throws only for failures of the run itself (the output cannot be
    /// written); documents that fail are outcomes, not errors.
    public func run<Inputs: Sequence>(_ inputs: Inputs, total: Int?, sink: RecordSink) throws -> RunReport
    where Inputs.Element == InputItem {
        let started = Date()
        self.sink = sink
        let stages = pipeline.stages
        defer { for s in stages { s.stage.close() } }
        aggregators = Aggregator.make(for: stages)
        contributors = aggregators.mapValues(\.contribution)
        stateful = stages.compactMap { $0.stage as? any StatefulStage }
        var skip: Set<String> = []
        let resumeState = try sink.resumeState()
        try hook("start") { try $0.begin(RunStart(fresh: pipeline.run.fresh, resume: resumeState)) }
        if let resume = resumeState {
            skip = resume.doneIDs
            counts = resume.counts
            for (i, agg) in aggregators {
                if let saved = resume.partials[agg.name] { aggregators[i]!.total = try agg.decode(saved) }
            }
            logger.info("resuming: \(skip.count) documents already done")
        }
        let firstCPU = stages.firstIndex(where: { !$0.description.isIOBound }) ?? stages.count
        let ioStages = 0..<firstCPU
        let cpuStages = firstCPU..<stages.count
        let cpuPool = WorkerPool(name: "textpipe-worker", count: pipeline.run.workers)
        let ioPool = ioStages.isEmpty ? nil : WorkerPool(name: "textpipe-io", count: pipeline.run.ioWorkers)
        let inFlight = DispatchSemaphore(value: pipeline.run.maxInFlight)
        let allWritten = DispatchGroup()
        let writeDocuments = pipeline.output.documents != "none"
        let shard = pipeline.run.shard
        progress?.start(total: total.map { $0 - skip.count })

        var seq = 0
        var resumed = 0
        for item in inputs {
            if stopped != nil { break }
            let id = item.document.id
            if let shard, !shard.contains(id: id) { continue }
            if skip.contains(id) {
                resumed += 1
                continue
            }
            inFlight.wait()
            let mySeq = seq
            seq += 1
            allWritten.enter()
            let deliver: @Sendable (Delivery) -> Void = { [self] d in
                writerQueue.async { self.receive(mySeq, d, inFlight: inFlight, group: allWritten) }
            }
            if let failure = item.failure {
                deliver(Delivery(outcome: .failed(failure), contributions: [], stageSeconds: [], bytesIn: 0))
                continue
            }
            let document = item.document
            let cpuJob: @Sendable (Document, Delivery?) -> Void = { [self] doc, before in
                cpuPool.submit { _ in
                    deliver(self.process(doc, stages: cpuStages, after: before, encode: writeDocuments))
                }
            }
            if let ioPool {
                ioPool.submit { [self] _ in
                    var d = self.process(document, stages: ioStages, after: nil, encode: false)
                    if case .document(let doc, _) = d.outcome {
                        cpuJob(doc, d)
                    } else {
                        d.stageSeconds += Array(repeating: 0, count: cpuStages.count)
                        deliver(d)
                    }
                }
            } else {
                cpuJob(document, nil)
            }
        }
        allWritten.wait()
        ioPool?.close()
        cpuPool.close()

        return try writerQueue.sync {
            var report = RunReport(counts: counts, started: started, ended: Date(), resumedDocuments: resumed,
                                   stoppedBy: stopped, partials: [:])
            if let sinkError { throw sinkError }
            for (_, agg) in aggregators.sorted(by: { $0.key < $1.key }) {
                report.partials[agg.name] = try agg.encode(agg.total)
            }
            let complete = report.stoppedBy == nil
            if complete, let out = sink.outputDirectory {
                for (_, agg) in aggregators.sorted(by: { $0.key < $1.key }) { try agg.finish(agg.total, out) }
            } else if !complete {
                try hook("checkpoint") { try $0.willCheckpoint() }
                try sink.checkpoint(counts: counts, partials: report.partials)
            }
            report.ended = Date()
            try sink.finish(report: report, complete: complete)
            try hook("end") { try $0.end(complete: complete) }
            progress?.finish()
            return report
        }
    }

    /// Runs `range` of the chain on one document, continuing what `before` (the I/O part of
    /// the chain) began. Runs on a pool thread.
    private func process(_ input: Document, stages range: Range<Int>, after before: Delivery?, encode: Bool) -> Delivery {
        var doc = input
        var contributions = before?.contributions ?? []
        var seconds = before?.stageSeconds ?? []
        var bytesIn = before?.bytesIn ?? 0
        let stages = pipeline.stages
        let limits = pipeline.limits
        for i in range {
            let stage = stages[i]
            let start = DispatchTime.now()
            let deadline = start + .milliseconds(Int(limits.stageTimeout * 1000))
            let context = StageContext(limits: limits, deadline: deadline, stageName: stage.name, logger: logger)
            var failure: FailureRecord?
            do {
                try stage.stage.process(&doc, context: context)
                try checkLimits(doc, limits)
            } catch let e as DocumentDropped {
                failure = FailureRecord(id: doc.id, source: doc.source, stage: stage.name, kind: "dropped", message: e.reason, dropped: true)
            } catch let e as DocumentFailure {
                failure = FailureRecord(id: doc.id, source: doc.source, stage: stage.name, kind: e.kind.rawValue, message: e.message)
            } catch {
                failure = FailureRecord(id: doc.id, source: doc.source, stage: stage.name, kind: FailureKind.stage.rawValue, message: "\(error)")
            }
            // An aggregating stage's contribution is part of its work (often most of it), so it
            // is timed with the stage.
            var contribution: (Int, any Mergeable)?
            if failure == nil, let contribute = contributors[i] { contribution = (i, contribute(doc)) }
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            seconds.append(elapsed)
            bytesIn = max(bytesIn, doc.content?.bytes.count ?? 0)
            if failure == nil, elapsed > limits.stageTimeout {
                failure = FailureRecord(id: doc.id, source: doc.source, stage: stage.name, kind: FailureKind.timeout.rawValue,
                                        message: "stage '\(stage.name)' took \(String(format: "%.1f", elapsed))s, over the limit of \(Duration.describe(seconds: limits.stageTimeout))")
            }
            if let failure {
                seconds += Array(repeating: 0, count: range.upperBound - i - 1)
                return Delivery(outcome: failure.dropped ? .dropped(failure) : .failed(failure), contributions: [],
                                stageSeconds: seconds, bytesIn: bytesIn, tags: doc.tags)
            }
            if let contribution { contributions.append(contribution) }
        }
        let record = encode && range.upperBound == stages.count ? doc.jsonRecord(shape: outputShape) : nil
        return Delivery(outcome: .document(doc, record: record), contributions: contributions,
                        stageSeconds: seconds, bytesIn: bytesIn, tags: doc.tags)
    }

    /// Limits every stage is held to, checked after each one.
    private func checkLimits(_ doc: Document, _ limits: Limits) throws {
        if doc.text.utf8.count > limits.maxTextChars, doc.text.unicodeScalars.count > limits.maxTextChars {
            throw DocumentFailure(.limit, "text is longer than max_text_chars (\(limits.maxTextChars))")
        }
        if doc.tokens.count > limits.maxTokens {
            throw DocumentFailure(.limit, "more than max_tokens (\(limits.maxTokens)) tokens")
        }
    }

    /// Takes a finished document on the writer queue and writes all that are next in order.
    private func receive(_ seq: Int, _ delivery: Delivery, inFlight: DispatchSemaphore, group: DispatchGroup) {
        pending[seq] = delivery
        while let d = pending.removeValue(forKey: nextToWrite) {
            write(d)
            nextToWrite += 1
            inFlight.signal()
            group.leave()
        }
        if sinkError == nil, DispatchTime.now() > lastCheckpoint + .milliseconds(Int(checkpointGap * 1000)) {
            lastCheckpoint = DispatchTime.now()
            do {
                var partials: [String: [UInt8]] = [:]
                for agg in aggregators.values { partials[agg.name] = try agg.encode(agg.total) }
                // Encoding totals takes longer as they grow (a corpus's vocabulary keeps growing),
                // and the writer is serial: once it takes long (over 50 ms), keep checkpoints to
                // about a tenth of the writer's time.
                let took = Double(DispatchTime.now().uptimeNanoseconds - lastCheckpoint.uptimeNanoseconds) / 1e9
                checkpointGap = took > 0.05 ? max(pipeline.run.checkpointInterval, took * 10) : pipeline.run.checkpointInterval
                try hook("checkpoint") { try $0.willCheckpoint() }
                try sink?.checkpoint(counts: counts, partials: partials)
            } catch {
                fail(error)
            }
        }
    }

    private weak var sink: RecordSink?
    private var stateful: [any StatefulStage] = []

    /// Runs a step of every stateful stage; a failure there is a failure of the run's output.
    private func hook(_ step: String, _ body: (any StatefulStage) throws -> Void) throws {
        for s in stateful {
            do {
                try body(s)
            } catch let e as OutputError {
                throw e
            } catch {
                throw OutputError("stage '\(type(of: s).description.name)' cannot save its state (\(step)): \(error)")
            }
        }
    }

    private func write(_ d: Delivery) {
        counts.inputs += 1
        counts.bytesIn += d.bytesIn
        for tag in d.tags { counts.tags[tag, default: 0] += 1 }
        for (i, name) in pipeline.stages.map(\.name).enumerated() where i < d.stageSeconds.count {
            counts.stageSeconds[name, default: 0] += d.stageSeconds[i]
        }
        switch d.outcome {
        case .document:
            counts.documents += 1
            for (i, part) in d.contributions { aggregators[i]!.fold(&aggregators[i]!.total, part) }
        case .failed(let f), .dropped(let f):
            if f.dropped {
                counts.dropped += 1
                counts.droppedByReason[f.message, default: 0] += 1
            } else {
                counts.failed += 1
                counts.failedByKind[f.kind, default: 0] += 1
                counts.failedByStage[f.stage, default: 0] += 1
                if pipeline.run.onError == .stop { stop(reason: "on_error: stop (\(f.kind) in \(f.stage))") }
            }
            for (i, agg) in aggregators { aggregators[i]!.fold(&aggregators[i]!.total, agg.failureContribution(f)) }
        }
        guard sinkError == nil, let sink else { return }
        do {
            try sink.accept(d.outcome)
        } catch {
            fail(error)
            return
        }
        for s in stateful { s.written(d.outcome) }
        progress?.update(done: counts.inputs, failed: counts.failed)
    }

    private func fail(_ error: Error) {
        if sinkError == nil {
            sinkError = error
            if error is OutputClosed {
                logger.debug("the reader closed the output; finishing the documents in flight")
            } else {
                logger.error("cannot write results: \(error)")
            }
            stop(reason: "output error")
        }
    }
}

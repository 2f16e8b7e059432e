import Foundation
import Logging
#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif

/// The results of `textpipe run`: documents.jsonl (or documents.jsonl.gz), errors.jsonl and
/// run.json in the output folder, written so that a run killed at any moment can be resumed
/// with every document exactly once.
///
/// While running, records are appended to `.textpipe/documents.jsonl.part` (`.jsonl.gz.part`:
/// one gzip member per checkpoint, see `AppendFile`) and
/// `.textpipe/errors.jsonl.part`, and every handled id (written, failed or dropped) to
/// `.textpipe/done.part`. Every few seconds a checkpoint flushes them and records their lengths
/// with the counts and statistics so far. A new run finding a checkpoint of the same pipeline
/// cuts the three files back to those lengths (dropping whatever came after, half lines
/// included), skips the ids already done, and goes on. A run that ends renames the streams into
/// place and removes its state.
public final class RunOutput: RecordSink {
    public let directory: OutputDirectory
    let pipelineHash: String
    let writeDocuments: Bool
    /// "documents.jsonl" or "documents.jsonl.gz".
    let documentsName: String
    let fresh: Bool
    var logger: Logger
    private var documents: AppendFile?
    private var errors: AppendFile?
    private var done: AppendFile?

    public var outputDirectory: OutputDirectory? { directory }

    public init(directory: URL, pipeline: Pipeline, logger: Logger = Logger(label: "textpipe")) {
        self.directory = OutputDirectory(directory)
        self.pipelineHash = pipeline.hash
        self.writeDocuments = pipeline.output.documents != "none"
        self.documentsName = "documents." + (pipeline.output.documents == "jsonl.gz" ? "jsonl.gz" : "jsonl")
        self.fresh = pipeline.run.fresh
        self.logger = logger
    }

    var state: URL { directory.stateDirectory }
    var checkpointURL: URL { state.appendingPathComponent("checkpoint.json") }

    public func resumeState() throws -> ResumeState? {
        try directory.create()
        var resume: ResumeState?
        var lengths: (Int, Int, Int)?
        if !fresh, let data = FileManager.default.contents(atPath: checkpointURL.path),
           let saved = try? data.withUnsafeBytes({ try JSONValue.parse(bytes: $0.bindMemory(to: UInt8.self)) }) {
            if saved["pipeline_hash"]?.stringValue == pipelineHash,
               let d = saved["documents_bytes"]?.intValue, let e = saved["errors_bytes"]?.intValue,
               let n = saved["done_bytes"]?.intValue, let countsValue = saved["counts"] {
                lengths = (d, e, n)
                let counts = try PartialCoding.decode(RunCounts.self, from: countsValue)
                var partials: [String: JSONValue] = [:]
                for (k, v) in saved["partials"]?.objectValue ?? [] { partials[k] = v }
                resume = ResumeState(doneIDs: try readDoneIDs(upTo: n), counts: counts, partials: partials)
            } else {
                logger.warning("the pipeline changed since the interrupted run; starting again")
            }
        }
        documents = try AppendFile(state.appendingPathComponent(documentsName + ".part"), truncateTo: lengths?.0,
                                   gzip: documentsName.hasSuffix(".gz"))
        errors = try AppendFile(state.appendingPathComponent("errors.jsonl.part"), truncateTo: lengths?.1)
        done = try AppendFile(state.appendingPathComponent("done.part"), truncateTo: lengths?.2)
        if resume == nil { try? FileManager.default.removeItem(at: checkpointURL) }
        return resume
    }

    private func readDoneIDs(upTo length: Int) throws -> Set<String> {
        guard let data = FileManager.default.contents(atPath: state.appendingPathComponent("done.part").path) else {
            throw OutputError("the checkpoint's list of done documents is missing")
        }
        var ids: Set<String> = []
        for line in data.prefix(length).split(separator: 10) {
            let id = try Array(line).withUnsafeBufferPointer { try JSONValue.parse(bytes: $0) }
            guard let text = id.stringValue else { throw OutputError("the checkpoint's list of done documents is damaged") }
            ids.insert(text)
        }
        return ids
    }

    public func accept(_ outcome: Outcome) throws {
        switch outcome {
        case .document(let doc, let record):
            if let record, writeDocuments { try documents!.append(line: record) }
            try done!.append(line: Self.doneLine(doc.id))
        case .failed(let f):
            try errors!.append(line: f.jsonRecord())
            try done!.append(line: Self.doneLine(f.id))
        case .dropped(let f):
            try done!.append(line: Self.doneLine(f.id))
        }
    }

    /// An id as a line of `done.part`: a JSON string, so that ids holding newlines stay one line.
    static func doneLine(_ id: String) -> [UInt8] {
        var w = JSONWriter()
        w.string(id)
        return w.bytes
    }

    public func checkpoint(counts: RunCounts, partials: [String: [UInt8]]) throws {
        guard let documents, let errors, let done else { return }
        try documents.sync()
        try errors.sync()
        try done.sync()
        var w = JSONWriter()
        w.beginObject()
        w.field("pipeline_hash", pipelineHash)
        w.field("documents_bytes", documents.length)
        w.field("errors_bytes", errors.length)
        w.field("done_bytes", done.length)
        w.key("counts")
        w.raw(Array(try JSONEncoder.sorted.encode(counts)))
        w.key("partials")
        w.beginObject()
        for (name, bytes) in partials.sorted(by: { $0.key < $1.key }) {
            w.key(name)
            w.raw(bytes)
        }
        w.endObject()
        w.endObject()
        try OutputDirectory.atomicWrite(w.bytes, to: checkpointURL)
    }

    public func finish(report: RunReport, complete: Bool) throws {
        guard let documents, let errors, let done else { return }
        try documents.sync(whole: true)
        try errors.sync()
        try done.sync()
        if complete {
            let fm = FileManager.default
            if writeDocuments {
                try rename(documents.url, directory.file(documentsName))
            } else {
                try? fm.removeItem(at: documents.url)
            }
            try rename(errors.url, directory.file("errors.jsonl"))
            try? fm.removeItem(at: done.url)
            try? fm.removeItem(at: checkpointURL)
        }
        try directory.write("run.json", RunManifest.json(report: report, pipelineHash: pipelineHash, complete: complete))
    }

    private func rename(_ from: URL, _ to: URL) throws {
        guard Foundation.rename(from.path, to.path) == 0 else { throw OutputError.posix("cannot move \(from.path) to \(to.path)") }
    }
}

/// The results of `textpipe stream`: one JSON line on standard output per input line, in input
/// order — the document, or `{"id", "source", "error": {stage, kind, message}}`, or `{"id",
/// "source", "dropped"}` — and with `emitStats` a last line `{"stats": {STAGE: partial},
/// "counts": {...}}` that `textpipe stats merge` reads.
///
/// Each line is written whole with write(2) as soon as it is next in order, so a reader sees
/// results while the input is still coming, and nothing is held back in a buffer. A reader
/// that goes away (`textpipe stream ... | head -1`) makes the next write fail with EPIPE
/// (SIGPIPE is ignored): that throws `OutputClosed`, which ends the run quietly. A
/// non-blocking standard output is waited on, not taken for a failure.
public final class StreamOutput: RecordSink {
    let fd: Int32
    let emitStats: Bool
    public var outputDirectory: OutputDirectory? { nil }

    public init(fd: Int32 = STDOUT_FILENO, emitStats: Bool = false) {
        self.fd = fd
        self.emitStats = emitStats
    }

    public func resumeState() throws -> ResumeState? { nil }

    public func accept(_ outcome: Outcome) throws {
        var line: [UInt8]
        switch outcome {
        case .document(let doc, let record):
            line = record ?? doc.jsonRecord()
        case .failed(let f):
            var w = JSONWriter()
            w.beginObject()
            w.field("id", f.id)
            w.field("source", f.source)
            w.key("error")
            w.beginObject()
            w.field("stage", f.stage)
            w.field("kind", f.kind)
            w.field("message", f.message)
            w.endObject()
            w.endObject()
            line = w.bytes
        case .dropped(let f):
            var w = JSONWriter()
            w.beginObject()
            w.field("id", f.id)
            w.field("source", f.source)
            w.field("dropped", f.message)
            w.endObject()
            line = w.bytes
        }
        line.append(10)
        try writeLine(line)
    }

    public func checkpoint(counts: RunCounts, partials: [String: [UInt8]]) throws {}

    public func finish(report: RunReport, complete: Bool) throws {
        guard emitStats else { return }
        var w = JSONWriter()
        w.beginObject()
        w.key("stats")
        w.beginObject()
        for (name, bytes) in report.partials.sorted(by: { $0.key < $1.key }) {
            w.key(name)
            w.raw(bytes)
        }
        w.endObject()
        w.key("counts")
        w.raw(Array(try JSONEncoder.sorted.encode(report.counts)))
        w.endObject()
        var line = w.bytes
        line.append(10)
        try writeLine(line)
    }

    private func writeLine(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { systemWrite(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n >= 0 {
                offset += n
                continue
            }
            switch errno {
            case EINTR:
                continue
            case EAGAIN, EWOULDBLOCK:
                var p = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                _ = poll(&p, 1, -1)
            case EPIPE:
                throw OutputClosed()
            default:
                throw OutputError.posix("cannot write standard output")
            }
        }
    }
}

/// The reader of standard output went away. For `textpipe stream` that is how a consumer says
/// it has read enough, so the run ends quietly with exit code 0.
public struct OutputClosed: Error, CustomStringConvertible {
    public init() {}
    public var description: String { "the reader closed standard output" }
}

extension JSONEncoder {
    /// Sorted keys, so that equal values give equal bytes.
    public static var sorted: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }
}

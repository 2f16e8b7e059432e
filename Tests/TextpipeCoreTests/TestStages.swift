import Foundation
import TextpipeCore

/// Small stages for exercising the loader and the executor.

/// Sets `text` from the source name, with an optional delay to scramble completion order.
struct EchoStage: Stage {
    static let description = StageDescription(
        name: "echo", summary: "text = source",
        options: [
            OptionSpec("delay_ms", .int(0...1000), default: .int(0), "random delay up to this"),
            OptionSpec("suffix", .string, default: .string(""), "appended to the text"),
        ],
        provides: ["text"])
    let delay: Int
    let suffix: String
    init(options: StageOptions, context: LoadContext) throws {
        delay = options.int("delay_ms") ?? 0
        suffix = options.string("suffix") ?? ""
    }
    func process(_ document: inout Document, context: StageContext) throws {
        if delay > 0 { usleep(UInt32.random(in: 0...UInt32(delay * 1000))) }
        document.text = document.source + suffix
    }
}

/// Fails documents whose source contains "bad", drops those containing "drop".
struct JudgeStage: Stage {
    static let description = StageDescription(name: "judge", summary: "fail or drop by name", requires: ["text"])
    init(options: StageOptions, context: LoadContext) throws {}
    func process(_ document: inout Document, context: StageContext) throws {
        if document.source.contains("bad") { throw DocumentFailure(.parse, "bad document \(document.source)") }
        if document.source.contains("drop") { throw DocumentDropped("unwanted") }
    }
}

/// Counts characters of text and failures, as a mergeable partial.
struct CountStage: AggregatingStage {
    struct Partial: Mergeable, Equatable {
        var documents = 0
        var chars = 0
        var failures = 0
        mutating func merge(_ other: Partial) {
            documents += other.documents
            chars += other.chars
            failures += other.failures
        }
    }
    static let description = StageDescription(name: "count", summary: "counts", requires: ["text"])
    init(options: StageOptions, context: LoadContext) throws {}
    func process(_ document: inout Document, context: StageContext) throws {}
    func contribution(of document: Document) -> Partial {
        Partial(documents: 1, chars: document.text.count, failures: 0)
    }
    func contribution(ofFailure failure: FailureRecord) -> Partial {
        Partial(documents: 0, chars: 0, failures: failure.dropped ? 0 : 1)
    }
    func finish(_ total: Partial, output: OutputDirectory) throws {
        try output.write("count.json", Array(try JSONEncoder.sorted.encode(total)))
    }
}

/// Busy-waits past the stage timeout without checking its deadline.
struct StallStage: Stage {
    static let description = StageDescription(name: "stall", summary: "slow")
    init(options: StageOptions, context: LoadContext) throws {}
    func process(_ document: inout Document, context: StageContext) throws {
        if document.source.contains("slow") { usleep(300_000) }
    }
}

/// Reads and writes the fields its options name, as `filter` and `command` do.
struct FieldsStage: Stage {
    static let description = StageDescription(
        name: "needs", summary: "declares fields from options",
        options: [
            OptionSpec("reads", .list(.string), default: .list([]), "fields read"),
            OptionSpec("writes", .list(.string), default: .list([]), "fields written"),
        ])
    let requires: [String]
    let provides: [String]
    init(options: StageOptions, context: LoadContext) throws {
        requires = options.strings("reads")
        provides = options.strings("writes")
    }
    func process(_ document: inout Document, context: StageContext) throws {}
}

/// Counts how often a run closed it.
struct ClosingStage: Stage {
    final class Counter: @unchecked Sendable {
        // Safety: only touched under `lock`.
        private let lock = NSLock()
        private var closes = 0
        private var processedAfterClose = 0
        func close() { lock.lock(); closes += 1; lock.unlock() }
        func process() { lock.lock(); if closes > 0 { processedAfterClose += 1 }; lock.unlock() }
        var counts: (closes: Int, late: Int) { lock.lock(); defer { lock.unlock() }; return (closes, processedAfterClose) }
    }
    static let description = StageDescription(name: "closing", summary: "counts closes")
    let counter = Counter()
    init(options: StageOptions, context: LoadContext) throws {}
    func process(_ document: inout Document, context: StageContext) throws { counter.process() }
    func close() { counter.close() }
}

/// Leaves `text` out of the records it writes.
struct HideTextStage: RecordShapingStage {
    static let description = StageDescription(name: "hide_text", summary: "no text in the output")
    let shapeSteps: [RecordShape.Step] = [.drop(["text"])]
    init(options: StageOptions, context: LoadContext) throws {}
    func process(_ document: inout Document, context: StageContext) throws {}
}

let testRegistry = StageRegistry([EchoStage.self, JudgeStage.self, CountStage.self, StallStage.self, TagStage.self, LedgerStage.self,
                                  FieldsStage.self, ClosingStage.self, HideTextStage.self])

/// Collects outcomes in memory.
final class MemorySink: RecordSink {
    var outcomes: [Outcome] = []
    var finished: RunReport?
    var outputDirectory: OutputDirectory? { nil }
    func resumeState() throws -> ResumeState? { nil }
    func accept(_ outcome: Outcome) throws { outcomes.append(outcome) }
    func checkpoint(counts: RunCounts, partials: [String: [UInt8]]) throws {}
    func finish(report: RunReport, complete: Bool) throws { finished = report }

    var ids: [String] {
        outcomes.map {
            switch $0 {
            case .document(let d, _): return d.id
            case .failed(let f), .dropped(let f): return f.id
            }
        }
    }
}

func temporaryDirectory() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("textpipe-tests-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Tags documents by the last digit of their source: "round" for 0, "odd" otherwise.
struct TagStage: Stage {
    static let description = StageDescription(name: "tag", summary: "tags by name")
    init(options: StageOptions, context: LoadContext) throws {}
    func process(_ document: inout Document, context: StageContext) throws {
        document.tags.insert(document.source.hasSuffix("0") ? "round" : "odd")
    }
}

/// What a `LedgerStage` did, as a state database would have recorded it: `provisional` is what
/// `willCheckpoint` saved, `committed` what `end(complete: true)` made count.
final class Ledger: @unchecked Sendable {
    // Safety: the executor calls a stateful stage's hooks one at a time; `closed` and `events`
    // are also read by the test only after the run.
    var buffered: [String] = []
    var provisional: [String] = []
    var committed: [String] = []
    var events: [String] = []
    var closed = 0
    var starts: [RunStart] = []
}

/// A stateful stage that tags every document and keeps a ledger of ids the way the
/// incremental fetch keeps URL state. The ledger is looked up by the `ledger` option.
struct LedgerStage: StatefulStage {
    nonisolated(unsafe) static var ledgers: [String: Ledger] = [:]
    static let description = StageDescription(
        name: "ledger", summary: "records ids",
        options: [OptionSpec("ledger", .string, default: .string(""), "ledger name")])
    let ledger: Ledger
    init(options: StageOptions, context: LoadContext) throws {
        ledger = Self.ledgers[options.string("ledger") ?? ""] ?? Ledger()
    }
    func process(_ document: inout Document, context: StageContext) throws {
        document.tags.insert(document.source.hasSuffix("0") ? "round" : "odd")
    }
    func begin(_ start: RunStart) throws {
        ledger.starts.append(start)
        ledger.events.append("begin")
        let keep = start.resume?.doneIDs ?? []
        ledger.provisional.removeAll { !keep.contains($0) }
    }
    func written(_ outcome: Outcome) {
        if case .document(let doc, _) = outcome { ledger.buffered.append(doc.id) }
    }
    func willCheckpoint() throws {
        ledger.events.append("checkpoint")
        ledger.provisional += ledger.buffered
        ledger.buffered = []
    }
    func end(complete: Bool) throws {
        ledger.events.append("end(\(complete))")
        if complete {
            ledger.committed += ledger.provisional + ledger.buffered
            ledger.provisional = []
            ledger.buffered = []
        }
    }
    func close() { ledger.closed += 1 }
}

import Foundation

/// What a run did, counted by the writer in input order. Saved in checkpoints (so a resumed run
/// goes on counting) and in run.json.
public struct RunCounts: Codable, Sendable, Equatable {
    /// Documents taken from the inputs (after sharding and resume).
    public var inputs = 0
    /// Documents written to documents.jsonl.
    public var documents = 0
    public var failed = 0
    public var dropped = 0
    public var failedByKind: [String: Int] = [:]
    public var failedByStage: [String: Int] = [:]
    public var droppedByReason: [String: Int] = [:]
    /// Documents by the tags stages gave them (`Document.tags`), whatever their outcome.
    public var tags: [String: Int] = [:]
    /// Bytes of content read or fetched.
    public var bytesIn = 0
    /// Seconds spent in each stage, summed over documents and workers.
    public var stageSeconds: [String: Double] = [:]

    public init() {}

    enum CodingKeys: String, CodingKey {
        case inputs, documents, failed, dropped
        case failedByKind = "failed_by_kind", failedByStage = "failed_by_stage"
        case droppedByReason = "dropped_by_reason", bytesIn = "bytes_in", stageSeconds = "stage_seconds"
        case tags
    }

    /// Share of documents that failed.
    public var errorRate: Double { inputs == 0 ? 0 : Double(failed) / Double(inputs) }
}

/// The result of `Executor.run`.
public struct RunReport: Sendable {
    public var counts: RunCounts
    public var started: Date
    public var ended: Date
    /// Documents skipped because a resumed run had already written them.
    public var resumedDocuments: Int
    /// Set when a signal stopped the run early ("SIGINT", "SIGTERM") or on_error: stop did.
    public var stoppedBy: String?
    /// Totals of the aggregating stages, by stage name.
    public var partials: [String: [UInt8]]

    public var seconds: Double { ended.timeIntervalSince(started) }
}

import Foundation
import Logging

/// A step of the pipeline. One type per stage, one required method.
///
/// A stage is built once, from its validated options, when the pipeline file is loaded: all
/// checking happens in `init`, before the first document is read, and a bad option throws a
/// `ConfigurationError`. `process` then runs on many documents at once from several worker
/// threads, so a stage keeps no mutable state of its own; what it learns across documents
/// goes into a `Mergeable` partial (see `AggregatingStage`).
///
/// A document that cannot go on throws `DocumentFailure` (it lands in `errors.jsonl`, the batch
/// goes on); one that a filter removes throws `DocumentDropped` (counted by reason).
public protocol Stage: Sendable {
    /// Name, help, options and dependencies, for loading, validation and `textpipe stages`.
    static var description: StageDescription { get }

    init(options: StageOptions, context: LoadContext) throws

    func process(_ document: inout Document, context: StageContext) throws

    /// Fields this configured stage reads; by default `description.requires`. A stage whose
    /// options decide what it reads (a filter on `meta.language`, an outside command) says so
    /// here, and the loader checks the chain with these once the stage is built.
    var requires: [String] { get }

    /// Fields this configured stage writes; by default `description.provides`.
    var provides: [String] { get }

    /// Called once when a run ends, however it ends (completed, stopped by a signal, or an
    /// output failure), after the last document has left the stage. Releases what `process`
    /// acquired and keeps open across documents: connection pools, open files, child
    /// processes. A `deinit` is not a substitute, since stage values are copied and may be
    /// kept alive by the pipeline. The stage may be run again afterwards and then acquires its
    /// resources anew. The default does nothing.
    func close()
}

extension Stage {
    public var requires: [String] { Self.description.requires }
    public var provides: [String] { Self.description.provides }
    public func close() {}
}

/// What a stage is called, what it takes, and what it needs from earlier stages.
public struct StageDescription: Sendable {
    public var name: String
    public var summary: String
    public var options: [OptionSpec]
    /// Document fields this stage reads, which an earlier stage must provide:
    /// "content", "text", "paragraphs", "sentences", "tokens", "entities", "meta", or a
    /// custom name.
    public var requires: [String]
    public var provides: [String]
    /// Waits on the network or the disk more than on the CPU: the executor runs it on its own
    /// wider pool, ahead of the CPU stages.
    public var isIOBound: Bool

    public init(name: String, summary: String, options: [OptionSpec] = [], requires: [String] = [],
                provides: [String] = [], isIOBound: Bool = false) {
        self.name = name
        self.summary = summary
        self.options = options
        self.requires = requires
        self.provides = provides
        self.isIOBound = isIOBound
    }
}

/// What a stage may use while it is being built.
public struct LoadContext: Sendable {
    /// Folder of the pipeline file.
    public var baseDirectory: URL
    /// The run's output folder (stages that keep state put it here).
    public var outputDirectory: URL?
    public var limits: Limits
    /// Names of the stages that come before this one, in order.
    public var previousStages: [String]
    public var logger: Logger

    public init(baseDirectory: URL, outputDirectory: URL? = nil, limits: Limits = Limits(),
                previousStages: [String] = [], logger: Logger = Logger(label: "textpipe")) {
        self.baseDirectory = baseDirectory
        self.outputDirectory = outputDirectory
        self.limits = limits
        self.previousStages = previousStages
        self.logger = logger
    }
}

/// What a stage may use while it processes one document.
public struct StageContext: Sendable {
    public var limits: Limits
    /// When the current stage must give up on this document.
    public var deadline: DispatchTime
    public var stageName: String
    public var logger: Logger

    public init(limits: Limits = Limits(), deadline: DispatchTime = .distantFuture, stageName: String = "",
                logger: Logger = Logger(label: "textpipe")) {
        self.limits = limits
        self.deadline = deadline
        self.stageName = stageName
        self.logger = logger
    }

    /// Long loops call this now and then: a document over its time budget is abandoned.
    @inline(__always)
    public func checkDeadline() throws {
        if DispatchTime.now() > deadline {
            throw DocumentFailure(.timeout, "stage '\(stageName)' took longer than \(Duration.describe(seconds: limits.stageTimeout))")
        }
    }
}

/// A stage that also learns something across documents. Each document's contribution is a
/// small partial computed in parallel by the worker; the writer folds the contributions in
/// input order; the total is handed to `finish` at the end and saved by name in `stats.json`.
///
/// Folding per-document partials in the writer, rather than keeping one partial per worker,
/// costs a little serial work but makes the totals independent of scheduling, lets a killed
/// run checkpoint totals that match exactly the documents already written, and keeps dropped
/// or failed documents out. Because partials merge exactly, shards merge the same way
/// (`textpipe stats merge`).
public protocol AggregatingStage: Stage {
    associatedtype Partial: Mergeable

    /// The document's contribution; called after `process`, on the worker.
    func contribution(of document: Document) -> Partial

    /// The contribution of a document that failed or was dropped (error counts, say).
    func contribution(ofFailure failure: FailureRecord) -> Partial

    /// Writes the totals (files in the output folder, say) at the end of a run.
    func finish(_ total: Partial, output: OutputDirectory) throws
}

extension AggregatingStage {
    public func contribution(ofFailure failure: FailureRecord) -> Partial { Partial() }
    public func finish(_ total: Partial, output: OutputDirectory) throws {}
}

/// A commutative monoid: `Self()` is the empty value and `merge` is associative and
/// commutative, so partials from workers, checkpoints and shards add up to the same total in
/// any grouping.
public protocol Mergeable: Codable, Sendable {
    init()
    mutating func merge(_ other: Self)
}

/// Why a document failed: the stage, a kind a script can filter on, and a message.
public struct DocumentFailure: Error, Sendable, CustomStringConvertible {
    public var kind: FailureKind
    public var message: String

    public init(_ kind: FailureKind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "\(kind.rawValue): \(message)" }
}

/// A failure's kind. An open set: stages may define their own.
public struct FailureKind: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public static let io: FailureKind = "io"
    public static let notFound: FailureKind = "not_found"
    public static let parse: FailureKind = "parse"
    public static let charset: FailureKind = "charset"
    public static let wrongType: FailureKind = "wrong_type"
    public static let tooLarge: FailureKind = "too_large"
    public static let timeout: FailureKind = "timeout"
    public static let limit: FailureKind = "limit"
    public static let empty: FailureKind = "empty"
    public static let input: FailureKind = "input"
    public static let stage: FailureKind = "stage"
    public static let dns: FailureKind = "dns"
    public static let refused: FailureKind = "refused"
    public static let tls: FailureKind = "tls"
    public static let http4xx: FailureKind = "http_4xx"
    public static let http5xx: FailureKind = "http_5xx"
    public static let robots: FailureKind = "robots"
    public static let redirectLoop: FailureKind = "redirect_loop"
    public static let forbiddenAddress: FailureKind = "forbidden_address"
    public static let crashed: FailureKind = "crashed"
}

/// A filter's way of removing a document: not an error, but counted by reason.
public struct DocumentDropped: Error, Sendable {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
}

/// A line of `errors.jsonl`, or a dropped document's record in the counts.
public struct FailureRecord: Sendable, Codable, Equatable {
    public var id: String
    public var source: String
    public var stage: String
    public var kind: String
    public var message: String
    /// True when a filter dropped the document (not written to errors.jsonl).
    public var dropped: Bool

    public init(id: String, source: String, stage: String, kind: String, message: String, dropped: Bool = false) {
        self.id = id
        self.source = source
        self.stage = stage
        self.kind = kind
        self.message = message
        self.dropped = dropped
    }

    public func jsonRecord() -> [UInt8] {
        var w = JSONWriter()
        w.beginObject()
        w.field("id", id)
        w.field("source", source)
        w.field("stage", stage)
        w.field("kind", kind)
        w.field("message", message)
        w.endObject()
        return w.bytes
    }
}

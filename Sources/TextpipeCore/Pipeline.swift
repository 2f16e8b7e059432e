import Foundation

/// A loaded, fully validated pipeline: where documents come from, the chain of stages they go
/// through, where results go, and how the run behaves.
///
///     inputs ──▶ [I/O stages: fetch]  ──▶ [CPU stages: clean ▸ sentences ▸ entities ▸ stats]
///                 own wide pool,           `workers` threads, each runs the whole chain on
///                 per-host limits          one document at a time (no queues between stages)
///                                                       │
///                 at most `max_in_flight` documents     ▼
///                 between reading and writing     one serial writer: input order, partials
///                                                 folded, checkpoints, errors.jsonl
///
/// Everything a stage needs was checked when the file was loaded (`PipelineLoader`), so a run
/// cannot fail on configuration once the first document has been read.
public struct Pipeline: Sendable {
    public var name: String
    /// The pipeline file, if loaded from one.
    public var file: URL?
    /// Hash of the pipeline file's text and command-line overrides, recorded in run.json and
    /// checked when a run resumes.
    public var hash: String
    public var input: InputSpec
    public var output: OutputSpec
    public var run: RunSettings
    public var limits: Limits
    public var stages: [ConfiguredStage]
    /// Fields the stages read that no stage of the chain provides, so each input must bring
    /// them: only a chain over records of an earlier run (`input: { stdin: jsonl }`, starting
    /// after `clean`, say) has any. An input line without them fails in its place.
    public var fieldsFromInput: [String] = []

    public init(name: String, file: URL? = nil, hash: String = "", input: InputSpec = InputSpec(),
                output: OutputSpec = OutputSpec(), run: RunSettings = RunSettings(), limits: Limits = Limits(),
                stages: [ConfiguredStage]) {
        self.name = name
        self.file = file
        self.hash = hash
        self.input = input
        self.output = output
        self.run = run
        self.limits = limits
        self.stages = stages
    }
}

/// A stage instance in its place in the chain.
public struct ConfiguredStage: Sendable {
    public var name: String
    public var stage: any Stage
    public var location: SourceLocation?

    public init(name: String, stage: any Stage, location: SourceLocation? = nil) {
        self.name = name
        self.stage = stage
        self.location = location
    }

    public var description: StageDescription { type(of: stage).description }
}

/// Where documents come from.
public struct InputSpec: Sendable {
    /// Files, folders (read recursively) and globs.
    public var paths: [String] = []
    /// Globs of names or paths to leave out of folders and globs (e.g. "README.md", "drafts/*").
    public var exclude: [String] = []
    /// Files listing one URL (or path) per line; `#` starts a comment.
    public var urlLists: [String] = []
    /// RSS, Atom or sitemap files or URLs, expanded into article URLs.
    public var feeds: [String] = []
    /// Only feed entries published within this many seconds before the run.
    public var feedWindow: Double?
    /// Read JSON Lines from standard input.
    public var stdin = false
    /// URLs or paths given directly (from `--input`).
    public var sources: [String] = []

    public init() {}

    public var isEmpty: Bool { paths.isEmpty && urlLists.isEmpty && feeds.isEmpty && !stdin && sources.isEmpty }
}

/// Where results go.
public struct OutputSpec: Sendable {
    public var directory = URL(fileURLWithPath: "out")
    /// "jsonl", "jsonl.gz", or "none" to keep only statistics.
    public var documents = "jsonl"

    public init() {}
}

/// How a run behaves.
public struct RunSettings: Sendable {
    public enum OnError: String, Sendable, CaseIterable {
        /// Record the document in errors.jsonl and go on.
        case quarantine
        /// Stop the run at the first failed document.
        case stop
    }

    public var workers = ProcessInfo.processInfo.activeProcessorCount
    public var maxInFlight = 256
    /// Threads for I/O-bound stages (fetching).
    public var ioWorkers = 16
    public var onError = OnError.quarantine
    /// Above this share of failed documents the run exits with code 1.
    public var maxErrorRate = 0.2
    /// Process only shard `index` of `count` (by document id).
    public var shard: Shard?
    /// Ignore saved state: no resume, no conditional fetching.
    public var fresh = false
    /// Seconds between checkpoints that let a killed run resume.
    public var checkpointInterval = 2.0

    public init() {}
}

/// A stable slice of the inputs: a document belongs to shard `hash(id) mod count`.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    public var index: Int
    public var count: Int

    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Parses "I/N" with 0 <= I < N.
    public init?(_ text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n > 0, (0..<n).contains(i) else { return nil }
        self.init(index: i, count: n)
    }

    public func contains(id: String) -> Bool {
        Int(StableHash.fnv1a64(id) % UInt64(count)) == index
    }

    public var description: String { "\(index)/\(count)" }
}

/// Stable, platform-independent hashes for ids and shards (Swift's `Hasher` is seeded per run).
public enum StableHash {
    public static func fnv1a64(_ text: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in text.utf8 {
            h ^= UInt64(b)
            h &*= 0x0000_0100_0000_01B3
        }
        return h
    }

    public static func fnv1a64(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h ^= UInt64(b)
            h &*= 0x0000_0100_0000_01B3
        }
        return h
    }

    /// 16 lowercase hex digits.
    public static func hex(_ value: UInt64) -> String {
        let s = String(value, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }

    /// The id of a document read from `source`.
    public static func documentID(source: String) -> String {
        hex(fnv1a64(source))
    }
}

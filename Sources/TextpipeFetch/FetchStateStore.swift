import Foundation
import GRDB
import TextpipeCore

/// What the incremental fetch remembers about one source between runs.
public struct SourceState: Sendable, Equatable, Codable, FetchableRecord {
    /// The URL or path, as the input named it.
    public var source: String
    /// The document id of the run that saved it (resume matches on it).
    public var id: String
    public var etag: String?
    public var lastModified: String?
    /// Hash of the decoded body; nil when the document failed (so it is fetched in full again).
    public var contentHash: String?
    /// HTTP status (0 for a local file).
    public var status: Int
    /// The failure kind when the document failed, in whatever stage.
    public var failure: String?
    /// Seconds since 1970 when the document was processed.
    public var processedAt: Double

    public init(source: String, id: String, etag: String? = nil, lastModified: String? = nil, contentHash: String? = nil,
                status: Int, failure: String? = nil, processedAt: Double = Date().timeIntervalSince1970) {
        self.source = source
        self.id = id
        self.etag = etag
        self.lastModified = lastModified
        self.contentHash = contentHash
        self.status = status
        self.failure = failure
        self.processedAt = processedAt
    }

    /// What to send in a conditional request: only what a document that went through has.
    public var validators: Validators? {
        guard contentHash != nil, etag != nil || lastModified != nil else { return nil }
        return Validators(etag: etag, lastModified: lastModified)
    }
}

/// The incremental fetch's SQLite database (one file, next to the outputs by default).
///
/// Two tables of `SourceState` rows, keyed by source: `committed` holds what completed runs
/// learned, and is what conditional requests and hash comparisons read; `pending` holds what
/// the current run has learned so far. Pending rows are written before each checkpoint of
/// the output (`FetchStage.willCheckpoint`) and moved into `committed` in one transaction only
/// after the run's outputs are in place. A run that resumes keeps the pending rows of the
/// documents its checkpoint holds and deletes the rest; a run that starts over deletes all.
/// So a page's new ETag is never trusted before the page's output is durable, and a killed
/// run cannot turn into a lost document. Pending rows belong to one run (`run`: its output
/// folder), so that shards sharing one state file do not discard each other's.
///
/// SQLite runs in WAL mode with `synchronous = FULL`: a committed transaction survives a
/// crash or power loss. Several I/O threads read at once; the writer queue writes.
public final class FetchStateStore: Sendable {
    let pool: DatabasePool
    public let path: String
    /// Which run's pending rows this store reads and writes.
    public let run: String

    public init(path: String, run: String = "") throws {
        self.path = path
        self.run = run
        var config = Configuration()
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        pool = try DatabasePool(path: path, configuration: config)
        try pool.write { db in
            let columns = """
                source TEXT NOT NULL, id TEXT NOT NULL, etag TEXT, lastModified TEXT,
                contentHash TEXT, status INTEGER NOT NULL, failure TEXT, processedAt REAL NOT NULL
                """
            try db.execute(sql: "CREATE TABLE IF NOT EXISTS committed (\(columns), PRIMARY KEY (source))")
            try db.execute(sql: "CREATE TABLE IF NOT EXISTS pending (run TEXT NOT NULL, \(columns), PRIMARY KEY (run, source))")
        }
    }

    /// What completed runs know about `source`.
    public func committed(_ source: String) throws -> SourceState? {
        try pool.read { db in
            try SourceState.fetchOne(db, sql: "SELECT * FROM committed WHERE source = ?", arguments: [source])
        }
    }

    /// Saves rows as pending, durably, in one transaction.
    public func savePending(_ rows: [SourceState]) throws {
        guard !rows.isEmpty else { return }
        try pool.write { db in
            for row in rows {
                try db.execute(sql: """
                    INSERT OR REPLACE INTO pending (run, source, id, etag, lastModified, contentHash, status, failure, processedAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [run, row.source, row.id, row.etag, row.lastModified, row.contentHash, row.status, row.failure, row.processedAt])
            }
        }
    }

    /// Deletes pending rows except those of the documents in `keep`; returns how many went.
    @discardableResult
    public func discardPending(keeping keep: Set<String>) throws -> Int {
        try pool.write { db in
            let rows = try Row.fetchAll(db, sql: "SELECT source, id FROM pending WHERE run = ?", arguments: [run])
            var gone = 0
            for row in rows where !keep.contains(row["id"] as String) {
                try db.execute(sql: "DELETE FROM pending WHERE run = ? AND source = ?", arguments: [run, row["source"] as String])
                gone += 1
            }
            return gone
        }
    }

    /// Moves this run's pending rows into `committed`, in one transaction.
    public func commitPending() throws {
        try pool.write { db in
            try db.execute(sql: """
                INSERT OR REPLACE INTO committed (source, id, etag, lastModified, contentHash, status, failure, processedAt)
                SELECT source, id, etag, lastModified, contentHash, status, failure, processedAt FROM pending WHERE run = ?
                """, arguments: [run])
            try db.execute(sql: "DELETE FROM pending WHERE run = ?", arguments: [run])
        }
    }

    public func pending() throws -> [SourceState] {
        try pool.read { db in
            try SourceState.fetchAll(db, sql: """
                SELECT source, id, etag, lastModified, contentHash, status, failure, processedAt
                FROM pending WHERE run = ? ORDER BY source
                """, arguments: [run])
        }
    }

    public func allCommitted() throws -> [SourceState] {
        try pool.read { db in try SourceState.fetchAll(db, sql: "SELECT * FROM committed ORDER BY source") }
    }

    /// Closes the database file (further use throws).
    public func close() throws {
        try pool.close()
    }
}

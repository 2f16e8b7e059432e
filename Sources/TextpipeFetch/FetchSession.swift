import Foundation
import TextpipeCore

/// The part of a `fetch` stage that lives across documents: the HTTP fetcher and, when
/// incremental, the state database and the state of documents between `process` (on an I/O
/// thread) and `written` (on the executor's writer queue).
///
/// A document's new state is made in `process` and parked under its id; when the writer
/// reports the document's outcome, the state is taken, adjusted to the outcome (a document
/// that failed in any stage keeps no validators or hash, so the next run fetches it in full),
/// and queued; `saveWritten` (before each checkpoint) saves the queue as pending rows;
/// `end(complete: true)` commits them. See `FetchStateStore` for why this order keeps every
/// document across a kill.
final class FetchSession: @unchecked Sendable {
    // Safety: `store`, `fresh` and `parked` are guarded by `lock` (I/O threads and the writer
    // use them); `queue` is touched only by the executor's writer, one hook at a time.
    let fetcher: HTTPFetcher
    let statePath: String?
    /// Names this run's pending state (the output folder), apart from other shards'.
    let runKey: String
    private let lock = NSLock()
    private var store: FetchStateStore?
    private var fresh = false
    private var parked: [String: SourceState] = [:]
    private var queue: [SourceState] = []

    init(fetcher: HTTPFetcher, statePath: String?, runKey: String) {
        self.fetcher = fetcher
        self.statePath = statePath
        self.runKey = runKey
    }

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    // MARK: run steps (executor's writer)

    func begin(_ start: RunStart) throws {
        guard let statePath else { return }
        let store = try FetchStateStore(path: statePath, run: runKey)
        try store.discardPending(keeping: start.resume?.doneIDs ?? [])
        locked {
            self.store = store
            self.fresh = start.fresh
            self.parked = [:]
        }
        queue = []
    }

    func written(_ outcome: Outcome, stage: String) {
        guard statePath != nil else { return }
        switch outcome {
        case .document(let doc, _):
            if let row = take(doc.id) { queue.append(row) }
        case .dropped(let f):
            if let row = take(f.id) { queue.append(row) }
        case .failed(let f):
            let row = take(f.id)
            guard row != nil || f.stage == stage else { return }
            queue.append(SourceState(source: f.source, id: f.id, status: row?.status ?? 0, failure: f.kind))
        }
    }

    func saveWritten() throws {
        guard let store = locked({ store }) else { return }
        try store.savePending(queue)
        queue = []
    }

    func end(complete: Bool) throws {
        guard let store = locked({ store }) else { return }
        if complete {
            try store.savePending(queue)
            try store.commitPending()
        }
        queue = []
    }

    func close() {
        fetcher.close()
        let s = locked { () -> FetchStateStore? in
            defer { store = nil; parked = [:] }
            return store
        }
        try? s?.close()
    }

    // MARK: documents (I/O threads)

    /// What completed runs know about a source, unless incremental is off or the run is fresh.
    func previous(_ source: String) throws -> SourceState? {
        guard let store = locked({ fresh ? nil : store }) else { return nil }
        do {
            return try store.committed(source)
        } catch {
            throw DocumentFailure(.io, "cannot read the fetch state database \(store.path): \(error)")
        }
    }

    private func park(_ row: SourceState) { locked { parked[row.id] = row } }
    private func take(_ id: String) -> SourceState? { locked { parked.removeValue(forKey: id) } }
    /// Whether this run keeps state (incremental, and the run has begun).
    var incremental: Bool { locked { store != nil } }

    /// Records a fetched body in an incremental run: new, changed, or unchanged (then the
    /// document is dropped).
    func note(_ doc: inout Document, hash: String, status: Int, validators: Validators?, previous: SourceState?) throws {
        park(SourceState(source: doc.source, id: doc.id, etag: validators?.etag, lastModified: validators?.lastModified,
                         contentHash: hash, status: status))
        if let previous, previous.contentHash == hash {
            doc.tags.insert("unchanged")
            throw DocumentDropped("unchanged")
        }
        doc.tags.insert(previous?.contentHash == nil ? "new" : "changed")
    }

    /// Records a 304: the document is unchanged and dropped.
    func noteNotModified(_ doc: inout Document, validators: Validators, previous: SourceState?) throws {
        guard let previous else { throw DocumentFailure(.http4xx, "304 Not Modified for a request that was not conditional") }
        park(SourceState(source: doc.source, id: doc.id, etag: validators.etag ?? previous.etag,
                         lastModified: validators.lastModified ?? previous.lastModified,
                         contentHash: previous.contentHash, status: 304))
        doc.tags.formUnion(["unchanged", "not_modified"])
        throw DocumentDropped("unchanged")
    }
}

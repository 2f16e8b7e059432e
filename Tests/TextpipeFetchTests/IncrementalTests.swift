import Foundation
import Testing
import TextpipeTestSupport
import TextpipeCore
@testable import TextpipeFetch

/// Incremental runs over real outputs: conditional requests, what counts as unchanged, what
/// run.json says, and that state only counts once the run's output is in place.
@Suite(.serialized) struct IncrementalTests {
    static let options = "allow_hosts: [127.0.0.1], retries: 0, robots: ignore, incremental: true"

    /// A site whose pages have versions; `/etag/N` answers If-None-Match, `/lm/N` answers
    /// If-Modified-Since, `/plain/N` ignores validators, `/broken` fails.
    final class Site: @unchecked Sendable {
        let lock = NSLock()
        var version = 1
        func bump() { lock.withLock { version += 1 } }

        func reply(_ r: TestServer.Request) -> TestServer.Reply {
            let v = lock.withLock { version }
            let etag = "\"\(r.path)-v\(v)\""
            let lm = "Tue, 24 Nov 2026 10:00:0\(v) GMT"
            let body = TestServer.Reply.html("<p>\(r.path) version \(r.path.hasSuffix("/1") ? v : 1)</p>")
            switch r.path.split(separator: "/").first.map(String.init) {
            case "etag":
                // Page 1 changes with each version; the others keep their content and ETag.
                let tag = r.path.hasSuffix("/1") ? etag : "\"\(r.path)-v1\""
                if r.headers["if-none-match"] == tag { return .status(304, [("ETag", tag)]) }
                if case .respond(let s, let h, let b) = body { return .respond(s, h + [("ETag", tag)], b) }
                return body
            case "lm":
                // Page 1 is modified with each version; the others were last modified at version 1.
                let lm = r.path.hasSuffix("/1") ? lm : "Tue, 24 Nov 2026 10:00:01 GMT"
                if r.headers["if-modified-since"] == lm { return .status(304) }
                if case .respond(let s, let h, let b) = body { return .respond(s, h + [("Last-Modified", lm)], b) }
                return body
            case "broken":
                return .status(500)
            default:
                return body
            }
        }
    }

    func urls(_ base: String) -> [String] {
        ["etag", "lm", "plain"].flatMap { kind in (1...3).map { "\(base)/\(kind)/\($0)" } } + ["\(base)/broken"]
    }

    @Test func secondRunSkipsWhatDidNotChange() throws {
        let site = Site()
        let server = try TestServer { r, _ in site.reply(r) }
        defer { server.stop() }
        let dir = FetchTest.directory()
        let urls = urls(server.base)
        let out = dir.appendingPathComponent("out")

        let first = try FetchTest.run(try FetchTest.pipeline(Self.options, urls: urls, in: dir), in: dir)
        #expect(first.counts.tags == ["fetched": 9, "new": 9])
        #expect(first.counts.failedByKind == ["http_5xx": 1])
        #expect(try FetchTest.sources("documents.jsonl", in: out).count == 9)
        #expect(server.requests.allSatisfy { $0.headers["if-none-match"] == nil && $0.headers["if-modified-since"] == nil })

        site.bump()
        let before = server.requests.count
        let second = try FetchTest.run(try FetchTest.pipeline(Self.options, urls: urls, in: dir), in: dir)
        let sent = server.requests.dropFirst(before)
        #expect(sent.first { $0.path == "/etag/2" }?.headers["if-none-match"] == "\"/etag/2-v1\"")
        #expect(sent.first { $0.path == "/lm/2" }?.headers["if-modified-since"] == "Tue, 24 Nov 2026 10:00:01 GMT")
        #expect(sent.first { $0.path == "/broken" }?.headers["if-none-match"] == nil)
        // Pages 2 and 3 of etag and lm answer 304; plain ones hash the same; page 1s changed.
        #expect(second.counts.tags == ["fetched": 5, "changed": 3, "unchanged": 6, "not_modified": 4])
        #expect(second.counts.droppedByReason == ["unchanged": 6])
        #expect(second.counts.failedByKind == ["http_5xx": 1])
        #expect(try FetchTest.sources("documents.jsonl", in: out) == ["etag", "lm", "plain"].map { "\(server.base)/\($0)/1" })

        let manifest = try JSONValue.parse(String(contentsOf: out.appendingPathComponent("run.json"), encoding: .utf8))
        #expect(manifest["counts"]?["tags"]?["unchanged"]?.intValue == 6)
        #expect(manifest["counts"]?["tags"]?["changed"]?.intValue == 3)

        let fresh = try FetchTest.run(try FetchTest.pipeline(Self.options, urls: urls, in: dir, fresh: true), in: dir)
        #expect(fresh.counts.tags == ["fetched": 9, "new": 9])
        #expect(try FetchTest.sources("documents.jsonl", in: out).count == 9)
    }

    @Test func stateIsCommittedOnlyWhenTheRunCompletes() throws {
        let site = Site()
        let server = try TestServer { r, _ in site.reply(r) }
        defer { server.stop() }
        let dir = FetchTest.directory()
        let p = try FetchTest.pipeline(Self.options, urls: urls(server.base), in: dir,
                                       run: "{ io_workers: 1, workers: 1, max_in_flight: 1, checkpoint_interval: 1ms }")
        let sources = try InputEnumerator(baseDirectory: dir).sources(p.input)
        let out = p.output.directory
        let executor = Executor(pipeline: p)
        let sink = StoppingSink(RunOutput(directory: out, pipeline: p), after: 4) { executor.stop(reason: "SIGTERM") }
        let stopped = try executor.run(sources.map(InputItem.init(source:)), total: nil, sink: sink)
        #expect(stopped.stoppedBy == "SIGTERM")
        let store = try FetchStateStore(path: out.appendingPathComponent("fetch-state.sqlite").path, run: out.standardizedFileURL.path)
        #expect(try store.allCommitted().isEmpty, "nothing counts before the outputs are in place")
        #expect(try store.pending().count == stopped.counts.inputs)

        let resumed = try FetchTest.run(p, in: dir)
        #expect(resumed.resumedDocuments == stopped.counts.inputs)
        #expect(try store.pending().isEmpty)
        let committed = try store.allCommitted()
        #expect(committed.count == 10)
        #expect(committed.first { $0.source.hasSuffix("/broken") }.map { $0.failure == "http_5xx" && $0.contentHash == nil } == true)
        #expect(Set(try FetchTest.sources("documents.jsonl", in: out)).count == 9)
        try store.close()
    }
}

extension IncrementalTests {
    @Test func shardsSharingAStateFileKeepTheirOwnPendingState() throws {
        let path = FetchTest.directory().appendingPathComponent("state.sqlite").path
        let a = try FetchStateStore(path: path, run: "/out/shard-0")
        let b = try FetchStateStore(path: path, run: "/out/shard-1")
        try a.savePending([SourceState(source: "https://x.example/1", id: "1", contentHash: "h1", status: 200)])
        try b.discardPending(keeping: [])  // shard 1 starts over
        #expect(try a.pending().map(\.id) == ["1"])
        try b.savePending([SourceState(source: "https://x.example/2", id: "2", contentHash: "h2", status: 200)])
        try a.commitPending()
        #expect(try a.allCommitted().map(\.id) == ["1"])
        #expect(try b.pending().map(\.id) == ["2"])
        try a.close()
        try b.close()
    }
}

import Foundation
import Testing
import TextpipeCore

/// The real thing: the built `textpipe` binary fetches a few hundred pages from the test
/// server with incremental state, and is killed with SIGKILL, then stopped with SIGTERM and
/// SIGINT, then left to finish. Every page must be in documents.jsonl exactly once, in input
/// order. A second run over the same URLs must then fetch nothing new.
@Suite(.serialized) struct KillResumeTests {
    static let pages = 300

    /// The `textpipe` executable that `swift build` put beside the test bundle.
    static func binary() throws -> URL {
        var candidates: [URL] = []
        if let env = ProcessInfo.processInfo.environment["TEXTPIPE_BINARY"] { candidates.append(URL(fileURLWithPath: env)) }
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<3 {
            candidates.append(dir.appendingPathComponent("textpipe"))
            dir = dir.deletingLastPathComponent()
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug/textpipe"))
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "no textpipe binary among \(candidates.map(\.path))"])
        }
        return found
    }

    final class Run {
        let process = Process()
        init(_ binary: URL, _ args: [String], in dir: URL, log: String) throws {
            process.executableURL = binary
            process.arguments = args
            process.currentDirectoryURL = dir
            _ = FileManager.default.createFile(atPath: dir.appendingPathComponent(log).path, contents: nil)
            let handle = try FileHandle(forWritingTo: dir.appendingPathComponent(log))
            process.standardOutput = handle
            process.standardError = handle
            process.standardInput = FileHandle.nullDevice
            try process.run()
        }
        func signal(_ sig: Int32) { kill(process.processIdentifier, sig) }
        func wait() -> Int32 {
            process.waitUntilExit()
            return process.terminationReason == .uncaughtSignal ? -process.terminationStatus : process.terminationStatus
        }
    }

    /// Waits until the run's checkpointed list of done documents has at least `n` lines.
    func waitForDone(_ n: Int, out: URL, run: Run) throws {
        let done = out.appendingPathComponent(".textpipe/done.part")
        let limit = Date().addingTimeInterval(60)
        while Date() < limit {
            let lines = (try? Data(contentsOf: done))?.filter { $0 == 10 }.count ?? 0
            if lines >= n { return }
            if !run.process.isRunning { throw CocoaError(.featureUnsupported, userInfo: [NSLocalizedDescriptionKey: "the run ended before \(n) documents"]) }
            usleep(10_000)
        }
        throw CocoaError(.featureUnsupported, userInfo: [NSLocalizedDescriptionKey: "timed out waiting for \(n) documents"])
    }

    @Test func killedStoppedAndResumedRunWritesEveryDocumentOnce() throws {
        let binary = try Self.binary()
        let server = try TestServer { r, _ in
            if r.path == "/robots.txt" { return .status(404) }
            let tag = "\"\(r.path)\""
            if r.headers["if-none-match"] == tag { return .status(304, [("ETag", tag)]) }
            return .after(0.05, .html("<html><p>Page \(r.path)</p></html>", [("ETag", tag)]))
        }
        defer { server.stop() }
        let dir = FetchTest.directory()
        let urls = (0..<Self.pages).map { "\(server.base)/doc/\($0)" }
        try Data((urls.joined(separator: "\n") + "\n").utf8).write(to: dir.appendingPathComponent("urls.txt"))
        try Data("""
            version: 1
            input: { urls: [urls.txt] }
            output: { dir: out }
            run: { io_workers: 6, workers: 2, max_in_flight: 8, checkpoint_interval: 100ms }
            stages:
              - fetch: { allow_hosts: [127.0.0.1], per_host: 3, retries: 0, incremental: true }
            """.utf8).write(to: dir.appendingPathComponent("p.yaml"))
        let out = dir.appendingPathComponent("out")
        let args = ["run", "p.yaml", "--log-level", "warning"]

        let a = try Run(binary, args, in: dir, log: "a.log")
        try waitForDone(60, out: out, run: a)
        a.signal(SIGKILL)
        #expect(a.wait() == -SIGKILL)
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("documents.jsonl").path))

        let b = try Run(binary, args, in: dir, log: "b.log")
        try waitForDone(140, out: out, run: b)
        b.signal(SIGTERM)
        #expect(b.wait() == 143)
        let stopped = try JSONValue.parse(String(contentsOf: out.appendingPathComponent("run.json"), encoding: .utf8))
        #expect(stopped["complete"] == .bool(false))
        #expect(stopped["stopped_by"]?.stringValue == "SIGTERM")

        let c = try Run(binary, args, in: dir, log: "c.log")
        try waitForDone(210, out: out, run: c)
        c.signal(SIGINT)
        #expect(c.wait() == 130)

        let d = try Run(binary, args, in: dir, log: "d.log")
        #expect(d.wait() == 0, "\(String(decoding: (try? Data(contentsOf: dir.appendingPathComponent("d.log"))) ?? Data(), as: UTF8.self))")
        #expect(try FetchTest.sources("documents.jsonl", in: out) == urls, "every page once, in input order")
        #expect(try FetchTest.sources("errors.jsonl", in: out).isEmpty)

        // The next night: the same URLs, all answered 304.
        let before = server.requests.count
        let started = Date()
        let e = try Run(binary, args, in: dir, log: "e.log")
        #expect(e.wait() == 0)
        let seconds = Date().timeIntervalSince(started)
        #expect(try FetchTest.sources("documents.jsonl", in: out).isEmpty)
        let manifest = try JSONValue.parse(String(contentsOf: out.appendingPathComponent("run.json"), encoding: .utf8))
        #expect(manifest["counts"]?["tags"]?["not_modified"]?.intValue == Self.pages)
        #expect(server.requests.dropFirst(before).filter { $0.headers["if-none-match"] != nil }.count == Self.pages)
        let summary = String(decoding: (try? Data(contentsOf: dir.appendingPathComponent("e.log"))) ?? Data(), as: UTF8.self)
        print("second run over \(Self.pages) URLs: \(String(format: "%.2f", seconds)) s wall; \(summary)")
    }
}

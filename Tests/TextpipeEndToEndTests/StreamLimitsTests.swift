import Foundation
import Testing

/// `textpipe stream` under pressure and failure: a reader that stops reading must stop the
/// reading of the input (bounded memory), and the exit code must say whether every line was
/// answered.
@Suite struct StreamLimitsTests {
    /// A line whose answer is as large as the line itself (a clean record passes through), so
    /// that a stalled reader fills the output pipe at once.
    static func recordLine(_ i: Int, bytes: Int) -> String {
        let text = String(repeating: "x", count: bytes)
        return "{\"id\":\"r\(i)\",\"text\":\"\(text)\",\"paragraphs\":[[0,\(bytes)]]}\n"
    }

    @Test func aStalledReaderStopsTheReadingOfTheInput() throws {
        let dir = temporaryDirectory()
        let lines = 300, size = 100_000  // 30 MB in all
        let child = try StreamChild(["stream", try streamPipeline(in: dir, run: "{ workers: 1, max_in_flight: 4 }")])
        defer { child.kill() }
        let fed = Counter()
        let feeder = Thread {
            for i in 0..<lines {
                guard child.feed(Self.recordLine(i, bytes: size)) else { return }
                fed.add()
            }
            child.closeInput()
        }
        feeder.start()
        // Nobody reads the output for a while: the child may take only what fits in its
        // documents in flight and the pipes, then must wait.
        var last = -1
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            sleep(1)
            let now = fed.value
            if now == last { break }
            last = now
        }
        // Each line taken is held until written, so lines taken are what memory holds: the
        // documents in flight (4), one being read, one being written, and what the two pipes
        // buffer (64 KiB each, under one 100 kB line).
        let stalledAt = fed.value
        #expect(stalledAt < 10, "the child kept reading (\(stalledAt) of \(lines) lines) while its output was not read")
        // Once the output is read, everything comes through, in order.
        let out = try jsonLines(child.readOutput())
        #expect(child.wait(seconds: 60) == 0)
        #expect(out.compactMap { $0["id"] as? String } == (0..<lines).map { "r\($0)" })
    }

    @Test func anUnreadableInputFailsWithCode3() throws {
        let dir = temporaryDirectory()
        let pipeline = try streamPipeline(in: dir)
        // Reading a folder fails with EISDIR: an input error, not an empty input.
        let p = Process()
        p.executableURL = Binary.url
        p.arguments = ["stream", pipeline]
        p.standardInput = FileHandle(forReadingAtPath: dir.path)
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 3)
        #expect(message.contains("cannot read the input"), "\(message)")
    }

    @Test func failedDocumentsAreRecordsNotAnExitCode() throws {
        let dir = temporaryDirectory()
        let input = (0..<10).map { "{\"id\":\"\($0)\",\"source\":\"/nonexistent/\($0).html\"}\n" }.joined()
        let r = try Binary.run(["stream", try streamPipeline(in: dir)], stdin: input)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try jsonLines(Data(r.stdout.utf8)).allSatisfy { $0["error"] != nil })
    }

    @Test func onErrorStopEndsEarlyWithCode1() throws {
        let dir = temporaryDirectory()
        let pipeline = try streamPipeline(in: dir, run: "{ workers: 1, max_in_flight: 1, on_error: stop }")
        var input = "{\"id\":\"a\",\"html\":\"<p>a</p>\"}\n{\"id\":\"b\",\"source\":\"/nonexistent/b.html\"}\n"
        input += (0..<50).map { "{\"id\":\"c\($0)\",\"html\":\"<p>c</p>\"}\n" }.joined()
        let r = try Binary.run(["stream", pipeline], stdin: input)
        #expect(r.status == 1)
        #expect(r.stderr.contains("stopped"), "\(r.stderr)")
        let lines = try jsonLines(Data(r.stdout.utf8))
        #expect(lines.count < 52)
        #expect(lines.prefix(2).compactMap { $0["id"] as? String } == ["a", "b"])
    }

    @Test(arguments: [
        (["stream", "/nonexistent/pipeline.yaml"], Int32(2)),
        (["stream", "Pipelines/stream.yaml", "--workers", "0"], Int32(2)),
    ])
    func badUsageExitsWithCode2(arguments: [String], status: Int32) throws {
        let r = try Binary.run(arguments, stdin: "{\"id\":\"a\",\"html\":\"<p>a</p>\"}\n")
        #expect(r.status == status, "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }
}

/// A count shared between a feeder thread and the test.
final class Counter: @unchecked Sendable {
    // Safety: `count` is only touched with `lock` held.
    private let lock = NSLock()
    private var count = 0
    func add() {
        lock.lock()
        count += 1
        lock.unlock()
    }
    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }
}

import Foundation
import Testing

/// `textpipe stream` through the real binary, held to what an engine such as Spark's
/// `RDD.pipe` relies on: one output line per input line in input order whatever the line
/// holds, a last statistics line on request, bounded memory under a slow reader, exit codes
/// that are non-zero only for fatal errors, and a quiet end when the reader goes away.
@Suite struct StreamTests {
    /// An input line and what must answer it: the id, and the error kind (nil: a document).
    struct Case: CustomStringConvertible, Sendable {
        var line: [UInt8]
        var id: String
        var kind: String?
        var text: String? = nil
        var description: String { String(decoding: line.prefix(40), as: UTF8.self) }
    }

    static let cases: [Case] = [
        Case(line: Array("\u{FEFF}{\"id\":\"bom\",\"html\":\"<p>Hi</p>\"}".utf8), id: "bom", kind: nil),
        Case(line: [], id: "line-2", kind: "input"),
        Case(line: Array("  \t ".utf8), id: "line-3", kind: "input"),
        Case(line: Array("{}".utf8), id: "line-4", kind: "input"),
        Case(line: Array("[1, 2]".utf8), id: "line-5", kind: "input"),
        Case(line: Array("not json at all".utf8), id: "line-6", kind: "input"),
        Case(line: Array("{\"id\": 7, \"html\": 5}".utf8), id: "7", kind: "input"),
        Case(line: Array("{\"id\":\"cut\",\"html\":\"<p>unterminated".utf8), id: "line-8", kind: "input"),
        // Invalid UTF-8 inside a string becomes U+FFFD; outside a string the line is not JSON.
        Case(line: Array("{\"id\":\"bad-utf8\",\"text\":\"caf".utf8) + [0xFF, 0xC3] + Array("\",\"paragraphs\":[[0,5]]}".utf8),
             id: "bad-utf8", kind: nil, text: "caf\u{FFFD}\u{FFFD}"),
        Case(line: Array("{\"id\":\"x\",".utf8) + [0xFF] + Array("\"html\":\"x\"}".utf8), id: "line-10", kind: "input"),
        Case(line: Array("{\"id\":\"missing\",\"source\":\"/nonexistent/page.html\"}".utf8), id: "missing", kind: "not_found"),
        Case(line: Array("{\"id\":\"crlf\",\"text\":\"Plain words.\",\"paragraphs\":[[0,12]]}\r".utf8),
             id: "crlf", kind: nil, text: "Plain words."),
        Case(line: Array((String(repeating: "[", count: 600) + String(repeating: "]", count: 600)).utf8), id: "line-13", kind: "input"),
        Case(line: Array("{\"id\":\"nul\",\"html\":\"a".utf8) + [0] + Array("b\"}".utf8), id: "line-14", kind: "input"),
        Case(line: Array("{\"id\":\"last\",\"html\":\"<p>Bye</p>\"}".utf8), id: "last", kind: nil),
    ]

    @Test func everyLineIsAnsweredInItsPlace() throws {
        let dir = temporaryDirectory()
        let child = try StreamChild(["stream", try streamPipeline(in: dir), "--emit-stats"])
        defer { child.kill() }
        let feeder = Thread { [cases = Self.cases] in
            for c in cases { child.feed(c.line + [10]) }
            child.closeInput()
        }
        feeder.start()
        let lines = try jsonLines(child.readOutput())
        #expect(child.wait(seconds: 30) == 0, "\(child.readErrors())")
        try #require(lines.count == Self.cases.count + 1, "\(lines)")
        for (c, out) in zip(Self.cases, lines) {
            #expect(out["id"] as? String == c.id, "\(c)")
            let error = out["error"] as? [String: Any]
            #expect(error?["kind"] as? String == c.kind, "\(c): \(out)")
            if let text = c.text { #expect(out["text"] as? String == text, "\(c)") }
        }
        let stats = try #require(lines.last)
        let counts = try #require(stats["counts"] as? [String: Any])
        #expect(stats["stats"] is [String: Any])
        #expect(counts["inputs"] as? Int == Self.cases.count)
        #expect(counts["failed"] as? Int == Self.cases.filter { $0.kind != nil }.count)
    }

    /// Documents of very different sizes on two workers finish out of order; the output does not.
    @Test func orderIsKeptUnderConcurrency() throws {
        var input = ""
        var ids: [String] = []
        for i in 0..<400 {
            let id = "doc-\(i)"
            ids.append(id)
            if i % 37 == 5 {
                input += "{\"id\":\"\(id)\",\"source\":\"/nonexistent/\(i).html\"}\n"
            } else {
                let text = String(repeating: "Word \(i). ", count: (i * 7919) % 3000 + 1)
                let length = text.unicodeScalars.count
                input += "{\"id\":\"\(id)\",\"text\":\"\(text)\",\"paragraphs\":[[0,\(length)]]}\n"
            }
        }
        let r = try Binary.run(["stream", try streamPipeline(in: temporaryDirectory(), run: "{ workers: 2, max_in_flight: 16 }")], stdin: input)
        #expect(r.status == 0, "\(r.stderr)")
        let lines = try jsonLines(Data(r.stdout.utf8))
        #expect(lines.compactMap { $0["id"] as? String } == ids)
        #expect(lines.filter { $0["error"] != nil }.count == 11)
    }

    @Test(arguments: [true, false])
    func aLineOverMaxBytesIsTooLargeAndKeepsItsID(trailingNewline: Bool) throws {
        let dir = temporaryDirectory()
        let pipeline = try streamPipeline(in: dir, limits: "{ max_bytes: 64KB }")
        let huge = String(repeating: "<p>long</p>", count: 100_000)  // 1.1 MB
        var input = "{\"id\":\"first\",\"html\":\"\(huge)\"}\n"
        input += "{\"html\":\"\(huge)\",\"id\":\"not-first\"}\n"
        input += "{\"id\":\"small\",\"html\":\"<p>ok</p>\"}\n"
        input += "{\"id\":12345,\"html\":\"\(huge)\"}" + (trailingNewline ? "\n" : "")
        let r = try Binary.run(["stream", pipeline], stdin: input)
        #expect(r.status == 0, "\(r.stderr)")
        let lines = try jsonLines(Data(r.stdout.utf8))
        #expect(lines.compactMap { $0["id"] as? String } == ["first", "line-2", "small", "12345"])
        let kinds = lines.map { ($0["error"] as? [String: Any])?["kind"] as? String }
        #expect(kinds == ["too_large", "too_large", nil, "too_large"])
    }

    @Test func aReaderThatGoesAwayEndsTheStreamQuietly() throws {
        let dir = temporaryDirectory()
        let child = try StreamChild(["stream", try streamPipeline(in: dir)])
        defer { child.kill() }
        // An endless input: the child must stop by itself, not wait for the end of it.
        let feeder = Thread {
            var i = 0
            while child.feed("{\"id\":\"\(i)\",\"html\":\"<p>page \(i)</p>\"}\n") { i += 1 }
        }
        feeder.start()
        let first = try jsonLines(Data(child.readLine()))
        #expect(first.first?["id"] as? String == "0")
        child.closeOutput()
        #expect(child.wait(seconds: 30) == 0)
        #expect(child.readErrors().isEmpty)
    }

    /// The documented shell pipeline, with the shell reporting textpipe's own exit status.
    @Test func pipedIntoHeadExitsZeroWithoutAMessage() throws {
        let dir = temporaryDirectory()
        let pipeline = try streamPipeline(in: dir)
        let script = """
            yes '{"id":"y","html":"<p>again</p>"}' 2>/dev/null | "$1" stream "$2" 2>"$3" | head -n 1 >/dev/null
            echo "${PIPESTATUS[1]}"
            """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        let stderrFile = dir.appendingPathComponent("stderr.txt").path
        p.arguments = ["-c", script, "bash", Binary.url.path, pipeline, stderrFile]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let status = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(status.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        #expect(try String(contentsOfFile: stderrFile, encoding: .utf8).isEmpty)
    }
}

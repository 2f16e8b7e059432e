import Foundation
import Testing
import TextpipeGzip
@testable import TextpipeWARC

/// The writer, checked through the reader (warcio checks it too, in WARCInteropTests).
struct WriterTests {
    static func exchange(_ n: Int, body: [UInt8]? = nil, headers: [(String, String)] = [("Content-Type", "text/html; charset=utf-8")]) -> HTTPExchange {
        HTTPExchange(
            url: "https://news.example/story/\(n)?ref=feed",
            date: Date(timeIntervalSince1970: 1_714_564_800 + Double(n) + 0.25),
            ipAddress: "192.0.2.\(n % 250)",
            request: HTTPRequestHead(target: "/story/\(n)?ref=feed",
                                     headers: HeaderFields([HeaderField("Host", "news.example"), HeaderField("User-Agent", "textpipe/test")])),
            response: HTTPResponseHead(status: 200, reason: "OK", headers: HeaderFields(headers.map { HeaderField($0.0, $0.1) })),
            body: body ?? Fixture.html("Story \(n): " + String(repeating: "words ", count: n % 50)))
    }

    func readAll(_ files: [String]) -> [Result<WARCRecord, WARCFailure>] {
        files.flatMap { Array(WARCReader(path: $0)) }
    }

    @Test func exchangesReadBackAsDocuments() throws {
        let dir = Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let writer = try WARCWriter(settings: WARCWriterSettings(directory: dir.path))
        var locations: [WARCLocation] = []
        for n in 0..<20 { locations.append(try writer.write(Self.exchange(n))) }
        try writer.close()
        let files = writer.files
        #expect(files.count == 1)
        #expect(files[0].range(of: #"/textpipe-\d{17}-00000\.warc\.gz$"#, options: .regularExpression) != nil)

        let records = readAll(files).compactMap(\.value)
        #expect(records.map(\.type) == ["warcinfo"] + Array(repeating: ["request", "response"], count: 20).flatMap { $0 })
        #expect(records[0].headers["WARC-Filename"] == (files[0] as NSString).lastPathComponent)
        let documents = Array(WARCDocuments(paths: files)).compactMap(\.document)
        #expect(documents.map(\.targetURI) == (0..<20).map { "https://news.example/story/\($0)?ref=feed" })
        #expect(documents.map(\.payload) == (0..<20).map { Self.exchange($0).body })
        #expect(documents.map(\.location) == locations)
        #expect(documents[3].fetched == Self.exchange(3).date)
        #expect(documents[3].charset == "utf-8")
    }

    @Test func recordsCarryLinksAndDigests() throws {
        let dir = Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let writer = try WARCWriter(settings: WARCWriterSettings(directory: dir.path))
        try writer.write(Self.exchange(7, headers: [("Content-Type", "text/html"), ("Transfer-Encoding", "chunked")]))
        try writer.close()
        let records = readAll(writer.files).compactMap(\.value)
        let (request, response) = (records[1], records[2])
        #expect(request.headers["WARC-Concurrent-To"] == response.recordID)
        #expect(response.recordID?.range(of: #"^<urn:uuid:[0-9a-f-]{36}>$"#, options: .regularExpression) != nil)
        #expect(response.headers["WARC-IP-Address"] == "192.0.2.7")
        #expect(response.headers["WARC-Date"] == "2024-05-01T12:00:07.250000Z")
        #expect(request.block.starts(with: Array("GET /story/7?ref=feed HTTP/1.1\r\nHost: news.example\r\n".utf8)))
        for r in records {
            #expect(r.headers["WARC-Block-Digest"] == Base32.sha1Digest(r.block))
        }
        let head = try HTTPMessage.parseResponse(response.block)
        #expect(response.headers["WARC-Payload-Digest"] == Base32.sha1Digest(response.block[head.bodyStart...]))
        // The stored body is not chunked, so the stored head must not say it is.
        #expect(head.head.headers["Transfer-Encoding"] == nil)
        #expect(head.head.headers["X-Crawler-Transfer-Encoding"] == "chunked")
    }

    @Test func filesRotateAtTheSizeLimitEachWithItsWarcinfo() throws {
        let dir = Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var settings = WARCWriterSettings(directory: dir.path)
        settings.maxFileBytes = 4000
        settings.prefix = "night"
        let writer = try WARCWriter(settings: settings)
        var random = Seeded()
        let big = (0..<3000).map { _ in UInt8.random(in: 0...255, using: &random) }  // does not compress
        for n in 0..<10 { try writer.write(Self.exchange(n, body: n == 4 ? big + big : nil)) }
        try writer.close()
        let files = writer.files
        #expect(files.count > 2)
        #expect(files.allSatisfy { ($0 as NSString).lastPathComponent.hasPrefix("night-") })
        #expect(files == files.sorted())
        for f in files {
            let size = try FileManager.default.attributesOfItem(atPath: f)[.size] as! Int
            let types = Array(WARCReader(path: f)).compactMap { $0.value?.type }
            #expect(types.first == "warcinfo")
            // Only a file holding the one oversized exchange may pass the limit.
            #expect(size <= 4000 || types.count == 3)
        }
        let uris = Array(WARCDocuments(paths: files)).compactMap { $0.document?.targetURI }
        #expect(uris == (0..<10).map { "https://news.example/story/\($0)?ref=feed" })
    }

    @Test func manyWorkersShareOneWriter() throws {
        let dir = Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var settings = WARCWriterSettings(directory: dir.path)
        settings.maxFileBytes = 50_000
        let writer = try WARCWriter(settings: settings)
        DispatchQueue.concurrentPerform(iterations: 400) { n in
            _ = try? writer.write(Self.exchange(n))
        }
        try writer.close()
        let entries = Array(WARCDocuments(paths: writer.files))
        #expect(entries.allSatisfy { $0.failure == nil })
        let docs = entries.compactMap(\.document)
        #expect(Set(docs.map(\.targetURI)) == Set((0..<400).map { "https://news.example/story/\($0)?ref=feed" }))
        // Each response follows its own request.
        let records = readAll(writer.files).compactMap(\.value).filter { $0.type != "warcinfo" }
        for pair in stride(from: 0, to: records.count, by: 2) {
            #expect(records[pair].headers["WARC-Concurrent-To"] == records[pair + 1].recordID)
        }
    }

    /// What a kill -9 leaves is a prefix of the file: every record written whole before the cut
    /// reads back, then at most one failure, for every possible cut.
    @Test func anyPrefixOfAFileKeepsItsFinishedRecords() throws {
        let dir = Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let writer = try WARCWriter(settings: WARCWriterSettings(directory: dir.path))
        var ends: [Int] = []
        for n in 0..<4 {
            try writer.write(Self.exchange(n))
            ends.append(try FileManager.default.attributesOfItem(atPath: writer.files[0])[.size] as! Int)
        }
        try writer.close()
        let whole = [UInt8](try Data(contentsOf: URL(fileURLWithPath: writer.files[0])))
        for cut in stride(from: 0, through: whole.count, by: 7) {
            let results = Fixture.read(Array(whole[..<cut]))
            let finished = ends.filter { $0 <= cut }.count
            let uris = results.compactMap { $0.value }.filter { $0.type == "response" }.map(\.targetURI)
            #expect(uris == (0..<finished).map { "https://news.example/story/\($0)?ref=feed" }, "cut at \(cut)")
            #expect(results.compactMap(\.error).count <= 1, "cut at \(cut)")
        }
    }

    @Test func unwritableFolderIsAnError() {
        #expect(throws: WARCIOError.self) { try WARCWriter(settings: WARCWriterSettings(directory: "/proc/textpipe-no/such")) }
    }
}

/// A fixed pseudo-random sequence (SplitMix64), so that tests do not vary from run to run.
struct Seeded: RandomNumberGenerator {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

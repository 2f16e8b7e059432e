import Foundation
import Testing
import TextpipeGzip
@testable import TextpipeWARC

/// warcio, the Python reference, as the other end: what it writes we read, what we write it
/// checks and indexes. Skips with a message where python3 cannot import warcio; with
/// TEXTPIPE_REQUIRE_INTEGRATION=1 (as CI sets it) that is a failure instead.
@Suite(.enabled(if: Warcio.shouldRun, "python3 cannot import warcio (pip install warcio); set TEXTPIPE_REQUIRE_INTEGRATION=1 to make this a failure"))
struct WARCInteropTests {
    @Test func readsWhatWarcioWrites() throws {
        let dir = Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let expected = try JSONDecoder().decode([String: [Warcio.Record]].self, from: try Warcio.run(["write", dir.path]))
        #expect(expected.count == 4)
        let documentURIs = ["http://example.com/plain", "http://example.com/chunked", "http://example.com/gzip",
                            "http://example.com/chunked-gzip", "http://example.com/big", "file:///docs/latin1.html"]
        for (name, want) in expected.sorted(by: { $0.key < $1.key }) {
            let path = dir.appendingPathComponent(name).path
            let records = Array(WARCReader(path: path))
            #expect(records.allSatisfy { $0.error == nil }, "\(name): \(records.compactMap(\.error))")
            let got = records.compactMap(\.value)
            #expect(got.map(\.type) == want.map(\.type), "\(name)")
            #expect(got.map(\.location.offset) == want.map(\.offset), "\(name)")
            #expect(got.map(\.targetURI) == want.map(\.uri), "\(name)")
            #expect(got.map(\.date) == want.map(\.date), "\(name)")

            let entries = Array(WARCDocuments(paths: [path]))
            let documents = entries.compactMap(\.document)
            #expect(documents.map(\.targetURI) == documentURIs, "\(name)")
            for d in documents {
                let theirs = want.first { $0.offset == d.location.offset }
                #expect(Warcio.hex(SHA1.hash(d.payload)) == theirs?.contentSHA1, "\(name) \(d.targetURI)")
            }
            #expect(documents.last?.charset == "iso-8859-1")
            #expect(entries.compactMap { $0.skip?.countKey } == ["warcinfo", "request", "response_status_4xx", "response_status_3xx",
                                                                "response_media_type", "revisit", "metadata", "resource_media_type"])
        }
        // The same records compressed as one gzip stream (which warcio refuses): located by
        // their offsets inside the stream.
        let plain = expected["warcio-1.0.warc"]!
        let whole = Array(WARCReader(path: dir.appendingPathComponent("whole-stream.warc.gz").path)).compactMap(\.value)
        #expect(whole.map(\.location.offsetInMember) == plain.map(\.offset))
        #expect(whole.map(\.type) == plain.map(\.type))
    }

    @Test func warcioChecksAndIndexesWhatTextpipeWrites() throws {
        let dir = Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var settings = WARCWriterSettings(directory: dir.path)
        settings.maxFileBytes = 200_000
        settings.info = HeaderFields([HeaderField("operator", "textpipe tests")])
        let writer = try WARCWriter(settings: settings)
        let article = Array(("<html><body><p>Zürich, größer. " + String(repeating: "Mehr Text. ", count: 3000) + "</p></body></html>").utf8)
        var random = Seeded()
        let noise = (0..<300_000).map { _ in UInt8.random(in: 0...255, using: &random) }
        let cases: [(String, [(String, String)], Int, [UInt8], [UInt8])] = [
            ("https://example.com/a", [("Content-Type", "text/html; charset=utf-8")], 200, article, article),
            ("https://example.com/gz", [("Content-Type", "text/html"), ("Content-Encoding", "gzip")], 200, Gzip.compress([article]), article),
            ("https://example.com/chunked", [("Content-Type", "text/html"), ("Transfer-Encoding", "chunked")], 200, article, article),
            ("https://example.com/gone", [("Content-Type", "text/html")], 404, Array("<p>gone</p>".utf8), Array("<p>gone</p>".utf8)),
            ("https://example.com/same", [("ETag", "\"x\"")], 304, [], []),
            ("https://example.com/blob", [("Content-Type", "application/octet-stream")], 200, noise, noise),
            ("https://example.com/ümlaut?q=1", [("Content-Type", "text/plain")], 200, Array("ü".utf8), Array("ü".utf8)),
        ]
        for (i, c) in cases.enumerated() {
            try writer.write(HTTPExchange(
                url: c.0, date: Date(timeIntervalSince1970: 1_714_564_800 + Double(i)), ipAddress: "192.0.2.1",
                request: HTTPRequestHead(target: "/", headers: HeaderFields([HeaderField("Host", "example.com")])),
                response: HTTPResponseHead(status: c.2, headers: HeaderFields(c.1.map { HeaderField($0.0, $0.1) })), body: c.3))
        }
        try writer.close()
        #expect(writer.files.count >= 2)
        let report = try JSONDecoder().decode([String: Warcio.Check].self, from: try Warcio.run(["check"] + writer.files))
        var responses: [Warcio.Record] = []
        for file in writer.files {
            let r = try #require(report[file])
            #expect(r.checkExit == 0, "\(file): \(r.checkOutput)")
            let ours = Array(WARCReader(path: file)).compactMap(\.value)
            // Every record has digests, and warcio recomputes each.
            #expect(r.checkOutput.components(separatedBy: "digest pass").count - 1 == ours.count, "\(r.checkOutput)")
            #expect(!r.checkOutput.contains("fail"), "\(r.checkOutput)")
            #expect(r.indexExit == 0)
            #expect(r.index.map(\.offset) == ours.map { String($0.location.offset) })
            #expect(r.index.map(\.type) == ours.map(\.type))
            #expect(r.index.map(\.uri) == ours.map(\.targetURI))
            #expect(r.index.map(\.date) == ours.map(\.date))
            responses += r.records.filter { $0.type == "response" }
        }
        #expect(responses.map(\.uri) == cases.map(\.0))
        #expect(responses.map(\.status) == cases.map(\.2))
        #expect(responses.map(\.contentSHA1) == cases.map { Warcio.hex(SHA1.hash($0.4)) })
    }
}

/// Runs Tests/TextpipeWARCTests/warcio_interop.py.
enum Warcio {
    static let required = ProcessInfo.processInfo.environment["TEXTPIPE_REQUIRE_INTEGRATION"] == "1"
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("warcio_interop.py")
    static let available: Bool = (try? python(["-c", "import warcio"])) != nil
    static var shouldRun: Bool { available || required }

    struct Failure: Error, CustomStringConvertible { var description: String }

    struct Record: Decodable {
        var offset: Int
        var type: String
        var uri: String?
        var date: String?
        var status: Int?
        var contentSHA1: String
        enum CodingKeys: String, CodingKey { case offset, type, uri, date, status, contentSHA1 = "content_sha1" }
    }

    struct IndexLine: Decodable {
        var offset: String
        var type: String
        var uri: String?
        var date: String?
        enum CodingKeys: String, CodingKey { case offset, type = "warc-type", uri = "warc-target-uri", date = "warc-date" }
    }

    struct Check: Decodable {
        var checkExit: Int
        var checkOutput: String
        var indexExit: Int
        var index: [IndexLine]
        var records: [Record]
        enum CodingKeys: String, CodingKey {
            case checkExit = "check_exit", checkOutput = "check_output", indexExit = "index_exit", index, records
        }
    }

    static func run(_ arguments: [String]) throws -> Data {
        guard available else {
            throw Failure(description: "warcio is required (TEXTPIPE_REQUIRE_INTEGRATION=1) but python3 cannot import it: pip install warcio")
        }
        return try python([script.path] + arguments)
    }

    /// Runs python3 from the PATH; standard output, or an error with standard error.
    static func python(_ arguments: [String]) throws -> Data {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3"] + arguments
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        nonisolated(unsafe) var errors = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { errors = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let output = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        group.wait()
        guard p.terminationStatus == 0 else {
            throw Failure(description: "python3 \(arguments.joined(separator: " ")) exited with \(p.terminationStatus): \(String(decoding: errors.suffix(2000), as: UTF8.self))")
        }
        return output
    }

    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
}

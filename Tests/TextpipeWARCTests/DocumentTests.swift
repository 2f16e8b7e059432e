import Foundation
import Testing
import TextpipeGzip
@testable import TextpipeWARC

/// Which records become documents, and what their payloads are after HTTP decoding.
struct DocumentTests {
    let page = Fixture.html("Ein Größenvergleich")

    func single(_ record: [UInt8], options: WARCReadOptions = WARCReadOptions()) -> WARCEntry {
        let entries = Fixture.entries(record, options: options)
        precondition(entries.count == 1, "\(entries.count) entries")
        return entries[0]
    }

    @Test func htmlResponseIsADocument() throws {
        let doc = try #require(single(Fixture.response(uri: "https://news.example/a", body: page,
                                                      warcHeaders: [("WARC-Truncated", "length")])).document)
        #expect(doc.targetURI == "https://news.example/a")
        #expect(doc.payload == page)
        #expect(doc.mediaType == "text/html")
        #expect(doc.charset == "utf-8")
        #expect(doc.http?.status == 200)
        #expect(doc.http?.reason == "OK")
        #expect(doc.fetched == Date(timeIntervalSince1970: 1_714_564_800))
        #expect(doc.identity == "https://news.example/a 2024-05-01T12:00:00Z")
        #expect(doc.truncation == .declared("length"))
        #expect(doc.recordType == "response")
    }

    static let chunked: [UInt8] = Array("5\r\n<html\r\n10;ext=1\r\n><p>chunks</p>\r\n\r\n0\r\nX-Trailer: 1\r\n\r\n".utf8)

    /// Payloads stored as they came over the wire, or already decoded under their old headers.
    @Test(arguments: [
        ([("Transfer-Encoding", "chunked")], chunked, "<html><p>chunks</p>\r\n"),
        ([("Transfer-Encoding", "chunked")], Array("<html>not chunked after all</html>".utf8), "<html>not chunked after all</html>"),
        ([("X-Crawler-Transfer-Encoding", "chunked")], Array("1\r\nx\r\n0\r\n\r\n".utf8), "1\r\nx\r\n0\r\n\r\n"),
        ([("Content-Encoding", "gzip")], Gzip.compress([Array("<p>zipped</p>".utf8)]), "<p>zipped</p>"),
        ([("Content-Encoding", "gzip")], Array("<p>stored decoded</p>".utf8), "<p>stored decoded</p>"),
        ([("Content-Encoding", "deflate")], zlibWrapped("<p>deflated</p>"), "<p>deflated</p>"),
        ([("Content-Encoding", "deflate")], rawDeflate("<p>raw deflate</p>"), "<p>raw deflate</p>"),
        ([("Transfer-Encoding", "chunked"), ("Content-Encoding", "gzip")], chunk(Gzip.compress([Array("<p>both</p>".utf8)])), "<p>both</p>"),
    ] as [([(String, String)], [UInt8], String)])
    func payloadDecoding(headers: [(String, String)], body: [UInt8], expected: String) throws {
        let record = Fixture.response(httpHeaders: [("Content-Type", "text/html")] + headers, body: body)
        let doc = try #require(single(record).document)
        #expect(String(decoding: doc.payload, as: UTF8.self) == expected)
    }

    @Test func unknownContentEncodingFails() throws {
        let failure = try #require(single(Fixture.response(httpHeaders: [("Content-Encoding", "br")], body: [1, 2, 3])).failure)
        #expect(failure.kind == .invalid)
        #expect(failure.message.contains("'br'"))
        #expect(failure.targetURI == "http://example.com/")
        #expect(failure.identity == "http://example.com/ 2024-05-01T12:00:00Z")
    }

    @Test func corruptGzipPayloadFails() {
        var zipped = Gzip.compress([Array(String(repeating: "<p>x</p>", count: 500).utf8)])
        for i in 20..<30 { zipped[i] ^= 0xFF }
        #expect(single(Fixture.response(httpHeaders: [("Content-Encoding", "gzip")], body: zipped)).failure?.kind == .invalid)
    }

    @Test func gzipBombStopsAtTheDecompressionLimit() {
        var options = WARCReadOptions()
        options.maxDecompressedBytes = 1 << 20
        let bomb = Gzip.compress([[UInt8](repeating: 0x20, count: 20 << 20)])
        let entry = single(Fixture.response(httpHeaders: [("Content-Encoding", "gzip")], body: bomb), options: options)
        #expect(entry.failure?.kind == .tooLarge)
    }

    /// A record cut by its crawler still gives what its gzip payload holds.
    @Test func truncatedGzipPayloadGivesItsPrefix() throws {
        let text = String(repeating: "<p>Ein langer Artikel.</p>", count: 2000)
        let zipped = Gzip.compress([Array(text.utf8)])
        let record = Fixture.response(httpHeaders: [("Content-Encoding", "gzip")], body: Array(zipped.prefix(zipped.count / 2)),
                                      warcHeaders: [("WARC-Truncated", "length")])
        let doc = try #require(single(record).document)
        #expect(doc.payload.count > 1000)
        #expect(text.utf8.starts(with: doc.payload))
    }

    @Test func readerCutAlsoMarksTheDocument() throws {
        var options = WARCReadOptions()
        options.maxRecordBytes = 200
        let doc = try #require(single(Fixture.response(body: Array(String(repeating: "<p>x</p>", count: 100).utf8)), options: options).document)
        #expect(doc.truncation == .limit(200))
        #expect(doc.payload.count < 200)
    }

    @Test(arguments: [
        (Fixture.record("warcinfo", uri: nil, block: []), "warcinfo"),
        (Fixture.record("request", headers: [("Content-Type", "application/http; msgtype=request")], block: Array("GET / HTTP/1.1\r\n\r\n".utf8)), "request"),
        (Fixture.record("metadata", block: []), "metadata"),
        (Fixture.record("revisit", headers: [("WARC-Profile", "http://netpreserve.org/warc/1.0/revisit/identical-payload-digest")], block: Array("HTTP/1.1 200 OK\r\n\r\n".utf8)), "revisit"),
        (Fixture.record("conversion", block: []), "conversion"),
        (Fixture.record("continuation", block: []), "continuation"),
        (Fixture.record(nil, block: []), "untyped"),
        (Fixture.response(status: "301 Moved Permanently", httpHeaders: [("Location", "/b")], body: []), "response_status_3xx"),
        (Fixture.response(status: "404 Not Found", body: Fixture.html("missing")), "response_status_4xx"),
        (Fixture.response(httpHeaders: [("Content-Type", "image/png")], body: [0x89, 0x50]), "response_media_type"),
        (Fixture.record("response", uri: "dns:example.com", headers: [("Content-Type", "text/dns")], block: Array("20240501 example.com. 300 IN A 1.2.3.4".utf8)), "response_not_http"),
        (Fixture.record("resource", headers: [("Content-Type", "application/pdf")], block: [0x25]), "resource_media_type"),
    ])
    func recordsThatAreNotDocuments(record: [UInt8], countKey: String) {
        #expect(single(record).skip?.countKey == countKey)
    }

    @Test func resourcesAndUntypedPayloads() throws {
        let resource = try #require(single(Fixture.record("resource", uri: "file:///x.html", headers: [("Content-Type", "text/html; charset=ISO-8859-1")], block: page)).document)
        #expect(resource.payload == page)
        #expect(resource.charset == "iso-8859-1")
        #expect(resource.http == nil)
        // No Content-Type at all: a document, typed later by sniffing, as for a live fetch.
        #expect(single(Fixture.response(httpHeaders: [], body: page)).document?.mediaType == nil)
        // Common Crawl's detected type stands in for a missing Content-Type.
        let cc = single(Fixture.response(httpHeaders: [], body: [0x89], warcHeaders: [("WARC-Identified-Payload-Type", "image/png")]))
        #expect(cc.skip?.countKey == "response_media_type")
    }

    /// Status lines that are not one; the first was found by FuzzWARC (a line of blanks
    /// split into no parts at all).
    @Test(arguments: ["   ", "HTTP/1.1", "HTTP/1.1 +20 OK", "HTTP/1.1 2000 OK", "HTTX/1.1 200 OK", "\t"])
    func notAStatusLine(line: String) {
        let record = Fixture.record("response", headers: [("Content-Type", "application/http; msgtype=response")],
                                    block: Array((line + "\r\nContent-Type: text/html\r\n\r\n<p>x</p>").utf8))
        #expect(single(record).failure?.message.contains("not an HTTP status line") == true)
    }

    @Test func invalidRecordsFail() {
        #expect(single(Fixture.response(uri: "", body: page)).failure?.message.contains("without WARC-Target-URI") == true)
        let notHTTP = Fixture.record("response", headers: [("Content-Type", "application/http; msgtype=response")], block: Array("<html>".utf8))
        #expect(single(notHTTP).failure?.kind == .invalid)
        let headOnly = Fixture.record("response", headers: [("Content-Type", "application/http; msgtype=response")], block: Array("HTTP/1.0 200\r\nContent-Type: text/plain".utf8))
        #expect(single(headOnly).document?.payload == [])
    }

    @Test func selectSkipsOtherShardsBeforeDecoding() {
        let records = (0..<6).map { Fixture.response(uri: "http://example.com/\($0)", httpHeaders: [("Content-Encoding", "br")], body: [1]) }
        let entries = Array(WARCDocuments(reader: WARCReader(source: MemoryByteSource(Array(records.joined())), name: "t"),
                                          select: { $0.contains("/2 ") || $0.contains("/4 ") }))
        #expect(entries.map { $0.skip?.countKey ?? $0.failure?.kind.rawValue } == ["not_selected", "not_selected", "invalid", "not_selected", "invalid", "not_selected"])
    }

    @Test func manyFilesInOrderWithAMissingOne() throws {
        let dir = Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a.warc").path, b = dir.appendingPathComponent("b.warc.gz").path
        try Data(Fixture.response(uri: "http://a/", body: page)).write(to: URL(fileURLWithPath: a))
        try Data(Fixture.gzip(Fixture.response(uri: "http://b/", body: page))).write(to: URL(fileURLWithPath: b))
        let entries = Array(WARCDocuments(paths: [a, dir.appendingPathComponent("missing.warc").path, b]))
        #expect(entries.map { $0.document?.targetURI ?? $0.failure!.kind.rawValue } == ["http://a/", "io", "http://b/"])
        #expect(entries[2].document?.location.file == b)
    }
}

func zlibWrapped(_ text: String) -> [UInt8] {
    // zlib header for the default window, a raw deflate body, and the Adler-32 of the text.
    let bytes = Array(text.utf8)
    var a: UInt32 = 1, b: UInt32 = 0
    for x in bytes { a = (a + UInt32(x)) % 65521; b = (b + a) % 65521 }
    let adler = b << 16 | a
    return [0x78, 0x9C] + rawDeflate(text) + [UInt8(adler >> 24), UInt8(adler >> 16 & 0xFF), UInt8(adler >> 8 & 0xFF), UInt8(adler & 0xFF)]
}

func rawDeflate(_ text: String) -> [UInt8] {
    // A gzip member is header (10 bytes, no optional fields here) + raw deflate + 8-byte trailer.
    let member = Gzip.compress([Array(text.utf8)])
    return Array(member[10..<(member.count - 8)])
}

func chunk(_ body: [UInt8]) -> [UInt8] {
    Array(String(body.count, radix: 16).utf8) + [13, 10] + body + Array("\r\n0\r\n\r\n".utf8)
}

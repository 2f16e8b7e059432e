import Foundation
import Testing
import TextpipeGzip
@testable import TextpipeWARC

/// The record reader on well-formed files of every layout, and on line-end variants real
/// files have.
struct ReaderTests {
    let three: [[UInt8]] = [
        Fixture.record("warcinfo", uri: nil, headers: [("Content-Type", "application/warc-fields")], block: Array("software: test\r\n".utf8)),
        Fixture.response(body: Fixture.html("one")),
        Fixture.record("metadata", block: Array("fetchTimeMs: 12\r\n".utf8)),
    ]

    @Test func plainFileGivesRecordsWithByteOffsets() {
        let file = three.joined()
        let results = Fixture.read(Array(file))
        let offsets = [0, three[0].count, three[0].count + three[1].count]
        #expect(Fixture.summary(results) == zip(["warcinfo", "response", "metadata"], offsets).map { "\($0)@\($1)" })
        #expect(results[1].value.map { $0.block.count == $0.contentLength && $0.block.starts(with: Array("HTTP/1.1 200".utf8)) } == true)
        #expect(results[0].value?.version == "WARC/1.1")
        #expect(results[1].value?.targetURI == "http://example.com/")
    }

    @Test func gzipPerRecordGivesMemberOffsets() {
        let (file, offsets) = Fixture.gzipPerRecord(three)
        let results = Fixture.read(file, name: "x.warc.gz")
        #expect(Fixture.summary(results) == zip(["warcinfo", "response", "metadata"], offsets).map { "\($0)@\($1)" })
        #expect(results.allSatisfy { $0.value?.location.offsetInMember == 0 })
    }

    @Test func wholeFileAsOneGzipStream() {
        let file = Fixture.gzip(Array(three.joined()))
        let results = Fixture.read(file)
        #expect(Fixture.summary(results) == ["warcinfo@0", "response@0+\(three[0].count)", "metadata@0+\(three[0].count + three[1].count)"])
    }

    @Test func blockSplitAcrossMembersIsJoined() {
        // A writer that flushed long blocks in pieces: members end inside blocks, never inside
        // a header (a header cut by a member's end is reported as cut).
        let whole = Array(three.joined())
        let cuts = [0, three[0].count - 6, three[0].count + three[1].count - 20, whole.count]
        var file: [UInt8] = []
        for i in 0..<(cuts.count - 1) { file += Fixture.gzip(Array(whole[cuts[i]..<cuts[i + 1]])) }
        let results = Fixture.read(file)
        #expect(results.map { $0.value?.type } == ["warcinfo", "response", "metadata"])
        #expect(results.map { $0.value?.block } == Fixture.read(whole).map { $0.value?.block })
        #expect(results.allSatisfy { $0.value?.truncation == nil })
    }

    @Test func headerSplitAcrossMembersIsReportedCut() {
        let record = three[1]
        let file = Fixture.gzip(Array(record[..<30])) + Fixture.gzip(Array(record[30...])) + Fixture.gzip(three[2])
        let results = Fixture.read(file)
        #expect(results.first?.error?.kind == .truncated)
        #expect(results.last?.value?.type == "metadata")
    }

    @Test(arguments: ["\r\n", "\n"])
    func lineEnds(eol: String) {
        let records = [Fixture.response(body: Fixture.html("a"), eol: eol), Fixture.record("metadata", block: [1, 2, 3], eol: eol)]
        let results = Fixture.read(Array(records.joined()))
        #expect(results.map { $0.value?.type } == ["response", "metadata"])
        #expect(results[1].value?.block == [1, 2, 3])
        let doc = Fixture.entries(Array(records.joined()))[0].document
        #expect(doc?.payload == Fixture.html("a"))
    }

    @Test func missingTrailerBeforeNextRecordIsAccepted() {
        let a = Fixture.record("metadata", block: Array("x".utf8), trailer: "")
        let b = Fixture.record("metadata", block: Array("y".utf8))
        #expect(Fixture.read(a + b).map { $0.value?.block } == [Array("x".utf8), Array("y".utf8)])
    }

    @Test func oldVersionsAngleBracketsAndFoldedHeaders() {
        let r = Array("WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: <http://a.example/x>\r\nX-Long: one\r\n  two\r\nContent-Length: 2\r\n\r\nhi\r\n\r\n".utf8)
        let record = Fixture.read(r)[0].value
        #expect(record?.version == "WARC/1.0")
        #expect(record?.targetURI == "http://a.example/x")
        #expect(record?.headers["x-long"] == "one two")
        #expect(Fixture.read(Array("WARC/0.18\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n\r\n\r\n".utf8))[0].value?.version == "WARC/0.18")
    }

    @Test(arguments: [[UInt8](), Array("\r\n\r\n\n".utf8)])
    func emptyFiles(bytes: [UInt8]) {
        #expect(Fixture.read(bytes).isEmpty)
        #expect(Fixture.read(Fixture.gzip(bytes)).isEmpty)
    }

    @Test func missingFileIsOneIOFailure() {
        let results = Array(WARCReader(path: "/nonexistent/x.warc.gz"))
        #expect(results.count == 1)
        #expect(results[0].error?.kind == .io)
        #expect(results[0].error?.message.contains("/nonexistent/x.warc.gz") == true)
    }

    @Test func readsFromDisk() throws {
        let dir = Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("a.warc.gz").path
        // Enough records to cross the reader's 1 MB buffers several times.
        let records = (0..<300).map { Fixture.response(uri: "http://example.com/\($0)", body: Fixture.html(String(repeating: "word\($0) ", count: 1000))) }
        let (file, offsets) = Fixture.gzipPerRecord(records)
        try Data(file).write(to: URL(fileURLWithPath: path))
        let results = Array(WARCReader(path: path))
        #expect(results.compactMap { $0.value?.location.offset } == offsets)
        #expect(results.compactMap { $0.value?.targetURI } == (0..<300).map { "http://example.com/\($0)" })
    }

    /// Buffers smaller than the records: refills, compactions and member changes happen
    /// mid-header and mid-block, and the reader gives what it gives with 1 MB buffers.
    @Test(arguments: [600, 777, 1500])
    func smallBuffers(size: Int) {
        var small = WARCReadOptions()
        small.bufferBytes = size
        small.maxHeaderBytes = 300
        let records = (0..<20).map { Fixture.response(uri: "http://example.com/\($0)", body: Fixture.html(String(repeating: "x\($0) ", count: $0 * 20))) }
        var damaged = Fixture.gzipPerRecord(records)
        damaged.file[damaged.offsets[7] + 40] ^= 0x55
        let files = [Array(records.joined()), Fixture.gzipPerRecord(records).file, Fixture.gzip(Array(records.joined())), damaged.file]
        for (n, file) in files.enumerated() {
            let expected = Fixture.read(file)
            #expect(expected.compactMap(\.value).count == (n == 3 ? 19 : 20))
            #expect(Fixture.summary(Fixture.read(file, options: small)) == Fixture.summary(expected), "file \(n)")
            #expect(Fixture.read(file, options: small).map { $0.value?.block } == expected.map { $0.value?.block }, "file \(n)")
        }
    }

    @Test func identityIsURIAndDateElseRecordIDElseLocation() {
        let full = Fixture.read(Fixture.record("resource", uri: "http://a/", date: "2024-01-02T03:04:05Z", block: []))[0].value!
        #expect(full.identity == "http://a/ 2024-01-02T03:04:05Z")
        let noDate = Fixture.read(Fixture.record("resource", uri: "http://a/", date: nil, block: []))[0].value!
        #expect(noDate.identity == noDate.recordID)
        let bare = Array("WARC/1.0\r\nContent-Length: 0\r\n\r\n\r\n\r\n".utf8)
        #expect(Fixture.read(bare, name: "f.warc")[0].value?.identity == "f.warc#0+0")
    }
}

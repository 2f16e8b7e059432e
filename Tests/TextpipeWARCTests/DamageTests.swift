import Foundation
import Testing
import TextpipeGzip
@testable import TextpipeWARC

/// Damaged files: every failure names its file and offset, and the reader finds the records
/// after it.
struct DamageTests {
    func metadata(_ n: Int) -> [UInt8] { Fixture.record("metadata", uri: "http://example.com/\(n)", block: Array("n: \(n)\r\n".utf8)) }

    @Test func corruptMemberMidFileIsSkipped() {
        let records = (0..<4).map { _ in Fixture.response(body: Fixture.html(String(repeating: "text ", count: 400))) }
        var (file, offsets) = Fixture.gzipPerRecord(records)
        // Damage the deflate data in the middle of the second member.
        let middle = (offsets[1] + offsets[2]) / 2
        for i in middle..<(middle + 16) { file[i] ^= 0x5A }
        let results = Fixture.read(file)
        #expect(Fixture.summary(results) == ["response@\(offsets[0])", "!corrupt@\(offsets[1])", "response@\(offsets[2])", "response@\(offsets[3])"])
        #expect(results[1].error?.message.contains("gzip") == true)
        #expect(results[1].error?.location.file == "test.warc")
    }

    @Test func gzipHeaderDamageAndJunkBetweenMembers() {
        var (file, offsets) = Fixture.gzipPerRecord((0..<3).map(metadata))
        // Junk where a member should start, then the rest of the file.
        file.insert(contentsOf: Array("garbage!".utf8), at: offsets[1])
        let results = Fixture.read(file)
        #expect(Fixture.summary(results) == ["metadata@0", "!corrupt@\(offsets[1])", "metadata@\(offsets[1] + 8)", "metadata@\(offsets[2] + 8)"])
    }

    /// A writer killed mid-record leaves a prefix of the file: every complete record before the
    /// cut is read, then at most one failure, whatever the cut.
    @Test func everyCutOfTheLastMember() {
        let (file, offsets) = Fixture.gzipPerRecord((0..<3).map(metadata))
        for cut in offsets[2]..<file.count {
            let results = Fixture.read(Array(file[..<cut]))
            let records = results.compactMap { $0.value?.block }
            #expect(records == [Array("n: 0\r\n".utf8), Array("n: 1\r\n".utf8)], "cut at \(cut)")
            let failures = results.compactMap(\.error)
            #expect(failures.count == (cut == offsets[2] ? 0 : 1), "cut at \(cut)")
            #expect(failures.allSatisfy { $0.location.offset == offsets[2] && ($0.kind == .truncated || $0.kind == .corrupt) }, "cut at \(cut)")
        }
    }

    @Test func everyCutOfAPlainFile() {
        let records = (0..<3).map(metadata)
        let file = Array(records.joined())
        let lastStart = records[0].count + records[1].count
        for cut in lastStart..<file.count {
            let results = Fixture.read(Array(file[..<cut]))
            #expect(results.compactMap { $0.value }.count == (cut >= file.count - 4 ? 3 : 2), "cut at \(cut)")
            #expect(results.compactMap(\.error).count <= 1, "cut at \(cut)")
        }
    }

    /// A complete gzip member whose record declares more bytes than it holds: the writer
    /// miscounted; the record ends with its member and is marked.
    @Test func contentLengthTooLongInGzipRecord() {
        let bad = Fixture.record("metadata", block: Array("short".utf8), contentLength: "500")
        let (file, offsets) = Fixture.gzipPerRecord([bad, metadata(1)])
        let results = Fixture.read(file)
        #expect(Fixture.summary(results) == ["metadata@0", "metadata@\(offsets[1])"])
        #expect(results[0].value?.truncation == .wrongLength)
        // The trailer's line ends are part of what the member holds after the header.
        #expect(results[0].value?.block == Array("short\r\n\r\n".utf8))
        #expect(results[1].value?.truncation == nil)
        // The same as the last record of a file.
        #expect(Fixture.read(Fixture.gzip(bad)).map { $0.value?.truncation } == [.wrongLength])
    }

    /// Counting characters instead of bytes makes a Content-Length too short: the record is
    /// read to its declared length, marked, and the reader finds the next one.
    @Test func contentLengthTooShort() {
        let bad = Fixture.record("metadata", block: Array("Größe of a block".utf8), contentLength: "16")
        let (file, offsets) = Fixture.gzipPerRecord([bad, metadata(1)])
        let results = Fixture.read(file)
        #expect(Fixture.summary(results) == ["metadata@0", "metadata@\(offsets[1])"])
        #expect(results[0].value?.block == Array("Größe of a blo".utf8))
        #expect(results[0].value?.truncation == .wrongLength)
        // In a plain file the reader looks for the next "WARC/" line.
        let plain = Fixture.read(bad + metadata(1))
        #expect(Fixture.summary(plain) == ["metadata@0", "metadata@\(bad.count)"])
        #expect(plain[0].value?.truncation == .wrongLength)
    }

    @Test func plainFileEndingMidBlockIsTruncated() {
        let cut = Array(metadata(0).dropLast(7))
        let results = Fixture.read(metadata(1) + cut)
        #expect(Fixture.summary(results) == ["metadata@0", "!truncated@\(metadata(1).count)"])
        #expect(results[1].error?.message.contains("the file ends after") == true)
    }

    @Test(arguments: [("Content-Length", "lots"), ("Content-Length", "-1"), ("Content-Length", "")])
    func unreadableContentLength(header: (String, String)) {
        let bad = Fixture.record("metadata", headers: [header], block: Array("x".utf8))
        let results = Fixture.read(bad + metadata(1))
        #expect(Fixture.summary(results) == ["!corrupt@0", "metadata@\(bad.count)"])
        #expect(Fixture.summary(Fixture.read(Fixture.gzipPerRecord([bad, metadata(1)]).file)).map { $0.prefix(9) } == ["!corrupt@", "metadata@"])
    }

    @Test func missingContentLength() {
        let bad = Array("WARC/1.0\r\nWARC-Type: metadata\r\n\r\nbody\r\n\r\n".utf8)
        let results = Fixture.read(bad + metadata(1))
        #expect(Fixture.summary(results) == ["!corrupt@0", "metadata@\(bad.count)"])
        #expect(results[0].error?.message.contains("no Content-Length") == true)
    }

    @Test func notAWARCFileAtAll() {
        let html = Array("<html>not a warc</html>\n".utf8)
        #expect(Fixture.summary(Fixture.read(html)) == ["!corrupt@0"])
        #expect(Fixture.summary(Fixture.read(Fixture.gzip(html))) == ["!corrupt@0"])
        // A random gzip-looking prefix with nothing behind it.
        #expect(Fixture.read([0x1F, 0x8B, 0x08, 0, 1, 2]).compactMap(\.error).count == 1)
    }

    @Test func junkLineBetweenPlainRecords() {
        let junk = Array("this is not a record\r\n".utf8)
        let file = metadata(0) + junk + metadata(1)
        // As warcio does, the record before the junk is kept (marked: its length may be wrong)
        // and the reader goes on at the next "WARC/" line.
        let results = Fixture.read(file)
        #expect(Fixture.summary(results) == ["metadata@0", "metadata@\(metadata(0).count + junk.count)"])
        #expect(results.map { $0.value?.truncation } == [.wrongLength, nil])
    }

    @Test func headerWithoutColonAndBadVersion() {
        let noColon = Array("WARC/1.0\r\nWARC-Type metadata\r\nContent-Length: 0\r\n\r\n\r\n\r\n".utf8)
        #expect(Fixture.summary(Fixture.read(noColon + metadata(1))) == ["!corrupt@0", "metadata@\(noColon.count)"])
        let badVersion = Array("WARC/x\r\nContent-Length: 0\r\n\r\n\r\n\r\n".utf8)
        #expect(Fixture.summary(Fixture.read(badVersion + metadata(1))) == ["!corrupt@0", "metadata@\(badVersion.count)"])
    }

    @Test func headerOverTheLimit() {
        var options = WARCReadOptions()
        options.maxHeaderBytes = 1000
        let big = Fixture.record("metadata", headers: [("X-Big", String(repeating: "b", count: 5000))], block: [])
        let results = Fixture.read(Fixture.gzipPerRecord([big, metadata(1)]).file, options: options)
        #expect(results.map { $0.error?.kind } == [.corrupt, nil])
        #expect(results[0].error?.message.contains("longer than 1000 bytes") == true)
    }

    /// A record over `maxRecordBytes` is read through and cut, not held whole; the next record
    /// is found. 64 MB of block costs 64 KB of gzip here.
    @Test func hugeRecordIsCutAtTheLimit() {
        var options = WARCReadOptions()
        options.maxRecordBytes = 1 << 20
        let size = 64 << 20
        let head = Array("WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: http://big/\r\nContent-Length: \(size)\r\n\r\n".utf8)
        let member = Gzip.compress([head, [UInt8](repeating: 0x61, count: size), Array("\r\n\r\n".utf8)])
        let results = Fixture.read(member + Fixture.gzip(metadata(1)), options: options)
        let record = results[0].value
        #expect(record?.block.count == 1 << 20)
        #expect(record?.contentLength == size)
        #expect(record?.truncation == .limit(1 << 20))
        #expect(results.count == 2 && results[1].value?.type == "metadata")
    }

    @Test func declaredTruncationIsKept() {
        let r = Fixture.record("resource", headers: [("WARC-Truncated", "Length")], block: [1])
        #expect(Fixture.read(r)[0].value?.truncation == .declared("length"))
    }

    @Test func readerThatCannotSeekStillResynchronises() {
        struct Forward: WARCByteSource {
            var inner: MemoryByteSource
            mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int { try inner.read(into: buffer) }
            mutating func seek(to offset: Int) throws -> Bool { false }
        }
        var (file, offsets) = Fixture.gzipPerRecord((0..<3).map(metadata))
        file[offsets[1] + 12] ^= 0xFF
        file[offsets[1] + 13] ^= 0xFF
        let results = Array(WARCReader(source: Forward(inner: MemoryByteSource(file)), name: "pipe"))
        #expect(results.compactMap { $0.value?.block } == [Array("n: 0\r\n".utf8), Array("n: 2\r\n".utf8)])
        #expect(results.compactMap(\.error).count == 1)
    }
}

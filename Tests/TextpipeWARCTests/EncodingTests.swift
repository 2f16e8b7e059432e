import Foundation
import Testing
import TextpipeGzip
@testable import TextpipeWARC

/// The small codecs under the reader and writer: SHA-1, base32, WARC dates, header fields,
/// and the streaming gzip pieces added to TextpipeGzip.
struct EncodingTests {
    @Test(arguments: [
        ("", "da39a3ee5e6b4b0d3255bfef95601890afd80709", "3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ"),
        ("abc", "a9993e364706816aba3e25717850c26c9cd0d89d", "VGMT4NSHA2AWVOR6EVYXQUGCNSONBWE5"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "84983e441c3bd26ebaae4aa1f95129e5e54670f1", nil),
    ] as [(String, String, String?)])
    func sha1(input: String, hex: String, base32: String?) {
        let digest = SHA1.hash(Array(input.utf8))
        #expect(digest.map { String(format: "%02x", $0) }.joined() == hex)
        if let base32 { #expect(Base32.encode(digest) == base32) }
    }

    @Test func sha1InPiecesEqualsWhole() {
        let data = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        for split in [0, 1, 63, 64, 65, 127, 5000, 9999] {
            var s = SHA1()
            s.update(data[..<split])
            s.update(data[split...])
            #expect(s.finish() == SHA1.hash(data), "split at \(split)")
        }
        // One million 'a': the FIPS 180 long-message vector.
        #expect(SHA1.hash([UInt8](repeating: 0x61, count: 1_000_000)).map { String(format: "%02x", $0) }.joined()
            == "34aa973cd4c4daa4f61eeb2bdbad27316534016f")
    }

    @Test(arguments: [("f", "MY======"), ("fo", "MZXQ===="), ("foobar", "MZXW6YTBOI======")])
    func base32(input: String, expected: String) {
        #expect(Base32.encode(Array(input.utf8)) == expected)
    }

    @Test(arguments: [
        ("2024-05-01T12:00:00Z", 1_714_564_800.0),
        ("2024-05-01T12:00:00.5Z", 1_714_564_800.5),
        ("2024-05-01T12:00Z", 1_714_564_800.0),
        ("2024-05-01", 1_714_521_600.0),
        ("1999-12-31T23:59:59Z", 946_684_799.0),
        ("2000-02-29T00:00:00Z", 951_782_400.0),
    ])
    func dates(text: String, seconds: Double) {
        #expect(WARCDate.parse(text) == Date(timeIntervalSince1970: seconds))
    }

    @Test(arguments: ["", "2024", "2024-13-01T00:00:00Z", "2024-05-01T25:00:00Z", "2024-05-01T12:00:00.Z", "2024-05-01T12:00:00Zjunk", "yesterday"])
    func notDates(text: String) {
        #expect(WARCDate.parse(text) == nil)
    }

    @Test func dateFormatRoundTrips() {
        for seconds in [0.0, 1_714_564_800.123456, 951_782_399.999999, 4_102_444_800] {
            let text = WARCDate.format(Date(timeIntervalSince1970: seconds))
            #expect(abs(WARCDate.parse(text)!.timeIntervalSince1970 - seconds) < 1e-5, "\(text)")
        }
        #expect(WARCDate.format(Date(timeIntervalSince1970: 1_714_564_800.25)) == "2024-05-01T12:00:00.250000Z")
    }

    @Test func headerFieldsLookUpWithoutCaseAndSerializeSafely() {
        var h = HeaderFields([HeaderField("Content-Type", "text/html")])
        h.append("X-Evil", "a\r\nInjected: yes")
        #expect(h["content-TYPE"] == "text/html")
        #expect(String(decoding: h.serialized(), as: UTF8.self) == "Content-Type: text/html\r\nX-Evil: a  Injected: yes\r\n")
        h.remove("CONTENT-TYPE")
        #expect(h["Content-Type"] == nil)
    }

    @Test(arguments: [
        ("text/html; charset=\"ISO-8859-1\"", "text/html", "iso-8859-1"),
        ("TEXT/HTML;Charset=UTF-8 ", "text/html", "utf-8"),
        ("application/xhtml+xml", "application/xhtml+xml", nil),
    ] as [(String, String, String?)])
    func mediaTypes(header: String, type: String, charset: String?) {
        #expect(MediaType(header) == MediaType(type: type, charset: charset))
    }

    @Test func compressedMembersInflateInSteps() throws {
        let text = Array(String(repeating: "streaming inflate ", count: 10_000).utf8)
        let member = Gzip.compress([Array(text[..<1000]), [], Array(text[1000...])])
        #expect(try Gzip.decompress(member, limit: 1 << 20) == text)
        // Fed a few bytes at a time into a small buffer, the inflater ends exactly at the member's end.
        let inflater = try Inflater(.gzip)
        var out: [UInt8] = []
        var used = 0
        var buffer = [UInt8](repeating: 0, count: 100)
        let file = member + [0xAB, 0xCD]
        loop: while true {
            let step = try file.withUnsafeBytes { input in
                try buffer.withUnsafeMutableBytes {
                    try inflater.inflate(UnsafeRawBufferPointer(rebasing: input[used..<min(used + 37, input.count)]), into: $0)
                }
            }
            used += step.consumed
            out += buffer[..<step.produced]
            if step.status == .memberEnd { break loop }
        }
        #expect(out == text)
        #expect(used == member.count)
    }

    @Test func partialDecompressionOfACutStream() throws {
        let text = Array((0..<5000).map { String($0 &* 2_654_435_761 % 1_000_003) }.joined(separator: " ").utf8)
        let cut = Array(Gzip.compress([text]).prefix(2000))
        #expect(throws: Gzip.Failure.self) { try Gzip.decompress(cut, limit: 1 << 20) }
        let prefix = try Gzip.decompress(cut, limit: 1 << 20, partial: true)
        #expect(prefix.count > 2000 && prefix.count < text.count && text.starts(with: prefix))
        #expect(throws: Gzip.Failure.self) { try Gzip.decompress([], limit: 10) }
    }
}

extension MediaType {
    init(type: String, charset: String?) {
        self.init(type)!
        self.charset = charset
    }
}

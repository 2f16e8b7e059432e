import Foundation
import TextpipeGzip
@testable import TextpipeWARC

/// Hand-built WARC records and files for the reader's tests.
enum Fixture {
    /// A record's bytes: version line, `headers` (Content-Length added unless given or
    /// `contentLength` says otherwise), empty line, block, CRLF CRLF; `eol` for every line end.
    static func record(_ type: String?, uri: String? = "http://example.com/", date: String? = "2024-05-01T12:00:00Z",
                       headers: [(String, String)] = [], block: [UInt8], contentLength: String? = nil,
                       version: String = "WARC/1.1", eol: String = "\r\n", trailer: String? = nil) -> [UInt8] {
        var text = version + eol
        if let type { text += "WARC-Type: \(type)" + eol }
        if let uri { text += "WARC-Target-URI: \(uri)" + eol }
        if let date { text += "WARC-Date: \(date)" + eol }
        text += "WARC-Record-ID: <urn:uuid:\(UUID().uuidString.lowercased())>" + eol
        for (name, value) in headers { text += "\(name): \(value)" + eol }
        if !headers.contains(where: { $0.0 == "Content-Length" }) {
            if let contentLength { text += "Content-Length: \(contentLength)" + eol } else { text += "Content-Length: \(block.count)" + eol }
        }
        text += eol
        return Array(text.utf8) + block + Array((trailer ?? eol + eol).utf8)
    }

    /// A response record holding an HTTP response with `body`.
    static func response(uri: String = "http://example.com/", status: String = "200 OK",
                         httpHeaders: [(String, String)] = [("Content-Type", "text/html; charset=utf-8")],
                         body: [UInt8], warcHeaders: [(String, String)] = [], eol: String = "\r\n") -> [UInt8] {
        var head = "HTTP/1.1 \(status)" + eol
        for (n, v) in httpHeaders { head += "\(n): \(v)" + eol }
        head += eol
        return record("response", uri: uri, headers: [("Content-Type", "application/http; msgtype=response")] + warcHeaders,
                      block: Array(head.utf8) + body, eol: eol)
    }

    static func html(_ text: String) -> [UInt8] { Array("<html><body><p>\(text)</p></body></html>".utf8) }

    /// One gzip member per record, as Common Crawl writes.
    static func gzipPerRecord(_ records: [[UInt8]]) -> (file: [UInt8], offsets: [Int]) {
        var file: [UInt8] = []
        var offsets: [Int] = []
        for r in records {
            offsets.append(file.count)
            file += Gzip.compress([r])
        }
        return (file, offsets)
    }

    static func gzip(_ bytes: [UInt8]) -> [UInt8] { Gzip.compress([bytes]) }

    /// Everything a reader gives for `bytes`.
    static func read(_ bytes: [UInt8], options: WARCReadOptions = WARCReadOptions(), name: String = "test.warc") -> [Result<WARCRecord, WARCFailure>] {
        Array(WARCReader(source: MemoryByteSource(bytes), name: name, options: options))
    }

    static func entries(_ bytes: [UInt8], options: WARCReadOptions = WARCReadOptions()) -> [WARCEntry] {
        Array(WARCDocuments(reader: WARCReader(source: MemoryByteSource(bytes), name: "test.warc", options: options)))
    }

    /// A short summary per result, for comparing with a table: "response@0", "!corrupt@123".
    static func summary(_ results: [Result<WARCRecord, WARCFailure>]) -> [String] {
        results.map {
            switch $0 {
            case .success(let r): return "\(r.type)@\(r.location.offset)" + (r.location.offsetInMember > 0 ? "+\(r.location.offsetInMember)" : "")
            case .failure(let f): return "!\(f.kind.rawValue)@\(f.location.offset)"
            }
        }
    }

    static func temporaryDirectory() -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("textpipe-warc-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }
}

extension Result {
    var value: Success? { if case .success(let v) = self { return v } else { return nil } }
    var error: Failure? { if case .failure(let e) = self { return e } else { return nil } }
}

extension WARCEntry {
    var document: WARCDocument? { if case .document(let d) = self { return d } else { return nil } }
    var skip: WARCSkip? { if case .skipped(let s) = self { return s } else { return nil } }
    var failure: WARCFailure? { if case .failure(let f) = self { return f } else { return nil } }
}

import Foundation

/// What a live fetch hands the archive: one HTTP request and the response to it.
public struct HTTPExchange: Sendable {
    /// The URL requested (the WARC-Target-URI of both records).
    public var url: String
    /// When the response came (the WARC-Date of both records).
    public var date: Date
    /// The server's address, if known (WARC-IP-Address).
    public var ipAddress: String?
    public var request: HTTPRequestHead
    public var response: HTTPResponseHead
    /// The response body as an HTTP client hands it over: transfer coding undone (no chunk
    /// framing), content coding kept (still gzip if the server sent gzip). The writer renames
    /// a `Transfer-Encoding` header to `X-Crawler-Transfer-Encoding`, as Common Crawl does, so
    /// that the stored head describes the stored body.
    public var body: [UInt8]
    /// Set when `body` is not the whole body (the fetch stopped at its size limit): the value
    /// of WARC-Truncated, "length" for that case.
    public var truncated: String?

    public init(url: String, date: Date, ipAddress: String? = nil, request: HTTPRequestHead, response: HTTPResponseHead,
                body: [UInt8], truncated: String? = nil) {
        self.url = url
        self.date = date
        self.ipAddress = ipAddress
        self.request = request
        self.response = response
        self.body = body
        self.truncated = truncated
    }
}

/// Lays out one record: version line, header fields, block, CRLF CRLF, with Content-Length
/// and the SHA-1 digests the standard recommends. The block comes in pieces (an HTTP head and
/// a body) so that a large body is neither copied nor hashed twice.
enum WARCRecordBuilder {
    static let version = "WARC/1.1"

    /// A fresh `<urn:uuid:...>` record id.
    static func newRecordID() -> String { "<urn:uuid:\(UUID().uuidString.lowercased())>" }

    /// The record's bytes, in pieces (header, block pieces, trailer) for `Gzip.compress`.
    /// `payloadFrom` is the index of the first block piece that is payload, when the block
    /// has one (an HTTP message's body).
    static func record(type: String, id: String, date: Date, fields: HeaderFields, contentType: String,
                       block: [[UInt8]], payloadFrom: Int? = nil) -> [[UInt8]] {
        var headers = HeaderFields()
        headers.append("WARC-Type", type)
        headers.append("WARC-Record-ID", id)
        headers.append("WARC-Date", WARCDate.format(date))
        for f in fields { headers.append(f.name, f.value) }
        var whole = SHA1()
        var payload = SHA1()
        for (i, piece) in block.enumerated() {
            whole.update(piece)
            if let from = payloadFrom, i >= from { payload.update(piece) }
        }
        headers.append("WARC-Block-Digest", "sha1:" + Base32.encode(whole.finish()))
        if payloadFrom != nil { headers.append("WARC-Payload-Digest", "sha1:" + Base32.encode(payload.finish())) }
        headers.append("Content-Type", contentType)
        headers.append("Content-Length", String(block.reduce(0) { $0 + $1.count }))
        var head = Array((version + "\r\n").utf8)
        head += headers.serialized()
        head += [0x0D, 0x0A]
        return [head] + block + [[0x0D, 0x0A, 0x0D, 0x0A]]
    }

    /// The request and response records of one exchange, linked by WARC-Concurrent-To.
    static func exchange(_ x: HTTPExchange) -> [[[UInt8]]] {
        let responseID = newRecordID()
        var common = HeaderFields()
        common.append("WARC-Target-URI", x.url)
        if let ip = x.ipAddress, !ip.isEmpty { common.append("WARC-IP-Address", ip) }

        var requestFields = common
        requestFields.append("WARC-Concurrent-To", responseID)
        let request = record(type: "request", id: newRecordID(), date: x.date, fields: requestFields,
                             contentType: "application/http; msgtype=request", block: [x.request.serialized(), []], payloadFrom: 1)

        var head = x.response
        if let coding = head.headers["Transfer-Encoding"] {
            head.headers.remove("Transfer-Encoding")
            head.headers.append("X-Crawler-Transfer-Encoding", coding)
        }
        var responseFields = common
        if let cut = x.truncated, !cut.isEmpty { responseFields.append("WARC-Truncated", cut) }
        let response = record(type: "response", id: responseID, date: x.date, fields: responseFields,
                              contentType: "application/http; msgtype=response", block: [head.serialized(), x.body],
                              payloadFrom: 1)
        return [request, response]
    }

    /// The `warcinfo` record that opens each file: what wrote it, and the caller's fields.
    static func warcinfo(filename: String, date: Date, software: String, info: HeaderFields) -> [[UInt8]] {
        var body = HeaderFields()
        body.append("software", software)
        body.append("format", "WARC File Format 1.1")
        body.append("conformsTo", "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/")
        for f in info { body.append(f.name, f.value) }
        var fields = HeaderFields()
        fields.append("WARC-Filename", filename)
        return record(type: "warcinfo", id: newRecordID(), date: date, fields: fields,
                      contentType: "application/warc-fields", block: [body.serialized()])
    }
}

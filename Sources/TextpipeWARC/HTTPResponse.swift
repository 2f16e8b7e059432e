/// The status line and headers of an HTTP response, as stored in a WARC `response` record or
/// as the writer is to store them.
public struct HTTPResponseHead: Sendable, Equatable {
    /// "HTTP/1.1"
    public var version: String
    public var status: Int
    public var reason: String
    public var headers: HeaderFields

    public init(version: String = "HTTP/1.1", status: Int, reason: String = "", headers: HeaderFields = HeaderFields()) {
        self.version = version
        self.status = status
        self.reason = reason
        self.headers = headers
    }

    /// The head as bytes: status line, header lines, empty line.
    func serialized() -> [UInt8] {
        var line = "\(version) \(status)"
        if !reason.isEmpty { line += " " + reason }
        return HTTPMessage.head(firstLine: line, headers: headers)
    }
}

/// The request line and headers of an HTTP request, for the writer's `request` records.
public struct HTTPRequestHead: Sendable, Equatable {
    public var method: String
    /// The request target as sent: path and query ("/news/a.html?x=1").
    public var target: String
    public var version: String
    public var headers: HeaderFields

    public init(method: String = "GET", target: String, version: String = "HTTP/1.1", headers: HeaderFields = HeaderFields()) {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
    }

    func serialized() -> [UInt8] {
        HTTPMessage.head(firstLine: "\(method) \(target) \(version)", headers: headers)
    }
}

/// Reads and writes HTTP/1.x message heads in WARC blocks.
enum HTTPMessage {
    static func head(firstLine: String, headers: HeaderFields) -> [UInt8] {
        var out = Array(firstLine.utf8).map { $0 == 0x0D || $0 == 0x0A ? 0x20 : $0 }
        out += [0x0D, 0x0A]
        out += headers.serialized()
        out += [0x0D, 0x0A]
        return out
    }

    /// Reads a response head from the front of `block`: the head and where the body starts.
    /// A head without the empty line that should end it runs to the end of the block (an
    /// archived response without a body). Throws a message for a block that is not a response.
    static func parseResponse(_ block: [UInt8]) throws(HeaderSyntaxError) -> (head: HTTPResponseHead, bodyStart: Int) {
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        var bodyStart = block.count
        var i = 0
        while i < block.count {
            if block[i] == 0x0A {
                var end = i
                if end > start, block[end - 1] == 0x0D { end -= 1 }
                if end == start {
                    bodyStart = i + 1
                    break
                }
                lines.append(block[start..<end])
                start = i + 1
            }
            i += 1
        }
        if i == block.count, start < block.count { lines.append(block[start...]) }
        guard let first = lines.first else { throw HeaderSyntaxError("the block holds no HTTP status line") }
        let parts = first.split(separator: 0x20, maxSplits: 2, omittingEmptySubsequences: true)
        guard parts.count >= 2, parts[0].starts(with: Array("HTTP/".utf8)),
              parts[1].count == 3, parts[1].allSatisfy({ $0 &- 0x30 < 10 }),
              let status = Int(String(decoding: parts[1], as: UTF8.self)) else {
            throw HeaderSyntaxError("'\(String(decoding: first.prefix(60), as: UTF8.self))' is not an HTTP status line")
        }
        let version = String(decoding: parts[0], as: UTF8.self)
        let reason = parts.count > 2 ? String(decoding: HeaderFields.trimmed(parts[2]), as: UTF8.self) : ""
        let headers = try HeaderFields.parse(lines: Array(lines.dropFirst()))
        return (HTTPResponseHead(version: version, status: status, reason: reason, headers: headers), bodyStart)
    }
}

/// A `Content-Type` value read into its media type (lowercased, without parameters) and its
/// charset parameter.
public struct MediaType: Sendable, Equatable {
    public var type: String
    public var charset: String?

    /// Parses `text/html; charset="ISO-8859-1"`; nil for an empty value.
    public init?(_ header: String) {
        let parts = header.split(separator: ";", omittingEmptySubsequences: false)
        let type = parts[0].trimmingASCIISpaces().lowercased()
        guard !type.isEmpty else { return nil }
        self.type = type
        for p in parts.dropFirst() {
            let kv = p.split(separator: "=", maxSplits: 1)
            guard kv.count == 2, kv[0].trimmingASCIISpaces().lowercased() == "charset" else { continue }
            var value = kv[1].trimmingASCIISpaces()
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            value = Substring(value).trimmingASCIISpaces().lowercased()
            if !value.isEmpty { charset = value }
        }
    }

    /// Whether an accepted pattern ("text/html", "text/*", "*/*") covers this type.
    public func matches(_ pattern: String) -> Bool {
        let p = pattern.lowercased()
        if p == "*/*" || p == type { return true }
        return p.hasSuffix("/*") && type.hasPrefix(p.dropLast())
    }
}

extension Substring {
    func trimmingASCIISpaces() -> String {
        var s = self[...]
        while let c = s.first, c == " " || c == "\t" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" { s = s.dropLast() }
        return String(s)
    }
}

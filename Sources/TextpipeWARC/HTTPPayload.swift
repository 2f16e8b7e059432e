import TextpipeGzip

/// Turns the body of an archived HTTP response into the payload a client would have used:
/// transfer coding undone (chunked), then content coding (gzip, deflate), within the same
/// decompression limit as a live fetch.
///
/// Archives disagree on what they store. Some keep the bytes as they came over the wire
/// (chunked and compressed); Common Crawl stores them decoded and renames the headers
/// (`X-Crawler-Transfer-Encoding`, `X-Crawler-Content-Encoding`); some tools decode but keep
/// the headers. So a body that its headers call chunked or compressed but that is not, from
/// its first bytes on, is taken as it is, as warcio does. A record cut short (`truncated`)
/// gives what its bytes decode to.
enum HTTPPayload {
    enum Failure: Error {
        case tooLarge(Int)
        case undecodable(String)
    }

    static func decode(_ body: ArraySlice<UInt8>, headers: HeaderFields, truncated: Bool, limit: Int) throws(Failure) -> [UInt8] {
        var payload = Array(body)
        if let coding = headers["Transfer-Encoding"]?.lowercased(), coding.contains("chunked"),
           let plain = dechunk(payload) {
            payload = plain
        }
        let coding = (headers["Content-Encoding"] ?? "")[...].trimmingASCIISpaces().lowercased()
        switch coding {
        case "", "identity", "none":
            return payload
        case "gzip", "x-gzip", "deflate":
            return try inflate(payload, deflate: coding == "deflate", truncated: truncated, limit: limit)
        default:
            throw .undecodable("the payload has Content-Encoding '\(coding)', which textpipe does not decode")
        }
    }

    private static func inflate(_ payload: [UInt8], deflate: Bool, truncated: Bool, limit: Int) throws(Failure) -> [UInt8] {
        guard !payload.isEmpty else { return payload }
        // A gzip body starts with its magic; one that does not was stored decoded.
        if !deflate, !Gzip.isGzip(payload) { return payload }
        do {
            return try Gzip.decompress(payload, limit: limit, partial: truncated)
        } catch Gzip.Failure.tooLarge(let limit) {
            throw .tooLarge(limit)
        } catch {
            // "deflate" is meant to be zlib-wrapped, but some servers send it raw; and a body
            // that inflates neither way was stored decoded.
            if deflate {
                if let raw = try? Gzip.decompress(payload, limit: limit, raw: true, partial: truncated) { return raw }
                return payload
            }
            throw .undecodable("the gzip-encoded payload is corrupt: \(error)")
        }
    }

    /// Undoes chunked transfer coding; nil when the body does not start as a chunked one.
    /// A body cut short gives the chunks it holds; chunk extensions and trailers are ignored.
    static func dechunk(_ body: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(body.count)
        var i = 0
        var chunks = 0
        while i < body.count {
            // The size line: hex digits, optional ";extensions", CRLF (or LF).
            var size = 0
            var digits = 0
            while i < body.count, let d = hexValue(body[i]) {
                if digits >= 15 { return chunks == 0 ? nil : out }
                size = size * 16 + d
                digits += 1
                i += 1
            }
            // After the size only blanks, ";extensions" and the line end may come.
            guard digits > 0, i < body.count, [0x0D, 0x0A, 0x20, 0x09, 0x3B].contains(body[i]) else {
                return chunks == 0 ? nil : out
            }
            while i < body.count, body[i] != 0x0A { i += 1 }
            i += 1
            if size == 0 { return out }
            let end = min(body.count, i + size)
            if i < end { out.append(contentsOf: body[i..<end]) }
            chunks += 1
            i = end
            if i < body.count, body[i] == 0x0D { i += 1 }
            if i < body.count, body[i] == 0x0A { i += 1 }
        }
        return out
    }

    @inline(__always) private static func hexValue(_ b: UInt8) -> Int? {
        switch b {
        case 0x30...0x39: return Int(b - 0x30)
        case 0x41...0x46: return Int(b - 0x41 + 10)
        case 0x61...0x66: return Int(b - 0x61 + 10)
        default: return nil
        }
    }
}

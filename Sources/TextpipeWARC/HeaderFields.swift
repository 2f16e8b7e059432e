/// One `Name: value` line of a WARC record's header or of an HTTP message head.
public struct HeaderField: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// Header fields in the order they were read or are to be written, looked up by name without
/// regard to case. WARC headers and HTTP heads share the syntax and this type: `Name: value`
/// lines ended by CRLF (LF alone is accepted, as real files have it), continuation lines
/// starting with a space or tab folded into the field before, values trimmed.
public struct HeaderFields: Sendable, Equatable, Sequence {
    public private(set) var fields: [HeaderField]

    public init(_ fields: [HeaderField] = []) {
        self.fields = fields
    }

    /// The value of the first field called `name` (ASCII case ignored).
    public subscript(_ name: String) -> String? {
        fields.first { Self.sameName($0.name, name) }?.value
    }

    public mutating func append(_ name: String, _ value: String) {
        fields.append(HeaderField(name, value))
    }

    /// Drops every field called `name`.
    public mutating func remove(_ name: String) {
        fields.removeAll { Self.sameName($0.name, name) }
    }

    public func makeIterator() -> IndexingIterator<[HeaderField]> { fields.makeIterator() }

    static func sameName(_ a: String, _ b: String) -> Bool {
        a.utf8.count == b.utf8.count && a.utf8.elementsEqual(b.utf8) { lowerASCII($0) == lowerASCII($1) }
    }

    @inline(__always) static func lowerASCII(_ b: UInt8) -> UInt8 { b &- 65 < 26 ? b | 0x20 : b }

    /// Reads fields from `lines` (each without its line end). A line without a colon is a
    /// syntax error named in the thrown message; an empty name is too.
    static func parse(lines: [ArraySlice<UInt8>]) throws(HeaderSyntaxError) -> HeaderFields {
        var out: [HeaderField] = []
        out.reserveCapacity(lines.count)
        for line in lines {
            guard let first = line.first else { continue }
            if first == 0x20 || first == 0x09 {
                // A folded continuation of the field before.
                guard !out.isEmpty else { throw HeaderSyntaxError("a continuation line comes before any field") }
                let more = trimmed(line)
                if !more.isEmpty { out[out.count - 1].value += " " + decode(more) }
                continue
            }
            guard let colon = line.firstIndex(of: 0x3A) else {
                throw HeaderSyntaxError("the header line '\(decode(line.prefix(60)))' has no colon")
            }
            let name = trimmed(line[line.startIndex..<colon])
            guard !name.isEmpty else { throw HeaderSyntaxError("a header line has an empty name") }
            out.append(HeaderField(decode(name), decode(trimmed(line[(colon + 1)...]))))
        }
        return HeaderFields(out)
    }

    /// The fields as header lines, each ended by CRLF. A CR or LF inside a name or value would
    /// end the line early and forge a field, so each becomes a space.
    func serialized() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(fields.count * 48)
        for f in fields {
            appendClean(f.name, to: &out)
            out += [0x3A, 0x20]
            appendClean(f.value, to: &out)
            out += [0x0D, 0x0A]
        }
        return out
    }

    private func appendClean(_ s: String, to out: inout [UInt8]) {
        for b in s.utf8 { out.append(b == 0x0D || b == 0x0A ? 0x20 : b) }
    }

    static func trimmed(_ s: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var lo = s.startIndex, hi = s.endIndex
        while lo < hi, s[lo] == 0x20 || s[lo] == 0x09 || s[lo] == 0x0D { lo += 1 }
        while hi > lo, s[hi - 1] == 0x20 || s[hi - 1] == 0x09 || s[hi - 1] == 0x0D { hi -= 1 }
        return s[lo..<hi]
    }

    /// Header bytes as text: UTF-8 (WARC 1.1 allows it), invalid bytes replaced.
    static func decode(_ s: ArraySlice<UInt8>) -> String { String(decoding: s, as: UTF8.self) }
}

/// A header that cannot be read; the reader turns it into a failure with file and offset.
struct HeaderSyntaxError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

import TextpipeCore

/// Offsets between the scanners' UTF-8 bytes and the code points that `Span` and `Token` use,
/// and paragraph ranges in bytes.
enum ByteOffsets {
    /// True when every byte is ASCII, so byte offsets are code-point offsets. Reads eight bytes
    /// at a time.
    static func isASCII(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = p.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var i = 0
        var acc: UInt64 = 0
        while i + 8 <= p.count {
            acc |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            i += 8
        }
        while i < p.count {
            acc |= UInt64(p[i])
            i += 1
        }
        return acc & 0x8080_8080_8080_8080 == 0
    }

    /// Converts a non-decreasing sequence of byte offsets to code-point offsets in one pass.
    struct ForwardCursor {
        let p: UnsafeBufferPointer<UInt8>
        let ascii: Bool
        private var byte = 0
        private var scalar = 0

        init(_ p: UnsafeBufferPointer<UInt8>) {
            self.p = p
            self.ascii = ByteOffsets.isASCII(p)
        }

        @inline(__always)
        mutating func scalar(atByte b: Int) -> Int {
            if ascii { return b }
            if b < byte {  // out of order: start again
                byte = 0
                scalar = 0
            }
            // Eight bytes at a time: every byte but a continuation byte (10xxxxxx) starts a scalar.
            let raw = UnsafeRawPointer(p.baseAddress!)
            while byte + 8 <= b {
                let x = raw.loadUnaligned(fromByteOffset: byte, as: UInt64.self)
                let continuation = x & ~(x << 1) & 0x8080_8080_8080_8080
                scalar += 8 - continuation.nonzeroBitCount
                byte += 8
            }
            while byte < b {
                if p[byte] & 0xC0 != 0x80 { scalar += 1 }
                byte += 1
            }
            return scalar
        }

        /// The byte offset of a code-point offset (non-decreasing calls are linear overall).
        mutating func byte(atScalar s: Int) -> Int {
            if ascii { return min(s, p.count) }
            if s < scalar {
                byte = 0
                scalar = 0
            }
            while scalar < s && byte < p.count {
                byte += 1
                while byte < p.count && p[byte] & 0xC0 == 0x80 { byte += 1 }
                scalar += 1
            }
            return byte
        }
    }

    /// Paragraphs as byte ranges: the given code-point spans (sorted, clipped to the text,
    /// overlaps removed), or, when there are none, the blocks between blank lines.
    static func paragraphRanges(_ p: UnsafeBufferPointer<UInt8>, _ spans: [Span]?) -> [Range<Int>] {
        guard let spans, !spans.isEmpty else { return blankLineBlocks(p) }
        var cursor = ForwardCursor(p)
        var out: [Range<Int>] = []
        out.reserveCapacity(spans.count)
        var previousEnd = 0
        for span in spans.sorted() where span.end > span.start {
            let start = max(cursor.byte(atScalar: max(span.start, 0)), previousEnd)
            let end = cursor.byte(atScalar: span.end)
            if end > start {
                out.append(start..<end)
                previousEnd = end
            }
        }
        return out
    }

    /// The blocks of text between blank lines (a line break, optional blanks, a line break).
    static func blankLineBlocks(_ p: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = 0
        var i = 0
        let n = p.count
        let raw = UnsafeRawPointer(p.baseAddress ?? UnsafePointer(bitPattern: 1)!)
        while i < n {
            // Skip eight bytes at a time while none of them is a line feed (SWAR zero-byte test).
            while i + 8 <= n {
                let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ 0x0A0A_0A0A_0A0A_0A0A
                if (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 != 0 { break }
                i += 8
            }
            guard i < n else { break }
            guard p[i] == 0x0A else {
                i += 1
                continue
            }
            var j = i + 1
            while j < n && (p[j] == 0x20 || p[j] == 0x09 || p[j] == 0x0D) { j += 1 }
            if j < n && p[j] == 0x0A {
                if i > start { out.append(start..<i) }
                while j < n && (p[j] == 0x0A || p[j] == 0x20 || p[j] == 0x09 || p[j] == 0x0D) { j += 1 }
                start = j
            }
            i = j
        }
        if start < n { out.append(start..<n) }
        return out
    }
}

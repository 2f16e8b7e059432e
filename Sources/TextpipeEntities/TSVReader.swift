/// Reads tab-separated resource files (word classes, gazetteers) as bytes: one call per line
/// with the fields as byte ranges, skipping blank lines and lines starting with '#'.
/// Resource files run to hundreds of thousands of lines and are read at every start, so this
/// avoids `String.split` and `Character` entirely.
enum TSVReader {
    static func forEachLine(
        _ bytes: [UInt8], _ body: (_ fields: [Range<Int>], _ line: Int) throws -> Void
    ) rethrows {
        var fields: [Range<Int>] = []
        fields.reserveCapacity(8)
        var lineNumber = 0
        try bytes.withUnsafeBufferPointer { p in
            var i = 0
            let n = p.count
            while i < n {
                lineNumber += 1
                var end = i
                while end < n && p[end] != 10 { end += 1 }
                var lineEnd = end
                if lineEnd > i && p[lineEnd - 1] == 13 { lineEnd -= 1 }
                if lineEnd > i && p[i] != 35 {
                    fields.removeAll(keepingCapacity: true)
                    var f = i
                    var j = i
                    while j < lineEnd {
                        if p[j] == 9 {
                            fields.append(f..<j)
                            f = j + 1
                        }
                        j += 1
                    }
                    fields.append(f..<lineEnd)
                    try body(fields, lineNumber)
                }
                i = end + 1
            }
        }
    }

    /// A non-negative decimal integer, or nil.
    static func int(_ bytes: [UInt8], _ r: Range<Int>) -> Int? {
        guard !r.isEmpty, r.count < 19 else { return nil }
        var v = 0
        for j in r {
            let d = bytes[j] &- 48
            guard d < 10 else { return nil }
            v = v * 10 + Int(d)
        }
        return v
    }

    static func string(_ bytes: [UInt8], _ r: Range<Int>) -> String {
        String(decoding: bytes[r], as: UTF8.self)
    }
}

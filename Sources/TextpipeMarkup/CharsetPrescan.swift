/// Finds the charset a page declares about itself, before parsing: `<meta charset=...>`,
/// `<meta http-equiv="Content-Type" content="...; charset=...">` or, for XML, the encoding of
/// the `<?xml ...?>` declaration. Browsers look at the first 1024 bytes; real pages put long
/// scripts and comments ahead of the meta tag, so this looks further (the first 16 KiB), but
/// only inside `<meta ...>` tags, so a charset mentioned in a script or in the text is ignored.
enum CharsetPrescan {
    static let window = 16 * 1024

    static func declaredLabel(_ bytes: [UInt8], isXML: Bool) -> String? {
        let end = min(bytes.count, window)
        return bytes.withUnsafeBufferPointer { p -> String? in
            let b = UnsafeBufferPointer(rebasing: p[0..<end])
            if let r = xmlDeclarationEncoding(b) { return String(decoding: b[r], as: UTF8.self) }
            if isXML { return nil }
            var i = 0
            while i + 5 < end {
                guard b[i] == UInt8(ascii: "<") else { i += 1; continue }
                if b[i + 1] == UInt8(ascii: "!"), i + 3 < end, b[i + 2] == UInt8(ascii: "-"), b[i + 3] == UInt8(ascii: "-") {
                    i = skipComment(b, from: i + 4)
                    continue
                }
                if matchesLower(b, at: i + 1, "meta"), !isNameByte(b[i + 5]) {
                    var j = i + 5
                    while j < end, b[j] != UInt8(ascii: ">") { j += 1 }
                    if let r = charsetParameter(in: b[(i + 5)..<j]) { return String(decoding: b[r], as: UTF8.self) }
                    i = j
                    continue
                }
                i += 1
            }
            return nil
        }
    }

    /// The value after `charset=` in a tag or header, without quotes.
    static func charsetParameter<C: RandomAccessCollection>(in s: C) -> Range<Int>? where C.Element == UInt8, C.Index == Int {
        var i = s.startIndex
        while i + 7 <= s.endIndex {
            if matchesLower(s, at: i, "charset") {
                var j = i + 7
                while j < s.endIndex, s[j] == 0x20 || s[j] == 0x09 { j += 1 }
                if j < s.endIndex, s[j] == UInt8(ascii: "=") {
                    j += 1
                    while j < s.endIndex, s[j] == 0x20 || s[j] == 0x09 || s[j] == 0x22 || s[j] == 0x27 { j += 1 }
                    let start = j
                    while j < s.endIndex, isLabelByte(s[j]) { j += 1 }
                    if j > start { return start..<j }
                }
                i = j
                continue
            }
            i += 1
        }
        return nil
    }

    static func xmlDeclarationEncoding(_ b: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        guard b.count > 6, matchesLower(b, at: 0, "<?xml") else { return nil }
        var end = 5
        while end < b.count, b[end] != UInt8(ascii: ">") { end += 1 }
        var i = 5
        while i + 8 <= end {
            if matchesLower(b, at: i, "encoding") {
                var j = i + 8
                while j < end, b[j] == 0x20 || b[j] == UInt8(ascii: "=") || b[j] == 0x22 || b[j] == 0x27 { j += 1 }
                let start = j
                while j < end, isLabelByte(b[j]) { j += 1 }
                return j > start ? start..<j : nil
            }
            i += 1
        }
        return nil
    }

    static func skipComment(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var i = start
        while i + 2 < b.count {
            if b[i] == UInt8(ascii: "-"), b[i + 1] == UInt8(ascii: "-"), b[i + 2] == UInt8(ascii: ">") { return i + 3 }
            i += 1
        }
        return b.count
    }

    @inline(__always)
    static func matchesLower<C: RandomAccessCollection>(_ b: C, at i: Int, _ word: StaticString) -> Bool where C.Element == UInt8, C.Index == Int {
        let n = word.utf8CodeUnitCount
        guard i >= b.startIndex, i + n <= b.endIndex else { return false }
        let w = word.utf8Start
        for k in 0..<n where b[i + k] | 0x20 != w[k] { return false }
        return true
    }

    @inline(__always)
    static func isNameByte(_ c: UInt8) -> Bool {
        (c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "z") || c == UInt8(ascii: "-")
    }

    @inline(__always)
    static func isLabelByte(_ c: UInt8) -> Bool {
        isNameByte(c) || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "_")
            || c == UInt8(ascii: ":") || c == UInt8(ascii: ".")
    }
}

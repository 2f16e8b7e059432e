import TextpipeCore

/// The forms of the web that a word scanner would tear apart: URLs, e-mail addresses,
/// @mentions, #hashtags and emoticons. Each is one token.
extension Scanner {
    private static let emoticons: [[UInt8]] = [
        ":-)", ":-(", ":-D", ":-P", ":-p", ":-/", ":-|", ":-*", ";-)", ":')", ":'(", "</3", "^_^",
        ":)", ":(", ":D", ":P", ":p", ":/", ":|", ":*", ":O", ":o", ":]", ":[", ";)", ";D", "=)",
        "=(", "=D", "<3", "^^",
    ].map { Array($0.utf8) }

    /// "http", "ftp:" and "www." as little-endian words, lower case (":" and "." survive | 0x20).
    private static let http = UInt32(0x70747468)
    private static let ftp = UInt32(0x3A707466)
    private static let www = UInt32(0x2E777777)

    @inline(__always)
    private func lower(_ j: Int) -> UInt8 { p[j] | 0x20 }

    private func hasPrefix(_ s: StaticString, at i: Int, _ end: Int) -> Bool {
        let n = s.utf8CodeUnitCount
        guard i + n <= end else { return false }
        for k in 0..<n where lower(i + k) != s.utf8Start[k] { return false }
        return true
    }

    /// "http://...", "https://...", "ftp://...", "www.example.com/..." up to white space or a
    /// character that cannot be in a URL, without trailing sentence punctuation or an
    /// unbalanced closing bracket.
    mutating func scanURL(_ i: Int, _ end: Int, _ lead: TokenFlags) -> Int? {
        // One 4-byte comparison rules out nearly every word: "http", "ftp:", "www." (any case).
        guard i + 4 <= end else { return nil }
        let head = UnsafeRawPointer(p.baseAddress! + i).loadUnaligned(as: UInt32.self) | 0x2020_2020
        guard head == Self.http || head == Self.ftp || head == Self.www else { return nil }
        guard hasPrefix("https://", at: i, end) || hasPrefix("http://", at: i, end)
            || hasPrefix("ftp://", at: i, end)
            || (hasPrefix("www.", at: i, end) && classAt(i + 4, end).intersects(.alnum)) else { return nil }
        var j = i
        var parens = 0
        while j < end {
            let c = p[j]
            if c >= 0x80 {
                let (cc, n) = chars.at(p, j)
                guard cc.intersects(.wordPart) else { break }
                j += n
                continue
            }
            if c <= 0x20 || c == UInt8(ascii: "\"") || c == UInt8(ascii: "<") || c == UInt8(ascii: ">")
                || c == UInt8(ascii: "[") || c == UInt8(ascii: "]") || c == UInt8(ascii: "{") || c == UInt8(ascii: "}") {
                break
            }
            if c == UInt8(ascii: "(") { parens += 1 }
            if c == UInt8(ascii: ")") {
                if parens == 0 { break }
                parens -= 1
            }
            j += 1
        }
        while j > i {
            let c = p[j - 1]
            guard ".,;:!?'*".utf8.contains(c) else { break }
            j -= 1
        }
        emit(i, j, .url, lead)
        return j
    }

    @inline(__always)
    private func isLocalChar(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) || c == UInt8(ascii: ".")
            || c == UInt8(ascii: "_") || c == UInt8(ascii: "%") || c == UInt8(ascii: "+") || c == UInt8(ascii: "-")
    }

    /// The end of a domain name starting at `k` ("example.com"), or `nil`.
    private func domainEnd(_ k: Int, _ end: Int) -> Int? {
        var j = k
        while j < end {
            let c = p[j]
            guard (c >= 0x30 && c <= 0x39) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) || c == UInt8(ascii: "-")
                || c == UInt8(ascii: ".") else { break }
            j += 1
        }
        while j > k && (p[j - 1] == UInt8(ascii: ".") || p[j - 1] == UInt8(ascii: "-")) { j -= 1 }
        // At least two labels, the last of two or more letters.
        var lastDot = -1
        for q in k..<j where p[q] == UInt8(ascii: ".") { lastDot = q }
        guard lastDot > k, j - lastDot > 2 else { return nil }
        for q in (lastDot + 1)..<j where !(p[q] | 0x20 >= 0x61 && p[q] | 0x20 <= 0x7A) { return nil }
        return j
    }

    /// At "@": an e-mail address (its local part was scanned as ordinary tokens, which are
    /// taken back) or a mention.
    mutating func scanAt(_ i: Int, _ end: Int, _ lead: TokenFlags) -> Int? {
        if !lead.contains(.spaceBefore), let last = tokens.last, Int(last.end) == i {
            var ls = i
            while ls > regionStart && isLocalChar(p[ls - 1]) { ls -= 1 }
            while ls < i && p[ls] == UInt8(ascii: ".") { ls += 1 }
            if ls < i, let de = domainEnd(i + 1, end) {
                var flags: TokenFlags = []
                while let t = tokens.last, Int(t.start) >= ls {
                    flags = t.flags.intersection([.spaceBefore, .newlineBefore, .softBreak, .blankLineBefore])
                    tokens.removeLast()
                }
                if let t = tokens.last, Int(t.end) > ls { tokens[tokens.count - 1].end = Int32(ls) }
                emit(ls, de, .email, flags)
                return de
            }
        }
        guard i == regionStart || !classAt(i - 1, end).intersects(.alnum) else { return nil }
        var j = i + 1
        while j < end && (isLocalChar(p[j]) && p[j] != UInt8(ascii: ".") && p[j] != UInt8(ascii: "%")
            && p[j] != UInt8(ascii: "+") && p[j] != UInt8(ascii: "-")) {
            j += 1
        }
        guard j > i + 1 else { return nil }
        emit(i, j, .mention, lead)
        return j
    }

    /// "#MeToo", "#COVID19": a hash sign before a word with at least one letter.
    mutating func scanHashtag(_ i: Int, _ end: Int, _ lead: TokenFlags) -> Int? {
        guard i == regionStart || !classAt(i - 1, end).intersects(.alnum) else { return nil }
        var j = i + 1
        var letters = false
        while j < end {
            if p[j] == UInt8(ascii: "_") {
                j += 1
                continue
            }
            let (c, n) = chars.at(p, j)
            guard c.intersects(.wordPart) else { break }
            if c.contains(.letter) { letters = true }
            j += n
        }
        guard letters else { return nil }
        emit(i, j, .hashtag, lead)
        return j
    }

    /// ":-)", ";)", ":D", "<3", "^_^" and the like, standing apart from letters and digits.
    mutating func scanEmoticon(_ i: Int, _ end: Int, _ lead: TokenFlags) -> Int? {
        for e in Self.emoticons where i + e.count <= end {
            var same = true
            for k in 0..<e.count where p[i + k] != e[k] {
                same = false
                break
            }
            guard same else { continue }
            let after = i + e.count
            guard !classAt(after, end).intersects(.alnum) else { continue }
            // Attached to a word only the unmistakable ones: "great:)", not "Note:D".
            let attached = !lead.contains(.spaceBefore)
            if attached && !(e.count >= 2 && e[0] == UInt8(ascii: ":") && (e[e.count - 1] == UInt8(ascii: ")")
                || e[e.count - 1] == UInt8(ascii: "("))) {
                continue
            }
            emit(i, after, .emoticon, lead)
            return after
        }
        return nil
    }
}

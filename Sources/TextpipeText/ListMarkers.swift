import TextpipeCore

/// Finds enumerations written inside one line: "1. The first item 2. The second item",
/// "1) ... 2) ...", "1.) ... 2.) ...", "a. ... b. ... c. ...".
///
/// A marker is a small number or a single letter, followed by ".", ")" or ".)", then a space
/// and a capitalized word (or a number, or a quotation). One marker alone is not a list: "am
/// 4. Juni" and "Jonas E. Smith" have markers of a kind. A list is two or more markers of the
/// same style with consecutive values whose first one stands where a sentence can start (the
/// paragraph start, after a sentence end, a colon or a bullet); lettered lists start at "a".
/// Each confirmed marker then starts a sentence, and its delimiter ends none.
struct ListMarkers {
    struct Marker {
        /// Index of the number or letter token.
        var index: Int
        /// Index of the last delimiter token (the marker's own index for "a.").
        var last: Int
        var value: Int
        var style: Int
        var atStart: Bool
    }

    /// The confirmed markers of a paragraph's tokens, in order.
    static func find(_ t: UnsafeBufferPointer<RawToken>, _ p: UnsafeBufferPointer<UInt8>,
                     _ chars: CharLookup) -> [Marker] {
        var candidates: [Marker] = []
        for m in 0..<t.count {
            let tok = t[m]
            // The cheap test first: most tokens are neither small numbers nor single letters.
            guard (tok.kind == .number && tok.length <= 3)
                || (tok.kind == .word && tok.length <= 2 && tok.flags.contains(.lettersOnly)) else { continue }
            if let c = candidate(m, t, p, chars) { candidates.append(c) }
        }
        guard candidates.count >= 2 else { return [] }
        var confirmed = [Bool](repeating: false, count: candidates.count)
        for a in 0..<candidates.count where candidates[a].atStart && !confirmed[a] {
            // Follow the chain a, a+1, a+2, ... of the same style.
            var chain = [a]
            var current = a
            var b = a + 1
            while b < candidates.count {
                if candidates[b].style == candidates[current].style
                    && candidates[b].value == candidates[current].value + 1 {
                    chain.append(b)
                    current = b
                }
                b += 1
            }
            let lettered = candidates[a].style >= 10
            guard chain.count >= 2, !lettered || candidates[a].value == 1 else { continue }
            for k in chain { confirmed[k] = true }
        }
        return zip(candidates, confirmed).compactMap { $1 ? $0 : nil }
    }

    private static func candidate(_ m: Int, _ t: UnsafeBufferPointer<RawToken>, _ p: UnsafeBufferPointer<UInt8>,
                                  _ chars: CharLookup) -> Marker? {
        let tok = t[m]
        guard (tok.kind == .number && tok.length <= 3)
            || (tok.kind == .word && tok.flags.contains(.lettersOnly) && tok.length <= 2) else { return nil }
        let isBulleted = m > 0 && chars.at(p, Int(t[m - 1].start)).0.contains(.bullet)
        guard m == 0 || tok.flags.contains(.spaceBefore) || isBulleted else { return nil }
        var value = 0
        var style = 0
        var last = m
        if tok.kind == .number {
            guard tok.length <= 3 else { return nil }
            for k in tok.range {
                guard p[k] >= 0x30 && p[k] <= 0x39 else { return nil }
                value = value * 10 + Int(p[k] - 0x30)
            }
            guard let (s, l) = delimiter(after: m, t, p, periodSeen: false) else { return nil }
            style = s
            last = l
        } else if tok.kind == .word && tok.flags.contains(.lettersOnly) {
            let b = p[Int(tok.start)]
            let isLetter = (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A
            let periodInside = tok.flags.contains(.abbreviation)
            guard isLetter, tok.length == (periodInside ? 2 : 1) else { return nil }
            value = Int((b | 0x20) - 0x60)
            guard let (s, l) = delimiter(after: m, t, p, periodSeen: periodInside) else { return nil }
            style = s + (b >= 0x61 ? 10 : 20)
            last = l
        } else {
            return nil
        }
        // What follows: a space, then a capitalized word, a number or a quotation.
        let n = last + 1
        guard n < t.count, t[n].flags.contains(.spaceBefore), !t[n].flags.contains(.newlineBefore) else { return nil }
        let next = t[n]
        let follows = next.flags.contains(.upperInitial) || next.kind == .number
            || chars.at(p, Int(next.start)).0.contains(.opener) || chars.at(p, Int(next.start)).0.contains(.quote)
        guard follows else { return nil }
        var atStart = m == 0 || isBulleted || tok.flags.contains(.newlineBefore)
        if !atStart {
            let prev = t[m - 1]
            let b = p[Int(prev.end) - 1]
            atStart = prev.flags.contains(.terminal) || b == UInt8(ascii: ":")
                || chars.at(p, Int(prev.start)).0.contains(.closer)
        }
        return Marker(index: m, last: last, value: value, style: style, atStart: atStart)
    }

    /// The style and last token of the delimiter after token `m`: "." (0), ".)" (1), ")" (2).
    private static func delimiter(after m: Int, _ t: UnsafeBufferPointer<RawToken>, _ p: UnsafeBufferPointer<UInt8>,
                                  periodSeen: Bool) -> (Int, Int)? {
        var k = m + 1
        var period = periodSeen
        if !period, k < t.count, !t[k].flags.contains(.spaceBefore), t[k].length == 1, p[Int(t[k].start)] == UInt8(ascii: ".") {
            period = true
            k += 1
        }
        if k < t.count, !t[k].flags.contains(.spaceBefore), t[k].length == 1, p[Int(t[k].start)] == UInt8(ascii: ")") {
            return (period ? 1 : 2, k)
        }
        return period ? (0, k - 1) : nil
    }
}

/// Dates, times, money, percentages, quantities, ordinals and cardinals, found by rules over
/// tokens: "5 October 2020", "September 27", "1992-1994", "$100 million", "10 percent",
/// "150,000-300,000", "40 km", "fifth".
///
/// Each token is first classified from its bytes (a plain number, a year, a range, an ISO
/// date, a clock time, "$100", "10%", "27th", ...) and its lower-case form looked up in
/// `ValueWords`. At each position the rules try every value type and keep the longest match
/// (earlier types win ties), then continue after it. Rules work whether the tokenizer keeps
/// "1992-1994" or "$100" as one token or splits them, and never cross a sentence boundary.
struct ValueRules: Sendable {
    enum Shape: Equatable {
        case none
        /// Digits with optional thousands separators or a decimal point.
        case number(isYear: Bool)
        /// Two numbers joined by a dash, e.g. "150,000-300,000"; `years` for "1992-1994".
        case range(years: Bool)
        case isoDate, clock, ordinal, percent, money, decade
    }

    let words = ValueWords.shared

    /// Finds values in the tokens of `sentence`.
    func find(_ text: TokenizedText, _ lexemes: [Lexeme], sentence: Range<Int>) -> [TokenEntity] {
        let shapes = text.bytes.withUnsafeBufferPointer { p in
            sentence.map { Self.shape(p, Int(text.starts[$0]), Int(text.ends[$0])) }
        }
        let m = Matcher(words: words, lexemes: lexemes, shapes: shapes, base: sentence.lowerBound, text: text)
        var out: [TokenEntity] = []
        var i = 0
        while i < shapes.count {
            // Every rule starts at a number-like token, a listed word, "the", "more" or "up".
            if shapes[i] == .none && m.kind(i) == nil && !m.isWord(i, .ruleStarters) {
                i += 1
                continue
            }
            var bestEnd = i, bestType = ""
            func consider(_ end: Int?, _ type: String) {
                if let end, end > bestEnd { bestEnd = end; bestType = type }
            }
            consider(m.date(i), "DATE")
            consider(m.time(i), "TIME")
            consider(m.money(i), "MONEY")
            consider(m.percent(i), "PERCENT")
            consider(m.quantity(i), "QUANTITY")
            consider(m.ordinal(i), "ORDINAL")
            consider(m.cardinal(i), "CARDINAL")
            if bestEnd > i {
                out.append(TokenEntity(first: sentence.lowerBound + i, end: sentence.lowerBound + bestEnd, type: bestType))
                i = bestEnd
            } else {
                i += 1
            }
        }
        return out
    }

    /// Classifies a token by its bytes.
    static func shape(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Shape {
        var i = start
        // Currency symbol prefix: "$", "US$", "£" (C2 A3), "€" (E2 82 AC).
        var currency = false
        if i < end && p[i] == 36 { currency = true; i += 1 }
        else if i + 1 < end && p[i] == 0xC2 && (p[i + 1] == 0xA3 || p[i + 1] == 0xA5) { currency = true; i += 2 }
        else if i + 2 < end && p[i] == 0xE2 && p[i + 1] == 0x82 && p[i + 2] == 0xAC { currency = true; i += 3 }
        else if i + 2 < end && ByteText.isUpper(p[i]) && ByteText.isUpper(p[i + 1]) && p[i + 2] == 36 { currency = true; i += 3 }
        else if i + 1 < end && ByteText.isUpper(p[i]) && p[i + 1] == 36 { currency = true; i += 2 }
        let (firstEnd, digits, separators) = numberRun(p, i, end)
        guard digits > 0 else { return .none }
        if currency { return .money }
        let isYear = digits == 4 && separators == 0 && (p[i] == 49 || (p[i] == 50 && p[i + 1] == 48))
        if firstEnd == end { return .number(isYear: isYear) }
        let rest = end - firstEnd
        let b = p[firstEnd]
        if b == 37 && rest == 1 { return .percent }
        // "5m", "3.5bn", "20k": a number with its scale written on.
        if ByteText.isLower(b) && rest <= 3 {
            var suffix: UInt32 = 0
            for j in firstEnd..<end { suffix = suffix << 8 | UInt32(p[j]) }
            if [0x6D, 0x6B, 0x626E, 0x6D6C6E, 0x626C6E].contains(suffix) { return .number(isYear: false) }  // m k bn mln bln
        }
        if b == 115 && rest == 1 && digits == 4 && separators == 0 && p[firstEnd - 1] == 48 { return .decade }
        if rest == 2 && separators == 0 {
            let pair = (ByteText.lower(b), ByteText.lower(p[firstEnd + 1]))
            if pair == (115, 116) || pair == (110, 100) || pair == (114, 100) || pair == (116, 104) { return .ordinal }
        }
        if b == 58 && separators == 0 && digits <= 2 {
            let (e2, d2, _) = numberRun(p, firstEnd + 1, end)
            if d2 == 2 && (e2 == end || p[e2] == 58 || ByteText.isLower(p[e2])) { return .clock }
        }
        if (b == 45 || b == 47 || b == 46) && separators == 0 {
            // 1996-08-22, 22/08/1996, 22.08.1996
            var parts = [digits], j = firstEnd
            while j < end && (p[j] == b) {
                let (e2, d2, s2) = numberRun(p, j + 1, end)
                guard d2 > 0, s2 == 0 else { break }
                parts.append(d2)
                j = e2
            }
            if j == end && parts.count == 3 && (parts[0] == 4 || parts[2] == 4 || parts[2] == 2) && parts[1] <= 2 { return .isoDate }
        }
        if b == 45 || (firstEnd + 3 <= end && p[firstEnd] == 0xE2 && p[firstEnd + 1] == 0x80 && p[firstEnd + 2] == 0x93) {
            let next = b == 45 ? firstEnd + 1 : firstEnd + 3
            let (e2, d2, s2) = numberRun(p, next, end)
            if d2 > 0 && e2 == end {
                let secondYear = d2 == 4 && s2 == 0 || d2 == 2 && s2 == 0
                return .range(years: isYear && secondYear)
            }
        }
        return .none
    }

    /// Digits with single separators (',' or '.') between digits: (end, digit count, separators).
    static func numberRun(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (Int, Int, Int) {
        var i = start, digits = 0, separators = 0
        while i < end {
            if ByteText.isDigit(p[i]) { digits += 1; i += 1; continue }
            if (p[i] == 44 || p[i] == 46) && digits > 0 && i + 1 < end && ByteText.isDigit(p[i + 1]) {
                separators += 1
                i += 1
                continue
            }
            break
        }
        return (i, digits, separators)
    }
}

import TextpipeCore

/// Words and numbers: a run of letters, digits and marks, extended across the joiners that keep
/// a word whole ("well-known", "3.14", "1,000", "4:30", "U.S.A.", "AT&T", "O'Brien",
/// "example.com", "snake_case"), with clitics split off the way the language writes them and a
/// final period kept when it belongs to an abbreviation.
extension Scanner {
    private static let period = UInt8(ascii: ".")

    @inline(__always)
    func classAt(_ j: Int, _ end: Int) -> CharClass {
        j < end ? chars.at(p, j).0 : []
    }

    /// The length in characters of the letter run at `j`, counting at most to 3.
    private func shortRun(_ j: Int, _ end: Int) -> Int {
        var k = j
        var count = 0
        while k < end && count < 3 {
            let (c, n) = chars.at(p, k)
            guard c.contains(.letter) else { break }
            count += 1
            k += n
        }
        return count
    }

    mutating func scanWord(_ i: Int, _ end: Int, _ lead: TokenFlags) -> Int {
        if let e = scanURL(i, end, lead) { return e }
        var j = i
        var flags = lead
        var first = true
        var length = 0                // characters in the whole word
        var segLength = 0             // characters in the current segment
        var segDigits = true          // the current segment has only digits
        var segLetters = true         // ... only letters and marks
        var segUpper = true           // ... no lower-case letter
        var shortDotSegments = true   // every period-joined segment is at most 2 letters
        var innerDots = 0
        var joined = false            // anything but one run of letters
        var hyphenAt = -1             // start of the last hyphen-joined segment
        let startsWithDigit = self.chars.at(p, i).0.contains(.digit)

        scanning: while true {
            while j < end {
                let b = p[j]
                let c: CharClass
                let n: Int
                if b < 0x80 {
                    c = CharClass(rawValue: self.chars.ascii[Int(b)])
                    n = 1
                } else {
                    (c, n) = self.chars.at(p, j)
                }
                guard c.intersects(.wordPart) else { break }
                if c.contains(.letter) {
                    segDigits = false
                    if c.contains(.lower) { segUpper = false }
                    if first {
                        flags.insert(c.contains(.upper) ? .upperInitial : c.contains(.lower) ? .lowerInitial : [])
                    } else if c.contains(.upper) {
                        flags.insert(.innerUpper)
                    }
                } else if c.contains(.digit) {
                    segLetters = false
                }
                first = false
                segLength += 1
                length += 1
                j += n
                // Fast path: the rest of a run of ASCII lower-case letters, the bulk of text.
                var k = j
                while k < end && p[k] &- 0x61 < 26 { k += 1 }
                if k > j {
                    segDigits = false
                    segUpper = false
                    segLength &+= k - j
                    length &+= k - j
                    j = k
                }
            }
            guard j + 1 < end else { break }
            let b = p[j]
            let next = classAt(j + 1, end)
            switch b {
            case UInt8(ascii: "-"), UInt8(ascii: "_"):
                guard next.intersects(.alnum) else { break scanning }
                if b == UInt8(ascii: "-") { hyphenAt = j + 1 }
                joined = true
                segLength = 0; segDigits = true; segLetters = true; segUpper = true  // a new segment
                j += 1
                continue scanning
            case Self.period:
                if segDigits && next.contains(.digit) {
                    j += 1  // a decimal or a date: the number goes on
                    joined = true
                    continue scanning
                }
                if segDigits && next.contains(.upper) && j + 3 <= end && p[j + 2] >= 0x41 && p[j + 2] <= 0x5A
                    && !classAt(j + 3, end).contains(.letter) {
                    j += 1  // a ticker: "0700.HK"
                    joined = true
                    segLength = 0; segDigits = true; segLetters = true; segUpper = true  // a new segment
                    continue scanning
                }
                let chainable = segLetters && segLength <= 2 && next.contains(.letter) && shortRun(j + 1, end) <= 2
                guard next.contains(.digit) || next.contains(.lower) || (chainable && next.contains(.upper)) else {
                    break scanning
                }
                if !chainable { shortDotSegments = false }
                innerDots += 1
                joined = true
                segLength = 0; segDigits = true; segLetters = true; segUpper = true  // a new segment
                j += 1
                continue scanning
            case UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: "/"):
                guard segDigits && next.contains(.digit) else { break scanning }
                joined = true
                j += 1
                continue scanning
            case UInt8(ascii: "&"):
                guard segLetters && segUpper && segLength <= 3 && next.contains(.upper) else { break scanning }
                joined = true
                segLength = 0; segDigits = true; segLetters = true; segUpper = true  // a new segment
                j += 1
                continue scanning
            case UInt8(ascii: "'"), 0xE2, 0xCA:
                // ' ’ ʼ; 0xE2 also starts ‐ and ‑, which join like "-".
                if b == 0xE2 && j + 2 < end && p[j + 1] == 0x80 && (p[j + 2] == 0x90 || p[j + 2] == 0x91) {
                    guard classAt(j + 3, end).intersects(.alnum) else { break scanning }
                    hyphenAt = j + 3
                    joined = true
                    segLength = 0; segDigits = true; segLetters = true; segUpper = true  // a new segment
                    j += 3
                    continue scanning
                }
                guard self.chars.at(p, j).0.contains(.apostrophe) else { break scanning }
                let a = b == UInt8(ascii: "'") ? 1 : b == 0xCA ? 2 : 3
                if let e = splitClitic(i, j, a, end, flags) { return e }
                guard classAt(j + a, end).contains(.letter) else { break scanning }
                joined = true
                segLength = 0; segDigits = true; segLetters = true; segUpper = true  // a new segment
                j += a
                continue scanning
            default:
                break scanning
            }
        }

        let kind: Token.Kind = startsWithDigit ? .number : .word
        if !joined { flags.insert(.lettersOnly) }
        let chain = innerDots > 0 && shortDotSegments && segLetters && segLength <= 2
        if chain { flags.insert(.chain) }
        // A final period that belongs to the word: "Mr.", "U.S.", "E.", "etc." (not "etc...").
        if kind == .word && j < end && p[j] == Self.period && !(j + 1 < end && p[j + 1] == Self.period) {
            var abbreviation = rules.abbreviation(p, i, j)
            if abbreviation == nil && hyphenAt > i { abbreviation = rules.abbreviation(p, hyphenAt, j) }
            if abbreviation == nil && !joined && length == 1 { abbreviation = .initial }
            if abbreviation == nil && chain { abbreviation = .ambiguous }
            if let k = abbreviation {
                emit(i, j + 1, .word, flags.union(.abbreviation).union(.kind(k)))
                return j + 1
            }
        }
        emit(i, j, kind, flags)
        return j
    }

    /// At an apostrophe inside a word: splits "John's" -> "John" "'s", "don't" -> "do" "n't"
    /// (English) or "l'homme" -> "l'" "homme" (French), and returns where scanning goes on;
    /// `nil` when the apostrophe is not a clitic boundary.
    private mutating func splitClitic(_ i: Int, _ j: Int, _ a: Int, _ end: Int, _ flags: TokenFlags) -> Int? {
        let k = j + a
        switch rules.clitics {
        case .english:
            let m = cliticLength(k, end)
            if m > 0 {
                emit(i, j, p[i] >= 0x30 && p[i] <= 0x39 ? .number : .word, flags)
                emit(j, k + m, .word, .clitic)
                return k + m
            }
            if k < end, p[k] | 0x20 == UInt8(ascii: "t"), !classAt(k + 1, end).contains(.letter),
               j - i >= 2, p[j - 1] | 0x20 == UInt8(ascii: "n") {
                emit(i, j - 1, .word, flags)
                emit(j - 1, k + 1, .word, .clitic)
                return k + 1
            }
        case .french:
            if classAt(k, end).contains(.letter) && isElision(i, j) {
                emit(i, k, .word, flags.union(.clitic))
                return k
            }
        case .none:
            break
        }
        return nil
    }

    /// "s", "re", "ve", "ll", "d", "m" (any case) at `k`, not followed by a letter: its length.
    func cliticLength(_ k: Int, _ end: Int) -> Int {
        guard k < end else { return 0 }
        let c0 = p[k] | 0x20
        var m = 0
        switch c0 {
        case UInt8(ascii: "s"), UInt8(ascii: "d"), UInt8(ascii: "m"): m = 1
        case UInt8(ascii: "r"), UInt8(ascii: "v"):
            if k + 1 < end && p[k + 1] | 0x20 == UInt8(ascii: "e") { m = 2 }
        case UInt8(ascii: "l"):
            if k + 1 < end && p[k + 1] | 0x20 == UInt8(ascii: "l") { m = 2 }
        default: return 0
        }
        guard m > 0, !classAt(k + m, end).contains(.letter) else { return 0 }
        return m
    }

    /// French elided words: l' d' j' m' n' s' t' c' qu' jusqu' lorsqu' puisqu' quoiqu' presqu'.
    private func isElision(_ i: Int, _ j: Int) -> Bool {
        let n = j - i
        if n == 1 { return "ldjmnstcLDJMNSTC".utf8.contains(p[i]) }
        guard n <= 7 else { return false }
        var word: [UInt8] = []
        for k in i..<j { word.append(p[k] | 0x20) }
        switch String(decoding: word, as: UTF8.self) {
        case "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu": return true
        default: return false
        }
    }

    /// An apostrophe that starts a token: a clitic after an abbreviation ("Jr.'s") or a
    /// shortened year ("'90s"); `nil` for a quotation mark.
    mutating func scanLeadingApostrophe(_ i: Int, _ n: Int, _ end: Int, _ lead: TokenFlags) -> Int? {
        let k = i + n
        if rules.clitics == .english && !lead.contains(.spaceBefore) && !tokens.isEmpty {
            let m = cliticLength(k, end)
            if m > 0 {
                emit(i, k + m, .word, lead.union(.clitic))
                return k + m
            }
        }
        if k + 1 < end && classAt(k, end).contains(.digit) && classAt(k + 1, end).contains(.digit)
            && !classAt(k + 2, end).contains(.digit) {
            var e = k + 2
            if e < end && p[e] == UInt8(ascii: "s") { e += 1 }
            if !classAt(e, end).intersects(.alnum) {
                emit(i, e, .number, lead)
                return e
            }
        }
        return nil
    }
}

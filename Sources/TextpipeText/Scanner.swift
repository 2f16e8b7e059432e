import TextpipeCore

/// A token as the scanner produces it: byte offsets into the UTF-8 text, the public kind, and
/// what the sentence splitter wants to know about it without looking at the bytes again.
struct RawToken {
    var start: Int32
    var end: Int32
    var kind: Token.Kind
    var flags: TokenFlags

    @inline(__always) var range: Range<Int> { Int(start)..<Int(end) }
    @inline(__always) var length: Int { Int(end - start) }
}

struct TokenFlags: OptionSet {
    let rawValue: UInt32

    /// White space (or the start of the region) comes before the token.
    static let spaceBefore = TokenFlags(rawValue: 1 << 0)
    /// A line break comes before the token.
    static let newlineBefore = TokenFlags(rawValue: 1 << 1)
    /// That line break follows trailing spaces: a soft wrap in plain text.
    static let softBreak = TokenFlags(rawValue: 1 << 2)
    /// Two or more line breaks: a paragraph break.
    static let blankLineBefore = TokenFlags(rawValue: 1 << 3)
    /// A word whose last character is a period that belongs to it ("Mr.", "U.S.", "E.").
    static let abbreviation = TokenFlags(rawValue: 1 << 4)
    /// Letters joined by inner periods ("U.S", "e.g", "z.B").
    static let chain = TokenFlags(rawValue: 1 << 5)
    static let upperInitial = TokenFlags(rawValue: 1 << 6)
    static let lowerInitial = TokenFlags(rawValue: 1 << 7)
    /// An upper-case letter after the first character ("iPhone", "McDonald", "USA").
    static let innerUpper = TokenFlags(rawValue: 1 << 8)
    /// Punctuation made of sentence-final marks only (". ! ? … ?! ....").
    static let terminal = TokenFlags(rawValue: 1 << 9)
    /// The terminal run holds ! or ? (or their relatives).
    static let exclaim = TokenFlags(rawValue: 1 << 10)
    /// The terminal run holds 。！？: a boundary whatever follows.
    static let fullStop = TokenFlags(rawValue: 1 << 11)
    /// Two or more periods, or "…".
    static let ellipsis = TokenFlags(rawValue: 1 << 12)
    /// An ellipsis and a period: four or more periods, or "…" with a period.
    static let fourDots = TokenFlags(rawValue: 1 << 13)
    /// A clitic split off a word ("'s", "n't", "l'").
    static let clitic = TokenFlags(rawValue: 1 << 14)
    /// Only letters (no digits, hyphens or inner periods).
    static let lettersOnly = TokenFlags(rawValue: 1 << 15)

    /// The abbreviation kind (`AbbreviationKind.rawValue`) lives in bits 24-26.
    var abbreviationKind: AbbreviationKind? {
        AbbreviationKind(rawValue: UInt8((rawValue >> 24) & 0x7))
    }

    static func kind(_ k: AbbreviationKind) -> TokenFlags {
        TokenFlags(rawValue: UInt32(k.rawValue) << 24)
    }
}

/// The tokenizer's engine: one forward pass over the UTF-8 bytes of a region, appending
/// `RawToken`s. Everything it decides, it decides from the bytes at hand and a few bytes of
/// look-ahead (and, for e-mail addresses, a look back when it meets the "@"), so its cost is
/// linear in the text. Words, numbers and their joiners are in `Scanner+Words.swift`, web
/// forms (URLs, e-mail, hashtags, mentions, emoticons) in `Scanner+Web.swift`.
struct Scanner {
    let p: UnsafeBufferPointer<UInt8>
    let chars: CharLookup
    let rules: LanguageRules
    var tokens: [RawToken] = []
    /// Stop adding tokens beyond this many (the stage reports the document as over its limit).
    var maxTokens = Int.max
    var overflowed = false
    /// Where the current region starts: look-backs stop there.
    var regionStart = 0

    init(_ p: UnsafeBufferPointer<UInt8>, rules: LanguageRules) {
        self.p = p
        self.chars = CharLookup()
        self.rules = rules
    }

    @inline(__always)
    mutating func emit(_ start: Int, _ end: Int, _ kind: Token.Kind, _ flags: TokenFlags) {
        if tokens.count >= maxTokens {
            overflowed = true
            return
        }
        tokens.append(RawToken(start: Int32(truncatingIfNeeded: start), end: Int32(truncatingIfNeeded: end),
                               kind: kind, flags: flags))
    }

    /// Tokenizes `p[start..<end]`.
    mutating func scan(_ start: Int, _ end: Int) {
        regionStart = start
        var i = start
        var lead: TokenFlags = .spaceBefore
        var newlines = 0
        var spaceBeforeNewline = false
        var lastWasSpace = false
        while i < end && !overflowed {
            let b = p[i]
            // White space and line breaks only set flags on the next token.
            if b == 0x20 || b == 0x09 {
                i += 1
                lastWasSpace = true
                lead.insert(.spaceBefore)
                continue
            }
            if b == 0x0A || b == 0x0D {
                if !(b == 0x0D && i + 1 < end && p[i + 1] == 0x0A) {
                    if newlines == 0 { spaceBeforeNewline = lastWasSpace }
                    newlines += 1
                }
                i += 1
                lastWasSpace = false
                lead.insert(.spaceBefore)
                continue
            }
            let (c, n) = chars.at(p, i)
            if c.contains(.space) || (c.contains(.mark) && !c.contains(.letter)) {
                i += n
                lastWasSpace = true
                lead.insert(.spaceBefore)
                continue
            }
            if c.contains(.newline) {
                if newlines == 0 { spaceBeforeNewline = lastWasSpace }
                newlines += (n == 3 && p[i + 2] == 0xA9) ? 2 : 1  // U+2029 ends a paragraph
                i += n
                lastWasSpace = false
                lead.insert(.spaceBefore)
                continue
            }
            if newlines > 0 {
                lead.insert(.newlineBefore)
                if newlines > 1 { lead.insert(.blankLineBefore) }
                if spaceBeforeNewline { lead.insert(.softBreak) }
            }
            if c.intersects(.alnum) {
                i = scanWord(i, end, lead)
            } else {
                i = scanOther(i, end, c, n, lead)
            }
            lead = []
            newlines = 0
            lastWasSpace = false
        }
    }

    /// Punctuation, symbols, quotes, and the web forms that start with one (#tag, @name, :-)).
    mutating func scanOther(_ i: Int, _ end: Int, _ c: CharClass, _ n: Int, _ lead: TokenFlags) -> Int {
        let b = p[i]
        if c.contains(.terminal) { return scanTerminal(i, end, lead) }
        if c.contains(.apostrophe), let e = scanLeadingApostrophe(i, n, end, lead) { return e }
        switch b {
        case UInt8(ascii: "@"): if let e = scanAt(i, end, lead) { return e }
        case UInt8(ascii: "#"): if let e = scanHashtag(i, end, lead) { return e }
        case UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: "="), UInt8(ascii: "<"), UInt8(ascii: "^"):
            if let e = scanEmoticon(i, end, lead) { return e }
        case UInt8(ascii: "-"):
            var j = i + 1
            while j < end && p[j] == UInt8(ascii: "-") { j += 1 }
            emit(i, j, .punctuation, lead)
            return j
        default: break
        }
        if c.contains(.emoji) {
            var j = i + n
            while j < end {
                let (c2, n2) = chars.at(p, j)
                let v = p.scalar(at: j).value
                guard c2.contains(.emoji) || c2.contains(.mark) || (v >= 0x1F3FB && v <= 0x1F3FF) else { break }
                j += n2
            }
            emit(i, j, .emoticon, lead)
            return j
        }
        emit(i, i + n, c.contains(.symbol) ? .symbol : .punctuation, lead)
        return i + n
    }

    /// A run of sentence-final marks: ".", "!!", "?!", "...", "…", "....", "。".
    mutating func scanTerminal(_ i: Int, _ end: Int, _ lead: TokenFlags) -> Int {
        var j = i
        var dots = 0
        var ellipsisChars = 0
        var flags = lead.union(.terminal)
        while j < end {
            let (c, n) = chars.at(p, j)
            guard c.contains(.terminal) else { break }
            if p[j] == UInt8(ascii: ".") {
                dots += 1
            } else if n == 3 && p[j] == 0xE2 && p[j + 1] == 0x80 && p[j + 2] == 0xA6 {
                ellipsisChars += 1
            }
            if c.contains(.exclaim) { flags.insert(.exclaim) }
            if c.contains(.fullStop) { flags.insert(.fullStop) }
            j += n
        }
        if dots >= 2 || ellipsisChars > 0 { flags.insert(.ellipsis) }
        if dots >= 4 || (ellipsisChars > 0 && dots > 0) || ellipsisChars > 1 { flags.insert(.fourDots) }
        emit(i, j, .punctuation, flags)
        return j
    }
}

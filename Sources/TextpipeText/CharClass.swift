/// What the scanners need to know about a character, as bit flags.
///
/// The hot loops look a character up in a table instead of asking `Unicode.Scalar.Properties`
/// (20–30x slower): ASCII bytes index a 128-entry table, other scalars of the Basic
/// Multilingual Plane a 65,536-entry table that is computed once from the Unicode properties
/// the first time any scanner runs. Scalars beyond the BMP (emoji, rare scripts) are rare
/// enough in news text to be classified on the spot.
struct CharClass: OptionSet, Sendable {
    let rawValue: UInt32

    static let letter = CharClass(rawValue: 1 << 0)
    static let upper = CharClass(rawValue: 1 << 1)
    static let lower = CharClass(rawValue: 1 << 2)
    static let digit = CharClass(rawValue: 1 << 3)
    /// Horizontal white space, including no-break and typographic spaces.
    static let space = CharClass(rawValue: 1 << 4)
    /// Line and paragraph separators.
    static let newline = CharClass(rawValue: 1 << 5)
    /// Combining marks and format characters (soft hyphen, zero-width joiner): they continue
    /// the word they follow and are skipped elsewhere.
    static let mark = CharClass(rawValue: 1 << 6)
    /// Ends a sentence: . ! ? … ‼ 。 ！ ？ ؟ ।
    static let terminal = CharClass(rawValue: 1 << 7)
    /// Opens a quotation or a bracket: ( [ { “ ‘ « „ ‚ ‹ ¿ ¡
    static let opener = CharClass(rawValue: 1 << 8)
    /// Closes a quotation or a bracket: ) ] } ” ’ » ›
    static let closer = CharClass(rawValue: 1 << 9)
    /// A quotation mark of either direction (" ' “ ” ‘ ’ « » „ ‹ ›).
    static let quote = CharClass(rawValue: 1 << 10)
    static let dash = CharClass(rawValue: 1 << 11)
    /// A list bullet: • ‣ ⁃ ▪ ● ◦ ■ □ ► ▶ ▸ ∙ ✓ ✔ ➢
    static let bullet = CharClass(rawValue: 1 << 12)
    /// Math, currency, modifier and other symbols, and ASCII # $ % & * + / < = > @ \ ^ _ ` | ~
    static let symbol = CharClass(rawValue: 1 << 13)
    static let emoji = CharClass(rawValue: 1 << 14)
    /// ' ’ ʼ (apostrophes inside words: contractions, elisions, names).
    static let apostrophe = CharClass(rawValue: 1 << 15)
    /// Sentence-final marks of scripts written without spaces (。！？): a boundary always.
    static let fullStop = CharClass(rawValue: 1 << 16)
    /// ! ? and their relatives, as opposed to the period and the ellipsis.
    static let exclaim = CharClass(rawValue: 1 << 17)

    static let alnum: CharClass = [.letter, .digit]

    /// Shares at least one flag with `other`.
    @inline(__always)
    func intersects(_ other: CharClass) -> Bool { rawValue & other.rawValue != 0 }
    static let wordPart: CharClass = [.letter, .digit, .mark]
}

/// The classification tables. One instance for the life of the process; the tables are
/// allocated once and never written after `init`, so sharing the pointers across threads is
/// safe (hence `@unchecked Sendable`).
final class CharTable: @unchecked Sendable {
    static let shared = CharTable()

    let ascii: UnsafeMutablePointer<UInt32>
    let bmp: UnsafeMutablePointer<UInt32>

    private init() {
        ascii = .allocate(capacity: 128)
        bmp = .allocate(capacity: 0x10000)
        for c in 0..<0x10000 {
            let value: UInt32
            if let scalar = Unicode.Scalar(UInt32(c)) {
                value = CharTable.classify(scalar).rawValue
            } else {
                value = 0  // surrogates never occur in valid UTF-8
            }
            bmp[c] = value
            if c < 128 { ascii[c] = value }
        }
    }

    /// The class of a scalar beyond the tables' reach (or to fill them).
    static func classify(_ s: Unicode.Scalar) -> CharClass {
        if let special = special(s.value) { return special }
        switch s.properties.generalCategory {
        case .uppercaseLetter, .titlecaseLetter: return [.letter, .upper]
        case .lowercaseLetter: return [.letter, .lower]
        case .modifierLetter, .otherLetter: return .letter
        case .decimalNumber: return .digit
        case .letterNumber, .otherNumber: return .letter
        case .nonspacingMark, .spacingMark, .enclosingMark, .format: return .mark
        case .spaceSeparator: return .space
        case .lineSeparator, .paragraphSeparator: return .newline
        case .control: return .space  // stray control characters separate like blanks
        case .dashPunctuation: return .dash
        case .openPunctuation: return .opener
        case .closePunctuation: return .closer
        case .initialPunctuation: return [.opener, .quote]
        case .finalPunctuation: return [.closer, .quote]
        case .connectorPunctuation, .otherPunctuation: return []
        case .mathSymbol, .currencySymbol, .modifierSymbol:
            return .symbol
        case .otherSymbol:
            return s.properties.isEmojiPresentation || s.value >= 0x1F000 ? [.symbol, .emoji] : .symbol
        default: return []
        }
    }

    /// Characters whose general category does not say what the scanners need.
    private static func special(_ v: UInt32) -> CharClass? {
        switch v {
        case 0x09, 0x20: return .space
        case 0x0A, 0x0B, 0x0C, 0x0D, 0x85: return .newline
        case 0x2E, 0x2026, 0xFF0E: return .terminal  // . … ．
        case 0x21, 0x3F, 0x203C, 0x2047, 0x2048, 0x2049, 0x061F, 0x037E:  // ! ? ‼ ⁇ ⁈ ⁉ ؟ ;
            return [.terminal, .exclaim]
        case 0x06D4, 0x0964, 0x0965:  // ۔ । ॥
            return [.terminal, .exclaim]
        case 0x3002, 0xFF01, 0xFF1F, 0xFF61: return [.terminal, .exclaim, .fullStop]  // 。！？｡
        case 0x22: return .quote
        case 0x27: return [.quote, .apostrophe]
        case 0x2019: return [.closer, .quote, .apostrophe]
        case 0x02BC: return .apostrophe
        case 0xBF, 0xA1: return .opener  // ¿ ¡
        case 0x201E, 0x201A: return [.opener, .quote]  // „ ‚
        case 0x2D: return .dash
        case 0x2022, 0x2023, 0x2043, 0x25AA, 0x25CF, 0x25E6, 0x25A0, 0x25A1, 0x25BA, 0x25B6, 0x25B8,
            0x2219, 0x2713, 0x2714, 0x27A2:
            return .bullet
        case 0x23, 0x24, 0x25, 0x26, 0x2A, 0x2B, 0x2F, 0x3C, 0x3D, 0x3E, 0x40, 0x5C, 0x5E, 0x5F, 0x60,
            0x7C, 0x7E:
            return .symbol
        case 0xA0, 0x2007, 0x202F: return .space
        case 0x2028, 0x2029: return .newline
        case 0xAD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0xFE0F, 0xFE0E: return .mark
        default: return nil
        }
    }
}

extension UnsafeBufferPointer where Element == UInt8 {
    /// The scalar starting at byte `i` of valid UTF-8, and its length in bytes.
    @inline(__always)
    func scalar(at i: Int) -> (value: UInt32, length: Int) {
        let b0 = UInt32(self[i])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xE0 { return ((b0 & 0x1F) << 6 | UInt32(self[i + 1] & 0x3F), 2) }
        if b0 < 0xF0 {
            return ((b0 & 0x0F) << 12 | UInt32(self[i + 1] & 0x3F) << 6 | UInt32(self[i + 2] & 0x3F), 3)
        }
        return ((b0 & 0x07) << 18 | UInt32(self[i + 1] & 0x3F) << 12 | UInt32(self[i + 2] & 0x3F) << 6
            | UInt32(self[i + 3] & 0x3F), 4)
    }
}

/// Looks characters up in the shared tables; a copy of the two pointers, cheap to pass around.
struct CharLookup {
    let ascii: UnsafeMutablePointer<UInt32>
    let bmp: UnsafeMutablePointer<UInt32>

    init() {
        let t = CharTable.shared
        ascii = t.ascii
        bmp = t.bmp
    }

    /// The class and byte length of the character at `i`.
    @inline(__always)
    func at(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> (CharClass, Int) {
        let b = p[i]
        if b < 0x80 { return (CharClass(rawValue: ascii[Int(b)]), 1) }
        let (v, n) = p.scalar(at: i)
        if v < 0x10000 { return (CharClass(rawValue: bmp[Int(v)]), n) }
        return (CharTable.classify(Unicode.Scalar(v) ?? "\u{FFFD}"), n)
    }

    /// The class of the character that ends just before byte `i` (i > 0).
    @inline(__always)
    func before(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> CharClass {
        var j = i - 1
        while j > 0 && p[j] & 0xC0 == 0x80 { j -= 1 }
        return at(p, j).0
    }
}

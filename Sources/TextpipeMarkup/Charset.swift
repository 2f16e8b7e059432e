/// Which charset a page is in, and why we think so.
///
/// libxml2 guesses wrong when non-ASCII text comes before the `<meta charset>` or when there is
/// none, so the parser never lets it guess: `CharsetDetector` decides, in this order,
///
/// 1. a byte-order mark (definitive: it is part of the bytes themselves),
/// 2. the charset the transport declared (HTTP `Content-Type`),
/// 3. a pre-scan of the first bytes for `<meta charset>`, `<meta http-equiv=Content-Type>` or
///    an XML declaration,
/// 4. detection: bytes that are valid UTF-8 are UTF-8; otherwise the single-byte charset whose
///    letters best explain the high bytes (`CharsetGuesser`).
///
/// A declaration that the bytes contradict (a page declared UTF-8 that is not valid UTF-8, the
/// most common lie on the web) falls through to detection. The bytes are then transcoded to
/// UTF-8 in Swift (`Transcoder`) and libxml2 is told "UTF-8", so its output is always valid
/// UTF-8 whatever the input was.
public struct CharsetDecision: Sendable, Equatable, CustomStringConvertible {
    public enum Source: String, Sendable {
        case bom, transport, meta, detected, fallback
    }
    /// Canonical lower-case name ("utf-8", "windows-1252", "utf-16le", "shift_jis", ...).
    public var charset: String
    public var source: Source

    public init(charset: String, source: Source) {
        self.charset = charset
        self.source = source
    }

    public var description: String { "\(charset) (\(source.rawValue))" }
}

public enum Charset {
    /// The charset textpipe decodes for a label: every label of the WHATWG Encoding Standard
    /// (see `CharsetLabels`), case and surrounding white space or quotes aside, so "latin1",
    /// "ISO-8859-1" and "ascii" all mean windows-1252, as browsers read them; nil for a label
    /// that names no encoding.
    public static func canonicalName(_ label: String) -> String? {
        let trimmed: Set<Character> = [" ", "\t", "\n", "\r", "\r\n", "\u{0C}", "\"", "'"]
        var l = Substring(label.lowercased())
        while let c = l.first, trimmed.contains(c) { l.removeFirst() }
        while let c = l.last, trimmed.contains(c) { l.removeLast() }
        return CharsetLabels.table[String(l)]
    }

    /// The charset named in a Content-Type value such as `text/html; charset="ISO-8859-1"`.
    public static func label(fromContentType value: String) -> String? {
        let bytes = Array(value.utf8)
        guard let r = CharsetPrescan.charsetParameter(in: bytes[...]) else { return nil }
        return String(decoding: bytes[r], as: UTF8.self)
    }
}

/// Decides the charset of a page; see `CharsetDecision` for the order of evidence.
public enum CharsetDetector {
    public static func decide(_ bytes: [UInt8], declared: String?, isXML: Bool = false) -> CharsetDecision {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            return CharsetDecision(charset: "utf-8", source: .bom)
        }
        if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE { return CharsetDecision(charset: "utf-16le", source: .bom) }
        if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF { return CharsetDecision(charset: "utf-16be", source: .bom) }
        if let utf16 = sniffUTF16WithoutBOM(bytes) { return CharsetDecision(charset: utf16, source: .detected) }

        var candidates: [(String, CharsetDecision.Source)] = []
        if let d = declared, let name = Charset.canonicalName(d) { candidates.append((name, .transport)) }
        if let label = CharsetPrescan.declaredLabel(bytes, isXML: isXML), let name = Charset.canonicalName(label) {
            candidates.append((name, .meta))
        }
        let validUTF8 = UTF8Validation.isValid(bytes)
        let mostlyUTF8 = validUTF8 || UTF8Validation.isMostlyValid(bytes)
        for (name, source) in candidates {
            if name == "utf-8" {
                if mostlyUTF8 { return CharsetDecision(charset: name, source: source) }
                continue  // declared UTF-8 but is not: detect instead
            }
            if name.hasPrefix("utf-16") { continue }  // without a BOM, a UTF-16 label on ASCII-compatible bytes is wrong
            if mostlyUTF8, UTF8Validation.hasMultiByte(bytes) {
                // Another charset declared, but the bytes are (nearly all) well-formed multi-byte
                // UTF-8, which text in a legacy charset practically never is: a mislabelled page.
                return CharsetDecision(charset: "utf-8", source: .detected)
            }
            return CharsetDecision(charset: name, source: source)
        }
        if mostlyUTF8 { return CharsetDecision(charset: "utf-8", source: candidates.isEmpty ? .detected : .fallback) }
        return CharsetDecision(charset: CharsetGuesser.guess(bytes), source: .detected)
    }

    /// UTF-16 without a BOM shows as NUL bytes in every other position of ASCII markup.
    static func sniffUTF16WithoutBOM(_ bytes: [UInt8]) -> String? {
        let n = min(bytes.count, 512) & ~1
        guard n >= 8 else { return nil }
        var evenZero = 0, oddZero = 0
        for i in stride(from: 0, to: n, by: 2) {
            if bytes[i] == 0 { evenZero += 1 }
            if bytes[i + 1] == 0 { oddZero += 1 }
        }
        let pairs = n / 2
        if oddZero * 10 > pairs * 8, evenZero * 10 < pairs { return "utf-16le" }
        if evenZero * 10 > pairs * 8, oddZero * 10 < pairs { return "utf-16be" }
        return nil
    }
}

/// UTF-8 checks over raw bytes, with an ASCII fast path (eight bytes at a time).
public enum UTF8Validation {
    public static func isValid(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { firstInvalid($0, from: 0) == nil }
    }

    /// Well-formed multi-byte sequences outnumber malformed bytes fifty to one (and there are
    /// at least twenty): UTF-8 with a few broken bytes, as pages assembled from pieces are.
    public static func isMostlyValid(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { p -> Bool in
            var good = 0, bad = 0, i = 0
            while i < p.count {
                if p[i] < 0x80 { i += 1; continue }
                let len = sequenceLength(p, at: i)
                if len == 0 { bad += 1; i += 1 } else { good += 1; i += len }
            }
            return good >= 20 && bad * 50 <= good
        }
    }

    public static func hasMultiByte(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { p in p.contains { $0 >= 0x80 } }
    }

    /// The offset of the first byte that does not start a well-formed UTF-8 sequence.
    static func firstInvalid(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        let n = p.count
        var i = start
        while i < n {
            if i + 8 <= n {
                let w = UnsafeRawPointer(p.baseAddress! + i).loadUnaligned(as: UInt64.self)
                if w & 0x8080_8080_8080_8080 == 0 { i += 8; continue }
            }
            let len = sequenceLength(p, at: i)
            if len == 0 { return i }
            i += len
        }
        return nil
    }

    /// Length of the well-formed sequence at `i` (1...4), or 0 when it is malformed.
    @inline(__always)
    static func sequenceLength(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let n = p.count
        let b0 = p[i]
        if b0 < 0x80 { return 1 }
        @inline(__always) func cont(_ k: Int) -> Bool { i + k < n && p[i + k] & 0xC0 == 0x80 }
        switch b0 {
        case 0xC2...0xDF: return cont(1) ? 2 : 0
        case 0xE0: return cont(1) && p[i + 1] >= 0xA0 && cont(2) ? 3 : 0
        case 0xED: return cont(1) && p[i + 1] < 0xA0 && cont(2) ? 3 : 0
        case 0xE1...0xEF: return cont(1) && cont(2) ? 3 : 0
        case 0xF0: return cont(1) && p[i + 1] >= 0x90 && cont(2) && cont(3) ? 4 : 0
        case 0xF4: return cont(1) && p[i + 1] < 0x90 && cont(2) && cont(3) ? 4 : 0
        case 0xF1...0xF3: return cont(1) && cont(2) && cont(3) ? 4 : 0
        default: return 0
        }
    }
}

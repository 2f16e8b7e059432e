import Foundation
import TextpipeCore

/// Unicode and whitespace normalisation of clean text.
///
/// The HTML path already collapses whitespace and drops invisible characters while it
/// flattens the DOM (`BlockFlattener`); what is left for here is canonical composition (NFC),
/// which is only needed when a paragraph holds a character NFC may change, a byte scan
/// (`NFCQuickCheck`, from Unicode's own data) that nearly all text passes. `normalizeLine`
/// does the whole job for text that did not come through the DOM (plain text and markdown).
enum TextNormalizer {
    /// True when NFC may change the UTF-8 bytes: see `NFCQuickCheck`.
    static func mayNeedComposition<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        if let answer = bytes.withContiguousStorageIfAvailable(NFCQuickCheck.mayChange) { return answer }
        return Array(bytes).withUnsafeBufferPointer(NFCQuickCheck.mayChange)
    }

    static func nfc(_ s: String) -> String {
        mayNeedComposition(s.utf8) ? composed(s) : s
    }

    /// NFC by the standard library's normaliser (the one String comparison uses), not
    /// Foundation's `precomposedStringWithCanonicalMapping`, which on Linux leaves some
    /// sequences uncomposed (a Hangul LV syllable and a trailing jamo, Kannada U+0CCA U+0CD5;
    /// NFCOracleTests checks every composition against Python's).
    static func composed(_ s: String) -> String {
        String(decoding: s._nfcCodeUnits, as: UTF8.self)
    }

    /// One line of plain text: whitespace runs to one space, invisible characters dropped,
    /// no-break spaces to spaces, trimmed, NFC.
    static func normalizeLine(_ s: Substring) -> String {
        var out = [UInt8]()
        out.reserveCapacity(s.utf8.count)
        var space = false
        for scalar in s.unicodeScalars {
            switch scalar.value {
            case 0x20, 0x09, 0x0B, 0x0C, 0x0D, 0x0A, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
                space = true
                continue
            case 0x00...0x1F, 0x7F...0x9F, 0xAD, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064, 0xFEFF:
                continue
            default:
                if space, !out.isEmpty { out.append(0x20) }
                space = false
                out.append(contentsOf: String(scalar).utf8)
            }
        }
        return nfc(String(decoding: out, as: UTF8.self))
    }
}

/// Collects paragraphs into the document text ("\n\n" between them) and their code-point
/// spans, normalising each one on the way. Empty paragraphs and a short paragraph that
/// repeats the one before it (a dek shown twice, a duplicated caption) are skipped; a long one
/// that repeats is the page's own text (a refrain, a repeated notice in a test page) and stays.
struct ParagraphAssembler {
    private var bytes: [UInt8] = []
    private var spans: [TextpipeCore.Span] = []
    private var scalars = 0
    private var previous: ArraySlice<UInt8> = []

    mutating func add(_ paragraph: ArraySlice<UInt8>) {
        guard !paragraph.isEmpty, paragraph.count >= 200 || paragraph != previous else { return }
        previous = paragraph
        var p = paragraph
        if TextNormalizer.mayNeedComposition(p) {
            p = ArraySlice(TextNormalizer.composed(String(decoding: p, as: UTF8.self)).utf8)
        }
        if !spans.isEmpty {
            bytes.append(0x0A)
            bytes.append(0x0A)
            scalars += 2
        }
        var count = 0
        for b in p where b & 0xC0 != 0x80 { count += 1 }
        spans.append(TextpipeCore.Span(scalars, scalars + count))
        scalars += count
        bytes.append(contentsOf: p)
    }

    mutating func add(_ paragraph: String) {
        add(ArraySlice(paragraph.utf8))
    }

    func finish() -> (String, [TextpipeCore.Span]) {
        (String(decoding: bytes, as: UTF8.self), spans)
    }
}

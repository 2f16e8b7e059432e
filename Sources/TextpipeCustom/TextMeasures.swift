import Foundation
import TextpipeCore

/// Counts and fingerprints of a text that filters use, computed over its UTF-8 bytes.
enum TextMeasures {
    /// Words: the tokenizer's when the `sentences` stage ran, else runs of non-space characters
    /// that hold a letter or digit ("—" alone is not a word, "don't" is one).
    static func words(_ document: Document) -> Int {
        if !document.tokens.isEmpty { return document.tokens.reduce(0) { $0 + ($1.isWord ? 1 : 0) } }
        var text = document.text
        return text.withUTF8 { bytes in
            var count = 0, inWord = false, hasLetter = false, needsCheck = false, start = 0
            func finish(_ end: Int) {
                if hasLetter || (needsCheck && hasNonASCIILetter(bytes, start, end)) { count += 1 }
            }
            for (i, b) in bytes.enumerated() {
                if b == 32 || (9...13).contains(b) {
                    if inWord { finish(i) }
                    inWord = false
                } else {
                    if !inWord { (inWord, hasLetter, needsCheck, start) = (true, false, false, i) }
                    if b >= 0x80 { needsCheck = true } else if isASCIIAlnum(b) { hasLetter = true }
                }
            }
            if inWord { finish(bytes.count) }
            return count
        }
    }

    @inline(__always)
    static func isASCIIAlnum(_ b: UInt8) -> Bool {
        (48...57).contains(b) || (65...90).contains(b) || (97...122).contains(b)
    }

    /// The slow path, for the rare chunk with no ASCII letter: any alphabetic or numeric scalar.
    static func hasNonASCIILetter(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self).unicodeScalars.contains {
            $0.properties.isAlphabetic || $0.properties.numericType != nil
        }
    }

    /// A 128-bit fingerprint of the text with ASCII case and runs of white space folded, so that
    /// the same article re-wrapped or re-cased counts as the same.
    static func fingerprint(_ text: String) -> Fingerprint {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325, b: UInt64 = 0x8422_2325_cbf2_9ce4
        var text = text
        text.withUTF8 { bytes in
            var pendingSpace = false
            func add(_ c: UInt8) {
                a = (a ^ UInt64(c)) &* 0x0000_0100_0000_01B3
                b = (b ^ UInt64(c)) &* 0x9E37_79B9_7F4A_7C15
                b ^= b >> 29
            }
            for var c in bytes {
                if c == 32 || (9...13).contains(c) {
                    pendingSpace = true
                    continue
                }
                if pendingSpace {
                    add(32)
                    pendingSpace = false
                }
                if (65...90).contains(c) { c += 32 }
                add(c)
            }
        }
        return Fingerprint(a: a, b: b)
    }

    struct Fingerprint: Hashable, Sendable {
        var a: UInt64
        var b: UInt64
    }
}

/// The texts a filter has let through in this run, shared by all workers.
final class SeenTexts: @unchecked Sendable {
    // Safety: `seen` is only touched with `lock` held.
    private let lock = NSLock()
    private var seen: Set<TextMeasures.Fingerprint> = []

    /// Records the fingerprint; false when it was already there.
    func insert(_ fingerprint: TextMeasures.Fingerprint) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return seen.insert(fingerprint).inserted
    }

    func removeAll() {
        lock.lock()
        seen.removeAll()
        lock.unlock()
    }
}

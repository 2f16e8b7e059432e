/// Whether text may change under NFC, decided from Unicode's own data over UTF-8 bytes.
///
/// UAX #15 guarantees that text is already in NFC when none of its code points has
/// NFC_Quick_Check = No or Maybe and none has a non-zero canonical combining class. Those code
/// points (2,199 in Unicode 18: compatibility ideographs, singletons such as U+212B, composition
/// exclusions, every combining mark, the kana voicing marks, Hangul vowel and trailing jamo)
/// are marked in a two-stage bit table generated from Python's Unicode database by
/// `Benchmarks/nfc-table.py` (NFCQuickCheckTable.swift). The scan skips eight ASCII bytes at a
/// time and looks up each other code point with two array reads, so text that needs nothing,
/// nearly all of it, costs one pass over its bytes.
enum NFCQuickCheck {
    /// True when the UTF-8 bytes hold a code point NFC may change, compose or reorder.
    static func mayChange(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        blockIndex.withUnsafeBufferPointer { index in
            blockBits.withUnsafeBufferPointer { bits in
                let n = p.count
                var i = 0
                while i < n {
                    if i + 8 <= n {
                        let w = UnsafeRawPointer(p.baseAddress! + i).loadUnaligned(as: UInt64.self)
                        if w & 0x8080_8080_8080_8080 == 0 { i += 8; continue }
                    }
                    let b0 = UInt32(p[i])
                    if b0 < 0x80 { i += 1; continue }
                    let scalar: UInt32
                    if b0 < 0xE0 {
                        guard i + 1 < n else { return false }
                        scalar = (b0 & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F)
                        i += 2
                    } else if b0 < 0xF0 {
                        guard i + 2 < n else { return false }
                        scalar = (b0 & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F)
                        i += 3
                    } else {
                        guard i + 3 < n else { return false }
                        scalar = (b0 & 0x07) << 18 | UInt32(p[i + 1] & 0x3F) << 12 | UInt32(p[i + 2] & 0x3F) << 6
                            | UInt32(p[i + 3] & 0x3F)
                        i += 4
                    }
                    let high = Int(scalar >> 8)
                    guard high < index.count else { continue }
                    let block = Int(index[high])
                    if block != 0, bits[block &* 4 &+ Int(scalar >> 6 & 3)] >> (scalar & 63) & 1 != 0 { return true }
                }
                return false
            }
        }
    }
}

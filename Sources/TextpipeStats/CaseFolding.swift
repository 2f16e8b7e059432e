/// Lower-cases words byte by byte, for the vocabulary tables.
///
/// The statistics see every word of the corpus, so this runs in the hottest loop of the stage
/// and works on UTF-8 bytes instead of `String.lowercased()` (which allocates and consults
/// the full Unicode tables). It covers the cased scripts of the languages textpipe reads:
/// ASCII, Latin-1, Latin Extended-A and the Romanian comma letters, Greek and Cyrillic. Other
/// characters pass through unchanged (most scripts have no case). The typographic apostrophes
/// U+2019 and U+2018 become "'", so that "don’t" and "don't" are one term.
public enum CaseFolding {
    /// Appends the lower-cased form of `bytes[start..<end]` (valid UTF-8) to `out`.
    @inlinable
    public static func appendLowercased(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int,
                                        into out: inout [UInt8]) {
        var i = start
        while i < end {
            let b = bytes[i]
            if b < 0x80 {
                out.append(b &- 0x41 < 26 ? b | 0x20 : b)
                i += 1
            } else if b < 0xE0, i + 1 < end {
                let scalar = (UInt32(b & 0x1F) << 6) | UInt32(bytes[i + 1] & 0x3F)
                appendScalar(lower(scalar), into: &out)
                i += 2
            } else if b == 0xE2, i + 2 < end, bytes[i + 1] == 0x80, bytes[i + 2] == 0x98 || bytes[i + 2] == 0x99 {
                out.append(0x27)  // ‘ ’ -> '
                i += 3
            } else {
                // Three- and four-byte characters (and stray bytes) are copied whole.
                let n = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 1
                let stop = min(i + n, end)
                while i < stop {
                    out.append(bytes[i])
                    i += 1
                }
            }
        }
    }

    /// Writes the lower-cased form of `bytes[start..<end]` at `out[at...]` and returns the
    /// position after it. Never writes more bytes than it reads.
    @inlinable
    public static func writeLowercased(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int,
                                       to out: UnsafeMutablePointer<UInt8>, at position: Int) -> Int {
        var i = start, o = position
        while i < end {
            let b = bytes[i]
            if b < 0x80 {
                out[o] = b &- 0x41 < 26 ? b | 0x20 : b
                o += 1
                i += 1
            } else if b < 0xE0, i + 1 < end {
                let c = lower((UInt32(b & 0x1F) << 6) | UInt32(bytes[i + 1] & 0x3F))
                if c < 0x80 {
                    out[o] = UInt8(c)
                    o += 1
                } else {
                    out[o] = UInt8(0xC0 | (c >> 6))
                    out[o + 1] = UInt8(0x80 | (c & 0x3F))
                    o += 2
                }
                i += 2
            } else if b == 0xE2, i + 2 < end, bytes[i + 1] == 0x80, bytes[i + 2] == 0x98 || bytes[i + 2] == 0x99 {
                out[o] = 0x27
                o += 1
                i += 3
            } else {
                let n = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 1
                let stop = min(i + n, end)
                while i < stop {
                    out[o] = bytes[i]
                    o += 1
                    i += 1
                }
            }
        }
        return o
    }

    /// The lower-case form of a two-byte scalar (U+0080...U+07FF).
    @inlinable
    static func lower(_ c: UInt32) -> UInt32 {
        switch c {
        case 0xC0...0xDE where c != 0xD7: return c + 0x20                 // À-Þ
        case 0x100...0x137, 0x14A...0x177: return c | 1                   // Ā ā ... Ķ ķ, Ŋ ŋ ... Ŷ ŷ
        case 0x139...0x148, 0x179...0x17E: return c & 1 == 1 ? c + 1 : c  // Ĺ ĺ ... Ň ň, Ź ź ... Ž ž
        case 0x130: return 0x69                                           // İ -> i
        case 0x178: return 0xFF                                           // Ÿ -> ÿ
        case 0x218...0x21B: return c | 1                                  // Ș ș Ț ț
        case 0x386: return 0x3AC
        case 0x388...0x38A: return c + 0x25
        case 0x38C: return 0x3CC
        case 0x38E...0x38F: return c + 0x3F
        case 0x391...0x3A9 where c != 0x3A2: return c + 0x20              // Greek capitals
        case 0x400...0x40F: return c + 0x50                               // Ѐ-Џ
        case 0x410...0x42F: return c + 0x20                               // А-Я
        case 0x460...0x481, 0x48A...0x4BF: return c | 1
        default: return c
        }
    }

    @inlinable
    static func appendScalar(_ c: UInt32, into out: inout [UInt8]) {
        if c < 0x80 {
            out.append(UInt8(c))
        } else {
            out.append(UInt8(0xC0 | (c >> 6)))
            out.append(UInt8(0x80 | (c & 0x3F)))
        }
    }

    /// The lower-cased form of a string (for stop-word lists and tests; not for hot loops).
    public static func lowercased(_ s: String) -> String {
        var copy = s
        var out: [UInt8] = []
        copy.withUTF8 { appendLowercased($0, 0, $0.count, into: &out) }
        return String(decoding: out, as: UTF8.self)
    }
}

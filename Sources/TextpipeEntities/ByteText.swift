/// Byte-level helpers shared by the tagger's hot loops: case folding, character classes and
/// the 64-bit hashes that stand in for strings in feature keys, gazetteers and word classes.
///
/// Everything here works on UTF-8 bytes. English news is almost all ASCII; for the Latin-1
/// supplement (é, Ö, ...) lower-casing is done on the two-byte sequence directly, and any other
/// non-ASCII letter counts as a lower-case letter and is left as it is. No `Character`, no
/// Unicode tables: the tagger must run at well over 100k tokens per second.
enum ByteText {
    static let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let fnvPrime: UInt64 = 0x0000_0100_0000_01b3

    @inline(__always)
    static func isUpper(_ b: UInt8) -> Bool { b &- 65 < 26 }
    @inline(__always)
    static func isLower(_ b: UInt8) -> Bool { b &- 97 < 26 }
    @inline(__always)
    static func isDigit(_ b: UInt8) -> Bool { b &- 48 < 10 }
    @inline(__always)
    static func isSpace(_ b: UInt8) -> Bool { b == 32 || b &- 9 < 5 }

    /// ASCII lower case of one byte.
    @inline(__always)
    static func lower(_ b: UInt8) -> UInt8 { isUpper(b) ? b | 0x20 : b }

    /// Folds one FNV-1a step.
    @inline(__always)
    static func step(_ h: UInt64, _ b: UInt8) -> UInt64 { (h ^ UInt64(b)) &* fnvPrime }

    /// A strong 64-bit finaliser (from SplitMix64), used to combine hashes.
    @inline(__always)
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// Combines two hashes, order-sensitively.
    @inline(__always)
    static func combine(_ a: UInt64, _ b: UInt64) -> UInt64 { mix(a &* 31 ^ b) }

    /// FNV-1a of a byte range, exactly as written.
    @inline(__always)
    static func hash(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt64 {
        var h = fnvOffset
        var i = start
        while i < end {
            h = step(h, p[i])
            i += 1
        }
        return h
    }

    /// FNV-1a of a string's bytes (for tables built at load time).
    static func hash(_ s: String) -> UInt64 {
        var h = fnvOffset
        for b in s.utf8 { h = step(h, b) }
        return h
    }

    /// Lower-cases `p[start..<end]` into `out` (cleared first), folding ASCII and the Latin-1
    /// supplement capitals (U+00C0–U+00DE except ×).
    static func lowercased(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, into out: inout [UInt8]) {
        out.removeAll(keepingCapacity: true)
        var i = start
        while i < end {
            let b = p[i]
            if b == 0xC3, i + 1 < end, p[i + 1] &- 0x80 < 0x1F, p[i + 1] != 0x97 {
                out.append(b)
                out.append(p[i + 1] | 0x20)
                i += 2
                continue
            }
            out.append(lower(b))
            i += 1
        }
    }

    /// Hash of the lower-cased bytes with every whitespace byte removed: the key under which
    /// phrases are matched, so that "New  York" and "New York" (and "St. Louis" however the
    /// tokenizer splits it) meet.
    @inline(__always)
    static func phraseStep(_ h: UInt64, _ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt64 {
        var h = h
        var i = start
        while i < end {
            let b = p[i]
            if !isSpace(b) {
                if b == 0xC3, i + 1 < end, p[i + 1] &- 0x80 < 0x1F, p[i + 1] != 0x97 {
                    h = step(step(h, b), p[i + 1] | 0x20)
                    i += 2
                    continue
                }
                h = step(h, lower(b))
            }
            i += 1
        }
        return h
    }

    /// Like `phraseStep`, but keeping case.
    @inline(__always)
    static func exactPhraseStep(_ h: UInt64, _ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt64 {
        var h = h
        var i = start
        while i < end {
            if !isSpace(p[i]) { h = step(h, p[i]) }
            i += 1
        }
        return h
    }

    /// The phrase key of a whole string.
    static func phraseKey(_ s: String) -> UInt64 {
        var bytes = Array(s.utf8)
        return bytes.withUnsafeMutableBufferPointer { p in
            phraseStep(fnvOffset, UnsafeBufferPointer(p), 0, p.count)
        }
    }
}

/// Turns page bytes in a known charset into valid UTF-8, in Swift, before libxml2 sees them.
///
/// UTF-8 input passes through untouched when it is valid (the common case costs one scan);
/// malformed sequences become U+FFFD. UTF-16 and the single-byte charsets of
/// `SingleByteCharset.tables` are decoded here; the multi-byte East Asian charsets go through
/// iconv (`IconvTranscoder`). Every charset `Charset.canonicalName` names decodes;
/// `transcode` returns nil for any other name.
public enum Transcoder {
    static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]

    public static func transcode(_ bytes: [UInt8], from charset: String) -> [UInt8]? {
        switch charset {
        case "utf-8": return repairUTF8(bytes)
        case "utf-16le": return decodeUTF16(bytes, bigEndian: false)
        case "utf-16be": return decodeUTF16(bytes, bigEndian: true)
        case "replacement": return bytes.isEmpty ? [] : replacement  // the standard's decoder
        default:
            if let table = SingleByteCharset.tables[charset] { return decodeSingleByte(bytes, table: table) }
            return IconvTranscoder.decode(bytes, charset: charset)
        }
    }

    /// Valid UTF-8 with a leading BOM removed and malformed sequences replaced.
    public static func repairUTF8(_ bytes: [UInt8]) -> [UInt8] {
        let skip = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        return bytes.withUnsafeBufferPointer { p -> [UInt8] in
            guard var bad = UTF8Validation.firstInvalid(p, from: skip) else {
                return skip == 0 ? bytes : Array(p[skip...])
            }
            var out = [UInt8]()
            out.reserveCapacity(p.count + 16)
            out.append(contentsOf: p[skip..<bad])
            var i = bad
            while i < p.count {
                out.append(contentsOf: replacement)
                i += 1
                while i < p.count, p[i] & 0xC0 == 0x80 { i += 1 }  // the rest of the broken sequence
                let next = UTF8Validation.firstInvalid(p, from: i) ?? p.count
                out.append(contentsOf: p[i..<next])
                i = next
                bad = next
            }
            return out
        }
    }

    static func decodeSingleByte(_ bytes: [UInt8], table: [UInt16]) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count + bytes.count / 8)
        for b in bytes {
            if b < 0x80 { out.append(b); continue }
            appendScalar(UInt32(table[Int(b - 0x80)]), to: &out)
        }
        return out
    }

    static func decodeUTF16(_ bytes: [UInt8], bigEndian: Bool) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        var i = 0
        if bytes.count >= 2, (bigEndian ? (bytes[0], bytes[1]) == (0xFE, 0xFF) : (bytes[0], bytes[1]) == (0xFF, 0xFE)) { i = 2 }
        @inline(__always) func unit(_ k: Int) -> UInt32 {
            bigEndian ? UInt32(bytes[k]) << 8 | UInt32(bytes[k + 1]) : UInt32(bytes[k + 1]) << 8 | UInt32(bytes[k])
        }
        while i + 1 < bytes.count {
            let u = unit(i)
            i += 2
            if u >= 0xD800 && u < 0xDC00 {
                if i + 1 < bytes.count {
                    let v = unit(i)
                    if v >= 0xDC00 && v < 0xE000 {
                        i += 2
                        appendScalar(0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00), to: &out)
                        continue
                    }
                }
                out.append(contentsOf: replacement)
            } else if u >= 0xDC00 && u < 0xE000 {
                out.append(contentsOf: replacement)
            } else {
                appendScalar(u, to: &out)
            }
        }
        return out
    }

    @inline(__always)
    static func appendScalar(_ v: UInt32, to out: inout [UInt8]) {
        if v < 0x80 {
            out.append(UInt8(v))
        } else if v < 0x800 {
            out.append(UInt8(0xC0 | (v >> 6)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        } else if v < 0x10000 {
            out.append(UInt8(0xE0 | (v >> 12)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        } else {
            out.append(UInt8(0xF0 | (v >> 18)))
            out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        }
    }
}

/// Namespace of the single-byte charset tables (see CharsetTables.swift).
public enum SingleByteCharset {
    public static var names: [String] { tables.keys.sorted() }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Decodes the multi-byte East Asian charsets (Shift_JIS, EUC-JP, ISO-2022-JP, GB18030, Big5,
/// EUC-KR, ISO-2022-KR, ISO-2022-CN) through the C library's iconv, which knows them all, and
/// HZ, which it does not, by turning it into GB18030 first. Unlike handing the name to
/// libxml2, a malformed byte does not end the page: it becomes U+FFFD and decoding goes on.
enum IconvTranscoder {
    /// Our charset name -> iconv's. The supersets read what the web writes: windows-31j for
    /// Shift_JIS, UHC for EUC-KR, Big5-HKSCS for Big5, ISO-2022-JP-2 (which also reads the
    /// half-width katakana of `ESC ( I`) for ISO-2022-JP, ISO-2022-CN-EXT for ISO-2022-CN.
    static let names: [String: String] = [
        "shift_jis": "CP932", "euc-jp": "EUC-JP", "iso-2022-jp": "ISO-2022-JP-2", "gb18030": "GB18030",
        "big5": "BIG5-HKSCS", "euc-kr": "CP949", "iso-2022-kr": "ISO-2022-KR", "iso-2022-cn": "ISO-2022-CN-EXT",
    ]

    static func decode(_ bytes: [UInt8], charset: String) -> [UInt8]? {
        if charset == "hz-gb-2312" { return decode(hzToGB18030(bytes), charset: "gb18030") }
        guard let name = names[charset] else { return nil }
        let cd = iconv_open("UTF-8", name)
        guard cd != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(cd) }
        var out = [UInt8](repeating: 0, count: bytes.count * 2 + 16)
        var written = 0
        var input = bytes
        let total = input.count
        var consumed = 0
        input.withUnsafeMutableBufferPointer { inp in
            while consumed < total {
                if out.count - written < 16 { out.append(contentsOf: [UInt8](repeating: 0, count: out.count)) }
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inp.baseAddress! + consumed).assumingMemoryBound(to: CChar.self)
                var inLeft = total - consumed
                let outCapacity = out.count - written
                var outLeft = outCapacity
                let result = out.withUnsafeMutableBufferPointer { o -> Int in
                    var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(o.baseAddress! + written).assumingMemoryBound(to: CChar.self)
                    return iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                }
                let err = errno
                consumed = total - inLeft
                written += outCapacity - outLeft
                if result != -1 { break }
                if err == E2BIG { continue }
                // EILSEQ or EINVAL: one bad byte becomes U+FFFD.
                if out.count - written < 3 { out.append(contentsOf: [UInt8](repeating: 0, count: 64)) }
                out[written] = 0xEF; out[written + 1] = 0xBF; out[written + 2] = 0xBD
                written += 3
                consumed += 1
            }
        }
        out.removeSubrange(written...)
        return out
    }

    /// HZ (RFC 1843) as GB18030 bytes: `~{` ... `~}` enclose GB2312 pairs written with the high
    /// bits cleared, `~~` is a tilde and `~` before a line break joins the lines.
    static func hzToGB18030(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var inGB = false
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "~"), i + 1 < bytes.count {
                switch bytes[i + 1] {
                case UInt8(ascii: "{"): inGB = true
                case UInt8(ascii: "}"): inGB = false
                case UInt8(ascii: "~"): out.append(b)
                case 0x0A: break
                default: out.append(contentsOf: Transcoder.replacement)
                }
                i += 2
            } else if inGB, b >= 0x21, b <= 0x7E, i + 1 < bytes.count, bytes[i + 1] >= 0x21, bytes[i + 1] <= 0x7E {
                out.append(b | 0x80)
                out.append(bytes[i + 1] | 0x80)
                i += 2
            } else {
                if b == 0x0A { inGB = false }
                out.append(b)
                i += 1
            }
        }
        return out
    }
}

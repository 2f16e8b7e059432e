#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Decodes the multi-byte East Asian charsets (Shift_JIS, EUC-JP, GB18030, Big5, EUC-KR)
/// through the C library's iconv, which knows them all. Unlike handing the name to libxml2,
/// a malformed byte does not end the page: it becomes U+FFFD and decoding goes on.
enum IconvTranscoder {
    static let names: [String: String] = [
        "shift_jis": "CP932", "euc-jp": "EUC-JP", "gb18030": "GB18030", "big5": "BIG5-HKSCS", "euc-kr": "CP949",
    ]

    static func decode(_ bytes: [UInt8], charset: String) -> [UInt8]? {
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
}

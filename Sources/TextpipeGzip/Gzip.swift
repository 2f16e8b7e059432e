import CZlib

/// Decompresses gzip, zlib or raw deflate data with a hard limit on the output, so that a
/// small hostile file cannot expand to gigabytes. The only Swift module that sees zlib.
public enum Gzip {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// The output would exceed the limit.
        case tooLarge(limit: Int)
        /// The data is corrupt or ends before the stream does.
        case corrupt(String)

        public var description: String {
            switch self {
            case .tooLarge(let limit): return "decompresses to more than \(limit) bytes"
            case .corrupt(let why): return "corrupt compressed data: \(why)"
            }
        }
    }

    /// Whether the bytes start with the gzip magic number.
    public static func isGzip(_ bytes: some Collection<UInt8>) -> Bool {
        var it = bytes.makeIterator()
        return it.next() == 0x1F && it.next() == 0x8B
    }

    /// Decompresses `input`, which is gzip (also several members) or zlib, detected from its
    /// header; `raw: true` reads a headerless deflate stream.
    public static func decompress(_ input: [UInt8], limit: Int, raw: Bool = false) throws -> [UInt8] {
        var stream = z_stream()
        // 15 window bits; +32 detects gzip or zlib headers; negative means raw deflate.
        let windowBits: Int32 = raw ? -15 : 15 + 32
        guard inflateInit2_(&stream, windowBits, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw Failure.corrupt("cannot start the decompressor")
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        output.reserveCapacity(min(limit, max(input.count * 4, 1 << 16)))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var consumed = 0
        return try input.withUnsafeBufferPointer { inBuf -> [UInt8] in
            while true {
                stream.next_in = UnsafeMutablePointer(mutating: inBuf.baseAddress!.advanced(by: consumed))
                stream.avail_in = UInt32(inBuf.count - consumed)
                let status = chunk.withUnsafeMutableBufferPointer { out -> Int32 in
                    stream.next_out = out.baseAddress
                    stream.avail_out = UInt32(out.count)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                let produced = chunk.count - Int(stream.avail_out)
                consumed = inBuf.count - Int(stream.avail_in)
                if output.count + produced > limit { throw Failure.tooLarge(limit: limit) }
                output.append(contentsOf: chunk[0..<produced])
                switch status {
                case Z_STREAM_END:
                    // A gzip file may hold several members one after another.
                    if consumed < inBuf.count, !raw, inBuf[consumed] == 0x1F {
                        guard inflateReset(&stream) == Z_OK else { throw Failure.corrupt("cannot restart") }
                        continue
                    }
                    return output
                case Z_OK:
                    continue
                case Z_BUF_ERROR:
                    if stream.avail_in == 0 { throw Failure.corrupt("the data ends before the compressed stream does") }
                    continue
                default:
                    let message = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                    throw Failure.corrupt(message)
                }
            }
        }
    }
}

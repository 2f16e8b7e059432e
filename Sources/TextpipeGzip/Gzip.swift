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
    /// header; `raw: true` reads a headerless deflate stream. With `partial: true`, data that
    /// ends before the stream does gives what it held (a payload cut short by a crawler's
    /// size limit) instead of an error.
    public static func decompress(_ input: [UInt8], limit: Int, raw: Bool = false, partial: Bool = false) throws -> [UInt8] {
        let inflater = try Inflater(raw ? .raw : .zlibOrGzip)
        var output: [UInt8] = []
        output.reserveCapacity(min(limit, max(input.count * 4, 1 << 16)))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var consumed = 0
        return try input.withUnsafeBytes { inBuf -> [UInt8] in
            while true {
                let step = try chunk.withUnsafeMutableBytes { out in
                    try inflater.inflate(UnsafeRawBufferPointer(rebasing: inBuf[consumed...]), into: out)
                }
                consumed += step.consumed
                if output.count + step.produced > limit { throw Failure.tooLarge(limit: limit) }
                output.append(contentsOf: chunk[0..<step.produced])
                switch step.status {
                case .memberEnd:
                    // A gzip file may hold several members one after another.
                    if consumed < inBuf.count, !raw, inBuf[consumed] == 0x1F {
                        inflater.reset()
                        continue
                    }
                    return output
                case .outputFull:
                    continue
                case .needsInput:
                    if consumed < inBuf.count { continue }
                    if partial { return output }
                    throw Failure.corrupt("the data ends before the compressed stream does")
                }
            }
        }
    }
}

import CZlib

extension Gzip {
    /// Compresses the concatenation of `pieces` into one complete gzip member (header, deflate
    /// data, CRC and length trailer). The WARC writer makes one member per record, so that a
    /// reader can start at any member and a file cut short loses only its last member.
    /// `level` is zlib's 1 (fastest) to 9 (smallest); 6 is zlib's own default.
    public static func compress(_ pieces: [[UInt8]], level: Int32 = 6) -> [UInt8] {
        var stream = z_stream()
        // 15 window bits + 16: write a gzip header and trailer; memory level 8 is zlib's default.
        let started = deflateInit2_(&stream, min(max(level, 1), 9), Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY,
                                    ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        // Only a failed allocation or a mismatched zlib can fail here; neither is recoverable.
        precondition(started == Z_OK, "zlib's deflateInit2 failed (\(started))")
        defer { deflateEnd(&stream) }
        let total = pieces.reduce(0) { $0 + $1.count }
        var output: [UInt8] = []
        output.reserveCapacity(Int(deflateBound(&stream, UInt(total))))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        func run(_ flush: Int32) {
            repeat {
                let code = chunk.withUnsafeMutableBufferPointer { out -> Int32 in
                    stream.next_out = out.baseAddress
                    stream.avail_out = UInt32(out.count)
                    return deflate(&stream, flush)
                }
                // With a valid stream and output room, deflate returns Z_OK, Z_STREAM_END, or
                // Z_BUF_ERROR when it had nothing left to do; nothing else.
                precondition(code != Z_STREAM_ERROR, "zlib's deflate state is broken")
                output.append(contentsOf: chunk[0..<(chunk.count - Int(stream.avail_out))])
                if code == Z_STREAM_END { return }
            } while stream.avail_out == 0 || stream.avail_in > 0 || flush == Z_FINISH
        }
        for piece in pieces where !piece.isEmpty {
            piece.withUnsafeBufferPointer { inp in
                stream.next_in = UnsafeMutablePointer(mutating: inp.baseAddress)
                stream.avail_in = UInt32(inp.count)
                run(Z_NO_FLUSH)
            }
        }
        stream.next_in = nil
        stream.avail_in = 0
        run(Z_FINISH)
        return output
    }
}

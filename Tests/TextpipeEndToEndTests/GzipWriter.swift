import CZlib

/// Compresses test inputs with zlib (the project only ever decompresses, so the tests bring
/// their own compressor). `gzip(chunk, times:)` compresses `chunk` repeated, without holding
/// the whole expansion in memory: a gzip bomb of hundreds of megabytes costs only its
/// compressed size to make.
enum GzipWriter {
    static func gzip(_ chunk: [UInt8], times: Int = 1, level: Int32 = 9) -> [UInt8] {
        var stream = z_stream()
        // 31 = 15 window bits + 16: a gzip header and trailer.
        precondition(deflateInit2_(&stream, level, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
                                   Int32(MemoryLayout<z_stream>.size)) == Z_OK)
        defer { deflateEnd(&stream) }
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var input = chunk
        for round in 0..<max(times, 1) {
            let flush = round == max(times, 1) - 1 ? Z_FINISH : Z_NO_FLUSH
            input.withUnsafeMutableBufferPointer { inp in
                stream.next_in = inp.baseAddress
                stream.avail_in = UInt32(inp.count)
                repeat {
                    let status = buffer.withUnsafeMutableBufferPointer { o -> Int32 in
                        stream.next_out = o.baseAddress
                        stream.avail_out = UInt32(o.count)
                        return deflate(&stream, flush)
                    }
                    precondition(status != Z_STREAM_ERROR)
                    out.append(contentsOf: buffer[0..<(buffer.count - Int(stream.avail_out))])
                } while stream.avail_out == 0 || (flush == Z_FINISH && stream.avail_in > 0)
            }
        }
        return out
    }
}

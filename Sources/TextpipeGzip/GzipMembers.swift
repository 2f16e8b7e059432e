import CZlib

/// Compresses a growing stream into a series of gzip members, each a whole gzip file.
///
/// Bytes go in with `compress` and come out compressed; `finishMember` writes the rest of the
/// member with its CRC and length, after which everything written so far is a valid gzip file
/// (readers treat consecutive members as one stream: `gzip -d`, Python's gzip, DuckDB, pandas,
/// Spark). The next `compress` starts a new member. A writer that ends a member at each
/// checkpoint can be cut back to any checkpoint and go on: that is how `documents.jsonl.gz`
/// resumes after a kill.
public final class GzipMemberWriter {
    private var stream = z_stream()
    private var inMember = false
    private var chunk = [UInt8](repeating: 0, count: 1 << 16)

    /// `level` is zlib's, 1 (fast) to 9 (small); 6 is gzip's default.
    public init(level: Int32 = 6) throws {
        // 15 window bits, +16 for a gzip header and trailer; memory level 8 as gzip uses.
        guard deflateInit2_(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY,
                            ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw Gzip.Failure.corrupt("cannot start the compressor")
        }
    }

    deinit { deflateEnd(&stream) }

    /// Whether bytes were compressed since the last member ended.
    public var hasOpenMember: Bool { inMember }

    /// Compresses `bytes` into the current member (starting one if needed), appending what
    /// zlib emits to `out`.
    public func compress(_ bytes: [UInt8], into out: inout [UInt8]) {
        guard !bytes.isEmpty else { return }
        inMember = true
        bytes.withUnsafeBufferPointer { input in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
            stream.avail_in = UInt32(input.count)
            run(flush: Z_NO_FLUSH, into: &out)
        }
    }

    /// Ends the current member (an empty one if nothing was compressed since the last), so that
    /// `out` completes a valid gzip file.
    public func finishMember(into out: inout [UInt8]) {
        stream.next_in = nil
        stream.avail_in = 0
        run(flush: Z_FINISH, into: &out)
        deflateReset(&stream)
        inMember = false
    }

    private func run(flush: Int32, into out: inout [UInt8]) {
        chunk.withUnsafeMutableBufferPointer { buffer in
            repeat {
                stream.next_out = buffer.baseAddress
                stream.avail_out = UInt32(buffer.count)
                let status = deflate(&stream, flush)
                // Z_STREAM_END after Z_FINISH; Z_BUF_ERROR only means no progress was possible.
                precondition(status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR, "deflate failed: \(status)")
                out.append(contentsOf: buffer[0..<(buffer.count - Int(stream.avail_out))])
                if flush == Z_FINISH, status == Z_STREAM_END { break }
            } while stream.avail_out == 0 || (flush == Z_FINISH)
        }
    }
}

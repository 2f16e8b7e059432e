import CZlib

/// A streaming decompressor for callers that cannot hold a whole stream in memory: the WARC
/// reader inflates one gzip member at a time from a file read in chunks, and needs to know
/// where each member ends in the compressed bytes (the next member starts there).
///
/// `inflate` consumes as much of `input` as it can and fills `output`; it stops at the end of
/// a member (`.memberEnd`, with `consumed` pointing just past it) and reports `.needsInput`
/// when the input ran out first. `reset()` starts a new member. One `Inflater` owns one zlib
/// stream, freed in `deinit`; it is not thread-safe (one reader, one thread).
public final class Inflater {
    public enum Format: Sendable {
        /// One gzip member (RFC 1952).
        case gzip
        /// A zlib (RFC 1950) or gzip stream, told apart by its header.
        case zlibOrGzip
        /// A headerless deflate stream (RFC 1951).
        case raw
    }

    /// How one call ended.
    public enum Status: Sendable, Equatable {
        /// Output is full or input is used up: call again with more of either.
        case needsInput
        /// The output buffer is full; the stream goes on.
        case outputFull
        /// The member (or stream) ended; bytes after `consumed` belong to whatever follows.
        case memberEnd
    }

    public struct Step: Sendable {
        public var consumed: Int
        public var produced: Int
        public var status: Status
    }

    private var stream = z_stream()
    public let format: Format

    public init(_ format: Format) throws {
        self.format = format
        let windowBits: Int32
        switch format {
        case .gzip: windowBits = 15 + 16
        case .zlibOrGzip: windowBits = 15 + 32
        case .raw: windowBits = -15
        }
        guard inflateInit2_(&stream, windowBits, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw Gzip.Failure.corrupt("cannot start the decompressor")
        }
    }

    deinit { inflateEnd(&stream) }

    /// Forgets the current member; the next call reads a new one from its header.
    public func reset() {
        inflateReset(&stream)
    }

    /// Inflates from `input` into `output`. Throws `Gzip.Failure.corrupt` on bad data.
    public func inflate(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws -> Step {
        guard output.count > 0 else { return Step(consumed: 0, produced: 0, status: .outputFull) }
        stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: UInt8.self))
        stream.avail_in = UInt32(clamping: input.count)
        stream.next_out = output.baseAddress!.assumingMemoryBound(to: UInt8.self)
        stream.avail_out = UInt32(clamping: output.count)
        let code = CZlib.inflate(&stream, Z_NO_FLUSH)
        let consumed = min(input.count, Int(UInt32(clamping: input.count) - stream.avail_in))
        let produced = min(output.count, Int(UInt32(clamping: output.count) - stream.avail_out))
        switch code {
        case Z_STREAM_END:
            return Step(consumed: consumed, produced: produced, status: .memberEnd)
        case Z_OK, Z_BUF_ERROR:
            // Z_BUF_ERROR: no progress was possible, which means input ran out.
            return Step(consumed: consumed, produced: produced, status: stream.avail_out == 0 ? .outputFull : .needsInput)
        default:
            let message = stream.msg.map { String(cString: $0) } ?? "zlib error \(code)"
            throw Gzip.Failure.corrupt(message)
        }
    }
}

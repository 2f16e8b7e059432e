extension Gzip {
    /// Compresses the concatenation of `pieces` into one complete gzip member (header, deflate
    /// data, CRC and length trailer). The WARC writer makes one member per record, so that a
    /// reader can start at any member and a file cut short loses only its last member.
    /// `level` is zlib's 1 (fastest) to 9 (smallest); 6 is zlib's own default.
    public static func compress(_ pieces: [[UInt8]], level: Int32 = 6) -> [UInt8] {
        // Starting a compressor fails only when memory cannot be had or zlib is mismatched.
        guard let writer = try? GzipMemberWriter(level: min(max(level, 1), 9)) else {
            preconditionFailure("zlib's deflateInit2 failed")
        }
        var output: [UInt8] = []
        output.reserveCapacity(pieces.reduce(0) { $0 + $1.count } / 3 + 64)
        for piece in pieces { writer.compress(piece, into: &output) }
        writer.finishMember(into: &output)
        return output
    }
}

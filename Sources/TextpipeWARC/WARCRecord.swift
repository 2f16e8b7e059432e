/// Where a record (or a failure) is in its file, precisely enough to go back to it.
///
/// `offset` is where a tool seeks: the start of the gzip member that holds the record, or the
/// record's first byte in a plain file. `offsetInMember` is 0 when the record starts its
/// member, as in files written one member per record; in a file compressed as one stream it is
/// how many decompressed bytes of the member come before the record.
public struct WARCLocation: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var offset: Int
    public var offsetInMember: Int

    public init(file: String, offset: Int, offsetInMember: Int = 0) {
        self.file = file
        self.offset = offset
        self.offsetInMember = offsetInMember
    }

    public var description: String {
        offsetInMember == 0 ? "\(file) at offset \(offset)"
            : "\(file) at offset \(offset) (+\(offsetInMember) bytes into its gzip member)"
    }
}

/// Why a record's block is shorter than the whole it stands for.
public enum WARCTruncation: Sendable, Equatable {
    /// The writer cut it and said so in `WARC-Truncated` ("length", "time", "disconnect",
    /// "unspecified").
    case declared(String)
    /// This reader kept the first `limit` bytes of a longer block (`maxRecordBytes`).
    case limit(Int)
    /// The Content-Length does not match where the record ends (a writer that miscounted,
    /// characters for bytes, say): the block ends at whichever comes first, the declared
    /// length or the end of the record's gzip member, so it may lack its last bytes. warcio
    /// reads such records too, with a warning.
    case wrongLength

    /// A word for errors and counts: the declared reason, "length" for the reader's cut,
    /// "wrong_length" for a miscounted block.
    public var reason: String {
        switch self {
        case .declared(let why): return why
        case .limit: return "length"
        case .wrongLength: return "wrong_length"
        }
    }
}

/// One WARC record as read: its named headers, its block (up to the reader's limit) and where
/// it is. The block of a `response` or `request` record is an HTTP message; `HTTPResponse`
/// reads it. Values only: a record may travel to another thread.
public struct WARCRecord: Sendable {
    /// "WARC/1.0", "WARC/1.1", ...
    public var version: String
    public var headers: HeaderFields
    /// The block, or its first `maxRecordBytes` bytes (see `truncation`).
    public var block: [UInt8]
    /// The block's length as its Content-Length declared it.
    public var contentLength: Int
    public var location: WARCLocation
    /// Why the block is not whole, if it is not: the writer's `WARC-Truncated` first, then a
    /// miscounted Content-Length, then this reader's limit.
    public var truncation: WARCTruncation?

    public init(version: String, headers: HeaderFields, block: [UInt8], contentLength: Int, location: WARCLocation,
                wrongLength: Bool = false) {
        self.version = version
        self.headers = headers
        self.block = block
        self.contentLength = contentLength
        self.location = location
        if let declared = headers["WARC-Truncated"], !declared.isEmpty {
            truncation = .declared(declared.lowercased())
        } else if wrongLength {
            truncation = .wrongLength
        } else if block.count < contentLength {
            truncation = .limit(block.count)
        }
    }

    /// WARC-Type, lowercased: "response", "request", "resource", "metadata", "warcinfo",
    /// "revisit", "conversion", "continuation", or whatever else a writer put there.
    public var type: String { (headers["WARC-Type"] ?? "").lowercased() }

    /// WARC-Target-URI, without the angle brackets WARC 1.0's examples put around it.
    public var targetURI: String? {
        guard var uri = headers["WARC-Target-URI"], !uri.isEmpty else { return nil }
        if uri.hasPrefix("<"), uri.hasSuffix(">"), uri.count >= 2 { uri = String(uri.dropFirst().dropLast()) }
        return uri.isEmpty ? nil : uri
    }

    /// WARC-Date as written (ISO 8601, UTC); `WARCDate.parse` reads it.
    public var date: String? { headers["WARC-Date"] }
    public var recordID: String? { headers["WARC-Record-ID"] }
    public var contentType: String? { headers["Content-Type"] }

    /// The identity of the record that outlives where it is stored: the target URI and the
    /// time of capture, as CDX indexes and the Wayback Machine name a capture. It stays the
    /// same when files are renamed, moved, recompressed, concatenated or split, and when a
    /// shard reads them on another machine, so document ids made from it agree across
    /// `--shard` runs and resumed runs; file and offset do not survive any of that. A record
    /// without a URI or date falls back to its WARC-Record-ID (unique by the standard), then
    /// to file and offset.
    public var identity: String {
        if let uri = targetURI, let date, !date.isEmpty { return uri + " " + date }
        if let id = recordID, !id.isEmpty { return id }
        return "\(location.file)#\(location.offset)+\(location.offsetInMember)"
    }
}

/// Something in a WARC file that is not a usable record, with where it is. The reader goes on
/// after it: at the next record, or the next gzip member that starts one.
public struct WARCFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// Bytes that are not a record: broken gzip data, a header that cannot be read,
        /// junk between records. The reader resynchronised after it.
        case corrupt
        /// A record cut off by the end of the file, or a gzip member cut short (a writer
        /// killed mid-record).
        case truncated
        /// A record read whole that cannot be a document: no target URI, an HTTP head or
        /// a payload encoding that cannot be read.
        case invalid
        /// A payload that decompresses to more than `maxDecompressedBytes`.
        case tooLarge = "too_large"
        /// The file cannot be opened or read.
        case io
    }

    public var kind: Kind
    public var location: WARCLocation
    public var message: String
    /// The record's identity and URI, when the failure is a record read whole (so that its
    /// error line carries the id its document would have had).
    public var identity: String?
    public var targetURI: String?

    public init(_ kind: Kind, _ location: WARCLocation, _ message: String, identity: String? = nil, targetURI: String? = nil) {
        self.kind = kind
        self.location = location
        self.message = message
        self.identity = identity
        self.targetURI = targetURI
    }

    public var description: String { "\(location): \(message)" }
}

/// Reads WARC files into the pipeline's terms, lazily: each record becomes a document, a
/// counted skip or a failure, and only the record at hand is in memory, so a run over a
/// whole Common Crawl segment stays flat. Files are read one after another in the order given.
///
/// Which records are documents: `response` records whose block is an HTTP response with a
/// 2xx status and a payload of one of `documentTypes` (or of no declared type: the cleaner
/// sniffs it, as it does for a live fetch without Content-Type), and `resource` records of
/// those types. `warcinfo`, `request`, `metadata`, `revisit`, `conversion` and `continuation`
/// records are skipped and counted by type, as are responses that are redirects, errors or
/// not text. A `select` predicate sees each candidate's identity first, so a shard or a
/// resumed run skips the others' records before their payloads are decoded.
public final class WARCDocuments: IteratorProtocol, Sequence {
    public typealias Select = (String) -> Bool

    private var files: IndexingIterator<[String]>
    private var reader: WARCReader?
    public let options: WARCReadOptions
    private let select: Select?

    /// Reads the files at `paths`, in this order.
    public init(paths: [String], options: WARCReadOptions = WARCReadOptions(), select: Select? = nil) {
        files = paths.makeIterator()
        self.options = options
        self.select = select
    }

    /// Reads what one reader gives (a file, or bytes from memory).
    public init(reader: WARCReader, select: Select? = nil) {
        files = [].makeIterator()
        self.reader = reader
        options = reader.options
        self.select = select
    }

    public func next() -> WARCEntry? {
        while true {
            if reader == nil {
                guard let path = files.next() else { return nil }
                reader = WARCReader(path: path, options: options)
            }
            guard let result = reader?.next() else {
                reader = nil
                continue
            }
            switch result {
            case .failure(let failure): return .failure(failure)
            case .success(let record): return Self.entry(for: record, options: options, select: select)
            }
        }
    }

    /// What one record is to the pipeline.
    public static func entry(for record: WARCRecord, options: WARCReadOptions, select: Select? = nil) -> WARCEntry {
        let type = record.type
        let location = record.location
        guard type == "response" || type == "resource" else {
            return .skipped(WARCSkip(recordType: type, reason: .recordType, location: location))
        }
        let identity = record.identity
        guard let uri = record.targetURI else {
            return .failure(WARCFailure(.invalid, location, "a \(type) record without WARC-Target-URI", identity: identity))
        }
        if let select, !select(identity) {
            return .skipped(WARCSkip(recordType: type, reason: .notSelected, location: location))
        }
        func fail(_ kind: WARCFailure.Kind, _ message: String) -> WARCEntry {
            .failure(WARCFailure(kind, location, message, identity: identity, targetURI: uri))
        }
        func accepted(_ media: MediaType?) -> Bool {
            guard let media else { return true }
            return options.documentTypes.contains { media.matches($0) }
        }
        var document = WARCDocument(targetURI: uri, date: record.date, recordID: record.recordID, recordType: type,
                                    location: location, http: nil, payload: [], mediaType: nil, charset: nil,
                                    truncation: record.truncation, identity: identity)
        if type == "resource" {
            let media = record.contentType.flatMap { MediaType($0) }
            guard accepted(media) else {
                return .skipped(WARCSkip(recordType: type, reason: .mediaType(media?.type ?? ""), location: location))
            }
            document.payload = record.block
            document.mediaType = media?.type
            document.charset = media?.charset
            return .document(document)
        }
        guard let blockType = record.contentType.flatMap({ MediaType($0) }), blockType.type == "application/http" else {
            return .skipped(WARCSkip(recordType: type, reason: .notHTTP, location: location))
        }
        let head: HTTPResponseHead
        let bodyStart: Int
        do {
            (head, bodyStart) = try HTTPMessage.parseResponse(record.block)
        } catch {
            return fail(.invalid, "the response record does not hold an HTTP response: \(error.message)")
        }
        guard (200..<300).contains(head.status) else {
            return .skipped(WARCSkip(recordType: type, reason: .status(head.status), location: location))
        }
        let media = head.headers["Content-Type"].flatMap { MediaType($0) }
            ?? record.headers["WARC-Identified-Payload-Type"].flatMap { MediaType($0) }
        guard accepted(media) else {
            return .skipped(WARCSkip(recordType: type, reason: .mediaType(media?.type ?? ""), location: location))
        }
        do {
            document.payload = try HTTPPayload.decode(record.block[bodyStart...], headers: head.headers,
                                                      truncated: document.truncation != nil, limit: options.maxDecompressedBytes)
        } catch {
            switch error {
            case .tooLarge(let limit): return fail(.tooLarge, "the payload decompresses to more than max_decompressed_bytes (\(limit))")
            case .undecodable(let why): return fail(.invalid, why)
            }
        }
        document.http = head
        document.mediaType = media?.type
        document.charset = media?.charset
        return .document(document)
    }
}

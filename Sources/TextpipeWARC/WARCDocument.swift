import Foundation

/// A page read from a WARC record: what the pipeline makes a `Document` of.
///
/// From a `response` record: the target URI as source, the HTTP head, and the payload with
/// its transfer and content coding undone. From a `resource` record: the block itself, typed
/// by the record's Content-Type. `mediaType` and `charset` come from the HTTP Content-Type (for
/// a response without one, from Common Crawl's `WARC-Identified-Payload-Type`); the charset
/// goes on to the cleaner as the transport's declaration, as a live fetch's does.
public struct WARCDocument: Sendable {
    public var targetURI: String
    /// WARC-Date as written; `fetched` reads it.
    public var date: String?
    public var recordID: String?
    /// "response" or "resource".
    public var recordType: String
    public var location: WARCLocation
    /// The stored HTTP head (nil for a resource).
    public var http: HTTPResponseHead?
    public var payload: [UInt8]
    /// Lowercased media type without parameters ("text/html"), nil when none was given.
    public var mediaType: String?
    public var charset: String?
    /// Set when the record was cut (by its writer or by this reader's limit): the document is
    /// processed, and marked.
    public var truncation: WARCTruncation?
    /// The record's stable identity (`WARCRecord.identity`), from which ids are made.
    public var identity: String

    /// When the page was fetched, from WARC-Date.
    public var fetched: Date? { date.flatMap(WARCDate.parse) }
}

/// A record that is not a document, counted by why.
public struct WARCSkip: Sendable, Equatable {
    public enum Reason: Sendable, Equatable {
        /// A record type that carries no page: warcinfo, request, metadata, revisit,
        /// conversion, continuation, or a type this reader does not know.
        case recordType
        /// A response whose block is not an HTTP response (a crawler's DNS record, say).
        case notHTTP
        /// An HTTP status outside 200-299: redirects, errors, 304 Not Modified.
        case status(Int)
        /// A payload whose media type is not among `documentTypes` (images, PDFs, ...).
        case mediaType(String)
        /// A record the caller's `select` turned down (another shard's, or one already done).
        case notSelected
    }

    public var recordType: String
    public var reason: Reason
    public var location: WARCLocation

    /// The name to count it under in run.json: the record type for records that carry no
    /// page ("request", "revisit", ...), else "response_status_3xx", "response_media_type",
    /// and so on.
    public var countKey: String {
        let type = recordType.isEmpty ? "untyped" : recordType
        switch reason {
        case .recordType: return type
        case .notHTTP: return type + "_not_http"
        case .status(let s): return type + "_status_\(s / 100)xx"
        case .mediaType: return type + "_media_type"
        case .notSelected: return "not_selected"
        }
    }
}

/// What a WARC file yields for the pipeline, one record at a time.
public enum WARCEntry: Sendable {
    case document(WARCDocument)
    case skipped(WARCSkip)
    case failure(WARCFailure)
}

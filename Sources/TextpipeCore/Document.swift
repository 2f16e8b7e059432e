import Foundation

/// One document as it travels down the pipeline: a value, owned by one worker at a time.
///
/// Stages fill it in order. `fetch` sets `content` (raw bytes) and `http`; `clean` turns the
/// content into `text`, `paragraphs` and `meta` and then drops `content`; `sentences` adds
/// `sentences` and `tokens`; `entities` adds `entities`; user stages write under `custom`.
///
/// All annotations are `Span`s into `text` counted in Unicode code points (end exclusive), the
/// unit that the output format promises, so that `text[start:end]` holds in Python. Code that
/// scans bytes converts with `TextOffsets`.
public struct Document: Sendable {
    /// Stable identity: a hash of the source, or the id an input line carried.
    public var id: String
    /// Where it came from: a path or URL, or the id for inline stream input.
    public var source: String
    /// When the bytes were read or fetched.
    public var fetched: Date?
    /// Response facts when the document came over HTTP.
    public var http: HTTPInfo?
    /// Raw bytes before cleaning; `nil` once `clean` has turned them into `text`.
    public var content: Content?
    public var meta: Metadata
    /// The clean text; paragraphs are separated by "\n\n".
    public var text: String
    public var paragraphs: [Span]
    public var sentences: [Span]
    /// Tokens of `text`, kept compact (offsets and a kind, no substrings). Not written out.
    public var tokens: [Token]
    public var entities: [Entity]
    /// Near-duplicate fingerprint and verdict, when a stage computed them.
    public var duplicate: DuplicateInfo?
    /// What user stages add. Written under "custom".
    public var custom: [String: JSONValue]
    /// Names the run counts this document under, whatever its outcome (run.json
    /// `counts.tags`): the incremental fetch tags documents "new", "changed" or "unchanged".
    /// Not written to documents.jsonl.
    public var tags: Set<String>

    public init(id: String, source: String) {
        self.id = id
        self.source = source
        self.fetched = nil
        self.http = nil
        self.content = nil
        self.meta = Metadata()
        self.text = ""
        self.paragraphs = []
        self.sentences = []
        self.tokens = []
        self.entities = []
        self.duplicate = nil
        self.custom = [:]
        self.tags = []
    }

    /// Word, sentence and entity counts as written under "stats".
    public var counts: DocumentCounts {
        DocumentCounts(
            chars: text.unicodeScalars.count,
            words: tokens.isEmpty ? nil : tokens.reduce(0) { $0 + ($1.isWord ? 1 : 0) },
            sentences: sentences.count,
            entities: entities.count)
    }
}

/// A half-open range of Unicode code points in `Document.text`. Encoded as `[start, end]`.
public struct Span: Hashable, Sendable, Codable, Comparable {
    public var start: Int
    public var end: Int

    public init(_ start: Int, _ end: Int) {
        self.start = start
        self.end = end
    }

    public var length: Int { end - start }

    public static func < (a: Span, b: Span) -> Bool {
        a.start != b.start ? a.start < b.start : a.end < b.end
    }

    public init(from decoder: Decoder) throws {
        var c = try decoder.unkeyedContainer()
        start = try c.decode(Int.self)
        end = try c.decode(Int.self)
        guard start >= 0, end >= start else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "span [\(start), \(end)] is not a range")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.unkeyedContainer()
        try c.encode(start)
        try c.encode(end)
    }
}

/// The bytes a document arrived as, with what the transport said about them.
public struct Content: Sendable {
    public enum Format: String, Sendable, Codable {
        case html, xhtml, text, markdown
    }
    public var bytes: [UInt8]
    public var format: Format
    /// Charset named by the transport (HTTP `Content-Type`), if any; the cleaner weighs it
    /// against the BOM and the document's own declaration.
    public var declaredCharset: String?

    public init(bytes: [UInt8], format: Format, declaredCharset: String? = nil) {
        self.bytes = bytes
        self.format = format
        self.declaredCharset = declaredCharset
    }
}

/// What an HTTP response said about a document.
public struct HTTPInfo: Sendable, Codable, Equatable {
    public var status: Int
    public var contentType: String?
    public var etag: String?
    public var lastModified: String?
    /// The URL after redirects.
    public var finalURL: String?

    public init(status: Int, contentType: String? = nil, etag: String? = nil,
                lastModified: String? = nil, finalURL: String? = nil) {
        self.status = status
        self.contentType = contentType
        self.etag = etag
        self.lastModified = lastModified
        self.finalURL = finalURL
    }

    enum CodingKeys: String, CodingKey {
        case status, contentType = "content_type", etag, lastModified = "last_modified"
        case finalURL = "final_url"
    }
}

/// Article metadata. `sources` records where each field was found (e.g. "title": "og:title").
public struct Metadata: Sendable, Codable, Equatable {
    public var title: String?
    public var author: String?
    /// ISO 8601 date (YYYY-MM-DD) or date-time.
    public var published: String?
    public var site: String?
    /// ISO 639-1 code.
    public var language: String?
    public var canonicalURL: String?
    public var description: String?
    public var sources: [String: String]

    public init() {
        sources = [:]
    }

    enum CodingKeys: String, CodingKey {
        case title, author, published, site, language, canonicalURL = "canonical_url"
        case description, sources
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        author = try c.decodeIfPresent(String.self, forKey: .author)
        published = try c.decodeIfPresent(String.self, forKey: .published)
        site = try c.decodeIfPresent(String.self, forKey: .site)
        language = try c.decodeIfPresent(String.self, forKey: .language)
        canonicalURL = try c.decodeIfPresent(String.self, forKey: .canonicalURL)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        sources = try c.decodeIfPresent([String: String].self, forKey: .sources) ?? [:]
    }
}

/// A token of `Document.text`, stored as offsets so that large documents stay cheap.
public struct Token: Hashable, Sendable {
    public enum Kind: UInt8, Sendable, Codable {
        case word, number, punctuation, symbol, url, email, hashtag, mention, emoticon
    }
    public var start: Int32
    public var end: Int32
    public var kind: Kind

    public init(start: Int, end: Int, kind: Kind) {
        self.start = Int32(truncatingIfNeeded: start)
        self.end = Int32(truncatingIfNeeded: end)
        self.kind = kind
    }

    public var span: Span { Span(Int(start), Int(end)) }
    /// Counts as a word in statistics: words, numbers and the web forms of words.
    public var isWord: Bool {
        switch kind {
        case .word, .number, .hashtag, .mention: return true
        case .punctuation, .symbol, .url, .email, .emoticon: return false
        }
    }
}

/// A mention of a named entity or a value (date, money, ...).
public struct Entity: Hashable, Sendable, Codable {
    public var start: Int
    public var end: Int
    /// PERSON, ORG, LOC, MISC, DATE, TIME, MONEY, PERCENT, QUANTITY, CARDINAL, ORDINAL, or a
    /// type declared by a user's gazetteer or pattern.
    public var type: String
    public var text: String
    /// The mention's canonical name (longest alias in the document, or a gazetteer's name).
    public var canonical: String?
    /// A knowledge-base identifier, e.g. "geonames:616052".
    public var kb: String?

    public init(start: Int, end: Int, type: String, text: String,
                canonical: String? = nil, kb: String? = nil) {
        self.start = start
        self.end = end
        self.type = type
        self.text = text
        self.canonical = canonical
        self.kb = kb
    }

    public var span: Span { Span(start, end) }
}

/// A near-duplicate fingerprint and, when the document repeats an earlier one, which.
public struct DuplicateInfo: Sendable, Codable, Equatable {
    /// 64-bit SimHash of the text's shingles, as 16 hex digits.
    public var simhash: String
    /// Id of the earlier document this one nearly repeats, if any.
    public var of: String?
    /// Hamming distance between the two fingerprints.
    public var distance: Int?

    public init(simhash: String, of: String? = nil, distance: Int? = nil) {
        self.simhash = simhash
        self.of = of
        self.distance = distance
    }
}

/// The per-document figures written under "stats".
public struct DocumentCounts: Sendable, Codable, Equatable {
    public var chars: Int
    /// Known once the text is tokenized.
    public var words: Int?
    public var sentences: Int
    public var entities: Int
}

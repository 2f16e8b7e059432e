import TextpipeCore

/// A few documents kept whole enough to show in the report (text, entities, terms).
///
/// The report may only show text that the statistics carry, and the statistics must merge
/// exactly, so the choice of documents must not depend on the order or grouping of merges.
/// The sample is therefore "the `limit` documents with the smallest keys", where the key is a
/// stable hash of the document id: a bottom-k sample, which is uniform over the corpus and
/// whose merge (union, sort by key, keep `limit`) is associative and commutative. Every
/// document's contribution carries its candidate entry; only the smallest survive folding.
public struct DocumentSample: Codable, Sendable, Equatable {
    /// How many documents to keep; `nil` in the empty partial.
    public var limit: Int?
    /// Sorted by key, at most `limit`.
    public var documents: [SampledDocument] = []

    public init(limit: Int? = nil, documents: [SampledDocument] = []) {
        self.limit = limit
        self.documents = documents
    }

    public mutating func merge(_ other: DocumentSample) {
        switch (limit, other.limit) {
        case (nil, _): limit = other.limit
        case (let a?, let b?): limit = min(a, b)
        default: break
        }
        guard !other.documents.isEmpty else {
            if let limit, documents.count > limit { documents.removeLast(documents.count - limit) }
            return
        }
        var all = documents + other.documents
        all.sort { ($0.key, $0.id) < ($1.key, $1.id) }
        var kept: [SampledDocument] = []
        for d in all where kept.last?.id != d.id {
            if let limit, kept.count >= limit { break }
            kept.append(d)
        }
        documents = kept
    }

    /// The sampling key of a document id: 16 hex digits, so that string order is number order.
    public static func key(for id: String) -> String {
        StableHash.hex(Mix.fmix64(StableHash.fnv1a64(id)))
    }
}

/// One kept document.
public struct SampledDocument: Codable, Sendable, Equatable {
    public var key: String
    public var id: String
    public var source: String
    public var title: String?
    public var site: String?
    public var published: String?
    public var language: String
    /// The first `sample_chars` code points of the text.
    public var text: String
    /// Whether `text` was cut.
    public var truncated: Bool
    /// Entities that lie wholly within `text`.
    public var entities: [SampledEntity]
    /// The document's terms as [count, 1], for its tf·idf terms once the corpus is known
    /// (the same table the document adds to the vocabulary, so keeping it costs no copy).
    public var terms: CountTable<Occurrences>

    public init(key: String, id: String, source: String, title: String?, site: String?, published: String?,
                language: String, text: String, truncated: Bool, entities: [SampledEntity], terms: CountTable<Occurrences>) {
        self.key = key
        self.id = id
        self.source = source
        self.title = title
        self.site = site
        self.published = published
        self.language = language
        self.text = text
        self.truncated = truncated
        self.entities = entities
        self.terms = terms
    }
}

/// An entity of a kept document: code-point offsets into its `text`.
public struct SampledEntity: Codable, Sendable, Equatable {
    public var start: Int
    public var end: Int
    public var type: String
    public var canonical: String?

    public init(start: Int, end: Int, type: String, canonical: String? = nil) {
        self.start = start
        self.end = end
        self.type = type
        self.canonical = canonical
    }
}

/// Bit mixing for stable hashes (MurmurHash3's 64-bit finalizer), which spreads FNV-1a's
/// output over all bits, as sampling, count-min rows and HyperLogLog need.
public enum Mix {
    @inlinable
    public static func fmix64(_ value: UInt64) -> UInt64 {
        var k = value
        k ^= k >> 33
        k &*= 0xff51_afd7_ed55_8ccd
        k ^= k >> 33
        k &*= 0xc4ce_b9fe_1a85_ec53
        k ^= k >> 33
        return k
    }
}

import Foundation
import TextpipeCore

/// Corpus statistics in their mergeable form: a commutative monoid.
///
/// Design. Every field is a sum (`Additive`: integers, pairs of integers, maps of them) or a
/// set-like summary whose merge is a union followed by a deterministic selection (the kept
/// documents are the `k` with the smallest id hashes; sketches add counters and take the
/// maximum of registers). Sums and such unions are associative and commutative, so per-document
/// contributions folded in input order, checkpoints, worker partials and shards all add up to
/// the same value however they are grouped, bit for bit. Nothing here is truncated: top lists
/// cannot be merged exactly once cut, so the partial keeps the full counts and every "top k"
/// is derived afterwards (`StatsSummary`). Ratios, scores and means are derived too, because
/// floating-point sums depend on their order.
///
/// Vocabulary is kept per language, so that the German article "die" and the English verb do
/// not share a count, and so that each language's stop words apply to its own words.
public struct StatsPartial: Mergeable, Equatable {
    /// Layout version of the saved form.
    public var format = 1
    /// The stage's settings; `nil` only in the empty partial.
    public var settings: StatsSettings?
    /// Set when partials with different settings were merged (`stats merge` refuses to).
    public var mixedSettings = false

    public var documents = 0
    /// Code points of clean text.
    public var characters = 0
    /// Tokens that count as words (words, numbers, hashtags, mentions).
    public var words = 0
    /// Word tokens that enter the vocabulary (words, hashtags and mentions; not numbers).
    public var vocabularyTokens = 0
    public var sentences = 0
    public var paragraphs = 0
    public var entityMentions = 0
    /// Documents without tokens (nothing to count but characters).
    public var untokenized = 0
    public var duplicates = 0

    public var wordsPerDocument: Histogram = [:]
    public var wordsPerSentence: Histogram = [:]

    public var languages: [String: GroupCount] = [:]
    public var sites: [String: GroupCount] = [:]
    /// Publication day (YYYY-MM-DD); documents without a date are under "unknown".
    public var days: [String: GroupCount] = [:]

    /// language -> term -> (occurrences, documents).
    public var terms: [String: CountTable<Occurrences>] = [:]
    /// language -> vocabulary tokens, the denominators of that language's frequencies.
    public var languageTokens: [String: Int] = [:]
    /// language -> "w1 w2" -> count. Only n-grams that neither start nor end with a stop word.
    public var bigrams: [String: CountTable<Int>] = [:]
    public var trigrams: [String: CountTable<Int>] = [:]
    /// language -> all bigram and trigram positions, kept or not (the denominators of PMI).
    public var bigramPositions: [String: Int] = [:]
    public var trigramPositions: [String: Int] = [:]

    /// type -> canonical name -> (mentions, documents).
    public var entities: [String: [String: Occurrences]] = [:]
    /// type -> documents that mention at least one entity of the type.
    public var entityTypeDocuments: [String: Int] = [:]
    /// "TYPE:name" -> "TYPE:name" -> sentences mentioning both (first key sorts lower).
    public var cooccurrence: [String: [String: Int]] = [:]

    /// stage -> kind -> failed documents.
    public var errors: [String: [String: Int]] = [:]
    /// reason -> dropped documents.
    public var dropped: [String: Int] = [:]

    public var sample = DocumentSample()
    /// Bounded-memory tables, when `settings.sketch` is set (the exact term and n-gram tables
    /// are then empty in totals).
    public var sketches: SketchTables?

    public init() {}

    public mutating func merge(_ other: StatsPartial) {
        mergeSettings(other)
        documents &+= other.documents
        characters &+= other.characters
        words &+= other.words
        vocabularyTokens &+= other.vocabularyTokens
        sentences &+= other.sentences
        paragraphs &+= other.paragraphs
        entityMentions &+= other.entityMentions
        untokenized &+= other.untokenized
        duplicates &+= other.duplicates
        wordsPerDocument.add(other.wordsPerDocument)
        wordsPerSentence.add(other.wordsPerSentence)
        languages.add(other.languages)
        sites.add(other.sites)
        days.add(other.days)
        terms.add(other.terms)
        languageTokens.add(other.languageTokens)
        bigrams.add(other.bigrams)
        trigrams.add(other.trigrams)
        bigramPositions.add(other.bigramPositions)
        trigramPositions.add(other.trigramPositions)
        entities.add(other.entities)
        entityTypeDocuments.add(other.entityTypeDocuments)
        cooccurrence.add(other.cooccurrence)
        errors.add(other.errors)
        dropped.add(other.dropped)
        sample.merge(other.sample)
        if let theirs = other.sketches {
            if sketches == nil { sketches = theirs } else { sketches!.merge(theirs) }
        }
        if let sketch = settings?.sketch { moveExactTablesIntoSketches(sketch) }
    }

    /// Settings merge by a rule that is itself associative and commutative: equal settings stay,
    /// an empty side takes the other's, and a conflict keeps the smaller encoding and is marked.
    private mutating func mergeSettings(_ other: StatsPartial) {
        mixedSettings = mixedSettings || other.mixedSettings
        guard let theirs = other.settings else { return }
        guard let mine = settings else {
            settings = theirs
            return
        }
        if mine != theirs {
            mixedSettings = true
            let a = (try? JSONEncoder.sorted.encode(mine)) ?? Data()
            let b = (try? JSONEncoder.sorted.encode(theirs)) ?? Data()
            if b.lexicographicallyPrecedes(a) { settings = theirs }
        }
    }

    /// Failed and dropped documents.
    public var failed: Int { errors.values.reduce(0) { $0 + $1.values.reduce(0, +) } }
    public var droppedCount: Int { dropped.values.reduce(0, +) }

    enum CodingKeys: String, CodingKey {
        case format, settings, mixedSettings = "mixed_settings", documents, characters, words
        case vocabularyTokens = "vocabulary_tokens", sentences, paragraphs, entityMentions = "entity_mentions"
        case untokenized, duplicates, wordsPerDocument = "words_per_document", wordsPerSentence = "words_per_sentence"
        case languages, sites, days, terms, languageTokens = "language_tokens", bigrams, trigrams
        case bigramPositions = "bigram_positions", trigramPositions = "trigram_positions"
        case entities, entityTypeDocuments = "entity_type_documents", cooccurrence, errors, dropped, sample, sketches
    }
}

import Foundation
import TextpipeCore

/// The options of the `stats` stage, saved inside every partial.
///
/// Some settings change what is counted (the n-gram length, the stop words that decide which
/// n-grams are kept, the sample of documents, sketching): partials counted with different
/// ones cannot be added, and `textpipe stats merge` refuses them. The others only change how
/// figures are derived from the counts (how many top terms, the minimum count of a
/// collocation), so saving them lets `stats merge` and `textpipe report` derive exactly what
/// the run itself derived.
public struct StatsSettings: Codable, Sendable, Equatable {
    /// Longest n-gram counted: 1 (none), 2 (bigrams) or 3 (bigrams and trigrams).
    public var ngrams = 3
    public var topTerms = 200
    /// Top entities listed per type.
    public var topEntities = 25
    /// Top co-occurring entity pairs listed.
    public var topPairs = 50
    /// Least count of an n-gram to be listed (and scored as a collocation), and of an entity
    /// pair to be written to cooccurrence.csv.
    public var minCount = 3
    /// Documents kept for the report's entity view (the ones with the smallest id hashes).
    public var reportDocuments = 5
    /// Characters of each kept document's text (code points).
    public var sampleChars = 6000
    /// tf·idf terms listed for each kept document.
    public var documentTerms = 10
    public var defaultStopwords = true
    /// Stop words added per language.
    public var stopwords: [String: [String]] = [:]
    /// Bounded-memory counting instead of exact tables (see `SketchSettings`).
    public var sketch: SketchSettings?
    /// Whether a run writes report.html.
    public var report = true

    public init() {}

    /// The settings that change what is counted; partials merge only when these agree.
    public var counting: CountingKey {
        CountingKey(ngrams: ngrams, reportDocuments: reportDocuments, sampleChars: sampleChars,
                    defaultStopwords: defaultStopwords, stopwords: stopwords, sketch: sketch)
    }

    public struct CountingKey: Equatable, CustomStringConvertible {
        var ngrams: Int
        var reportDocuments: Int
        var sampleChars: Int
        var defaultStopwords: Bool
        var stopwords: [String: [String]]
        var sketch: SketchSettings?

        public var description: String {
            var parts = ["ngrams \(ngrams)", "report_documents \(reportDocuments)", "sample_chars \(sampleChars)"]
            if !defaultStopwords { parts.append("no built-in stop words") }
            if !stopwords.isEmpty { parts.append("extra stop words for \(stopwords.keys.sorted().joined(separator: ", "))") }
            parts.append(sketch.map { "sketch \($0.width)x\($0.depth)" } ?? "exact")
            return parts.joined(separator: ", ")
        }
    }

    public var stopwordLists: Stopwords { Stopwords(builtIn: defaultStopwords, extra: stopwords) }

    enum CodingKeys: String, CodingKey {
        case ngrams, topTerms = "top_terms", topEntities = "top_entities", topPairs = "top_pairs"
        case minCount = "min_count", reportDocuments = "report_documents", sampleChars = "sample_chars"
        case documentTerms = "document_terms", defaultStopwords = "default_stopwords", stopwords, sketch, report
    }
}

/// Count-min and HyperLogLog dimensions for `sketch: true`.
public struct SketchSettings: Codable, Sendable, Equatable {
    /// Counters per row of each count-min sketch.
    public var width = 1 << 15
    /// Rows (independent hashes) of each count-min sketch.
    public var depth = 4
    /// Candidates kept per table for the top lists.
    public var candidates = 2000
    /// HyperLogLog registers are 2^precision.
    public var precision = 14

    public init() {}

    /// What the figures of a sketched run may be off by, in words for stats.json and the report.
    public var errorStatement: String {
        let epsilon = 2.718281828 / Double(width)
        let delta = 1 / pow(2.718281828, Double(depth))
        let hll = 1.04 / Double(1 << precision).squareRoot()
        return String(format: "Counts of terms, n-grams and document frequencies are count-min estimates: never below the true count, and above it by at most %.2g × the table's total (%d × %d counters) with probability %.4f. Vocabulary sizes are HyperLogLog estimates with a standard error of %.2f%%. Hapax legomena are not available. Top lists are drawn from %d candidates per table.", epsilon, width, depth, 1 - delta, hll * 100, candidates)
    }
}

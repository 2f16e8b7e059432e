import Foundation
import TextpipeCore

/// The figures derived from a `StatsPartial`: what stats.json shows people, what the CSV files
/// list and what the report draws.
///
/// Design. A summary is a pure function of the partial and its settings: no clock, no
/// dictionary order (every list is sorted on a total order, ties broken by name), and scores
/// computed from integers in the same way each time. So the same partial always gives the same
/// summary, byte for byte, whether it came from one run, a resumed run or `stats merge`.
/// Saved with snake_case keys (`StatsFiles`).
public struct StatsSummary: Codable, Sendable, Equatable {
    public var totals: Totals
    public var vocabulary: Vocabulary
    /// Most frequent terms without stop words, all languages together.
    public var topTerms: [TermFigure]
    /// Most frequent terms, stop words included.
    public var topTermsWithStopwords: [TermFigure]
    /// Terms by corpus tf·idf: count × (ln((1 + documents of the language) / (1 + documents
    /// with the term)) + 1).
    public var topTfidf: [TermFigure]
    /// Most frequent n-grams (count ≥ min_count), with their collocation scores.
    public var bigrams: [NgramFigure]
    public var trigrams: [NgramFigure]
    /// Bigrams by log-likelihood ratio and trigrams by PMI (count ≥ min_count).
    public var collocations: [NgramFigure]
    public var entities: [EntityTypeFigure]
    public var cooccurrence: [PairFigure]
    public var sites: [GroupFigure]
    /// In date order; "unknown" last.
    public var days: [GroupFigure]
    public var languages: [GroupFigure]
    public var errors: [ErrorFigure]
    public var documents: [DocumentFigure]
    /// How far sketched figures may be off; absent for exact statistics.
    public var approximation: String?
    /// Set when partials with different settings were merged.
    public var mixedSettings: Bool

    public struct Totals: Codable, Sendable, Equatable {
        public var documents, failed, dropped, duplicates, characters, words, sentences, paragraphs: Int
        public var entityMentions, untokenized: Int
        public var wordsPerDocument: Distribution
        public var wordsPerSentence: Distribution
    }

    public struct Distribution: Codable, Sendable, Equatable {
        public var count: Int
        public var mean: Double?
        public var median: Int?
        public var p90: Int?
        public var min: Int?
        public var max: Int?
        public var bins: [Bin]
    }

    /// Values from `from` up to, not including, `to`; `to` is nil for the open last bin.
    public struct Bin: Codable, Sendable, Equatable {
        public var from: Int
        public var to: Int?
        public var count: Int
    }

    public struct Vocabulary: Codable, Sendable, Equatable {
        public var tokens: Int
        public var types: Int
        public var typesWithoutStopwords: Int?
        public var typeTokenRatio: Double?
        public var hapaxLegomena: Int?
        public var estimated: Bool
        public var byLanguage: [LanguageVocabulary]
    }

    public struct LanguageVocabulary: Codable, Sendable, Equatable {
        public var language: String
        public var documents: Int
        public var tokens: Int
        public var types: Int
        public var typesWithoutStopwords: Int?
        public var typeTokenRatio: Double?
        public var hapaxLegomena: Int?
        public var stopwordList: Bool
    }

    public struct TermFigure: Codable, Sendable, Equatable {
        public var term: String
        public var language: String
        public var count: Int
        public var documents: Int
        public var idf: Double
        public var tfidf: Double
    }

    public struct NgramFigure: Codable, Sendable, Equatable {
        public var ngram: String
        public var n: Int
        public var language: String
        public var count: Int
        public var pmi: Double?
        /// Dunning's log-likelihood ratio (G²), for bigrams.
        public var llr: Double?
    }

    public struct EntityTypeFigure: Codable, Sendable, Equatable {
        public var type: String
        public var mentions: Int
        public var distinct: Int
        public var documents: Int
        public var top: [NameFigure]
    }

    public struct NameFigure: Codable, Sendable, Equatable {
        public var name: String
        public var mentions: Int
        public var documents: Int
    }

    public struct PairFigure: Codable, Sendable, Equatable {
        public var a: String
        public var aType: String
        public var b: String
        public var bType: String
        public var sentences: Int
    }

    public struct GroupFigure: Codable, Sendable, Equatable {
        public var name: String
        public var documents: Int
        public var words: Int
    }

    public struct ErrorFigure: Codable, Sendable, Equatable {
        /// "failed" or "dropped".
        public var outcome: String
        public var stage: String?
        /// The failure's kind, or the reason a document was dropped.
        public var kind: String
        public var documents: Int
    }

    public struct DocumentFigure: Codable, Sendable, Equatable {
        public var id: String
        public var source: String
        public var title: String?
        public var site: String?
        public var published: String?
        public var language: String
        public var words: Int
        public var entities: Int
        public var topTerms: [TermFigure]
    }
}

/// Rounds a derived figure for display and stable output (four decimals).
@inline(__always)
func rounded(_ x: Double, _ places: Double = 1e4) -> Double {
    x.isFinite ? (x * places).rounded() / places : 0
}

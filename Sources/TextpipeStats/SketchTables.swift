import TextpipeCore

/// The bounded-memory form of the vocabulary and n-gram tables (`sketch: true`).
///
/// Exact tables grow with the vocabulary; these do not. Term and document frequencies,
/// bigrams and trigrams go into count-min sketches under keys "language\tterm"; the number of
/// distinct terms per language into a HyperLogLog; and for the top lists each table keeps a
/// bounded set of candidate keys, re-ranked by their estimates after every merge.
///
/// Sketches and HyperLogLogs merge exactly (associative, commutative). The candidate sets do
/// not: a key that one grouping of merges pushes out may survive another. So in sketch mode
/// the monoid laws hold for the counters and registers, and the top lists are approximate in
/// the way `SketchSettings.errorStatement` states.
public struct SketchTables: Codable, Sendable, Equatable {
    public var settings: SketchSettings
    public var termCounts: CountMinSketch
    public var termDocuments: CountMinSketch
    public var bigrams: CountMinSketch
    public var trigrams: CountMinSketch
    /// language -> distinct terms.
    public var vocabulary: [String: HyperLogLog] = [:]
    /// Candidate keys for the top terms, bigrams and trigrams, sorted.
    public var termCandidates: [String] = []
    public var bigramCandidates: [String] = []
    public var trigramCandidates: [String] = []

    enum CodingKeys: String, CodingKey {
        case settings, termCounts = "term_counts", termDocuments = "term_documents", bigrams, trigrams, vocabulary
        case termCandidates = "term_candidates", bigramCandidates = "bigram_candidates"
        case trigramCandidates = "trigram_candidates"
    }

    public init(settings: SketchSettings) {
        self.settings = settings
        termCounts = CountMinSketch(width: settings.width, depth: settings.depth)
        termDocuments = CountMinSketch(width: settings.width, depth: settings.depth)
        bigrams = CountMinSketch(width: settings.width, depth: settings.depth)
        trigrams = CountMinSketch(width: settings.width, depth: settings.depth)
    }

    public static func key(_ language: String, _ item: String) -> String { language + "\t" + item }

    public static func split(_ key: String) -> (language: String, item: String) {
        guard let tab = key.firstIndex(of: "\t") else { return ("und", key) }
        return (String(key[..<tab]), String(key[key.index(after: tab)...]))
    }

    public mutating func merge(_ other: SketchTables) {
        termCounts.merge(other.termCounts)
        termDocuments.merge(other.termDocuments)
        bigrams.merge(other.bigrams)
        trigrams.merge(other.trigrams)
        for (language, hll) in other.vocabulary {
            if vocabulary[language] == nil { vocabulary[language] = hll } else { vocabulary[language]!.merge(hll) }
        }
        termCandidates = prune(termCandidates, other.termCandidates, by: termCounts)
        bigramCandidates = prune(bigramCandidates, other.bigramCandidates, by: bigrams)
        trigramCandidates = prune(trigramCandidates, other.trigramCandidates, by: trigrams)
    }

    /// Adds exact per-language tables (a document's contribution) to the sketches.
    public mutating func absorb(terms: [String: CountTable<Occurrences>], bigrams bi: [String: CountTable<Int>],
                                trigrams tri: [String: CountTable<Int>]) {
        var newTerms: [String] = [], newBigrams: [String] = [], newTrigrams: [String] = []
        for (language, table) in terms {
            var hll = vocabulary[language] ?? HyperLogLog(precision: settings.precision)
            for (term, occ) in table {
                let key = Self.key(language, term)
                termCounts.add(key, occ.count)
                termDocuments.add(key, occ.documents)
                hll.insert(term)
                newTerms.append(key)
            }
            vocabulary[language] = hll
        }
        for (language, table) in bi {
            for (gram, n) in table {
                let key = Self.key(language, gram)
                bigrams.add(key, n)
                newBigrams.append(key)
            }
        }
        for (language, table) in tri {
            for (gram, n) in table {
                let key = Self.key(language, gram)
                trigrams.add(key, n)
                newTrigrams.append(key)
            }
        }
        termCandidates = prune(termCandidates, newTerms, by: termCounts)
        bigramCandidates = prune(bigramCandidates, newBigrams, by: bigrams)
        trigramCandidates = prune(trigramCandidates, newTrigrams, by: trigrams)
    }

    /// The union of two candidate lists, cut to the best `candidates` by estimate (ties by key),
    /// returned sorted by key.
    private func prune(_ a: [String], _ b: [String], by sketch: CountMinSketch) -> [String] {
        var all = Set(a)
        all.formUnion(b)
        if all.count <= settings.candidates { return all.sorted() }
        let ranked = all.map { ($0, sketch.estimate($0)) }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        return ranked.prefix(settings.candidates).map(\.0).sorted()
    }
}

extension StatsPartial {
    /// In sketch mode, moves what the exact tables hold into the sketches and empties them.
    mutating func moveExactTablesIntoSketches(_ settings: SketchSettings) {
        if terms.isEmpty, bigrams.isEmpty, trigrams.isEmpty, sketches != nil { return }
        if sketches == nil { sketches = SketchTables(settings: settings) }
        sketches!.absorb(terms: terms, bigrams: bigrams, trigrams: trigrams)
        terms = [:]
        bigrams = [:]
        trigrams = [:]
    }
}

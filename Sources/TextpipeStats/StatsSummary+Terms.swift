import Foundation
import TextpipeCore

/// The vocabulary of a partial as the summary sees it: the exact tables, or in sketch mode the
/// candidate terms with their count-min estimates.
struct TermTable {
    struct Entry {
        var language: String
        var term: String
        var occurrences: Occurrences
        var stopword: Bool
    }

    let partial: StatsPartial
    let entries: [Entry]

    init(_ p: StatsPartial, stopwords: Stopwords) {
        partial = p
        var out: [Entry] = []
        if let sk = p.sketches {
            for key in sk.termCandidates {
                let (language, term) = SketchTables.split(key)
                let occ = Occurrences(count: sk.termCounts.estimate(key), documents: sk.termDocuments.estimate(key))
                out.append(Entry(language: language, term: term, occurrences: occ, stopword: stopwords.contains(term, language: language)))
            }
        }
        for (language, table) in p.terms {
            let stop = stopwords.list(for: language)
            for (term, occ) in table {
                out.append(Entry(language: language, term: term, occurrences: occ, stopword: stop.contains(term)))
            }
        }
        entries = out
    }

    func count(_ term: String, language: String) -> Int {
        if let sk = partial.sketches { return sk.termCounts.estimate(SketchTables.key(language, term)) }
        return partial.terms[language]?[term]?.count ?? 0
    }

    func documentFrequency(_ term: String, language: String) -> Int {
        if let sk = partial.sketches { return sk.termDocuments.estimate(SketchTables.key(language, term)) }
        return partial.terms[language]?[term]?.documents ?? 0
    }

    /// Smoothed inverse document frequency, ln((1 + documents in the language) / (1 + documents
    /// with the term)) + 1, as scikit-learn computes it: never zero, so that in a language with
    /// one document (or a term in every document) frequency still ranks the terms.
    func idf(df: Int, language: String) -> Double {
        let n = partial.languages[language]?.documents ?? partial.documents
        // A sketch may overestimate df beyond the documents there are.
        return log(Double(1 + n) / Double(1 + min(df, n))) + 1
    }

    func figure(_ e: Entry) -> StatsSummary.TermFigure {
        let idf = idf(df: e.occurrences.documents, language: e.language)
        return StatsSummary.TermFigure(term: e.term, language: e.language, count: e.occurrences.count,
                                       documents: e.occurrences.documents, idf: rounded(idf),
                                       tfidf: rounded(Double(e.occurrences.count) * idf))
    }

    func top(_ k: Int, includeStopwords: Bool, by score: (StatsSummary.TermFigure) -> Double) -> [StatsSummary.TermFigure] {
        let figures = entries.filter { includeStopwords || !$0.stopword }.map(figure)
        return StatsSummary.rank(figures, k, score: score, name: { $0.term + "\t" + $0.language })
    }

    func vocabulary(_ p: StatsPartial) -> StatsSummary.Vocabulary {
        let stopwords = (p.settings ?? StatsSettings()).stopwordLists
        var languages: [StatsSummary.LanguageVocabulary] = []
        var names = Set(p.languageTokens.keys).union(p.terms.keys)
        if let sk = p.sketches { names.formUnion(sk.vocabulary.keys) }
        for language in names.sorted() {
            let tokens = p.languageTokens[language] ?? 0
            let hasList = !stopwords.list(for: language).isEmpty
            var v = StatsSummary.LanguageVocabulary(
                language: language, documents: p.languages[language]?.documents ?? 0, tokens: tokens, types: 0,
                typesWithoutStopwords: nil, typeTokenRatio: nil, hapaxLegomena: nil, stopwordList: hasList)
            if let hll = p.sketches?.vocabulary[language] {
                v.types = hll.estimate
            } else if let table = p.terms[language] {
                let stop = stopwords.list(for: language)
                v.types = table.count
                v.typesWithoutStopwords = table.keys.reduce(0) { $0 + (stop.contains($1) ? 0 : 1) }
                v.hapaxLegomena = table.values.reduce(0) { $0 + ($1.count == 1 ? 1 : 0) }
            }
            v.typeTokenRatio = tokens > 0 ? rounded(Double(v.types) / Double(tokens)) : nil
            languages.append(v)
        }
        let estimated = p.sketches != nil
        let tokens = languages.reduce(0) { $0 + $1.tokens }
        let types = languages.reduce(0) { $0 + $1.types }
        return StatsSummary.Vocabulary(
            tokens: tokens, types: types,
            typesWithoutStopwords: estimated ? nil : languages.reduce(0) { $0 + ($1.typesWithoutStopwords ?? 0) },
            typeTokenRatio: tokens > 0 ? rounded(Double(types) / Double(tokens)) : nil,
            hapaxLegomena: estimated ? nil : languages.reduce(0) { $0 + ($1.hapaxLegomena ?? 0) },
            estimated: estimated, byLanguage: languages)
    }
}

/// Scores n-grams as collocations: pointwise mutual information for bigrams and trigrams, and
/// Dunning's log-likelihood ratio (G²) for bigrams, which unlike PMI does not favour rare
/// pairs. Probabilities are per language: words over its vocabulary tokens, n-grams over all
/// its n-gram positions (stop words included, though only n-grams without a stop word at
/// either end are kept).
struct NgramScorer {
    let partial: StatsPartial
    let table: TermTable
    let minCount: Int

    init(_ p: StatsPartial, table: TermTable, minCount: Int) {
        partial = p
        self.table = table
        self.minCount = minCount
    }

    func entries(_ n: Int) -> [(language: String, gram: String, count: Int)] {
        var out: [(String, String, Int)] = []
        if let sk = partial.sketches {
            let (keys, sketch) = n == 2 ? (sk.bigramCandidates, sk.bigrams) : (sk.trigramCandidates, sk.trigrams)
            for key in keys {
                let c = sketch.estimate(key)
                if c >= minCount { out.append((SketchTables.split(key).language, SketchTables.split(key).item, c)) }
            }
        }
        for (language, grams) in n == 2 ? partial.bigrams : partial.trigrams {
            for (gram, c) in grams where c >= minCount { out.append((language, gram, c)) }
        }
        return out
    }

    func figure(_ n: Int, _ language: String, _ gram: String, _ count: Int) -> StatsSummary.NgramFigure {
        let words = gram.split(separator: " ").map(String.init)
        let n1 = Double(partial.languageTokens[language] ?? 0)
        let positions = Double((n == 2 ? partial.bigramPositions : partial.trigramPositions)[language] ?? 0)
        let counts = words.map { Double(table.count($0, language: language)) }
        var pmi: Double?, llr: Double?
        if n1 > 0, positions > 0, counts.allSatisfy({ $0 > 0 }) {
            let joint = Double(count) / positions
            let independent = counts.reduce(1.0) { $0 * $1 / n1 }
            pmi = rounded(log2(joint / independent))
            if n == 2 { llr = rounded(Self.logLikelihood(Double(count), counts[0], counts[1], positions), 100) }
        }
        return StatsSummary.NgramFigure(ngram: gram, n: n, language: language, count: count, pmi: pmi, llr: llr)
    }

    func top(_ n: Int, _ k: Int, by score: (StatsSummary.NgramFigure) -> Double) -> [StatsSummary.NgramFigure] {
        let figures = entries(n).map { figure(n, $0.language, $0.gram, $0.count) }
        return StatsSummary.rank(figures, k, score: score, name: { $0.ngram + "\t" + $0.language })
    }

    /// G² of the 2×2 table: both words, the first without the second, the second without the
    /// first, neither; `total` bigram positions.
    static func logLikelihood(_ k11: Double, _ ca: Double, _ cb: Double, _ total: Double) -> Double {
        let k12 = max(0, ca - k11), k21 = max(0, cb - k11)
        let k22 = max(0, total - k11 - k12 - k21)
        let n = k11 + k12 + k21 + k22
        func term(_ k: Double, _ row: Double, _ col: Double) -> Double {
            k > 0 && row > 0 && col > 0 ? k * log(k * n / (row * col)) : 0
        }
        let r1 = k11 + k12, r2 = k21 + k22, c1 = k11 + k21, c2 = k12 + k22
        return 2 * (term(k11, r1, c1) + term(k12, r1, c2) + term(k21, r2, c1) + term(k22, r2, c2))
    }
}

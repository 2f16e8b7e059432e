import Foundation
import TextpipeCore

extension StatsSummary {
    /// Derives every figure from a partial, with the partial's own settings.
    public init(_ p: StatsPartial) {
        let s = p.settings ?? StatsSettings()
        let stopwords = s.stopwordLists
        let table = TermTable(p, stopwords: stopwords)
        totals = Totals(
            documents: p.documents, failed: p.failed, dropped: p.droppedCount, duplicates: p.duplicates,
            characters: p.characters, words: p.words, sentences: p.sentences, paragraphs: p.paragraphs,
            entityMentions: p.entityMentions, untokenized: p.untokenized,
            wordsPerDocument: Self.distribution(p.wordsPerDocument),
            wordsPerSentence: Self.distribution(p.wordsPerSentence))
        vocabulary = table.vocabulary(p)
        topTerms = table.top(s.topTerms, includeStopwords: false, by: { Double($0.count) })
        topTermsWithStopwords = table.top(s.topTerms, includeStopwords: true, by: { Double($0.count) })
        topTfidf = table.top(s.topTerms, includeStopwords: false, by: \.tfidf)
        let grams = NgramScorer(p, table: table, minCount: s.minCount)
        bigrams = grams.top(2, s.topTerms, by: { Double($0.count) })
        trigrams = grams.top(3, s.topTerms, by: { Double($0.count) })
        collocations = grams.top(2, s.topTerms / 2, by: { $0.llr ?? 0 }) + grams.top(3, s.topTerms / 2, by: { $0.pmi ?? 0 })
        entities = p.entities.keys.sorted().map { type in
            let names = p.entities[type]!
            let top = Self.rank(names.map { NameFigure(name: $0.key, mentions: $0.value.count, documents: $0.value.documents) },
                                s.topEntities, score: { Double($0.mentions) }, name: \.name)
            return EntityTypeFigure(type: type, mentions: names.values.reduce(0) { $0 + $1.count }, distinct: names.count,
                                    documents: p.entityTypeDocuments[type] ?? 0, top: top)
        }.sorted { ($0.mentions, $1.type) > ($1.mentions, $0.type) }
        // Pairs are ranked without a minimum: the top list cuts the rare ones, and on a small
        // corpus a minimum of three would leave almost nothing to show.
        var pairs: [PairFigure] = []
        for (a, row) in p.cooccurrence {
            for (b, n) in row {
                let (ta, na) = Self.splitEntityKey(a), (tb, nb) = Self.splitEntityKey(b)
                pairs.append(PairFigure(a: na, aType: ta, b: nb, bType: tb, sentences: n))
            }
        }
        cooccurrence = Self.rank(pairs, s.topPairs, score: { Double($0.sentences) }, name: { "\($0.aType):\($0.a)\t\($0.bType):\($0.b)" })
        sites = Self.groups(p.sites).sorted { ($0.documents, $1.name) > ($1.documents, $0.name) }
        days = Self.groups(p.days).sorted { ($0.name == "unknown" ? 1 : 0, $0.name) < ($1.name == "unknown" ? 1 : 0, $1.name) }
        languages = Self.groups(p.languages).sorted { ($0.documents, $1.name) > ($1.documents, $0.name) }
        var errs: [ErrorFigure] = []
        for (stage, kinds) in p.errors {
            for (kind, n) in kinds { errs.append(ErrorFigure(outcome: "failed", stage: stage, kind: kind, documents: n)) }
        }
        for (reason, n) in p.dropped { errs.append(ErrorFigure(outcome: "dropped", stage: nil, kind: reason, documents: n)) }
        errors = errs.sorted { ($0.outcome, $1.documents, $0.stage ?? "", $0.kind) < ($1.outcome, $0.documents, $1.stage ?? "", $1.kind) }
        documents = p.sample.documents.map { d in
            let words = d.terms.values.reduce(0) { $0 + $1.count }
            var figures: [TermFigure] = []
            for (term, occ) in d.terms where !stopwords.contains(term, language: d.language) {
                let df = table.documentFrequency(term, language: d.language)
                let idf = table.idf(df: df, language: d.language)
                figures.append(TermFigure(term: term, language: d.language, count: occ.count, documents: df,
                                          idf: rounded(idf), tfidf: rounded(Double(occ.count) * idf)))
            }
            return DocumentFigure(id: d.id, source: d.source, title: d.title, site: d.site, published: d.published,
                                  language: d.language, words: words, entities: d.entities.count,
                                  topTerms: Self.rank(figures, s.documentTerms, score: \.tfidf, name: \.term))
        }
        approximation = s.sketch?.errorStatement
        mixedSettings = p.mixedSettings
    }

    /// The best `k` by score, ties broken by name: a total order, so the result is stable.
    static func rank<T>(_ items: [T], _ k: Int, score: (T) -> Double, name: (T) -> String) -> [T] {
        let scored = items.map { (score($0), name($0), $0) }
        let sorted = scored.sorted { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 < $1.1 }
        return sorted.prefix(k).map(\.2)
    }

    static func splitEntityKey(_ key: String) -> (type: String, name: String) {
        guard let colon = key.firstIndex(of: ":") else { return ("", key) }
        return (String(key[..<colon]), String(key[key.index(after: colon)...]))
    }

    static func groups(_ table: [String: GroupCount]) -> [GroupFigure] {
        table.map { GroupFigure(name: $0.key, documents: $0.value.documents, words: $0.value.words) }
    }

    /// Count, mean, median, 90th percentile, range and display bins of an exact histogram.
    static func distribution(_ h: Histogram) -> Distribution {
        let count = h.observations
        guard count > 0, let lo = h.keys.min(), let hi = h.keys.max() else {
            return Distribution(count: 0, mean: nil, median: nil, p90: nil, min: nil, max: nil, bins: [])
        }
        // Bins of a round width covering up to the 99th percentile; the rest in an open last bin.
        let upper = count >= 100 ? (h.quantile(0.99) ?? hi) : hi
        let width = niceWidth(Double(upper + 1) / 20)
        let last = upper / width
        var counts = Array(repeating: 0, count: last + 2)
        for (value, n) in h { counts[min(max(value, 0) / width, last + 1)] += n }
        var bins = (0...last).map { Bin(from: $0 * width, to: ($0 + 1) * width, count: counts[$0]) }
        if counts[last + 1] > 0 { bins.append(Bin(from: (last + 1) * width, to: nil, count: counts[last + 1])) }
        return Distribution(count: count, mean: h.mean.map { rounded($0, 100) }, median: h.quantile(0.5),
                            p90: h.quantile(0.9), min: lo, max: hi, bins: bins)
    }

    /// The smallest of 1, 2, 5, 10, 20, 50, 100, ... that is at least `x`.
    static func niceWidth(_ x: Double) -> Int {
        var magnitude = 1
        while true {
            for step in [1, 2, 5] where Double(step * magnitude) >= x { return step * magnitude }
            magnitude *= 10
        }
    }
}

import TextpipeCore

/// The CSV tables of stats/: full tables where the partial has them (every term, every
/// entity), the listed rows where a full table would be mostly noise (n-grams and pairs below
/// `min_count`). Rows come in a fixed order (by count, then by name), so equal statistics give
/// equal files.
public enum StatsTables {
    public static func files(_ p: StatsPartial, summary: StatsSummary) -> [(String, CSVWriter)] {
        let s = p.settings ?? StatsSettings()
        let stopwords = s.stopwordLists
        let table = TermTable(p, stopwords: stopwords)

        var terms = CSVWriter(header: ["language", "term", "count", "documents", "idf", "tfidf", "stopword"])
        let sortedTerms = table.entries.sorted {
            ($1.occurrences.count, $0.language, $0.term) < ($0.occurrences.count, $1.language, $1.term)
        }
        for e in sortedTerms {
            let f = table.figure(e)
            terms.row([.text(f.language), .text(f.term), .int(f.count), .int(f.documents), .double(f.idf),
                       .double(f.tfidf), .text(e.stopword ? "yes" : "no")])
        }

        var ngrams = CSVWriter(header: ["n", "language", "ngram", "count", "pmi", "llr"])
        let scorer = NgramScorer(p, table: table, minCount: s.minCount)
        for n in s.ngrams >= 2 ? Array(2...s.ngrams) : [] {
            let rows = scorer.entries(n).sorted { ($1.count, $0.language, $0.gram) < ($0.count, $1.language, $1.gram) }
            for r in rows {
                let f = scorer.figure(n, r.language, r.gram, r.count)
                ngrams.row([.int(n), .text(f.language), .text(f.ngram), .int(f.count),
                            f.pmi.map(CSVField.double) ?? .empty, f.llr.map(CSVField.double) ?? .empty])
            }
        }

        var entities = CSVWriter(header: ["type", "name", "mentions", "documents"])
        for type in p.entities.keys.sorted() {
            let rows = p.entities[type]!.sorted { ($1.value.count, $0.key) < ($0.value.count, $1.key) }
            for (name, occ) in rows { entities.row([.text(type), .text(name), .int(occ.count), .int(occ.documents)]) }
        }

        var pairs = CSVWriter(header: ["type_a", "entity_a", "type_b", "entity_b", "sentences"])
        var all: [(String, String, Int)] = []
        for (a, row) in p.cooccurrence { for (b, n) in row where n >= s.minCount { all.append((a, b, n)) } }
        for (a, b, n) in all.sorted(by: { ($1.2, $0.0, $0.1) < ($0.2, $1.0, $1.1) }) {
            let (ta, na) = StatsSummary.splitEntityKey(a), (tb, nb) = StatsSummary.splitEntityKey(b)
            pairs.row([.text(ta), .text(na), .text(tb), .text(nb), .int(n)])
        }

        func groups(_ header: String, _ rows: [StatsSummary.GroupFigure]) -> CSVWriter {
            var w = CSVWriter(header: [header, "documents", "words"])
            for g in rows { w.row([.text(g.name), .int(g.documents), .int(g.words)]) }
            return w
        }

        var languages = CSVWriter(header: ["language", "documents", "tokens", "types", "types_without_stopwords",
                                           "type_token_ratio", "hapax_legomena"])
        for v in summary.vocabulary.byLanguage {
            languages.row([.text(v.language), .int(v.documents), .int(v.tokens), .int(v.types),
                           v.typesWithoutStopwords.map(CSVField.int) ?? .empty,
                           v.typeTokenRatio.map(CSVField.double) ?? .empty, v.hapaxLegomena.map(CSVField.int) ?? .empty])
        }

        var lengths = CSVWriter(header: ["measure", "length", "count"])
        for (measure, h) in [("words_per_document", p.wordsPerDocument), ("words_per_sentence", p.wordsPerSentence)] {
            for (value, n) in h.sorted(by: { $0.key < $1.key }) { lengths.row([.text(measure), .int(value), .int(n)]) }
        }

        var errors = CSVWriter(header: ["outcome", "stage", "kind", "documents"])
        for e in summary.errors { errors.row([.text(e.outcome), .text(e.stage ?? ""), .text(e.kind), .int(e.documents)]) }

        var documents = CSVWriter(header: ["id", "title", "rank", "term", "count", "documents", "tfidf"])
        for d in summary.documents {
            for (i, t) in d.topTerms.enumerated() {
                documents.row([.text(d.id), .text(d.title ?? ""), .int(i + 1), .text(t.term), .int(t.count),
                               .int(t.documents), .double(t.tfidf)])
            }
        }

        return [
            ("terms", terms), ("ngrams", ngrams), ("entities", entities), ("cooccurrence", pairs),
            ("sources", groups("site", summary.sites)), ("days", groups("day", summary.days)),
            ("languages", languages), ("lengths", lengths), ("errors", errors), ("document_terms", documents),
        ]
    }
}

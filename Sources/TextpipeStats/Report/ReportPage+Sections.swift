import Foundation

extension ReportPage {
    func timeSection() -> String {
        let known = summary.days.filter { $0.name != "unknown" }
        let unknown = summary.days.first { $0.name == "unknown" }?.documents ?? 0
        let periods = Timeline.periods(known.map { ($0.name, $0.documents) })
        var note = "Documents by publication date (from the page's metadata), per \(periods.unit)."
        if unknown > 0 { note += " \(HTML.number(unknown)) document\(unknown == 1 ? " has" : "s have") no date and \(unknown == 1 ? "is" : "are") not shown." }
        let items = periods.items.map {
            SVGChart.Item(label: $0.label, value: Double($0.count), display: String($0.count), tooltip: "\($0.label): \($0.count) documents")
        }
        return section("time", "Documents over time", note: note,
                       figure("Documents per \(periods.unit)", SVGChart.columns("chart-days", title: "Documents per \(periods.unit)", items: items, color: ReportStyle.accent, width: 1080, height: 220)))
    }

    func lengthSection() -> String {
        func chart(_ id: String, _ title: String, _ d: StatsSummary.Distribution, unit: String) -> String {
            let items = d.bins.map { b in
                SVGChart.Item(label: b.to.map { $0 - b.from == 1 ? "\(b.from)" : "\(b.from)–\($0 - 1)" } ?? "\(b.from)+",
                              value: Double(b.count), display: String(b.count))
            }
            var caption = title
            if let m = d.median, let p = d.p90, let mean = d.mean { caption += String(format: " (median %d, mean %.1f, 90%% below %d)", m, mean, p) }
            return figure(caption, SVGChart.columns(id, title: title, items: items, color: ReportStyle.lengths, axisLabel: unit))
        }
        let t = summary.totals
        return section("lengths", "Length distributions", note: "How long documents and sentences are, in words (words, numbers, hashtags and mentions).",
                       "<div class=\"grid2\">" + chart("chart-doc-lengths", "Words per document", t.wordsPerDocument, unit: "words per document")
                       + chart("chart-sentence-lengths", "Words per sentence", t.wordsPerSentence, unit: "words per sentence") + "</div>")
    }

    func termSection() -> String {
        let v = summary.vocabulary
        var note = "Terms are lower-cased words. Stop words (function words of each language) are left out of both charts. "
        note += "tf·idf weighs a term's count by 1 + ln((1 + documents) / (1 + documents with the term)), per language, so terms found in few documents rise."
        let top = summary.topTerms.prefix(25).map {
            SVGChart.Item(label: $0.term, value: Double($0.count), display: HTML.number($0.count),
                          tooltip: "\($0.term) (\($0.language)): \($0.count) times in \($0.documents) documents")
        }
        let tfidf = summary.topTfidf.prefix(25).map {
            SVGChart.Item(label: $0.term, value: $0.tfidf, display: String(format: "%.1f", $0.tfidf),
                          tooltip: "\($0.term) (\($0.language)): tf·idf \($0.tfidf), idf \($0.idf)")
        }
        let rows = v.byLanguage.map { l in
            [l.language, HTML.number(l.documents), HTML.number(l.tokens), HTML.number(l.types),
             l.typesWithoutStopwords.map(HTML.number) ?? "–", l.typeTokenRatio.map { String(format: "%.3f", $0) } ?? "–",
             l.hapaxLegomena.map(HTML.number) ?? "–", l.stopwordList ? "yes" : "no"]
        }
        return section("terms", "Vocabulary and top terms", note: note,
                       "<div class=\"grid2\">" + figure("Most frequent terms", SVGChart.bars("chart-top-terms", title: "Most frequent terms", items: Array(top), color: ReportStyle.terms))
                       + figure("Top terms by tf·idf", SVGChart.bars("chart-tfidf", title: "Top terms by tf·idf", items: Array(tfidf), color: "#0e7490")) + "</div>"
                       + "<h3>Vocabulary by language</h3>"
                       + table(["language", "documents", "word tokens", "distinct terms", "without stop words", "type/token", "hapax legomena", "stop-word list"],
                               rows, numeric: [1, 2, 3, 4, 5, 6]))
    }

    func ngramSection() -> String {
        let s = partial.settings ?? StatsSettings()
        guard s.ngrams >= 2 else { return section("ngrams", "Collocations", "<p class=\"nodata\">N-grams were not counted (ngrams: 1).</p>") }
        let note = "N-grams within sentences that neither start nor end with a stop word, seen at least \(s.minCount) times. "
            + "PMI = log₂ P(n-gram) / Π P(word); LLR is Dunning's log-likelihood ratio, which ranks the bigram collocations."
        let bigrams = summary.bigrams.prefix(20).map {
            SVGChart.Item(label: $0.ngram, value: Double($0.count), display: HTML.number($0.count), tooltip: "\($0.ngram): \($0.count), PMI \($0.pmi ?? 0)")
        }
        let rows = summary.collocations.prefix(30).map { c in
            [c.ngram, c.language, HTML.number(c.count), c.pmi.map { String(format: "%.2f", $0) } ?? "–", c.llr.map { String(format: "%.1f", $0) } ?? "–"]
        }
        return section("ngrams", "Collocations", note: note,
                       "<div class=\"grid2\">" + figure("Most frequent bigrams", SVGChart.bars("chart-bigrams", title: "Most frequent bigrams", items: Array(bigrams), color: "#4d7c0f"))
                       + "<figure><figcaption>Strongest collocations</figcaption>" + table(["n-gram", "lang", "count", "PMI", "LLR"], rows, numeric: [2, 3, 4]) + "</figure></div>")
    }

    func entitySection() -> String {
        guard !summary.entities.isEmpty else { return section("entities", "Entities", "<p class=\"nodata\">No entities (the pipeline has no entities stage, or it found none).</p>") }
        var figures = ""
        for type in summary.entities {
            let items = type.top.prefix(10).map {
                SVGChart.Item(label: $0.name, value: Double($0.mentions), display: HTML.number($0.mentions),
                              tooltip: "\($0.name): \($0.mentions) mentions in \($0.documents) documents")
            }
            let caption = "\(type.type) · \(HTML.count(type.mentions, "mention")), \(HTML.number(type.distinct)) distinct, in \(HTML.count(type.documents, "document"))"
            figures += figure(caption, SVGChart.bars("chart-entities-\(type.type.lowercased())", title: "Top \(type.type) entities", items: Array(items), color: ReportStyle.ink(type.type), width: 360))
        }
        return section("entities", "Entities by type", note: "Entities are counted by their canonical form, so that the names of one entity add up.",
                       EntityView.legend(summary.entities.map(\.type)) + "<div class=\"grid3\">" + figures + "</div>")
    }

    func cooccurrenceSection() -> String {
        let pairs = summary.cooccurrence
        var weight: [String: Int] = [:]
        var types: [String: String] = [:]
        for p in pairs {
            weight[p.a, default: 0] += p.sentences
            weight[p.b, default: 0] += p.sentences
            types[p.a] = p.aType
            types[p.b] = p.bType
        }
        let names = weight.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(16).map(\.key)
        var index: [String: Int] = [:]
        for (i, n) in names.enumerated() { index[n] = i }
        var counts = Array(repeating: Array(repeating: 0, count: names.count), count: names.count)
        for p in pairs {
            if let i = index[p.a], let j = index[p.b] {
                counts[i][j] = p.sentences
                counts[j][i] = p.sentences
            }
        }
        let s = partial.settings ?? StatsSettings()
        let heat = SVGChart.heatmap("chart-cooccurrence", title: "Entity co-occurrence", names: names,
                                    colors: names.map { ReportStyle.ink(types[$0] ?? "") }, counts: counts)
        let rows = pairs.prefix(15).map { ["\($0.a) (\($0.aType))", "\($0.b) (\($0.bType))", HTML.number($0.sentences)] }
        return section("cooccurrence", "Entity co-occurrence",
                       note: "Names mentioned in the same sentence (values such as dates and numbers left out): the \(s.topPairs) most frequent pairs, and the entities most often in them. Darker cells: more sentences.",
                       "<div class=\"grid2\">" + figure("The most connected entities", heat)
                       + "<figure><figcaption>Top pairs</figcaption>" + table(["entity", "with", "sentences"], rows, numeric: [2]) + "</figure></div>")
    }

    func sourceSection() -> String {
        let sites = summary.sites.prefix(20).map {
            SVGChart.Item(label: $0.name, value: Double($0.documents), display: HTML.number($0.documents),
                          tooltip: "\($0.name): \($0.documents) documents, \($0.words) words")
        }
        let languages = summary.languages.map {
            SVGChart.Item(label: $0.name, value: Double($0.documents), display: HTML.number($0.documents),
                          tooltip: "\($0.name): \($0.documents) documents, \($0.words) words")
        }
        return section("sources", "Sources and languages", note: "Sites from the pages' metadata (or the URL's host); languages as the clean stage detected them.",
                       "<div class=\"grid2\">" + figure("Documents per site", SVGChart.bars("chart-sources", title: "Documents per site", items: Array(sites), color: ReportStyle.sources))
                       + figure("Documents per language", SVGChart.bars("chart-languages", title: "Documents per language", items: languages, color: "#9333ea")) + "</div>")
    }

    func errorSection() -> String {
        let t = summary.totals
        let rows = summary.errors.map { [$0.outcome, $0.stage ?? "–", $0.kind, HTML.number($0.documents)] }
        var note = "\(HTML.number(t.failed)) failed and \(HTML.number(t.dropped)) dropped, besides \(HTML.count(t.documents, "document")) processed"
        note += t.duplicates > 0 ? "; \(HTML.count(t.duplicates, "was a near-duplicate", "were near-duplicates")) of earlier ones." : "."
        return section("errors", "Errors and duplicates", note: note, table(["outcome", "stage", "kind or reason", "documents"], rows, numeric: [3]))
    }

    func documentSection() -> String {
        guard !partial.sample.documents.isEmpty else { return section("documents", "Documents", "<p class=\"nodata\">No documents kept (report_documents: 0).</p>") }
        let types = Set(partial.sample.documents.flatMap { $0.entities.map(\.type) }).sorted()
        var s = EntityView.legend(types)
        let figures = Dictionary(summary.documents.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for d in partial.sample.documents {
            s += "<article class=\"doc\"><h3>\(HTML.escape(d.title ?? d.source))</h3><div class=\"meta\">"
            s += [d.site, d.published, d.language, d.source].compactMap { $0 }.map(HTML.escape).joined(separator: " · ") + "</div>"
            if let terms = figures[d.id]?.topTerms, !terms.isEmpty {
                s += "<div class=\"chips\"><b>tf·idf:</b>" + terms.map { "<span class=\"chip\">\(HTML.escape($0.term))</span>" }.joined() + "</div>"
            }
            s += "<div class=\"text\">\(EntityView.html(d))</div></article>"
        }
        return section("documents", "Documents with their entities",
                       note: "A fixed sample: the \(partial.sample.documents.count) documents whose ids hash lowest, so any run or merge over the same corpus shows the same ones.", s)
    }
}

import Foundation

/// report.html: one self-contained page that shows what a corpus says.
///
/// Design. The page is rendered from the statistics alone (a `StatsPartial` and its
/// `StatsSummary`), so `textpipe report STATS.json` gives the same page as the run that made
/// the file. It needs nothing from outside: the stylesheet is inline, fonts are the system's,
/// charts are inline SVG (`SVGChart`) and there is no script at all. Sections, in order:
/// key figures; documents over time; length distributions; vocabulary and top terms;
/// collocations; entities per type; entity co-occurrence; sources and languages; errors; and a
/// few documents with their entities highlighted (`EntityView`). It reads on a laptop screen
/// (cards and charts in a responsive grid) and prints on A4 (print stylesheet).
public struct ReportPage {
    let partial: StatsPartial
    let summary: StatsSummary

    public init(partial: StatsPartial, summary: StatsSummary? = nil) {
        self.partial = partial
        self.summary = summary ?? StatsSummary(partial)
    }

    public func html() -> String {
        let t = summary.totals
        var body = ""
        body += "<header class=\"top\"><h1>Corpus report</h1><p>\(HTML.number(t.documents)) documents · "
        body += "\(HTML.number(t.words)) words · \(summary.languages.count) language\(summary.languages.count == 1 ? "" : "s") · "
        body += "\(summary.sites.count) source\(summary.sites.count == 1 ? "" : "s")\(dateRange())</p></header><main>"
        body += "<nav class=\"toc\">" + [("time", "Over time"), ("lengths", "Lengths"), ("terms", "Terms"),
                                          ("ngrams", "Collocations"), ("entities", "Entities"), ("cooccurrence", "Co-occurrence"),
                                          ("sources", "Sources"), ("errors", "Errors"), ("documents", "Documents")]
            .map { "<a href=\"#\($0.0)\">\($0.1)</a>" }.joined() + "</nav>"
        if summary.mixedSettings {
            body += "<div class=\"warn\">These statistics merge partials counted with different settings; some figures mix them.</div>"
        }
        if let note = summary.approximation { body += "<div class=\"warn\"><b>Approximate figures.</b> \(HTML.escape(note))</div>" }
        body += cards()
        body += timeSection() + lengthSection() + termSection() + ngramSection()
        body += entitySection() + cooccurrenceSection() + sourceSection() + errorSection() + documentSection()
        body += "<footer>Made by textpipe from corpus statistics. Figures derived from exact counts"
        body += summary.approximation == nil ? "." : " where marked, estimates elsewhere."
        body += "</footer></main>"
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Corpus report · textpipe</title>
            <style>\(ReportStyle.css)</style></head>
            <body>\(body)</body></html>

            """
    }

    private func dateRange() -> String {
        let known = summary.days.filter { $0.name != "unknown" }
        guard let first = known.first?.name, let last = known.last?.name else { return "" }
        return first == last ? " · \(first)" : " · \(first) to \(last)"
    }

    private func cards() -> String {
        let t = summary.totals, v = summary.vocabulary
        var items: [(String, String)] = [
            (HTML.number(t.documents), "documents"), (HTML.number(t.words), "words"),
            (HTML.number(t.sentences), "sentences"), (HTML.number(t.characters), "characters"),
            ((v.estimated ? "≈" : "") + HTML.number(v.types), "distinct terms"),
            (v.typeTokenRatio.map { String(format: "%.3f", $0) } ?? "–", "type/token ratio"),
            (v.hapaxLegomena.map(HTML.number) ?? "–", "hapax legomena"),
            (HTML.number(t.entityMentions), "entity mentions"),
            (t.wordsPerDocument.median.map(HTML.number) ?? "–", "median words per document"),
        ]
        items.append((HTML.number(t.failed), "failed documents"))
        if t.dropped > 0 { items.append((HTML.number(t.dropped), "dropped")) }
        if t.duplicates > 0 { items.append((HTML.number(t.duplicates), "near-duplicates")) }
        return "<div class=\"cards\">" + items.map { "<div class=\"card\"><div class=\"n\">\($0.0)</div><div class=\"k\">\($0.1)</div></div>" }.joined() + "</div>"
    }

    func section(_ id: String, _ title: String, note: String = "", _ content: String) -> String {
        "<section id=\"\(id)\"><h2>\(HTML.escape(title))</h2>" + (note.isEmpty ? "" : "<p class=\"note\">\(note)</p>") + content + "</section>"
    }

    func figure(_ caption: String, _ svg: String) -> String {
        "<figure><figcaption>\(HTML.escape(caption))</figcaption>\(svg)</figure>"
    }

    func table(_ header: [String], _ rows: [[String]], numeric: Set<Int> = []) -> String {
        guard !rows.isEmpty else { return "<p class=\"nodata\">None.</p>" }
        var s = "<table><thead><tr>"
        for (i, h) in header.enumerated() { s += "<th\(numeric.contains(i) ? " class=\"num\"" : "")>\(HTML.escape(h))</th>" }
        s += "</tr></thead><tbody>"
        for row in rows {
            s += "<tr>"
            for (i, cell) in row.enumerated() { s += "<td\(numeric.contains(i) ? " class=\"num\"" : "")>\(HTML.escape(cell))</td>" }
            s += "</tr>"
        }
        return s + "</tbody></table>"
    }
}

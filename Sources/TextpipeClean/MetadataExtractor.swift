import Foundation
import TextpipeCore
import TextpipeMarkup

/// Reads title, author, date, site, language, canonical URL and description from a page, and
/// records in `Metadata.sources` where each one was found.
///
/// One pass over the elements collects every candidate (`MetadataCandidates`): `<meta>` tags
/// by name, property or itemprop, JSON-LD objects, `<title>`, `<h1>`, `<time>`, `rel=author`
/// links, byline-like elements, `<html lang>`, `<link rel=canonical>`. Each field then takes
/// the first candidate in an order of trust: structured data that publishers fill for search
/// engines (JSON-LD, OpenGraph, article:* meta) before visible markup, visible markup before
/// guesses (URL, date-like text). Titles lose the site name that pages append ("Story | Site").
/// A published date later than the fetch time is discarded as a template artefact.
struct MetadataExtractor {
    let doc: MarkupDocument
    let ids: AttributeIDs
    let hints: [ElementHint]
    let url: String?
    let fetched: Date?

    func extract() -> Metadata { extractWithBody().meta }

    /// The metadata, and the JSON-LD `articleBody` when the page has one.
    func extractWithBody() -> (meta: Metadata, articleBody: String?) {
        let c = MetadataCandidates(doc: doc, ids: ids, hints: hints)
        var m = Metadata()
        func take(_ field: String, _ options: [(String?, String)]) -> String? {
            for (value, source) in options {
                if let v = value.map(Self.collapse), !v.isEmpty {
                    m.sources[field] = source
                    return v
                }
            }
            return nil
        }
        m.site = take("site", [(c.meta["og:site_name"], "og:site_name"), (c.jsonLD.publisher, "json-ld:publisher"),
                               (c.meta["application-name"], "meta:application-name")])
        let rawTitle = take("title", [
            // A lone h1 of one word is a logo or a section name, not the headline.
            (c.h1.count == 1 && Self.words(c.h1[0]) >= 2 ? c.h1[0] : nil, "h1"),
            (c.jsonLD.headline, "json-ld:headline"), (c.meta["og:title"], "og:title"),
            (c.meta["twitter:title"], "twitter:title"), (c.meta["dc.title"], "meta:dc.title"),
            (c.title, "title"), (c.h1.first, "h1"),
        ])
        if let raw = rawTitle {
            let (title, site) = TitleCleaner.split(raw, site: m.site, h1: c.h1.first, url: url)
            m.title = title
            if m.site == nil, let site {
                m.site = site
                m.sources["site"] = "title"
            }
        }
        if m.sources["title"] == "h1", let h1 = m.title {
            // A kicker printed in the headline ("Ernährung sichern Schulze: Deutschland steht
            // ..."): when the h1 ends with the headline another source gives, and what comes
            // before it is not set off by a separator (then it is part of the headline, as in
            // "Pure Leere": ..., or "Welpen kaufen – Tipps ..."), that is the title.
            let folded = BlockPruner.fold(h1)
            for (value, source) in [(c.jsonLD.headline, "json-ld:headline"), (c.meta["og:title"], "og:title"),
                                    (c.meta["twitter:title"], "twitter:title"), (c.title, "title")] {
                guard let v = value else { continue }
                let raw = Self.collapse(v)
                if BlockPruner.fold(raw) == folded { break }  // a source agrees with the h1
                let other = TitleCleaner.split(raw, site: m.site, h1: nil, url: url).title
                let key = BlockPruner.fold(other)
                guard Self.words(other) >= 2, key.count >= 12, key.count < folded.count, folded.hasSuffix(key) else { continue }
                let kicker = folded.dropLast(key.count).trimmingCharacters(in: .whitespaces)
                if let last = kicker.last, !"-–—:|/\"“”»«'’".contains(last) {
                    m.title = other
                    m.sources["title"] = source
                    break
                }
            }
        }
        if m.site == nil, let t = c.title, m.title != nil {
            // The <title> often carries the site name even when the title came from elsewhere.
            let (_, site) = TitleCleaner.split(Self.collapse(t), site: nil, h1: m.title, url: url)
            if let site {
                m.site = site
                m.sources["site"] = "title"
            }
        }
        let authors: [(String?, String)] = [
            (c.jsonLD.author, "json-ld:author"), (c.meta["author"].flatMap(Self.notURL), "meta:author"),
            (c.meta["article:author"].flatMap(Self.notURL), "meta:article:author"),
            (c.meta["byl"], "meta:byl"), (c.meta["dc.creator"], "meta:dc.creator"),
            (c.meta["parsely-author"], "meta:parsely-author"), (c.meta["sailthru.author"], "meta:sailthru.author"),
            (c.itemAuthor, "itemprop:author"), (c.relAuthor, "rel=author"), (c.byline, "byline"),
            (c.textByline, "byline-text"),
        ]
        let notAuthors = Set([m.site].compactMap { $0.map(TitleCleaner.key) })
        for (value, source) in authors {
            // The site's own name is not an author (publishers fill author fields with it).
            guard let v = value, let a = Self.cleanAuthor(Self.collapse(v)), !notAuthors.contains(TitleCleaner.key(a)) else { continue }
            m.author = a
            m.sources["author"] = source
            break
        }
        let dates: [(String?, String)] = [
            (c.jsonLD.datePublished, "json-ld:datePublished"), (c.meta["article:published_time"], "meta:article:published_time"),
            (c.meta["og:published_time"], "meta:og:published_time"), (c.meta["datepublished"], "itemprop:datePublished"),
            (c.meta["pubdate"], "meta:pubdate"), (c.meta["publishdate"], "meta:publishdate"),
            (c.meta["publish-date"], "meta:publish-date"), (c.meta["date"], "meta:date"),
            (c.meta["dc.date.issued"], "meta:dc.date.issued"), (c.meta["dc.date"], "meta:dc.date"),
            (c.meta["sailthru.date"], "meta:sailthru.date"), (c.meta["parsely-pub-date"], "meta:parsely-pub-date"),
            (c.meta["article.published"], "meta:article.published"), (c.jsonLD.dateCreated, "json-ld:dateCreated"),
            (c.timeDatetime, "time"), (url.flatMap(DateParser.fromURL), "url"), (c.dateText, "text"),
            (c.jsonLD.dateModified, "json-ld:dateModified"), (c.meta["article:modified_time"], "meta:article:modified_time"),
        ]
        for (value, source) in dates {
            guard let v = value, let iso = DateParser.iso8601(v) else { continue }
            if isAfterFetch(iso) { continue }
            m.published = iso
            m.sources["published"] = source
            break
        }
        if m.published == nil, let d = c.visibleDate(doc), !isAfterFetch(d) {
            m.published = d
            m.sources["published"] = "text"
        }
        m.language = take("language", [(c.htmlLang, "html:lang"), (c.meta["content-language"], "meta:content-language"),
                                       (c.meta["og:locale"], "og:locale"), (c.meta["dc.language"], "meta:dc.language")])
            .flatMap(Self.languageCode)
        if m.language == nil { m.sources["language"] = nil }
        m.canonicalURL = take("canonical_url", [(c.canonical, "link:canonical"), (c.meta["og:url"], "og:url")])
        m.description = take("description", [(c.meta["description"], "meta:description"),
                                             (c.meta["og:description"], "og:description"),
                                             (c.jsonLD.description, "json-ld:description")])
        return (m, c.jsonLD.articleBody)
    }

    /// A date later than the fetch (with a day's slack for time zones) is a template artefact.
    func isAfterFetch(_ iso: String) -> Bool {
        guard let fetched, let d = DateParser.date(iso) else { return false }
        return d > fetched.addingTimeInterval(86_400)
    }

    static func words(_ s: String) -> Int { s.split(whereSeparator: { $0.isWhitespace }).count }

    static func collapse(_ s: String) -> String {
        TextNormalizer.normalizeLine(Substring(s))
    }

    static func notURL(_ s: String) -> String? {
        s.hasPrefix("http://") || s.hasPrefix("https://") || s.hasPrefix("/") ? nil : s
    }

    /// A name out of a byline, or nil when there is none: "By Jane Doe" → "Jane Doe",
    /// "Bo2man am 29.12.2010, 13:36 Uhr" → "Bo2man", "Veröffentlicht am 8. Februar 2022 von
    /// PETA-Team" → "PETA-Team", "Patrick Czerny -" → "Patrick Czerny". Labels without a name
    /// ("Posted", "Name *") and comment headers ("Ann says:") give nil, and so does anything
    /// too long to be a list of names.
    static func cleanAuthor(_ s: String) -> String? {
        var t = s
        let lower = t.lowercased()
        if lower.hasSuffix(" says:") || lower.hasSuffix(" sagt:") || lower.contains(" says: ") || lower.contains(" sagt: ") { return nil }
        for marker in [" von ", " by ", " par ", " por ", " di "] {
            if let r = lower.range(of: marker), lower[..<r.lowerBound].split(separator: " ").count <= 6,
               lower.hasPrefix("veröffentlicht") || lower.hasPrefix("published") || lower.hasPrefix("posted")
                || lower.hasPrefix("geschrieben") || lower.hasPrefix("erstellt") || lower.hasPrefix("zeige")
                || lower.hasPrefix("view") || lower.hasPrefix("alle") || lower.hasPrefix("written") || lower.hasPrefix("publié") {
                t = String(t[t.index(t.startIndex, offsetBy: lower.distance(from: lower.startIndex, to: r.upperBound))...])
                break
            }
        }
        for prefix in ["by ", "von ", "par ", "por ", "di ", "door ", "av ", "written by ", "posted by ", "autor: ",
                       "autorin: ", "author: ", "text: ", "von: ", "by: "] where t.lowercased().hasPrefix(prefix) {
            t = String(t.dropFirst(prefix.count))
        }
        // Cut what follows the name: a date, a role, a separator.
        for cut in [" | ", " - ", " – ", " — ", " am ", " on ", " le ", " el ", " il ", " · ", " • ", "\n"] {
            if let r = t.range(of: cut) { t = String(t[..<r.lowerBound]) }
        }
        if let digit = t.firstIndex(where: { $0.isNumber }), t.distance(from: t.startIndex, to: digit) >= 3 {
            t = String(t[..<digit])
        }
        t = t.trimmingCharacters(in: Set(" ,;:-–—|*→'\"“”„‘’".map { $0 }))
        // A weekday left before a cut date ("Tomas Spahn Fr, 12.03.2021").
        if let last = t.split(separator: " ").last, t.contains(" "), weekdays.contains(last.lowercased()) {
            t = String(t.dropLast(last.count)).trimmingCharacters(in: Set(" ,".map { $0 }))
        }
        // An address, a handle or a domain is not a name ("@NatGeoUK", "Firma GmbH www.firma.de",
        // "Site.com"); a weekday abbreviation is the rest of a date (full names are left: "The
        // Mail on Sunday").
        let lowered = t.lowercased()
        if lowered.contains("@") || lowered.contains("[at]") || lowered.contains(" www.")
            || (!lowered.contains(" ") && [".com", ".de", ".net", ".org", ".fr", ".at", ".ch"].contains(where: { lowered.hasSuffix($0) })) {
            return nil
        }
        let words = t.split(separator: " ")
        guard !t.isEmpty, t.count <= 80, words.count <= 12 else { return nil }
        let labels: Set<String> = ["posted", "publiziert", "veröffentlicht", "artikel von", "name", "autor", "author",
                                   "archiv anzeigen", "redaktion", "admin", "by", "von", "written by", "anonymous",
                                   "publiziert am", "veröffentlicht am", "erstellt am", "posted on", "published on", "geschrieben am"]
        if labels.contains(t.lowercased()) { return nil }
        // A form field's label ("Name (required)", "Name *"), as comment forms name their author field.
        for mark in ["(required)", "(erforderlich)", "(obligatoire)", "(obligatorio)", "(pflichtfeld)"]
        where t.lowercased().hasSuffix(mark) {
            return nil
        }
        return t
    }

    static let weekdays: Set<String> = [
        "mo", "di", "mi", "do", "fr", "sa", "so", "mon", "tue", "wed", "thu", "fri", "sat", "sun",
    ]

    /// "en-US", "de_DE", "fr" → two letters.
    static func languageCode(_ s: String) -> String? {
        let code = s.lowercased().prefix { $0.isLetter }
        return code.count == 2 ? String(code) : nil
    }
}

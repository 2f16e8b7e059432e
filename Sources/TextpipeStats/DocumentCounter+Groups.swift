import Foundation
import TextpipeCore

extension DocumentCounter {
    /// Entities by type and canonical name, documents per type, and co-occurrence of names
    /// within sentences.
    func countEntities(_ doc: Document, into p: inout StatsPartial) {
        guard !doc.entities.isEmpty else { return }
        var seen: Set<String> = []
        var types: Set<String> = []
        for e in doc.entities {
            let name = Self.name(of: e)
            var occ = Occurrences(count: 1, documents: 0)
            if seen.insert(e.type + "\t" + name).inserted { occ.documents = 1 }
            p.entities[e.type, default: [:]][name, default: .zero].add(occ)
            types.insert(e.type)
        }
        for t in types { p.entityTypeDocuments[t] = 1 }

        let sentences = doc.sentences
        guard !sentences.isEmpty else { return }
        let entities = doc.entities.sorted { $0.start < $1.start }
        var si = 0
        var current: Set<String> = []
        func flush() {
            guard current.count >= 2 else {
                current.removeAll(keepingCapacity: true)
                return
            }
            let names = current.sorted().prefix(Self.maxEntitiesPerSentence)
            for (i, a) in names.enumerated() {
                for b in names.dropFirst(i + 1) { p.cooccurrence[a, default: [:]][b, default: 0] += 1 }
            }
            current.removeAll(keepingCapacity: true)
        }
        for e in entities where !Self.valueTypes.contains(e.type) {
            while si < sentences.count, e.start >= sentences[si].end {
                flush()
                si += 1
            }
            guard si < sentences.count else { break }
            if e.start >= sentences[si].start, e.end <= sentences[si].end {
                current.insert(e.type + ":" + Self.name(of: e))
            }
        }
        flush()
    }

    /// The candidate entry of this document in the report's sample.
    func sampleEntry(_ doc: Document, language: String, cutByte: Int, cutScalar: Int, chars: Int,
                     terms: CountTable<Occurrences>) -> SampledDocument {
        let truncated = cutScalar < chars
        let text = truncated ? String(decoding: doc.text.utf8.prefix(cutByte), as: UTF8.self) : doc.text
        let entities = doc.entities.filter { $0.end <= cutScalar }.map {
            SampledEntity(start: $0.start, end: $0.end, type: $0.type, canonical: $0.canonical)
        }
        return SampledDocument(
            key: DocumentSample.key(for: doc.id), id: doc.id, source: doc.source, title: doc.meta.title,
            site: doc.meta.site, published: doc.meta.published, language: language, text: text,
            truncated: truncated, entities: entities, terms: terms)
    }

    /// An entity's name in the tables: its canonical form, else its text, on one line.
    static func name(of e: Entity) -> String {
        let raw = e.canonical ?? e.text
        guard raw.utf8.contains(where: { $0 == 10 || $0 == 13 || $0 == 9 }) else { return raw }
        return raw.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// The primary language subtag, lower case; "und" (undetermined) when unknown.
    static func language(_ tag: String?) -> String {
        guard let tag, !tag.isEmpty else { return "und" }
        let primary = tag.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init) ?? tag
        return primary.lowercased()
    }

    /// The site's name, else the host of a URL source, else "unknown".
    static func site(_ doc: Document) -> String {
        if let site = doc.meta.site, site.utf8.contains(where: { $0 > 32 }) {
            let first = site.utf8.first!, last = site.utf8.last!
            return first > 32 && last > 32 ? site : site.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        for candidate in [doc.meta.canonicalURL, doc.http?.finalURL, doc.source] {
            if let c = candidate, let host = host(of: c) { return host }
        }
        return "unknown"
    }

    static func host(of url: String) -> String? {
        guard let scheme = url.range(of: "://"), url.hasPrefix("http") else { return nil }
        let rest = url[scheme.upperBound...]
        let host = rest.prefix { $0 != "/" && $0 != ":" && $0 != "?" && $0 != "#" }
        let h = host.lowercased()
        guard !h.isEmpty else { return nil }
        return h.hasPrefix("www.") ? String(h.dropFirst(4)) : h
    }

    /// The publication day as YYYY-MM-DD, or "unknown".
    static func day(_ published: String?) -> String {
        guard let p = published, p.utf8.count >= 10 else { return "unknown" }
        let u = Array(p.utf8.prefix(10))
        let digits = [0, 1, 2, 3, 5, 6, 8, 9].allSatisfy { u[$0] >= 48 && u[$0] <= 57 }
        guard digits, u[4] == 45, u[7] == 45 else { return "unknown" }
        return String(decoding: u, as: UTF8.self)
    }
}

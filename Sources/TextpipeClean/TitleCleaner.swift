/// Strips the site name that pages add to their titles: "Story headline | The Daily Site",
/// "Site - Story headline", "Headline – Section – Site".
///
/// The title is split at separators surrounded by spaces (| - – — :: · » /). Parts naming the
/// site (equal to `og:site_name`, or to the host name in the URL) go; if the page's `<h1>`
/// equals one part, that part is the title; otherwise, when one part is clearly the longest
/// and the others are short labels (four words or fewer), the longest part is kept. A title
/// without a separator is returned as it is.
enum TitleCleaner {
    static let separators = [" | ", " - ", " – ", " — ", " :: ", " · ", " » ", " / ", " « ", " ~ "]

    static func strip(_ title: String, site: String?, h1: String?, url: String?) -> String {
        split(title, site: site, h1: h1, url: url).title
    }

    /// The title without the site name, and the site name when a part of the title was it.
    static func split(_ title: String, site: String?, h1: String?, url: String?) -> (title: String, site: String?) {
        let kept = choose(title, site: site, h1: h1, url: url)
        guard kept != title, title.hasPrefix(kept) || title.hasSuffix(kept) else { return (kept, nil) }
        var rest = title.hasPrefix(kept) ? String(title.dropFirst(kept.count)) : String(title.dropLast(kept.count))
        rest = rest.trimmingCharacters(in: Set(" |-–—:·»«/~".map { $0 }))
        let words = rest.split(separator: " ").count
        return (kept, words >= 1 && words <= 5 && !separators.contains { rest.contains($0) } ? rest : nil)
    }

    static func choose(_ title: String, site: String?, h1: String?, url: String?) -> String {
        let t = MetadataExtractor.collapse(title)
        var parts: [String] = [t]
        var used: String?
        for sep in separators where t.contains(sep) {
            parts = t.components(separatedBy: sep).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            used = sep
            break
        }
        guard parts.count > 1, let sep = used else { return t }
        let siteKey = site.map(key)
        let host = url.flatMap(hostKey)
        let kept = parts.filter { part in
            let k = key(part)
            if let siteKey, !siteKey.isEmpty, k == siteKey { return false }
            if let host, !k.isEmpty, host.contains(k) || k.contains(host) { return false }
            return true
        }
        if kept.count == 1 { return kept[0] }
        if let h1 = h1.map(MetadataExtractor.collapse), MetadataExtractor.words(h1) >= 2 {
            let hk = key(h1)
            if let match = parts.first(where: { key($0) == hk }) { return match }
            if key(t).hasPrefix(hk) && hk.count > 10 { return h1 }
        }
        let candidates = kept.isEmpty ? parts : kept
        let words = candidates.map { $0.split(separator: " ").count }
        if let longest = words.indices.max(by: { words[$0] < words[$1] }) {
            let others = words.indices.filter { $0 != longest }
            if others.allSatisfy({ words[$0] <= 4 }) && words[longest] >= 3 { return candidates[longest] }
        }
        return candidates.joined(separator: sep)
    }

    /// Lower-case letters and digits only.
    static func key(_ s: String) -> String {
        String(s.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }.map(Character.init))
    }

    /// "https://www.nytimes.com/..." → "nytimes".
    static func hostKey(_ url: String) -> String? {
        guard let start = url.range(of: "://")?.upperBound else { return nil }
        let host = url[start...].prefix { $0 != "/" && $0 != ":" && $0 != "?" }
        var labels = host.lowercased().split(separator: ".")
        if labels.first == "www" || labels.first == "m" { labels.removeFirst() }
        guard labels.count >= 2 else { return labels.first.map(String.init) }
        return key(String(labels[labels.count - 2]))
    }
}

import TextpipeCore

/// The YAML front matter of a Markdown file: `key: value` lines between two `---` lines at the
/// very top. Only flat scalar keys are read (quotes removed); lists and nested maps are
/// skipped, since metadata fields are single values.
enum FrontMatter {
    /// The fields and the text after the block, or nil when the text has no front matter.
    static func split(_ text: String) -> ([String: String], String)? {
        guard text.hasPrefix("---\n") else { return nil }
        let body = text.dropFirst(4)
        guard let end = body.range(of: "\n---\n") ?? body.range(of: "\n---", options: .anchored) else { return nil }
        var fields: [String: String] = [:]
        for line in body[..<end.lowerBound].split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":"), !line.hasPrefix(" "), !line.hasPrefix("-") else { continue }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            var value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("["), value.hasSuffix("]") { continue }
            if value.count >= 2, let f = value.first, f == "\"" || f == "'", value.last == f {
                value = String(value.dropFirst().dropLast())
            }
            if !value.isEmpty { fields[key] = value }
        }
        return (fields, String(body[end.upperBound...]))
    }

    static func apply(_ fields: [String: String], to meta: inout Metadata) {
        func set(_ keys: [String], _ field: String, _ assign: (inout Metadata, String) -> Void) {
            for k in keys {
                if let v = fields[k] {
                    assign(&meta, v)
                    meta.sources[field] = "front-matter"
                    return
                }
            }
        }
        set(["title"], "title") { $0.title = $1 }
        set(["author", "authors", "byline"], "author") { $0.author = $1 }
        set(["date", "published", "pubdate"], "published") { m, v in m.published = DateParser.iso8601(v) }
        if meta.published == nil { meta.sources["published"] = nil }
        set(["site", "site_name", "publisher"], "site") { $0.site = $1 }
        set(["language", "lang"], "language") { $0.language = MetadataExtractor.languageCode($1) }
        if meta.language == nil { meta.sources["language"] = nil }
        set(["description", "summary"], "description") { $0.description = $1 }
        set(["canonical_url", "canonical", "url"], "canonical_url") { $0.canonicalURL = $1 }
    }
}

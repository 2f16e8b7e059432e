import TextpipeCore
import TextpipeMarkup

/// Every metadata candidate of a page, gathered in one pass over its elements.
struct MetadataCandidates {
    /// `<meta>` contents and `itemprop` values by lower-cased name, property or itemprop; the
    /// first occurrence wins.
    var meta: [String: String] = [:]
    var title: String?
    var h1: [String] = []
    var jsonLD = JSONLDFields()
    var timeDatetime: String?
    var relAuthor: String?
    var itemAuthor: String?
    var byline: String?
    /// A name in a short line of text that starts "By", "Von", "Par" or "Por".
    var textByline: String?
    var dateText: String?
    var htmlLang: String?
    var canonical: String?

    /// `hints` are the class verdicts of `HintClassifier`: bylines and date lines are named
    /// like furniture, so only elements it called boilerplate are looked at for them.
    init(doc: MarkupDocument, ids: AttributeIDs, hints: [ElementHint]) {
        func attr(_ id: Int32, _ i: Int) -> String? {
            doc.attributeBytes(id, of: i).map { String(decoding: $0, as: UTF8.self) }
        }
        var i = 1
        var dateTries = 0
        var bylineTries = 0
        var textBylineTries = 0
        let nodes = doc.nodes
        while i < nodes.count {
            let node = nodes[i]
            switch node.tag {
            case .text:
                if textByline == nil, textBylineTries < 20, Self.startsByline(doc.textBytes(of: i)) {
                    textBylineTries += 1
                    let p = Int(node.parent)
                    // Only a small element with a short line of text is looked at.
                    if p > 0, hints[p] != .hidden, Int(nodes[p].end) - p <= 12,
                       (p + 1..<Int(nodes[p].end)).reduce(0, { $0 + (nodes[$1].isText ? Int(nodes[$1].dataEnd - nodes[$1].dataStart) : 0) }) < 240,
                       let name = Self.bylineName(doc.textContent(of: p)) {
                        textByline = name
                    }
                }
            case .meta:
                if let content = attr(ids.content, i) {
                    for key in [ids.name, ids.property, ids.itemprop] {
                        if let k = attr(key, i)?.lowercased(), meta[k] == nil { meta[k] = content }
                    }
                }
                if let equiv = doc.attribute("http-equiv", of: i)?.lowercased(), let content = attr(ids.content, i),
                   meta[equiv] == nil {
                    meta[equiv] = content
                }
            case .title:
                if title == nil { title = doc.textContent(of: i) }
            case .h1:
                if h1.count < 4 { h1.append(doc.textContent(of: i)) }
            case .script:
                if let t = attr(ids.type, i)?.lowercased(), t.contains("ld+json") {
                    jsonLD.read(doc.textContent(of: i))
                }
            case .time:
                if timeDatetime == nil { timeDatetime = attr(ids.datetime, i) ?? doc.textContent(of: i) }
            case .html:
                if htmlLang == nil { htmlLang = attr(ids.lang, i) ?? doc.attribute("xml:lang", of: i) }
            case .link:
                if canonical == nil, attr(ids.rel, i)?.lowercased() == "canonical" { canonical = attr(ids.href, i) }
            default:
                break
            }
            if node.tag != .text, node.tag != .meta, node.tag != .script {
                if let prop = attr(ids.itemprop, i)?.lowercased() {
                    let value = attr(ids.content, i) ?? attr(ids.datetime, i)
                    if prop == "author" || prop == "creator" {
                        if itemAuthor == nil {
                            let nameNode = doc.children(of: i).first { doc.attribute("itemprop", of: $0) == "name" }
                            itemAuthor = value ?? doc.textContent(of: nameNode ?? i)
                        }
                    } else if let value, meta[prop] == nil {
                        meta[prop] = value
                    }
                }
                if node.tag == .a, relAuthor == nil, attr(ids.rel, i)?.lowercased().contains("author") == true {
                    relAuthor = doc.textContent(of: i)
                }
                if hints[i] != .neutral, hints[i] != .hidden, (byline == nil && bylineTries < 20) || (dateText == nil && dateTries < 20),
                   let cls = doc.attributeBytes(ids.class, of: i) {
                    // The first element so named that holds a name: many hold only a photo
                    // of the author, or a label, before the one that holds the name.
                    if byline == nil, bylineTries < 20, Self.has(cls, "byline") || Self.has(cls, "author") {
                        bylineTries += 1
                        if let t = Self.shortText(doc, i), t.count < 100, t.contains(where: \.isLetter),
                           MetadataExtractor.cleanAuthor(MetadataExtractor.collapse(t)) != nil {
                            byline = t
                        }
                    }
                    if dateText == nil, dateTries < 20, Self.has(cls, "date") || Self.has(cls, "publish") || Self.has(cls, "time") {
                        dateTries += 1
                        if let t = Self.shortText(doc, i), t.count < 80, DateParser.iso8601(t) != nil { dateText = t }
                    }
                }
            }
            i += 1
        }
    }
}

extension MetadataCandidates {
    /// A text node that opens a byline: "By", "Von", "Par" or "Por" (any case) alone or
    /// followed by a space, after leading whitespace.
    static let bylineWords: [[UInt8]] = ["by", "von", "par", "por"].map { Array($0.utf8) }

    static func startsByline(_ t: ArraySlice<UInt8>) -> Bool {
        var k = t.startIndex
        while k < t.endIndex, t[k] == 0x20 || t[k] == 0x0A || t[k] == 0x09 || t[k] == 0x0D { k += 1 }
        guard k < t.endIndex else { return false }
        let first = t[k] | 0x20
        guard first == UInt8(ascii: "b") || first == UInt8(ascii: "v") || first == UInt8(ascii: "p") else { return false }
        for w in bylineWords {
            guard k + w.count <= t.endIndex else { continue }
            var ok = true
            for j in 0..<w.count where t[k + j] | 0x20 != w[j] { ok = false; break }
            guard ok else { continue }
            let after = k + w.count
            if after == t.endIndex || t[after] == 0x20 || t[after] == 0x0A || t[after] == 0x09 || t[after] == 0xC2 || t[after] == 0x3A {
                return true
            }
        }
        return false
    }

    /// The name in a short byline line ("By Jane Doe", "Von Tobias Kuske | 3. Mai"): what
    /// `cleanAuthor` leaves, if it is two to five words that each start with a capital letter
    /// (name particles such as "de", "van", "von" excepted). "By clicking here", "Von Montag
    /// bis Freitag" are not names.
    static func bylineName(_ text: String) -> String? {
        let t = MetadataExtractor.collapse(text)
        guard t.count <= 60, let name = MetadataExtractor.cleanAuthor(t), name.count < t.count else { return nil }
        let particles: Set<Substring> = ["de", "la", "van", "von", "der", "den", "di", "da", "du", "le", "del", "dos", "y", "and", "und", "&"]
        let words = name.split(separator: " ")
        guard words.count >= 2, words.count <= 5, words.first?.first?.isUppercase == true else { return nil }
        for w in words where !(w.first?.isUppercase ?? false) && !particles.contains(w) { return nil }
        return name
    }

    /// The first short text on the page that holds a full date ("Posted Tuesday, June 11,
    /// 2024"): the last resort for pages without any date markup. Only text nodes of 8-80
    /// bytes that contain a plausible year are parsed.
    func visibleDate(_ doc: MarkupDocument) -> String? {
        var checked = 0
        for i in doc.nodes.indices where doc.nodes[i].isText {
            let t = doc.textBytes(of: i)
            guard t.count >= 8, t.count <= 80 else { continue }
            var hasYear = false
            var k = t.startIndex
            while k + 3 < t.endIndex {
                if (t[k] == 0x31 && t[k + 1] == 0x39) || (t[k] == 0x32 && t[k + 1] == 0x30),
                   t[k + 2] >= 0x30, t[k + 2] <= 0x39, t[k + 3] >= 0x30, t[k + 3] <= 0x39 {
                    hasYear = true
                    break
                }
                k += 1
            }
            guard hasYear else { continue }
            if let d = DateParser.iso8601(String(decoding: t, as: UTF8.self)) { return d }
            checked += 1
            if checked > 50 { break }
        }
        return nil
    }

    /// The text of an element when it is under 400 bytes, else nil: bylines and date lines are
    /// short, and names like "date" or "time" also sit on containers of the whole page, whose
    /// text is not worth gathering twenty times.
    static func shortText(_ doc: MarkupDocument, _ node: Int) -> String? {
        var bytes: [UInt8] = []
        for k in (node + 1)..<Int(doc.nodes[node].end) where doc.nodes[k].isText {
            bytes.append(contentsOf: doc.textBytes(of: k))
            if bytes.count >= 400 { return nil }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Case-insensitive substring test over attribute bytes, without allocating.
    static func has(_ s: ArraySlice<UInt8>, _ pattern: StaticString) -> Bool {
        let m = pattern.utf8CodeUnitCount
        let p = pattern.utf8Start
        guard s.count >= m else { return false }
        var i = s.startIndex
        while i + m <= s.endIndex {
            var k = 0
            while k < m, s[i + k] | 0x20 == p[k] { k += 1 }
            if k == m { return true }
            i += 1
        }
        return false
    }
}

/// The article fields of a page's JSON-LD, from the first object of an article-like type
/// (searched through arrays and `@graph`), falling back to any object that has them.
struct JSONLDFields {
    var headline: String?
    var author: String?
    var datePublished: String?
    var dateCreated: String?
    var dateModified: String?
    var publisher: String?
    var description: String?
    /// The article's text as the publisher gives it to search engines: the fallback for pages
    /// whose body is rendered by scripts.
    var articleBody: String?
    private var fromArticle = false

    static let articleTypes: Set<String> = [
        "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
        "scholarlyarticle", "techarticle", "report", "backgroundnewsarticle", "reviewnewsarticle", "liveblogposting",
        "socialmediaposting", "posting",
    ]

    mutating func read(_ json: String) {
        guard let value = try? JSONValue.parse(json) else { return }
        visit(value, depth: 0)
    }

    private mutating func visit(_ v: JSONValue, depth: Int) {
        guard depth < 6 else { return }
        if let items = v.arrayValue {
            for item in items { visit(item, depth: depth + 1) }
            return
        }
        guard v.objectValue != nil else { return }
        if let graph = v["@graph"] { visit(graph, depth: depth + 1) }
        let types = (v["@type"]?.arrayValue ?? [v["@type"] ?? .null]).compactMap { $0.stringValue?.lowercased() }
        let isArticle = types.contains { Self.articleTypes.contains($0) }
        guard isArticle || (!fromArticle && v["headline"] != nil) else { return }
        if isArticle && !fromArticle {
            fromArticle = true
            headline = nil; author = nil; datePublished = nil; dateCreated = nil; dateModified = nil; description = nil
            articleBody = nil
        }
        headline = headline ?? v["headline"]?.stringValue ?? v["name"]?.stringValue
        datePublished = datePublished ?? v["datePublished"]?.stringValue
        dateCreated = dateCreated ?? v["dateCreated"]?.stringValue
        dateModified = dateModified ?? v["dateModified"]?.stringValue
        description = description ?? v["description"]?.stringValue
        articleBody = articleBody ?? v["articleBody"]?.stringValue ?? v["text"]?.stringValue
        if author == nil, let a = v["author"] ?? v["creator"] { author = Self.names(a) }
        if publisher == nil, let p = v["publisher"] { publisher = p.stringValue ?? p["name"]?.stringValue }
    }

    /// Author names from a string, a Person object, or an array of either, joined with "; ".
    static func names(_ v: JSONValue) -> String? {
        if let s = v.stringValue { return s }
        if let n = v["name"]?.stringValue { return n }
        if let items = v.arrayValue {
            let all = items.compactMap(names)
            return all.isEmpty ? nil : all.joined(separator: "; ")
        }
        return nil
    }
}

import TextpipeMarkup

/// What an element's class, id and role say about it: the names web developers give page
/// parts are the best single clue to what they are ("share-bar", "comments", "article-body").
///
/// An element is `.boilerplate` when a name names a page part that is never article text
/// (navigation, comments, related links, newsletters, cookie notices, ads, footers), `.weak`
/// when the name marks furniture that sites also use as a modifier on the article's own
/// container (sharing, meta, author, date: lifted when the element holds real prose),
/// `.content` when a name names the article body, `.neutral` otherwise. A content name wins
/// over a boilerplate one on the same element ("article-body comments-enabled"). Hidden
/// elements (`hidden`, `display:none`) are `.hidden`; `aria-hidden` is weaker evidence (sites
/// set it on their whole app while a dialog is open) and gets its own verdict. Names are
/// matched both as substrings (long, unambiguous fragments like "newsletter") and as whole
/// words after splitting on '-', '_' and spaces (short ones like "ad", "nav", "tags", which
/// as substrings would hit "header", "canvas", "stages").
///
/// Verdicts are cached per distinct attribute string, since a page repeats the same few
/// hundred class strings on thousands of elements.
enum ElementHint: UInt8 {
    case neutral, boilerplate, weak, content, hidden, ariaHidden
}

struct HintClassifier {
    private var cache: [UInt64: ElementHint] = [:]

    /// Names of page parts that never hold article text.
    static let boilerplateFragments: [[UInt8]] = [
        "comment", "kommentare", "komentarz", "comentarios", "community", "disqus", "newsletter", "subscribe", "cookie", "consent", "gdpr", "sidebar", "breadcrumb",
        "pagination", "related", "recommend", "promo", "sponsor", "advert", "outbrain", "taboola", "popup", "modal",
        "footer", "navbar", "navigation", "menu", "masthead", "author-bio", "authorbio", "about-author", "sr-only",
        "visually-hidden", "visuallyhidden", "screen-reader", "skip-link", "widget", "signup", "sign-up", "trending",
        "most-popular", "mostpopular", "more-stories", "read-more", "readmore", "read-next", "tag-list", "taglist",
        "post-tags", "article-tags", "topic-list", "login", "paywall", "feedback", "survey", "pager", "top-stories",
        "latest-news", "subscription", "post-navigation", "nav-links", "author-box", "editsection",
    ].map { Array($0.utf8) }

    /// Names that mark furniture but also turn up as modifiers on the article's own container
    /// ("entry share", "article-list__article-wrapper"): `.weak`, which selection lifts when the
    /// element holds real prose.
    static let weakFragments: [[UInt8]] = [
        "social", "sharing", "share", "byline", "author-info", "dateline", "timestamp", "publish-date", "post-meta",
        "entry-meta", "article-meta", "article-info", "caption", "credit", "print-", "jump-", "follow", "rating",
        "teaser", "banner", "offscreen", "hidden-", "headline-list", "article-list", "toolbar",
    ].map { Array($0.utf8) }

    static let boilerplateWords: Set<[UInt8]> = Set([
        "ad", "ads", "adv", "nav", "aside", "bio", "subscription", "donate", "toc", "masthead", "disclaimer",
    ].map { Array($0.utf8) })

    static let weakWords: Set<[UInt8]> = Set([
        "tags", "tag", "meta", "header", "author", "byline", "date", "time", "dateline", "print", "more", "extra",
        "links", "utility", "utilities", "tools",
    ].map { Array($0.utf8) })

    static let weakWordKeys: Set<UInt64> = Set(weakWords.compactMap { NameKey.pack($0[...]) })

    static let boilerplateWordKeys: Set<UInt64> = Set(boilerplateWords.compactMap { NameKey.pack($0[...]) })

    /// Names that contain a furniture word but name something else: layout wrappers named after
    /// what sits beside the content ("content-with-sidebar"), and "commentary", an opinion piece.
    static let layoutFragments: [[UInt8]] = [
        "with-sidebar", "has-sidebar", "no-sidebar", "with-comments", "has-comments", "sidebar-layout", "layout-sidebar",
        "commentary",
    ].map { Array($0.utf8) }

    static let contentFragments: [[UInt8]] = [
        "article-body", "articlebody", "article__body", "article-content", "articlecontent", "article__content",
        "post-content", "postcontent", "post__content", "entry-content", "entrycontent", "story-body",
        "storybody", "story-content", "storycontent", "post-body", "postbody", "body-text", "bodytext",
        "article-text", "articletext", "content-body", "rich-text", "richtext", "article__text", "text-content",
        "main-content", "maincontent", "single-content", "post-text", "blog-post-body", "article-main",
    ].map { Array($0.utf8) }

    /// The verdict for one element of `doc`: hidden first, then the names in class, id, role
    /// and itemprop, each classified once per distinct value (ids are often unique, classes
    /// repeat); a content name on any of them wins over a boilerplate name on another.
    mutating func hint(of node: Int, in doc: MarkupDocument, ids: AttributeIDs) -> ElementHint {
        let n = doc.nodes[node]
        guard n.dataEnd > n.dataStart else { return .neutral }
        var verdict = ElementHint.neutral
        var ariaHidden = false
        for a in doc.attributes[Int(n.dataStart)..<Int(n.dataEnd)] {
            let name = a.name
            let v = doc.data[Int(a.valueStart)..<Int(a.valueEnd)]
            if name == ids.class || name == ids.id || name == ids.role || name == ids.itemprop {
                if v.isEmpty || verdict == .content { continue }
                var key: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(UInt32(bitPattern: name))
                for b in v { key = (key ^ UInt64(b)) &* 0x100_0000_01b3 }
                let one: ElementHint
                if let cached = cache[key] {
                    one = cached
                } else {
                    one = Self.classify(v.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 })
                    cache[key] = one
                }
                if one == .content || one == .boilerplate || (one == .weak && verdict == .neutral) { verdict = one }
            } else if name == ids.hidden {
                return .hidden
            } else if name == ids.style {
                if Self.hidesElement(v) { return .hidden }
            } else if name == ids.ariaHidden {
                ariaHidden = v.elementsEqual("true".utf8)
            }
        }
        return ariaHidden ? .ariaHidden : verdict
    }

    /// All patterns in one byte array, and for each first byte the range of pattern entries
    /// starting with it, so one pass over a name tries only the few that could match there
    /// (and touches no nested arrays); `bigrams` is a bit set of the patterns' first two bytes,
    /// so most positions of a name are passed over after one bit test.
    static let table: (bytes: [UInt8], entries: [(start: Int32, count: Int32, verdict: ElementHint)], byFirst: [Int32], bigrams: [UInt64]) = {
        var all: [([UInt8], ElementHint)] = []
        // Content and layout verdicts are collected before boilerplate ones.
        for f in contentFragments + [Array("articlebody".utf8)] { all.append((f, .content)) }
        for f in layoutFragments { all.append((f, .neutral)) }
        for f in boilerplateFragments { all.append((f, .boilerplate)) }
        for f in weakFragments { all.append((f, .weak)) }
        all.sort { $0.0[0] < $1.0[0] }
        var bytes: [UInt8] = []
        var entries: [(start: Int32, count: Int32, verdict: ElementHint)] = []
        var byFirst = [Int32](repeating: 0, count: 257)
        var bigrams = [UInt64](repeating: 0, count: 1024)
        for (p, v) in all {
            precondition(p.count >= 2, "name fragments are at least two bytes long")
            entries.append((Int32(bytes.count), Int32(p.count), v))
            bytes.append(contentsOf: p)
            byFirst[Int(p[0]) + 1] += 1
            let key = Int(p[0]) << 8 | Int(p[1])
            bigrams[key >> 6] |= 1 << UInt64(key & 63)
        }
        for c in 1...256 { byFirst[c] += byFirst[c - 1] }
        return (bytes, entries, byFirst, bigrams)
    }()

    static func classify(_ text: [UInt8]) -> ElementHint {
        var found = ElementHint.neutral
        var layout = false
        let n = text.count
        let t = table
        t.bytes.withUnsafeBufferPointer { pb in
            t.entries.withUnsafeBufferPointer { entries in
                t.bigrams.withUnsafeBufferPointer { bigrams in
                    for i in 0..<max(0, n - 1) {
                        let c = Int(text[i])
                        let key = c << 8 | Int(text[i + 1])
                        guard bigrams[key >> 6] & (1 << UInt64(key & 63)) != 0 else { continue }
                        var e = Int(t.byFirst[c])
                        let end = Int(t.byFirst[c + 1])
                        while e < end {
                            let entry = entries[e]
                            e += 1
                            let len = Int(entry.count)
                            guard i + len <= n else { continue }
                            var k = 1
                            let start = Int(entry.start)
                            while k < len, text[i + k] == pb[start + k] { k += 1 }
                            guard k == len else { continue }
                            switch entry.verdict {
                            case .content: found = .content
                            case .neutral: layout = true
                            case .boilerplate: if found != .content { found = .boilerplate }
                            default: if found == .neutral { found = .weak }
                            }
                        }
                    }
                }
            }
        }
        if found == .content { return .content }
        if layout { return .neutral }
        if found == .boilerplate { return .boilerplate }
        var start = 0
        for i in 0...n {
            if i == n || text[i] == 0x20 || text[i] == UInt8(ascii: "-") || text[i] == UInt8(ascii: "_") || text[i] == 0x09 || text[i] == 0x0A {
                if i > start, let key = NameKey.pack(text[start..<i]) {
                    if boilerplateWordKeys.contains(key) { return .boilerplate }
                    if weakWordKeys.contains(key) { found = .weak }
                }
                start = i + 1
            }
        }
        return found
    }

    static func contains(_ text: [UInt8], _ pattern: [UInt8]) -> Bool {
        let n = text.count, m = pattern.count
        guard m <= n else { return false }
        let first = pattern[0]
        var i = 0
        while i <= n - m {
            if text[i] == first {
                var k = 1
                while k < m, text[i + k] == pattern[k] { k += 1 }
                if k == m { return true }
            }
            i += 1
        }
        return false
    }

    /// `display:none` or `visibility:hidden` in an inline style.
    static func hidesElement(_ style: ArraySlice<UInt8>) -> Bool {
        let compact = style.filter { $0 != 0x20 && $0 != 0x09 }.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        return contains(compact, Array("display:none".utf8)) || contains(compact, Array("visibility:hidden".utf8))
    }
}

/// Interned ids of the attribute names the cleaner reads (-2 when absent from the page, which
/// no attribute carries).
struct AttributeIDs {
    var `class`, id, role, itemprop, hidden, ariaHidden, style, href, rel, property, name, content, type, datetime, lang: Int32

    init(_ doc: MarkupDocument) {
        func f(_ s: String) -> Int32 { doc.nameID(s) ?? -2 }
        `class` = f("class"); id = f("id"); role = f("role"); itemprop = f("itemprop"); hidden = f("hidden")
        ariaHidden = f("aria-hidden"); style = f("style"); href = f("href"); rel = f("rel"); property = f("property")
        name = f("name"); content = f("content"); type = f("type"); datetime = f("datetime"); lang = f("lang")
    }
}

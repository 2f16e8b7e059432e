import TextpipeMarkup

/// Finds the article in a page and returns its blocks.
///
/// 1. **Exclusion.** Elements that are never text (scripts, media, form controls) and hidden
///    elements are dropped outright. Elements whose tag or names mark them as page furniture
///    (nav, aside, footer, form, a `<header>` outside the article, `aria-hidden`; "comments",
///    "related", "share", ... see `HintClassifier`) are dropped *softly*: a weakly named one
///    ("share", "meta") that holds real prose is kept, and so is one that holds most of the
///    page's prose and spans a large part of it while little prose lies outside it (a site
///    that wraps everything in `<form>` or `id="header-wrapper"`; not a long comment section
///    beside a short article). If exclusion leaves almost no prose, it is lifted step by step;
///    and it is lifted above an `<article>` it hides that holds far more prose than the rest
///    (a story opened in an overlay named "modal" over a page of teasers).
/// 2. **Scoring.** Each block gets a value: prose (long, or sentence-like, with few links)
///    counts its characters, discounted by its link density; link lists, cookie notices and
///    short fragments count against; plain list items and table rows count a little for;
///    headings are neutral. Prose inside a teaser card (a small box with a linked headline
///    and a summary, see `teaserCards`) counts against, and link lists inside an element the
///    page names as its article body do not.
/// 3. **Selection.** Values are summed up the tree, and the element with the highest sum wins:
///    the subtree that holds the most prose for the least boilerplate (a maximum-subtree
///    form of maximum-subsequence segmentation). `itemprop="articleBody"`, names such as
///    "article-body" and the `<article>` tag give a bonus. A lede in a sibling container,
///    separated from the body by a share bar, is included because the parent's sum is larger.
/// 4. **Pruning** (`BlockPruner`) removes what still looks like boilerplate inside the winner.
///
/// If the winner holds little text (a listing, a page of short items) the selection falls back
/// to every non-boilerplate block of the page.
struct ContentSelector {
    let doc: MarkupDocument
    let ids: AttributeIDs
    var hard: [Bool]
    var soft: [Bool]
    var hints: [ElementHint]
    /// Elements marked `itemprop="articleBody"`: the publisher's own statement.
    var articleBody: [Bool]

    init(doc: MarkupDocument) {
        self.doc = doc
        ids = AttributeIDs(doc)
        let n = doc.nodes.count
        hard = [Bool](repeating: false, count: n)
        soft = [Bool](repeating: false, count: n)
        hints = [ElementHint](repeating: .neutral, count: n)
        articleBody = [Bool](repeating: false, count: n)
        var classifier = HintClassifier()
        // Inside <article> or <main>, a <header> holds the headline, byline and lead: the
        // lead is article text, and the pruner takes care of the rest.
        var inArticle = [Bool](repeating: false, count: n)
        for i in 1..<n {
            let p = Int(doc.nodes[i].parent)
            inArticle[i] = doc.nodes[i].tag == .article || doc.nodes[i].tag == .main || (p >= 0 && inArticle[p])
        }
        for i in 1..<n {
            let node = doc.nodes[i]
            if node.tag == .text { continue }
            if node.tag.isNeverContent { hard[i] = true; continue }
            let h = classifier.hint(of: i, in: doc, ids: ids)
            if let v = doc.attributeBytes(ids.itemprop, of: i), v.count == 11,
               v.map({ $0 | 0x20 }).elementsEqual("articlebody".utf8) {
                articleBody[i] = true
            }
            hints[i] = h
            switch h {
            case .hidden: hard[i] = true
            case .ariaHidden: soft[i] = node.tag != .body && node.tag != .html
            case .boilerplate, .weak: soft[i] = node.tag != .body && node.tag != .html && node.tag != .article && node.tag != .main
            case .content: break
            case .neutral:
                switch node.tag {
                case .nav, .aside, .footer, .form, .menu: soft[i] = true
                case .header: soft[i] = !inArticle[i]
                default: break
                }
            }
        }
    }

    /// Value of a block for selection.
    static func value(_ b: TextBlock) -> Double {
        let chars = Double(b.chars)
        if b.notice { return -chars }
        if b.kind == .heading || b.kind == .heading1 { return 0 }
        let ld = b.linkDensity
        if ld > 0.5 { return -chars }
        if isProse(b) { return chars * (1 - 1.5 * ld) }
        if (b.kind == .listItem || b.kind == .tableRow), b.linkChars == 0, b.chars >= 15 { return 0.25 * chars }
        return -0.3 * chars
    }

    static func isProse(_ b: TextBlock) -> Bool {
        b.linkDensity <= 0.5 && (b.chars >= 100 || (b.chars >= 25 && b.stops + b.commas > 0))
    }

    /// The selected blocks, in order, and the flattener that holds their text.
    ///
    /// Selection is tried with all soft exclusions first; when that leaves almost no prose
    /// (the article sits in a `<form>`, or in an element named like furniture), it is tried
    /// again with the exclusions by tag lifted, then with none, and the best attempt is kept.
    func select(context: () throws -> Void) rethrows -> (BlockFlattener, [TextBlock]) {
        // Flatten with only hard exclusions, to see the page's prose once.
        var flat = BlockFlattener(capacity: doc.data.count / 2)
        try flat.flatten(doc, excluded: hard, href: ids.href, context: context)
        flat.markNotices()
        let prose = proseUnder(flat.blocks)
        let valved = valvedSoftExclusions(flat.blocks, proseUnder: prose)
        var attempt = choose(flat.blocks, soft: valved)
        if let (lifted, article) = liftedAboveHiddenArticle(valved, proseUnder: prose, selected: attempt.prose) {
            let other = choose(flat.blocks, soft: lifted, within: article)
            if other.prose > attempt.prose * 3 / 2 + 100 { attempt = other }
        }
        if attempt.prose < 250 {
            let byName = soft.indices.map { soft[$0] && hints[$0] == .boilerplate }  // weak names lifted too
            let second = choose(flat.blocks, soft: byName)
            if second.prose > attempt.prose * 3 / 2 + 100 { attempt = second }
        }
        if attempt.prose < 50 {
            let none = choose(flat.blocks, soft: [Bool](repeating: false, count: soft.count))
            if none.prose > attempt.prose * 3 / 2 + 100 { attempt = none }
        }
        var chosen = withStandfirst(attempt.blocks, in: flat.blocks)
        if attempt.prose < 200 {
            // No clear article: keep every block that is not a link list.
            chosen = attempt.kept.filter { $0.linkDensity <= 0.5 }
            if chosen.isEmpty { chosen = attempt.kept }
        }
        return (flat, chosen)
    }

    /// The best subtree's blocks under one set of soft exclusions.
    /// `within`: an element the winner must lie in (itself or a descendant).
    private func choose(_ blocks: [TextBlock], soft effectiveSoft: [Bool], within: Int = 0) -> (blocks: [TextBlock], kept: [TextBlock], prose: Int) {
        let n = doc.nodes.count
        var softUnder = [Bool](repeating: false, count: n)
        for i in 1..<n {
            let p = Int(doc.nodes[i].parent)
            softUnder[i] = effectiveSoft[i] || (p >= 0 && softUnder[p])
        }
        let kept = blocks.filter { !softUnder[Int($0.owner)] }
        let cards = teaserCards(kept)
        // Inside an element the page names as its article body, a list of links is content
        // (a post of bookmarks, a list of sources), so it does not count against.
        var inBody = [Bool](repeating: false, count: n)
        for i in 1..<n {
            let p = Int(doc.nodes[i].parent)
            inBody[i] = hints[i] == .content || articleBody[i] || (p >= 0 && inBody[p])
        }
        var score = [Double](repeating: 0, count: n)
        for b in kept {
            var v = Self.value(b)
            if v < 0, b.kind == .listItem, !b.notice, inBody[Int(b.owner)] { v = 0 }
            score[Int(b.owner)] += v > 0 && cards[Int(b.owner)] ? -0.3 * Double(b.chars) : v
        }
        for i in stride(from: n - 1, through: 1, by: -1) {
            let p = Int(doc.nodes[i].parent)
            if p >= 0 { score[p] += score[i] }
        }
        var best = within
        var bestScore = -Double.infinity
        for i in within..<Int(doc.nodes[within].end) where doc.nodes[i].tag != .text && !softUnder[i] {
            var s = score[i]
            if s > 0 {
                if articleBody[i] { s *= 1.6 } else if hints[i] == .content { s *= 1.25 }
                if doc.nodes[i].tag == .article { s *= 1.05 }
            }
            if s >= bestScore { best = i; bestScore = s }
        }
        let lo = Int32(best), hi = doc.nodes[best].end
        var chosen = kept.filter { $0.owner >= lo && $0.owner < hi }
        for k in chosen.indices where cards[Int(chosen[k].owner)] { chosen[k].teaser = true }
        let prose = chosen.reduce(0) { $0 + (Self.isProse($1) && !$1.teaser ? Int($1.chars) : 0) }
        return (chosen, kept, prose)
    }

    /// The selection with its standfirst: news pages put the lead paragraph between the
    /// headline and the body, in a header or "lead"/"intro"/"teaser" box of its own, so the
    /// body element wins without it. Walking back from the first selected block to the `<h1>`
    /// (at most six blocks), sentence-like blocks with few links (ending with a full stop, or
    /// in an element named as a lead, see `namedLead`) are the standfirst; bylines,
    /// dates and captions in between are passed over. A long block of other text in between,
    /// or no `<h1>` near, means the blocks before the body are not its header. A block that
    /// shares a small box with an image is the image's caption, not a standfirst.
    func withStandfirst(_ chosen: [TextBlock], in all: [TextBlock]) -> [TextBlock] {
        guard let first = chosen.first, var k = all.firstIndex(where: { $0.start == first.start }) else { return chosen }
        var lead: [TextBlock] = []
        for _ in 0..<6 {
            k -= 1
            guard k >= 0 else { break }
            let b = all[k]
            if b.kind == .heading1 { return lead.isEmpty ? chosen : lead.reversed() + chosen }
            if !b.notice, b.linkDensity < 0.2, b.chars >= 40, b.endsSentence || namedLead(Int(b.owner)), b.kind != .caption, b.kind != .listItem,
               b.kind != .tableRow, !besideImage(b) {
                lead.append(b)
            } else if b.chars >= 200 {
                break
            }
        }
        return chosen
    }

    /// Whether the element or its parent is named as a standfirst ("lead", "intro", "teaser",
    /// "subheadline", "dek", ...): such a block need not end with a full stop.
    private func namedLead(_ node: Int) -> Bool {
        var i = node
        for _ in 0..<2 {
            guard i > 0 else { return false }
            if let cls = doc.attributeBytes(ids.class, of: i) {
                for name in Self.leadNames where MetadataCandidates.has(cls, name) { return true }
            }
            i = Int(doc.nodes[i].parent)
        }
        return false
    }

    static let leadNames: [StaticString] = [
        "lead", "intro", "teaser", "subheadline", "subtitle", "sub-title", "standfirst", "dek", "summary", "excerpt",
        "chapo", "kicker-text", "abstract",
    ]

    /// Whether the block is an image's caption: its element's parent is a figure, or is a
    /// small box that holds an image and little text besides the block's.
    private func besideImage(_ b: TextBlock) -> Bool {
        let p = Int(doc.nodes[Int(b.owner)].parent)
        guard p > 0 else { return false }
        if doc.nodes[p].tag == .figure { return true }
        let end = Int(doc.nodes[p].end)
        guard end - p < 200 else { return false }
        var image = false
        var textBytes = 0
        for i in (p + 1)..<end {
            let n = doc.nodes[i]
            if n.tag == .img || n.tag == .picture { image = true }
            if n.isText { textBytes += Int(n.dataEnd - n.dataStart) }
        }
        return image && textBytes <= Int(b.end - b.start) + 80
    }

    /// Nodes inside teaser cards: small elements (at most 700 characters in 6 blocks) that hold
    /// a linked headline (a block of 15-200 characters, nearly all link) and a summary. Lists
    /// of them ("More stories", section fronts) carry real prose that is not the article, and
    /// this is what tells them apart: article paragraphs do not sit next to their own linked
    /// headline in a small box.
    private func teaserCards(_ blocks: [TextBlock]) -> [Bool] {
        let n = doc.nodes.count
        var chars = [Int32](repeating: 0, count: n)
        var count = [Int32](repeating: 0, count: n)
        for b in blocks {
            chars[Int(b.owner)] += b.chars
            count[Int(b.owner)] += 1
        }
        for i in stride(from: n - 1, through: 1, by: -1) {
            let p = Int(doc.nodes[i].parent)
            if p >= 0 {
                chars[p] += chars[i]
                count[p] += count[i]
            }
        }
        var root = [Bool](repeating: false, count: n)
        var any = false
        for b in blocks where b.linkDensity > 0.8 && b.chars >= 15 && b.chars <= 200 {
            var a = Int(doc.nodes[Int(b.owner)].parent)
            var card = -1
            for _ in 0..<3 {
                guard a > 0, doc.nodes[a].tag != .body, chars[a] <= 700, count[a] <= 6 else { break }
                card = a
                a = Int(doc.nodes[a].parent)
            }
            if card > 0, count[card] >= 2 {
                root[card] = true
                any = true
            }
        }
        guard any else { return root }
        for i in 1..<n {
            let p = Int(doc.nodes[i].parent)
            if p >= 0, root[p] { root[i] = true }
        }
        return root
    }

    /// The soft exclusions lifted above an `<article>` (or an element marked
    /// `itemprop="articleBody"`) that they hide and that holds far more prose than the
    /// selection, and that element: a story opened in an overlay ("modal", "popup") over a
    /// page of teasers. Nil when there is none.
    private func liftedAboveHiddenArticle(_ soft: [Bool], proseUnder prose: [Int32], selected: Int) -> (soft: [Bool], article: Int)? {
        let n = doc.nodes.count
        var hidden = [Bool](repeating: false, count: n)
        var best = -1
        for i in 1..<n {
            let p = Int(doc.nodes[i].parent)
            hidden[i] = p > 0 && (soft[p] || hidden[p])
            guard hidden[i], doc.nodes[i].tag == .article || articleBody[i], Int(prose[i]) > max(1000, 2 * selected) else { continue }
            if best < 0 || prose[i] > prose[best] { best = i }
        }
        guard best > 0 else { return nil }
        var lifted = soft
        var a = best
        while a > 0 {
            lifted[a] = false
            a = Int(doc.nodes[a].parent)
        }
        return (lifted, best)
    }

    /// Characters of real prose (few links, no notices) in each element's subtree.
    private func proseUnder(_ blocks: [TextBlock]) -> [Int32] {
        var prose = [Int32](repeating: 0, count: doc.nodes.count)
        for b in blocks where Self.isProse(b) && b.linkDensity < 0.3 && !b.notice { prose[Int(b.owner)] += b.chars }
        for i in stride(from: doc.nodes.count - 1, through: 1, by: -1) {
            let p = Int(doc.nodes[i].parent)
            if p >= 0 { prose[p] += prose[i] }
        }
        return prose
    }

    /// Soft exclusions, less those that would remove most of the page's prose and span a
    /// large part of the page: wrappers, not a footer that outweighs a short article.
    private func valvedSoftExclusions(_ blocks: [TextBlock], proseUnder: [Int32]) -> [Bool] {
        let n = doc.nodes.count
        var effective = soft
        // Weak names ("share", "meta", "author") on an element that holds real prose are
        // modifiers on the article's container, not furniture.
        for i in 1..<n where effective[i] && hints[i] == .weak && proseUnder[i] >= 300 { effective[i] = false }
        var total = 0
        for b in blocks where Self.isProse(b) { total += Int(b.chars) }
        guard total > 0 else { return effective }
        for _ in 0..<3 {
            // The topmost soft-excluded ancestor of each node.
            var root = [Int32](repeating: -1, count: n)
            for i in 1..<n {
                let p = Int(doc.nodes[i].parent)
                let inherited = p >= 0 ? root[p] : -1
                root[i] = inherited >= 0 ? inherited : (effective[i] ? Int32(i) : -1)
            }
            var prose = [Int: Int]()
            for b in blocks where Self.isProse(b) {
                let r = root[Int(b.owner)]
                if r >= 0 { prose[Int(r), default: 0] += Int(b.chars) }
            }
            var changed = false
            let size = doc.nodes.count
            // Prose outside every excluded element: when there is a good deal of it, the
            // excluded part is a comment section or a sidebar beside the article, not its wrapper.
            let outside = total - prose.values.reduce(0, +)
            for (r, chars) in prose where chars * 2 > total && Int(doc.nodes[r].end) - r > size / 8 && outside * 3 < chars {
                effective[r] = false
                changed = true
            }
            if !changed { break }
        }
        return effective
    }
}

extension ContentSelector {
    /// Development aid: the soft-excluded ancestors and the selection, as text.
    static func debugDescription(_ bytes: [UInt8]) -> String {
        guard let doc = try? MarkupParser.parseHTML(bytes) else { return "unparsable" }
        let s = ContentSelector(doc: doc)
        var out = ""
        for i in doc.nodes.indices where s.soft[i] || s.hard[i] {
            if s.hard[i] && doc.nodes[i].tag.isNeverContent { continue }
            out += "excluded \(i) \(doc.name(of: i)) hard=\(s.hard[i]) hint=\(s.hints[i]) class=\(doc.attribute("class", of: i)?.prefix(50) ?? "")\n"
        }
        let (flat, chosen) = s.select(context: {})
        for b in chosen { out += "chosen owner=\(b.owner) \(b.kind) chars=\(b.chars) ld=\(b.linkDensity) \(flat.string(of: b).prefix(60))\n" }
        return out
    }
}

/// Development aid: why the cleaner chose what it chose on one page.
public enum CleanerDebug {
    public static func describe(_ bytes: [UInt8]) -> String { ContentSelector.debugDescription(bytes) }
}

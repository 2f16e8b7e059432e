import TextpipeMarkup

/// A run of text between two block boundaries: what a reader sees as one paragraph, heading,
/// list item or table row. Blocks carry the figures content selection needs (characters,
/// characters inside links, punctuation) and the innermost block element that owns them, so
/// "which blocks lie inside element E" is an integer range test on the flat DOM.
struct TextBlock {
    enum Kind: UInt8 {
        case paragraph, heading1, heading, listItem, preformatted, quote, tableRow, caption, other
    }
    var owner: Int32
    var start: Int32
    var end: Int32
    /// Code points, spaces excluded; a Han, kana or Hangul character weighs three.
    var chars: Int32
    var linkChars: Int32
    /// Sentence punctuation (. ! ? and their CJK forms).
    var stops: Int32
    var commas: Int32
    var kind: Kind
    /// Ends with sentence punctuation (. ! ? … or a closing quote after one).
    var endsSentence = false
    /// A cookie or consent notice (see `BlockFlattener.markNotices`).
    var notice = false
    /// Inside a teaser card (see `ContentSelector.teaserCards`).
    var teaser = false

    var linkDensity: Double { chars == 0 ? 0 : Double(linkChars) / Double(chars) }
}

/// Turns the DOM into `TextBlock`s in one pre-order pass over the flat node array.
///
/// Whitespace is collapsed as a browser renders it (runs of spaces, tabs and newlines become
/// one space; `<pre>` keeps its lines), invisible characters are dropped on the way (soft
/// hyphens, zero-width spaces and joiners, BOMs, control codes), no-break spaces become
/// spaces, and `<br>` becomes a line break inside the block. Table cells are separated by a
/// space within their row's block, so a data table reads as one line per row while a layout
/// table's paragraphs still become blocks of their own. Excluded subtrees are skipped whole.
struct BlockFlattener {
    private(set) var blocks: [TextBlock] = []
    private(set) var text: [UInt8] = []

    private var blockStart = 0
    private var chars: Int32 = 0
    private var linkChars: Int32 = 0
    private var stops: Int32 = 0
    private var commas: Int32 = 0
    private var pendingSpace = false
    private var pendingNewline = false

    init(capacity: Int) {
        text.reserveCapacity(capacity)
        blocks.reserveCapacity(capacity / 200 + 8)
    }

    mutating func flatten(_ doc: MarkupDocument, excluded: [Bool], href: Int32, context: () throws -> Void) rethrows {
        let nodes = doc.nodes
        // Open elements: (end index, is block, is link).
        var open: [(end: Int32, block: Bool, link: Bool, pre: Bool)] = []
        var owners: [Int32] = [0]
        var linkDepth = 0
        var preDepth = 0
        var i = 1
        let n = nodes.count
        var steps = 0
        while i < n {
            while let top = open.last, top.end <= Int32(i) {
                open.removeLast()
                if top.link { linkDepth -= 1 }
                if top.pre { preDepth -= 1 }
                if top.block {
                    flush(owner: owners.last!, doc: doc)
                    owners.removeLast()
                }
            }
            steps += 1
            if steps & 4095 == 0 { try context() }
            let node = nodes[i]
            if node.tag == .text {
                append(doc.data, Int(node.dataStart), Int(node.dataEnd), inLink: linkDepth > 0, pre: preDepth > 0)
                i += 1
                continue
            }
            if excluded[i] {
                i = Int(node.end)
                continue
            }
            switch node.tag {
            case .br:
                if pendingNewline {
                    // Two line breaks in a row separate paragraphs, as on pages laid out with <br><br>.
                    flush(owner: owners.last!, doc: doc)
                } else {
                    pendingNewline = true
                }
                i += 1
                continue
            case .td, .th:
                pendingSpace = true
            default: break
            }
            let isBlock = node.tag.isBlock && node.tag != .td && node.tag != .th
            let isLink = node.tag == .a && Self.isRealLink(doc.attributeBytes(href, of: i))
            let isPre = node.tag == .pre
            if isBlock {
                flush(owner: owners.last!, doc: doc)
                owners.append(Int32(i))
            }
            if isLink { linkDepth += 1 }
            if isPre { preDepth += 1 }
            open.append((node.end, isBlock, isLink, isPre))
            i += 1
        }
        while let top = open.popLast() {
            if top.block {
                flush(owner: owners.last!, doc: doc)
                owners.removeLast()
            }
        }
        flush(owner: owners.last!, doc: doc)
    }

    @inline(__always)
    private mutating func emit(_ b: UInt8, inLink: Bool) {
        if chars > 0 || text.count > blockStart {
            if pendingNewline {
                text.append(0x0A)
            } else if pendingSpace {
                text.append(0x20)
            }
        }
        pendingSpace = false
        pendingNewline = false
        text.append(b)
        if b & 0xC0 != 0x80 {
            // Han, kana and Hangul carry about a word each: they weigh as three letters, so
            // that length thresholds mean the same amount of text in every script.
            let weight: Int32 = b >= 0xE3 && b <= 0xED ? 3 : 1
            chars += weight
            if inLink { linkChars += weight }
        }
    }

    private mutating func append(_ data: [UInt8], _ start: Int, _ end: Int, inLink: Bool, pre: Bool) {
        data.withUnsafeBufferPointer { p in
            var k = start
            while k < end {
                let b = p[k]
                if b < 0x80 {
                    switch b {
                    case 0x20, 0x09, 0x0C, 0x0D:
                        pendingSpace = true
                    case 0x0A:
                        if pre { pendingNewline = true } else { pendingSpace = true }
                    case 0x00..<0x20, 0x7F:
                        break
                    default:
                        if b == UInt8(ascii: ".") || b == UInt8(ascii: "!") || b == UInt8(ascii: "?") { stops += 1 }
                        if b == UInt8(ascii: ",") { commas += 1 }
                        emit(b, inLink: inLink)
                    }
                    k += 1
                    continue
                }
                let len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
                guard k + len <= end else { break }
                if b == 0xC2 {
                    let c = p[k + 1]
                    if c == 0xA0 { pendingSpace = true; k += 2; continue }  // no-break space
                    if c == 0xAD || c < 0xA0 { k += 2; continue }  // soft hyphen, C1 controls
                } else if b == 0xE2 {
                    let c = p[k + 1], d = p[k + 2]
                    if c == 0x80 {
                        if (d >= 0x8B && d <= 0x8F) || d == 0xAA || d == 0xAB || d == 0xAC || d == 0xAD || d == 0xAE { k += 3; continue }
                        if d == 0xA8 || d == 0xA9 || (d >= 0x80 && d <= 0x8A) || d == 0xAF { pendingSpace = true; k += 3; continue }
                    } else if c == 0x81, d == 0xA0 || d == 0x9F {
                        if d == 0x9F { pendingSpace = true }
                        k += 3; continue
                    }
                } else if b == 0xEF, p[k + 1] == 0xBB, p[k + 2] == 0xBF {
                    k += 3; continue
                } else if b == 0xE3, p[k + 1] == 0x80 {
                    let d = p[k + 2]
                    if d == 0x80 { pendingSpace = true; k += 3; continue }  // ideographic space
                    if d == 0x82 { stops += 1 }
                    if d == 0x81 { commas += 1 }
                } else if b == 0xEF, p[k + 1] == 0xBC, p[k + 2] == 0x8C {
                    commas += 1
                }
                for j in 0..<len { emit(p[k + j], inLink: inLink) }
                k += len
            }
        }
    }

    private mutating func flush(owner: Int32, doc: MarkupDocument) {
        pendingSpace = false
        pendingNewline = false
        guard chars > 0 else {
            text.removeSubrange(blockStart...)
            reset()
            return
        }
        let kind: TextBlock.Kind
        switch doc.nodes[Int(owner)].tag {
        case .h1: kind = .heading1
        case .h2, .h3, .h4, .h5, .h6: kind = .heading
        case .li, .dd, .dt: kind = .listItem
        case .pre: kind = .preformatted
        case .blockquote: kind = .quote
        case .tr: kind = .tableRow
        case .figcaption, .caption: kind = .caption
        case .p: kind = .paragraph
        default: kind = .other
        }
        var block = TextBlock(owner: owner, start: Int32(blockStart), end: Int32(text.count), chars: chars,
                              linkChars: linkChars, stops: stops, commas: commas, kind: kind)
        block.endsSentence = Self.endsSentence(text, from: blockStart)
        blocks.append(block)
        blockStart = text.count
        reset()
    }

    private mutating func reset() {
        chars = 0
        linkChars = 0
        stops = 0
        commas = 0
    }

    /// Flags cookie and consent notices: a block that says "cookie" in the voice of the site
    /// ("we use", "this website", "accept"). Their wording is prose-like and they are often
    /// the longest paragraph on a page with a short article, so names alone do not catch them.
    /// Paywall and subscription prompts are flagged the same way: "subscribe" together with
    /// what it unlocks ("the full story", "already a subscriber", "log in"); so are comment
    /// boxes' prompts: "comment" with "logged in", "anmelden", ..., or "netiquette".
    mutating func markNotices() {
        for k in blocks.indices where blocks[k].chars >= 40 && blocks[k].chars < 600 {
            let slice = text[Int(blocks[k].start)..<Int(blocks[k].end)]
            if MetadataCandidates.has(slice, "cookie") {
                for word in Self.noticeWords where MetadataCandidates.has(slice, word) {
                    blocks[k].notice = true
                    break
                }
            } else if MetadataCandidates.has(slice, "netiquette") {
                blocks[k].notice = true
            } else if MetadataCandidates.has(slice, "comment") || MetadataCandidates.has(slice, "kommentar") {
                for word in Self.commentLoginWords where MetadataCandidates.has(slice, word) {
                    blocks[k].notice = true
                    break
                }
            } else if MetadataCandidates.has(slice, "subscri") || MetadataCandidates.has(slice, "abonn") {
                for word in Self.paywallWords where MetadataCandidates.has(slice, word) {
                    blocks[k].notice = true
                    break
                }
            }
        }
    }

    /// What a comment box asks before it lets a reader write ("Sie müssen angemeldet sein, um
    /// Kommentare zu schreiben", "You must be logged in to post a comment").
    static let commentLoginWords: [StaticString] = [
        "logged in", "log in to", "sign in to", "angemeldet", "anmelden", "eingeloggt", "einloggen", "registrier",
    ]

    static let paywallWords: [StaticString] = [
        "full story", "to view", "to read", "to continue", "already a", "log in", "sign in", "e-edition",
        "edition for", "weiterlesen", "jetzt abonnieren", "abonnent",
    ]

    /// Phrases in which a site speaks of its own use of cookies or asks for consent; an article
    /// about cookies says "websites use cookies", not "we use cookies".
    static let noticeWords: [StaticString] = [
        "we use", "this site", "this website", "our site", "our website", "consent", "accept", "agree",
        "wir verwenden", "wir nutzen", "diese website", "diese webseite", "unsere website", "zustimm", "akzeptier",
        "einwillig", "einverstanden", "nous utilisons", "ce site", "utilizamos", "este sitio", "korzystamy",
        "używamy", "utilizziamo", "questo sito",
    ]

    static func endsSentence(_ text: [UInt8], from start: Int) -> Bool {
        var k = text.count - 1
        // Skip closing quotes and brackets (ASCII and the common UTF-8 ones).
        while k > start {
            let b = text[k]
            if b == 0x22 || b == 0x27 || b == 0x29 { k -= 1; continue }
            if b >= 0x80, b & 0xC0 == 0x80 || b >= 0xC0 {
                // ” » ’ are 3 or 2 bytes; step back over one scalar and check it.
                var j = k
                while j > start, text[j] & 0xC0 == 0x80 { j -= 1 }
                let scalar = text[j...k]
                if scalar.elementsEqual([0xE2, 0x80, 0x9D]) || scalar.elementsEqual([0xC2, 0xBB]) || scalar.elementsEqual([0xE2, 0x80, 0x99]) {
                    k = j - 1
                    continue
                }
                return scalar.elementsEqual([0xE2, 0x80, 0xA6]) || scalar.elementsEqual([0xE3, 0x80, 0x82])
                    || scalar.elementsEqual([0xEF, 0xBC, 0x81]) || scalar.elementsEqual([0xEF, 0xBC, 0x9F])
            }
            return b == UInt8(ascii: ".") || b == UInt8(ascii: "!") || b == UInt8(ascii: "?")
        }
        return false
    }

    /// An anchor that goes somewhere: it has an href that is not a script.
    static func isRealLink(_ href: ArraySlice<UInt8>?) -> Bool {
        guard let h = href, !h.isEmpty else { return false }
        return !(h.count >= 11 && h.prefix(11).map({ $0 | 0x20 }).elementsEqual("javascript:".utf8))
    }

    func string(of block: TextBlock) -> String {
        String(decoding: text[Int(block.start)..<Int(block.end)], as: UTF8.self)
    }
}

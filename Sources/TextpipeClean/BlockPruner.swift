/// Removes what still looks like boilerplate from the blocks `ContentSelector` chose.
///
/// The winner of selection is the right subtree, but sites put furniture inside their article
/// element too: the headline (which is metadata, not body), a byline and a date above the
/// first paragraph, "Advertisement" labels and share prompts between paragraphs, tag lists and
/// "Read more" links after the last one. The rules, each general rather than site-specific:
///
/// - a heading that repeats the title is dropped (the title is reported in `meta`);
/// - link lists (more than half the characters inside links) and cookie notices are dropped;
/// - short blocks that are only a known boilerplate phrase are dropped, and so are copyright
///   lines, photo credits and a blog's filing notes (`isCopyrightOrFiling`);
/// - before the first prose block, short fragments that are not headings (bylines, dates,
///   kickers) are dropped, and so is a dateline at the very top ("5 July 2024, 10:20, by
///   ..."), which has commas enough to pass for prose; after the last prose block, headings
///   and short fragments (tags, share prompts, "Read more", credits) are dropped;
/// - a heading that announces related content ("Related posts", "Mehr zum Thema") in the tail
///   of the selection ends it (`cutAtRelatedSection`), and appeals to the reader at the very
///   end ("Download our app", "Unterstützen Sie ...") go (`withoutClosingAppeals`).
struct BlockPruner {
    var title: String?
    /// The author found in the metadata: a block that only names them is a byline.
    var author: String? = nil

    func prune(_ blocks: [TextBlock], text: (TextBlock) -> String) -> [TextBlock] {
        let normalizedTitle = title.map(Self.fold)
        var kept: [TextBlock] = []
        kept.reserveCapacity(blocks.count)
        for b in blocks {
            if b.notice { continue }
            if b.linkDensity > 0.5 && b.chars < 400 && !(b.kind == .listItem && b.chars >= 25) { continue }
            if b.kind == .heading1 || (b.kind == .heading && kept.isEmpty) {
                let t = Self.fold(text(b))
                if let nt = normalizedTitle, !nt.isEmpty, nt.contains(t) || t.contains(nt) { continue }
                if b.kind == .heading1 && normalizedTitle == nil && kept.isEmpty { continue }
            }
            if b.chars < 45, b.stops <= 1, Self.isBoilerplatePhrase(Self.fold(text(b))) { continue }
            if b.chars < 400, Self.isCopyrightOrFiling(text(b), chars: Int(b.chars)) { continue }
            kept.append(b)
        }
        guard let first = kept.firstIndex(where: ContentSelector.isProse),
              let last = kept.lastIndex(where: ContentSelector.isProse) else { return kept }
        var out: [TextBlock] = []
        out.reserveCapacity(kept.count)
        let foldedAuthor = author.map(Self.fold)
        for (i, b) in kept.enumerated() {
            let heading = b.kind == .heading || b.kind == .heading1
            let structured = b.kind == .listItem || b.kind == .tableRow || b.kind == .quote
            if i < first, !heading, !structured, b.chars < 80 { continue }
            if i < first, heading, i + 1 < kept.count, kept[i + 1].kind == .heading || kept[i + 1].kind == .heading1 {
                continue  // a heading with nothing under it before the article: a sidebar's or a section's
            }
            if i <= first, b.chars < 200 {
                let t = Self.fold(text(b))
                // A breadcrumb ends with the title; a byline names the author.
                if let nt = normalizedTitle, nt.count >= 10, t.hasSuffix(nt), t.count > nt.count { continue }
                if let a = foldedAuthor, !a.isEmpty, t == a { continue }
                if Self.isDisclosure(t) { continue }
            }
            if i <= first + 1, i < 3, !heading, b.chars < 100, !b.endsSentence, DateParser.iso8601(text(b)) != nil { continue }
            if i > last, !heading, !structured, b.chars < 60 { continue }
            if i > last, heading { continue }  // nothing of the article follows it
            out.append(b)
        }
        return Self.withoutClosingAppeals(Self.cutAtRelatedSection(out, text: text), text: text)
    }

    /// Drops the appeals to the reader that close many articles ("Download our app", "Submit a
    /// letter to the editor", "Unterstützen Sie unseren Journalismus", "suscríbase"): walking
    /// back from the end over at most four blocks, a block under 300 characters with an appeal
    /// phrase goes; short blocks are passed over; anything else ends the walk.
    static func withoutClosingAppeals(_ blocks: [TextBlock], text: (TextBlock) -> String) -> [TextBlock] {
        var drop = Set<Int>()
        var k = blocks.count - 1
        var steps = 0
        while k > 0, steps < 4 {
            let b = blocks[k]
            if b.chars < 300, isAppeal(text(b)) {
                drop.insert(k)
            } else if b.chars >= 60 {
                break
            }
            k -= 1
            steps += 1
        }
        if drop.isEmpty { return blocks }
        return blocks.indices.filter { !drop.contains($0) }.map { blocks[$0] }
    }

    static let appeals: [String] = [
        "letter to the editor", "download the", "download our", "our app", "follow us", "sign up for our", "subscribe to our",
        "support our journalism", "support independent journalism", "first-time subscribers", "unterstützen sie", "werden sie mitglied",
        "folgen sie uns", "abonnieren sie", "laden sie die", "suscríbase", "suscribirse", "suscríbete", "síguenos",
        "abonnez-vous", "suivez-nous", "zapraszamy też do subskrypcji", "subskrybuj",
    ]

    static let appealSet = PhraseSet(appeals)

    static func isAppeal(_ text: String) -> Bool {
        containsAny(text, appealSet)
    }

    /// The article ends at a heading that announces other content ("Related posts", "Mehr zum
    /// Thema", "Notas relacionadas") when what follows it is the tail of the selection (less
    /// than half as long as what precedes it): a related-links box inside the article element.
    /// A box of that name early in a long article is left alone; the selection stands there.
    static func cutAtRelatedSection(_ blocks: [TextBlock], text: (TextBlock) -> String) -> [TextBlock] {
        let total = blocks.reduce(0) { $0 + Int($1.chars) }
        var before = 0
        for (i, b) in blocks.enumerated() {
            defer { before += Int(b.chars) }
            guard before > 0, b.chars < 60, !b.endsSentence,
                  b.kind == .heading || b.kind == .heading1 || b.kind == .paragraph || b.kind == .other else { continue }
            guard (total - before) * 2 < before, isRelatedHeading(fold(text(b))) else { continue }
            return Array(blocks[..<i])
        }
        return blocks
    }

    /// Headings of related-content boxes, in the languages of the pages we see most.
    static let relatedHeadings: [String] = [
        "related", "more from", "more stories", "more on this", "read more", "read next", "also read", "you may also like",
        "you might also like", "recommended for you", "ähnliche beiträge", "ähnliche artikel", "verwandte artikel",
        "weitere artikel", "weitere beiträge", "weitere news", "weitere meldungen", "mehr zum thema", "mehr zu ",
        "das könnte sie auch interessieren", "auch interessant", "lesen sie auch", "zum weiterlesen", "passend dazu",
        "aktuelle berichte", "entdecke weitere", "vorschau auf den nächsten", "notas relacionadas", "noticias relacionadas",
        "te puede interesar", "lee también", "à lire aussi", "lire aussi", "sur le même sujet", "articles similaires",
        "à découvrir", "articoli correlati", "potrebbe interessarti", "czytaj także", "zobacz także", "gerelateerde",
        "most popular", "most read", "popular posts", "popular articles", "читайте также", "смотрите также",
        "похожие статьи", "похожие материалы", "другие статьи", "самые популярные", "популярное", "по теме",
    ]

    static let relatedHeadingSet = Set(relatedHeadings.map { $0.trimmingCharacters(in: [" "]) })

    static func isRelatedHeading(_ folded: String) -> Bool {
        relatedHeadingSet.contains(folded) || relatedHeadings.contains { folded.hasPrefix($0) }
    }

    /// Lower case, single spaces, no surrounding punctuation.
    static func fold(_ s: String) -> String {
        var out = ""
        var space = false
        for ch in s.lowercased().unicodeScalars {
            // ASCII answers without the Unicode property tables (most text is ASCII).
            let white = ch.value < 0x80 ? (ch.value == 0x20 || (ch.value >= 0x09 && ch.value <= 0x0D)) : ch.properties.isWhitespace
            if white {
                space = true
            } else {
                if space, !out.isEmpty { out.append(" ") }
                space = false
                out.unicodeScalars.append(ch)
            }
        }
        return out.trimmingCharacters(in: Self.edgePunctuation)
    }

    static let edgePunctuation: Set<Character> = [":", ".", "|", "-", "»", "›", ">", "•", "·", "–", "—", " "]

    static let phrases: [String] = [
        "advertisement", "anzeige", "werbung", "publicité", "publicidad", "pubblicità", "reklama", "sponsored",
        "story continues below", "continue reading", "read more", "weiterlesen", "mehr lesen", "lire la suite",
        "leer más", "share this", "share this article", "share on facebook", "share on twitter", "tweet",
        "click here", "sign up", "subscribe", "related", "related articles", "related stories", "more from",
        "see also", "follow us", "image", "photo", "video", "watch", "listen", "print", "email", "comments",
        "leave a comment", "skip to content", "back to top", "top", "loading", "close", "menu", "teilen",
        "artikel teilen", "drucken", "zurück", "nach oben", "kommentare", "mehr zum thema", "das könnte sie auch interessieren",
        "you may also like", "recommended", "trending", "most popular", "newsletter", "cookie",
    ]

    static let phraseSet = Set(phrases)

    /// An advertising disclosure at the top of a post ("Anzeige, enthält Affiliate Links").
    static func isDisclosure(_ folded: String) -> Bool {
        for p in ["anzeige,", "anzeige:", "anzeige -", "*werbung", "werbung:", "werbung.", "werbung,", "advertisement:",
                  "sponsored:", "sponsored content", "this post contains affiliate", "this post may contain affiliate",
                  "dieser beitrag enthält werbung", "dieser artikel enthält werbung", "enthält affiliate"] where folded.hasPrefix(p) {
            return true
        }
        return false
    }

    /// A copyright or licence line, or a photo credit or a caption ending with one ("© 2020
    /// The Daily. All rights reserved.", "Foto: ... © AFP"), under 200 characters, where ©
    /// stands as a word; or a blog's filing note ("This
    /// entry was posted in ...", "Der Beitrag wurde am ... veröffentlicht und wurde unter ...
    /// abgelegt"), under 400. Neither is ever article text.
    static func isCopyrightOrFiling(_ text: String, chars: Int) -> Bool {
        if chars < 200 {
            if contains(text, "©", standingAsWord: true) || contains(text, "copyright", atStart: true) { return true }
            if containsAny(text, rightsReserved) || endsWithPhotoCredit(text) { return true }
        }
        return containsAny(text, filingNotes)
    }

    /// A caption that ends with its credit in brackets, "Protesters in the square (Image:
    /// GETTY)", "(Foto: dpa)": the form of captions that sites print as plain text rather
    /// than in a `<figcaption>`.
    static func endsWithPhotoCredit(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { h in
            var end = h.count
            while end > 0, h[end - 1] == 0x20 || h[end - 1] == 0x0A { end -= 1 }
            guard end > 0, h[end - 1] == UInt8(ascii: ")") else { return false }
            var open = end - 1
            while open > 0, h[open - 1] != UInt8(ascii: "("), end - open < 80 { open -= 1 }
            guard open > 0, h[open - 1] == UInt8(ascii: "(") else { return false }
            var colon = open
            while colon < end, h[colon] != UInt8(ascii: ":"), colon - open < 13 { colon += 1 }
            guard colon < end, h[colon] == UInt8(ascii: ":") else { return false }
            let label = String(decoding: h[open..<colon], as: UTF8.self).lowercased()
            return photoCreditLabels.contains(label)
        }
    }

    static let photoCreditLabels: Set<String> = [
        "image", "images", "picture", "pictures", "pic", "photo", "photos", "photograph", "credit", "illustration",
        "foto", "fotos", "bild", "bilder", "grafik",
    ]

    static let rightsReserved = PhraseSet(["all rights reserved", "alle rechte vorbehalten", "tous droits réservés",
                                           "todos los derechos reservados", "tutti i diritti riservati"])
    static let filingNotes = PhraseSet(["this entry was posted in", "this entry was filed under", "und abgelegt unter", "und wurde unter"])

    /// Lower-case phrases looked for in one pass over a text's UTF-8 bytes (ASCII letters
    /// case-folded): at each byte only the phrases that start with it are compared.
    struct PhraseSet {
        let phrases: [[UInt8]]
        let starts: [Bool]

        init(_ list: [String]) {
            phrases = list.map { Array($0.utf8) }
            var s = [Bool](repeating: false, count: 256)
            for p in phrases { s[Int(p[0])] = true }
            starts = s
        }
    }

    static func containsAny(_ text: String, _ set: PhraseSet) -> Bool {
        var text = text
        return text.withUTF8 { h in
            let n = h.count
            for i in 0..<n {
                var c = h[i]
                if c >= 0x41 && c <= 0x5A { c |= 0x20 }
                guard set.starts[Int(c)] else { continue }
                for p in set.phrases where p[0] == c && i + p.count <= n {
                    var k = 1
                    while k < p.count {
                        var d = h[i + k]
                        if d >= 0x41 && d <= 0x5A { d |= 0x20 }
                        if d != p[k] { break }
                        k += 1
                    }
                    if k == p.count { return true }
                }
            }
            return false
        }
    }

    /// Whether `text` contains `needle` (lower case), ignoring the case of ASCII letters; on the
    /// UTF-8 bytes, without Foundation (this runs on most blocks of every page). `atStart`: only
    /// after leading spaces and punctuation; `standingAsWord`: at the start or after a space, a line break or "(".
    static func contains(_ text: String, _ needle: String, atStart: Bool = false, standingAsWord: Bool = false) -> Bool {
        var text = text
        var needle = needle
        return text.withUTF8 { h in
            needle.withUTF8 { n in
                let m = n.count
                guard m > 0, h.count >= m else { return false }
                var i = 0
                while i + m <= h.count {
                    var k = 0
                    while k < m {
                        var c = h[i + k]
                        if c >= 0x41 && c <= 0x5A { c |= 0x20 }
                        if c != n[k] { break }
                        k += 1
                    }
                    if k == m, !standingAsWord || i == 0 || h[i - 1] == 0x20 || h[i - 1] == 0x0A || h[i - 1] == 0x28 { return true }
                    if atStart {
                        let c = h[i]
                        let skippable = c == 0x20 || c == 0x2D || c == 0x7C || c == 0x3A || c == 0x2E || c == 0x0A
                        if !skippable { return false }
                    }
                    i += 1
                }
                return false
            }
        }
    }

    static func isBoilerplatePhrase(_ folded: String) -> Bool {
        if phraseSet.contains(folded) { return true }
        for p in ["advertisement", "story continues below", "continue reading", "read more:", "related:",
                  "sign up for", "subscribe to", "click here to", "follow us on", "printer-friendly", "print this",
                  "e-mail this", "email this"] where folded.hasPrefix(p) {
            return true
        }
        return false
    }
}

extension String {
    func trimmingCharacters(in set: Set<Character>) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}

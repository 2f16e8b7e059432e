import Foundation
import TextpipeCore
import TextpipeMarkup

/// Cleans plain-text and Markdown articles (`.txt`, `.md`) the way `HTMLCleaner` cleans pages.
///
/// - Bytes are decoded with the same charset decision as HTML (BOM, declared, detection).
/// - A YAML front-matter block (`---` ... `---`) gives metadata (title, author, date, site,
///   language, description), recorded with the source "front-matter".
/// - Paragraphs are separated by blank lines; lines inside one are joined with spaces. List
///   items become paragraphs of their own; heading, quote and list markers and horizontal
///   rules go; inline Markdown is removed (`MarkdownInline`), in `.txt` files too, since text
///   exported from web pages carries it.
/// - The head of an article without front matter is read as metadata when it looks like it:
///   a short first line without a full stop is the title, a short line that parses as a date
///   is the date, a short line of two to four capitalised words (or "By ...") is the author.
///   These lines, and a heading or byline that repeats them, leave the text (as they do in HTML).
/// - A site footer is dropped: after a closing horizontal rule, or trailing paragraphs that
///   are only a link, end with a colon, or say "contact", "subscribe", "©" and the like.
/// - A paragraph that ends without sentence punctuation and is followed by one that starts in
///   lower case was broken in the middle of a sentence: the two are joined again.
struct PlainTextCleaner {
    let markdown: Bool

    func clean(_ bytes: [UInt8], declaredCharset: String?) throws -> CleanedPage {
        if BinaryCheck.looksBinary(bytes) { throw DocumentFailure(.parse, "the content is binary data, not text") }
        let decision = CharsetDetector.decide(bytes, declared: declaredCharset)
        guard let utf8 = Transcoder.transcode(bytes, from: decision.charset) else {
            throw DocumentFailure(.charset, "charset '\(decision.charset)' cannot be decoded")
        }
        var text = String(decoding: utf8, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        var meta = Metadata()
        if let (fields, rest) = FrontMatter.split(text) {
            text = rest
            FrontMatter.apply(fields, to: &meta)
        }
        var paragraphs = Self.paragraphs(of: text)
        if meta.title == nil || meta.author == nil || meta.published == nil { readHead(&paragraphs, into: &meta) }
        dropRepeatedHead(&paragraphs, meta: meta)
        Self.dropFooter(&paragraphs)
        var assembler = ParagraphAssembler()
        for p in Self.joinBroken(paragraphs) { assembler.add(p.text) }
        let (clean, spans) = assembler.finish()
        guard !clean.isEmpty else { throw DocumentFailure(.empty, "no text in the document") }
        if meta.language == nil, let lang = LanguageDetector.shared.detect(clean) {
            meta.language = lang
            meta.sources["language"] = "detected"
        }
        return CleanedPage(text: clean, paragraphs: spans, meta: meta, charset: decision)
    }

    struct Paragraph {
        enum Kind { case text, heading, listItem, rule }
        var text: String
        var kind: Kind
    }

    static func paragraphs(of text: String) -> [Paragraph] {
        var out: [Paragraph] = []
        var lines: [Substring] = []
        var inFence = false
        func flush() {
            guard !lines.isEmpty else { return }
            let joined = TextNormalizer.normalizeLine(Substring(lines.joined(separator: " ")))
            if !joined.isEmpty { out.append(Paragraph(text: inFence ? joined : MarkdownInline.strip(joined), kind: .text)) }
            lines.removeAll()
        }
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.drop { $0 == " " || $0 == "\t" }
            if line.hasPrefix("```") || line.hasPrefix("~~~") { flush(); inFence.toggle(); continue }
            if line.isEmpty { flush(); continue }
            if inFence { lines.append(raw); continue }
            if isRule(line) { flush(); out.append(Paragraph(text: "", kind: .rule)); continue }
            if line.hasPrefix("#") {
                flush()
                let t = line.drop { $0 == "#" }.drop { $0 == " " }
                out.append(Paragraph(text: MarkdownInline.strip(TextNormalizer.normalizeLine(t)), kind: .heading))
                continue
            }
            if let item = listItem(line) {
                flush()
                out.append(Paragraph(text: MarkdownInline.strip(TextNormalizer.normalizeLine(item)), kind: .listItem))
                continue
            }
            lines.append(line.hasPrefix(">") ? line.dropFirst().drop { $0 == " " } : line)
        }
        flush()
        return out.filter { $0.kind == .rule || !$0.text.isEmpty }
    }

    static func isRule(_ line: Substring) -> Bool {
        let t = line.filter { $0 != " " }
        guard t.count >= 3, let f = t.first, "-*_=".contains(f) else { return false }
        return t.allSatisfy { $0 == f }
    }

    static func listItem(_ line: Substring) -> Substring? {
        if line.count > 2, "-*+•".contains(line.first!), line.dropFirst().first == " " { return line.dropFirst(2) }
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, digits.count <= 3 {
            let rest = line.dropFirst(digits.count)
            if rest.hasPrefix(". ") || rest.hasPrefix(") ") { return line }  // keep the number: it is content
        }
        return nil
    }

    /// Title, author and date from the first short lines.
    func readHead(_ paragraphs: inout [Paragraph], into meta: inout Metadata) {
        var k = 0
        while k < min(paragraphs.count, 4) {
            let p = paragraphs[k]
            let t = p.text
            guard p.kind != .rule, t.count < 200 else { break }
            let words = t.split(separator: " ")
            if meta.title == nil, k == 0, !t.hasSuffix("."), words.count >= 3 {
                meta.title = t
                meta.sources["title"] = "first line"
            } else if meta.published == nil, t.count < 40, let d = DateParser.iso8601(t) {
                meta.published = d
                meta.sources["published"] = "text"
            } else if meta.author == nil, let name = Self.byline(t) {
                meta.author = name
                meta.sources["author"] = "byline"
                if meta.published == nil, let d = DateParser.iso8601(t) {
                    meta.published = d
                    meta.sources["published"] = "byline"
                }
            } else {
                break
            }
            k += 1
        }
    }

    /// "Clara Weiss", "By Amara Nwosu · 2 June 2024" → the name.
    static func byline(_ t: String) -> String? {
        var s = t
        if s.lowercased().hasPrefix("by ") { s = String(s.dropFirst(3)) }
        if let cut = s.firstIndex(where: { "·|•,–—".contains($0) }) { s = String(s[..<cut]) }
        s = s.trimmingCharacters(in: .whitespaces)
        let words = s.split(separator: " ")
        guard (2...4).contains(words.count), s.count < 50,
              words.allSatisfy({ $0.first?.isUppercase == true && !$0.contains(where: \.isNumber) }) else { return nil }
        return s
    }

    /// Removes leading paragraphs that only repeat metadata: the title (as a line or heading),
    /// a byline, the date.
    func dropRepeatedHead(_ paragraphs: inout [Paragraph], meta: Metadata) {
        while let p = paragraphs.first, p.kind != .rule {
            let t = p.text
            let isTitle = meta.title.map { BlockPruner.fold($0) == BlockPruner.fold(t) } ?? false
            let isAuthor = meta.author != nil && Self.byline(t) == meta.author
            let isDate = t.count < 40 && meta.published != nil && DateParser.iso8601(t) == meta.published
            guard isTitle || isAuthor || isDate else { break }
            paragraphs.removeFirst()
        }
    }

    static let footerWords = ["contact", "subscribe", "newsletter", "follow us", "©", "copyright", "all rights reserved",
                              "reproduction", "written and edited", "kontakt", "impressum", "abonnieren"]

    static func dropFooter(_ paragraphs: inout [Paragraph]) {
        if let rule = paragraphs.lastIndex(where: { $0.kind == .rule }) {
            let after = paragraphs[(rule + 1)...].reduce(0) { $0 + $1.text.count }
            if after < 300, rule > 0 { paragraphs.removeSubrange(rule...) }
        }
        while let last = paragraphs.last {
            let t = last.text.lowercased()
            let linkOnly = !t.contains(" ") && (t.contains(".") || t.contains("/"))
            let footer = t.count < 200 && (t.hasSuffix(":") || footerWords.contains { t.contains($0) })
            guard last.kind == .rule || linkOnly || footer, paragraphs.count > 1 else { break }
            paragraphs.removeLast()
        }
        paragraphs.removeAll { $0.kind == .rule }
    }

    /// Joins a paragraph broken in the middle of a sentence with the one that continues it.
    static func joinBroken(_ paragraphs: [Paragraph]) -> [Paragraph] {
        var out: [Paragraph] = []
        for p in paragraphs {
            if let prev = out.last, prev.kind == .text, p.kind == .text,
               let end = prev.text.last, !".!?:\"”’)»".contains(end),
               let start = p.text.first, start.isLowercase {
                out[out.count - 1].text += " " + p.text
            } else {
                out.append(p)
            }
        }
        return out
    }
}

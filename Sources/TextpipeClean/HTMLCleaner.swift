import Foundation
import TextpipeCore
import TextpipeMarkup

/// Tells binary files (images, archives, a page cut into random bytes) from text before
/// anything tries to parse them: in the first 4 KiB, text has almost no control characters
/// other than tab, line feed, form feed and carriage return; UTF-16 is recognised by its BOM
/// or NUL pattern and let through.
enum BinaryCheck {
    static func looksBinary(_ bytes: [UInt8]) -> Bool {
        let n = min(bytes.count, 4096)
        guard n > 0 else { return false }
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) { return false }
        if CharsetDetector.decide(Array(bytes.prefix(512)), declared: nil).charset.hasPrefix("utf-16") { return false }
        var control = 0
        for b in bytes[0..<n] where b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0C && b != 0x0D { control += 1 }
        return control * 100 > n && (control >= 16 || control * 10 > n)  // over 1% (10% of a tiny file)
    }
}

/// The clean text of a page and what is known about it.
public struct CleanedPage: Sendable {
    /// Paragraphs separated by "\n\n".
    public var text: String
    /// Code-point spans of the paragraphs in `text`.
    public var paragraphs: [TextpipeCore.Span]
    public var meta: Metadata
    /// The charset the page was read in.
    public var charset: CharsetDecision?
}

/// Turns the bytes of an HTML page into article text and metadata.
///
/// The steps, each in its own type: `MarkupParser` (charset, libxml2, flat DOM),
/// `MetadataExtractor` (title, author, date, ... with their sources), `ContentSelector`
/// (which subtree is the article), `BlockPruner` (furniture inside it), and
/// `ParagraphAssembler` (normalised paragraphs and their spans). A value type with no state:
/// one instance serves all workers.
public struct HTMLCleaner: Sendable {
    public var includeCaptions: Bool

    public init(includeCaptions: Bool = false) {
        self.includeCaptions = includeCaptions
    }

    public func clean(_ bytes: [UInt8], declaredCharset: String? = nil, url: String? = nil, fetched: Date? = nil,
                      limits: Limits = Limits(), deadline: DispatchTime? = nil,
                      checkDeadline: () throws -> Void = {}) throws -> CleanedPage {
        if BinaryCheck.looksBinary(bytes) {
            throw DocumentFailure(.parse, "the content is binary data, not HTML")
        }
        let doc: MarkupDocument
        do {
            doc = try MarkupParser.parseHTML(bytes, declaredCharset: declaredCharset,
                                             limits: MarkupLimits(maxDepth: limits.maxDOMDepth, maxNodes: limits.maxNodes, deadline: deadline))
        } catch let e as MarkupError {
            switch e {
            case .tooDeep: throw DocumentFailure(.limit, "\(e.description) (limits.max_dom_depth)")
            case .tooManyNodes: throw DocumentFailure(.limit, "\(e.description) (limits.max_nodes)")
            case .tooManyAttributes: throw DocumentFailure(.limit, e.description)
            case .timeout:
                try checkDeadline()
                throw DocumentFailure(.timeout, e.description)
            case .unsupportedCharset: throw DocumentFailure(.charset, e.description)
            case .empty: throw DocumentFailure(.empty, "the page is empty")
            case .notWellFormed: throw DocumentFailure(.parse, e.description)
            }
        }
        try checkDeadline()
        let selector = ContentSelector(doc: doc)
        var (meta, jsonBody) = MetadataExtractor(doc: doc, ids: selector.ids, hints: selector.hints, url: url, fetched: fetched)
            .extractWithBody()
        let (flat, chosen) = try selector.select(context: checkDeadline)
        let pruner = BlockPruner(title: meta.title, author: meta.author)
        var blocks = pruner.prune(chosen) { flat.string(of: $0) }
        if !includeCaptions { blocks.removeAll { $0.kind == .caption } }
        var assembler = ParagraphAssembler()
        var chars = 0
        for b in blocks {
            assembler.add(flat.text[Int(b.start)..<Int(b.end)])
            chars += Int(b.chars)
            try checkDeadline()
        }
        if let body = jsonBody, body.count >= 200, chars * 2 < body.count {
            // The page renders its text with scripts; its JSON-LD carries the article.
            assembler = ParagraphAssembler()
            for line in body.split(whereSeparator: \.isNewline) {
                let p = TextNormalizer.normalizeLine(line)
                if !p.isEmpty { assembler.add(p) }
            }
            meta.sources["text"] = "json-ld:articleBody"
        }
        let (text, spans) = assembler.finish()
        guard !text.isEmpty else { throw DocumentFailure(.empty, "no text found in the page") }
        if meta.language == nil, let lang = LanguageDetector.shared.detect(text) {
            meta.language = lang
            meta.sources["language"] = "detected"
        }
        return CleanedPage(text: text, paragraphs: spans, meta: meta, charset: doc.charset)
    }
}

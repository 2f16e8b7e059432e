import Foundation
import TextpipeCore

/// `clean`: turns a document's raw content into clean text, paragraphs and metadata.
///
/// HTML and XHTML go through `HTMLCleaner`, plain text and Markdown through
/// `PlainTextCleaner`; both give paragraphs separated by "\n\n", their code-point spans, and
/// metadata whose `sources` say where each field came from. The raw content is dropped
/// afterwards. A document that arrives without content but with text (a `stream` line with
/// "text" that an earlier stage already cleaned) is left as it is.
///
/// Near-duplicates: each text gets a SimHash fingerprint (`document.duplicate.simhash`); with
/// `duplicates: mark` (the default) a document within `duplicate_distance` bits of an earlier
/// one records which (`duplicate.of`, `duplicate.distance`), and with `drop` it is dropped with
/// the counted reason "near-duplicate". The index of fingerprints is the stage's only shared
/// state; see `DuplicateIndex` for why it is safe and which copy survives a race.
public struct CleanStage: Stage {
    public static let description = StageDescription(
        name: "clean",
        summary: "extract the article text, paragraphs and metadata from HTML, text or Markdown",
        options: [
            OptionSpec("include_captions", .bool, default: .bool(false), "keep figure and table captions in the text"),
            OptionSpec("duplicates", .choice(["off", "mark", "drop"]), default: .string("mark"),
                       "near-duplicate detection: off, mark (record in `duplicate`) or drop"),
            OptionSpec("duplicate_distance", .int(0...3), default: .int(3),
                       "largest SimHash Hamming distance (bits of 64) that counts as a near-duplicate"),
            OptionSpec("min_chars", .int(0...1_000_000), default: .int(1),
                       "fail with kind 'empty' when the clean text is shorter than this"),
        ],
        requires: ["content"],
        provides: ["text", "paragraphs", "meta"])

    enum DuplicateMode: String { case off, mark, drop }

    let html: HTMLCleaner
    let duplicates: DuplicateMode
    let index: DuplicateIndex?
    let minChars: Int

    public init(options: StageOptions, context: LoadContext) throws {
        html = HTMLCleaner(includeCaptions: options.bool("include_captions") ?? false)
        duplicates = DuplicateMode(rawValue: options.string("duplicates") ?? "mark") ?? .mark
        index = duplicates == .off ? nil : DuplicateIndex(maxDistance: options.int("duplicate_distance") ?? 3)
        minChars = options.int("min_chars") ?? 1
    }

    public func process(_ document: inout Document, context: StageContext) throws {
        guard let content = document.content else {
            if !document.text.isEmpty { return }
            throw DocumentFailure(.input, "nothing to clean: the document has neither content nor text")
        }
        let page: CleanedPage
        switch content.format {
        case .html, .xhtml:
            page = try html.clean(content.bytes, declaredCharset: content.declaredCharset,
                                  url: document.http?.finalURL ?? Self.url(document.source), fetched: document.fetched,
                                  limits: context.limits, deadline: context.deadline, checkDeadline: context.checkDeadline)
        case .text, .markdown:
            page = try PlainTextCleaner(markdown: content.format == .markdown)
                .clean(content.bytes, declaredCharset: content.declaredCharset)
        }
        let length = page.paragraphs.last?.end ?? 0
        if length > context.limits.maxTextChars {
            throw DocumentFailure(.limit, "clean text has \(length) characters, over max_text_chars (\(context.limits.maxTextChars))")
        }
        if length < minChars {
            throw DocumentFailure(.empty, "clean text has \(length) characters, fewer than min_chars (\(minChars))")
        }
        document.text = page.text
        document.paragraphs = page.paragraphs
        document.meta = Self.merge(document.meta, page.meta)
        document.content = nil
        if let index {
            let hash = SimHash.fingerprint(page.text)
            var info = DuplicateInfo(simhash: SimHash.hex(hash))
            if let earlier = index.claim(hash, id: document.id) {
                if duplicates == .drop { throw DocumentDropped("near-duplicate") }
                info.of = earlier.id
                info.distance = earlier.distance
            }
            document.duplicate = info
        }
    }

    /// Fields already set on the document (by the input line, say) win over what was found.
    static func merge(_ given: Metadata, _ found: Metadata) -> Metadata {
        var m = found
        if let v = given.title { m.title = v; m.sources["title"] = given.sources["title"] ?? "input" }
        if let v = given.author { m.author = v; m.sources["author"] = given.sources["author"] ?? "input" }
        if let v = given.published { m.published = v; m.sources["published"] = given.sources["published"] ?? "input" }
        if let v = given.site { m.site = v; m.sources["site"] = given.sources["site"] ?? "input" }
        if let v = given.language { m.language = v; m.sources["language"] = given.sources["language"] ?? "input" }
        if let v = given.canonicalURL { m.canonicalURL = v; m.sources["canonical_url"] = given.sources["canonical_url"] ?? "input" }
        if let v = given.description { m.description = v; m.sources["description"] = given.sources["description"] ?? "input" }
        return m
    }

    /// The source when it is a web URL (used for dates in the path and site names in titles).
    static func url(_ source: String) -> String? {
        source.hasPrefix("http://") || source.hasPrefix("https://") ? source : nil
    }
}

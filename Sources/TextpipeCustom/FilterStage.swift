import Foundation
import TextpipeCore

/// `filter`: drops documents by language, length, words, duplication, metadata or a regular
/// expression — the common filters of a news corpus, without code.
///
///     - filter:
///         languages: [en, de]           # meta.language must be one of these
///         min_words: 80                 # the tokenizer's words when `sentences` ran before
///         max_chars: 200000
///         duplicates: drop              # the same text (case and spacing aside) seen before
///         require_meta: [title, published]
///         meta: { site: 'reuters|apnews' }       # regular expression per metadata field
///         drop_if: '(?i)sponsored content|advertorial'
///
/// A dropped document is not an error: it is counted by reason in run.json and the summary
/// (`dropped (duplicate 3, language 12)`), like datatrove's filters. The reason is the option
/// that dropped it (`missing meta.title` and `meta.site` for the metadata options). Criteria
/// are checked in the order listed in `textpipe stages`, cheapest first, and the first that
/// fails names the reason.
///
/// Regular expressions use ICU syntax (NSRegularExpression): 18 MB/s of text in a single-thread
/// measurement here, about 10 MB/s per worker inside a run — twelve times Swift's `Regex` on the
/// same pattern, which is why that is not used. The other criteria run at memory speed. `duplicates` keeps the
/// first copy of a text that a worker reaches; with several workers that is not always the
/// first in input order, and a resumed run remembers only what it has seen since resuming.
/// Near-duplicates that an earlier stage marked (`duplicate.of`) are dropped too.
public struct FilterStage: Stage {
    public static let description = StageDescription(
        name: "filter",
        summary: "drop documents by language, length, words, duplication, metadata or regular expression (counted by reason)",
        options: [
            OptionSpec("sample", .double(0...1), "keep this share of documents, chosen by id (stable across runs)"),
            OptionSpec("languages", .list(.string), "keep documents whose meta.language is one of these ('unknown' keeps those without one)"),
            OptionSpec("require_meta", .list(.choice(metaFields)), default: .list([]), "metadata fields that must be present"),
            OptionSpec("min_chars", .int(0...Int.max), "fewest characters of text"),
            OptionSpec("max_chars", .int(0...Int.max), "most characters of text"),
            OptionSpec("min_words", .int(0...Int.max), "fewest words"),
            OptionSpec("max_words", .int(0...Int.max), "most words"),
            OptionSpec("duplicates", .choice(["keep", "drop"]), default: .string("keep"), "drop a text seen before in this run (case and spacing aside) and marked near-duplicates"),
            OptionSpec("meta", .structured("map of FIELD: regular expression"), "metadata fields that must match (a missing field does not)"),
            OptionSpec("keep_if", .string, "regular expression the text must contain"),
            OptionSpec("drop_if", .string, "regular expression the text must not contain"),
        ])

    static let metaFields = ["title", "author", "published", "site", "language", "canonical_url", "description"]

    let sample: Double?
    let languages: Set<String>?
    let requireMeta: [String]
    let chars: (min: Int?, max: Int?)
    let words: (min: Int?, max: Int?)
    let seen: SeenTexts?
    let metaPatterns: [(field: String, pattern: TextPattern)]
    let keepIf: TextPattern?
    let dropIf: TextPattern?
    public let requires: [String]

    public init(options: StageOptions, context: LoadContext) throws {
        if case .double(let share) = options["sample"] { sample = share } else { sample = nil }
        languages = options.strings("languages").isEmpty ? nil : Set(options.strings("languages").map { $0.lowercased() })
        requireMeta = options.strings("require_meta")
        chars = (options.int("min_chars"), options.int("max_chars"))
        words = (options.int("min_words"), options.int("max_words"))
        seen = options.string("duplicates") == "drop" ? SeenTexts() : nil
        var patterns: [(String, TextPattern)] = []
        if let node = options.node("meta") {
            guard let pairs = node.mapping else {
                throw options.error("option 'filter.meta' expects a map such as { site: 'reuters|apnews' }, found \(node.kindName)", key: "meta")
            }
            for (field, location, value) in pairs {
                guard Self.metaFields.contains(field) else {
                    throw ConfigurationError("'\(field)' is not a metadata field (\(Self.metaFields.joined(separator: ", ")))",
                                             at: location, key: "filter.meta.\(field)", suggestion: closestMatch(to: field, in: Self.metaFields))
                }
                guard let text = value.scalar, !value.isNull else {
                    throw ConfigurationError("the pattern for '\(field)' must be a regular expression", at: value.location, key: "filter.meta.\(field)")
                }
                patterns.append((field, try TextPattern(text, key: "meta.\(field)", options: options)))
            }
        }
        metaPatterns = patterns
        keepIf = try options.string("keep_if").map { try TextPattern($0, key: "keep_if", options: options) }
        dropIf = try options.string("drop_if").map { try TextPattern($0, key: "drop_if", options: options) }
        for (low, high, name) in [(chars.min, chars.max, "chars"), (words.min, words.max, "words")] {
            if let low, let high, low > high { throw options.error("min_\(name) (\(low)) is more than max_\(name) (\(high))", key: "min_\(name)") }
        }
        var needs: [String] = []
        if languages != nil || !requireMeta.isEmpty || !metaPatterns.isEmpty { needs.append("meta") }
        if chars != (nil, nil) || words != (nil, nil) || seen != nil || keepIf != nil || dropIf != nil { needs.append("text") }
        if sample == nil && needs.isEmpty && seen == nil {
            throw options.error("'filter' needs at least one criterion: \(Self.description.options.map(\.name).joined(separator: ", "))")
        }
        requires = needs
    }

    public func process(_ document: inout Document, context: StageContext) throws {
        if let sample, Double(StableHash.fnv1a64("sample:" + document.id) % 1_000_000) >= sample * 1_000_000 {
            throw DocumentDropped("sample")
        }
        if let languages, !languages.contains(document.meta.language?.lowercased() ?? "unknown") {
            throw DocumentDropped("languages")
        }
        for field in requireMeta where (Self.value(of: field, in: document.meta) ?? "").isEmpty {
            throw DocumentDropped("missing meta.\(field)")
        }
        if chars != (nil, nil) {
            let n = document.text.unicodeScalars.count
            if let min = chars.min, n < min { throw DocumentDropped("min_chars") }
            if let max = chars.max, n > max { throw DocumentDropped("max_chars") }
        }
        if words != (nil, nil) {
            let n = TextMeasures.words(document)
            if let min = words.min, n < min { throw DocumentDropped("min_words") }
            if let max = words.max, n > max { throw DocumentDropped("max_words") }
        }
        for (field, pattern) in metaPatterns where !pattern.matches(Self.value(of: field, in: document.meta) ?? "") {
            throw DocumentDropped("meta.\(field)")
        }
        if let keepIf, !keepIf.matches(document.text) { throw DocumentDropped("keep_if") }
        if let dropIf, dropIf.matches(document.text) { throw DocumentDropped("drop_if") }
        // Last, so that a document another criterion drops does not claim its text.
        if let seen {
            if document.duplicate?.of != nil { throw DocumentDropped("duplicate") }
            if !seen.insert(TextMeasures.fingerprint(document.text)) { throw DocumentDropped("duplicate") }
        }
    }

    public func close() {
        seen?.removeAll()
    }

    static func value(of field: String, in meta: Metadata) -> String? {
        switch field {
        case "title": return meta.title
        case "author": return meta.author
        case "published": return meta.published
        case "site": return meta.site
        case "language": return meta.language
        case "canonical_url": return meta.canonicalURL
        case "description": return meta.description
        default: return nil
        }
    }
}

/// A regular expression from a pipeline file, compiled once at load time.
struct TextPattern: @unchecked Sendable {
    // Safety: NSRegularExpression is immutable once made and documented as safe to use from
    // several threads at once.
    let regex: NSRegularExpression

    init(_ pattern: String, key: String, options: StageOptions) throws {
        do {
            regex = try NSRegularExpression(pattern: pattern)
        } catch {
            throw options.error("'\(pattern)' in '\(key)' is not a valid regular expression (ICU syntax)", key: key.split(separator: ".").first.map(String.init))
        }
    }

    func matches(_ text: String) -> Bool {
        regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}

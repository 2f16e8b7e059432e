import Foundation
import TextpipeCore

/// A user's gazetteers and patterns: the one matcher behind both the `entities` stage's
/// `gazetteers`, `patterns` and `extensions` options and the `patterns` stage, which applies
/// them on their own after (or without) the model — spaCy's EntityRuler inside its NER
/// component or as a component of its own.
///
/// Gazetteer phrases and token patterns match whole tokens of the `sentences` stage (a phrase
/// never starts or ends inside a token); regular-expression patterns run over the text. Matches
/// are layered over other entities with `combine`: `before`, the user's matches win (a user's
/// list is the user's decision), or `after`, they only fill the gaps.
public struct EntityRuler: Sendable {
    public let gazetteers: [Gazetteer]
    public let patterns: EntityPatterns

    public init(gazetteers: [Gazetteer] = [], patterns: EntityPatterns = EntityPatterns()) {
        self.gazetteers = gazetteers
        self.patterns = patterns
    }

    /// Reads the `gazetteers` (TSV paths) and `patterns` options, as both stages spell them.
    public init(options: StageOptions) throws {
        var gazetteers: [Gazetteer] = []
        for url in options.paths("gazetteers") {
            do { gazetteers.append(try Gazetteer.user(contentsOf: url)) } catch let e as EntityResourceError {
                throw options.error(e.description, key: "gazetteers")
            }
        }
        self.gazetteers = gazetteers
        patterns = try options.node("patterns").map { try EntityPatterns($0, options: options) } ?? EntityPatterns()
    }

    public var isEmpty: Bool { gazetteers.isEmpty && patterns.isEmpty }

    /// True when some rule needs tokens (a gazetteer or a token pattern), not only the text.
    public var needsTokens: Bool { !gazetteers.isEmpty || patterns.hasTokenPatterns }

    /// The entity types the gazetteers and patterns produce.
    public var types: Set<String> {
        var out = Set(patterns.types)
        for g in gazetteers { out.formUnion(g.types) }
        return out
    }

    /// All matches in a tokenized text, overlapping ones included (`combine` resolves them).
    func matches(_ text: TokenizedText, lexemes: [Lexeme], offsets: TextOffsets, document: String) -> [Entity] {
        var found: [Entity] = []
        for g in gazetteers {
            for sentence in text.sentences {
                g.forEachMatch(in: text, tokens: sentence) { first, end, entries in
                    let e = g.entry(entries.lowerBound)
                    let span = Span(offsets.scalar(atByte: Int(text.starts[first])), offsets.scalar(atByte: Int(text.ends[end - 1])))
                    found.append(Entity(start: span.start, end: span.end, type: e.type, text: offsets.substring(span),
                                        canonical: e.canonical, kb: e.kb))
                }
            }
        }
        if !patterns.isEmpty {
            found += patterns.matches(text, lexemes: lexemes, document: document, offsets: offsets)
        }
        return found
    }

    /// Matches in a document (its tokens and sentences when a rule needs them), leftmost-longest
    /// without overlap.
    public func matches(in document: Document) -> [Entity] {
        let offsets = TextOffsets(document.text)
        let text = TokenizedText(document: document, offsets: offsets)
        var lexemes: [Lexeme] = []
        if patterns.hasTokenPatterns {
            // Token tests read only the exact and lower-case forms and the shape, which need no
            // word classes.
            let classes = WordClasses()
            var scratch: [UInt8] = []
            lexemes.reserveCapacity(text.count)
            text.bytes.withUnsafeBufferPointer { p in
                for i in 0..<text.count {
                    lexemes.append(Lexeme(p, Int(text.starts[i]), Int(text.ends[i]), classes: classes, scratch: &scratch))
                }
            }
        }
        return EntityAssembly.leftmostLongest(matches(text, lexemes: lexemes, offsets: offsets, document: document.text))
            .sorted { $0.start != $1.start ? $0.start < $1.start : $0.end < $1.end }
    }

    /// Puts a ruler's matches together with other entities: with `before` the matches win where
    /// they overlap, with `after` they only fill the gaps.
    public static func combine(_ matches: [Entity], with existing: [Entity], matchesFirst: Bool) -> [Entity] {
        let matches = EntityAssembly.leftmostLongest(matches)
        return matchesFirst ? EntityAssembly.layer(matches, existing) : EntityAssembly.layer(existing, matches)
    }
}

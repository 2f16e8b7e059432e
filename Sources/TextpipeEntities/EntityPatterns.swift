import Foundation
import TextpipeCore

/// A user's patterns from the pipeline file, each declaring the entity type it produces:
///
///     patterns:
///       - { type: PRODUCT, regex: "iPhone \\d+( Pro)?" }
///       - { type: ORG, tokens: ["Acme", {lower: corp, op: "?"}] }
///       - { type: CODE, tokens: [{shape: "XX-dddd"}] }
///
/// A regex pattern runs over the document text (an extension point, not a hot loop: the model
/// and the rules never use Regex). A token pattern is a list of token tests, each a string (the
/// token's exact text) or a map with one of `text`, `lower`, `shape` (as in "Xxxxx", "dd-dd":
/// X upper, x lower, d digit, runs kept) and an optional `op` of "?", "+" or "*".
/// Matches are found leftmost-longest and do not overlap within the pattern set.
public struct EntityPatterns: Sendable {
    enum Test: Sendable {
        case text(UInt64), lower(UInt64), shape(UInt64)
    }

    struct Step: Sendable {
        var test: Test
        var minCount: Int
        var maxCount: Int
    }

    enum Pattern: @unchecked Sendable {
        // NSRegularExpression is immutable after creation and documented thread-safe for matching.
        case regex(NSRegularExpression, type: String)
        case tokens([Step], type: String)
    }

    var patterns: [Pattern] = []

    public var isEmpty: Bool { patterns.isEmpty }

    /// True when a pattern tests tokens (and so needs the `sentences` stage's tokens).
    public var hasTokenPatterns: Bool {
        patterns.contains { if case .tokens = $0 { return true } else { return false } }
    }

    /// The entity types the patterns declare.
    public var types: [String] {
        patterns.map { p in
            switch p {
            case .regex(_, let type), .tokens(_, let type): return type
            }
        }
    }

    public init() {}

    /// Reads the `patterns` option; errors point at the offending entry.
    public init(_ node: ConfigNode, options: StageOptions) throws {
        guard let items = node.sequence else { throw options.error("expects a list of patterns", key: "patterns") }
        for (index, item) in items.enumerated() {
            func fail(_ message: String) -> ConfigurationError {
                ConfigurationError("patterns[\(index)]: \(message)", at: item.location, key: "entities.patterns[\(index)]")
            }
            guard item.mapping != nil else { throw fail("expects a map with 'type' and 'regex' or 'tokens'") }
            for pair in item.mapping! where !["type", "regex", "tokens"].contains(pair.key) {
                throw ConfigurationError("patterns[\(index)]: unknown key '\(pair.key)' (known: type, regex, tokens)",
                                         at: pair.keyLocation, key: "entities.patterns[\(index)].\(pair.key)",
                                         suggestion: closestMatch(to: pair.key, in: ["type", "regex", "tokens"]))
            }
            guard let type = item["type"]?.scalar, !type.isEmpty else { throw fail("needs a 'type'") }
            if let source = item["regex"]?.scalar {
                do {
                    patterns.append(.regex(try NSRegularExpression(pattern: source), type: type))
                } catch {
                    throw fail("invalid regular expression '\(source)'")
                }
            } else if let tokens = item["tokens"]?.sequence, !tokens.isEmpty {
                patterns.append(.tokens(try tokens.map { try Self.step($0, fail: fail) }, type: type))
            } else {
                throw fail("needs 'regex' (a string) or 'tokens' (a non-empty list)")
            }
        }
    }

    static func step(_ node: ConfigNode, fail: (String) -> ConfigurationError) throws -> Step {
        if let text = node.scalar { return Step(test: .text(ByteText.hash(text)), minCount: 1, maxCount: 1) }
        guard let pairs = node.mapping else { throw fail("a token test is a string or a map") }
        var test: Test?, minCount = 1, maxCount = 1
        for (key, _, value) in pairs {
            guard let v = value.scalar else { throw fail("'\(key)' expects a string") }
            switch key {
            case "text": test = .text(ByteText.hash(v))
            case "lower": test = .lower(ByteText.hash(v.lowercased()))
            case "shape": test = .shape(shapeHash(v))
            case "op":
                switch v {
                case "?": minCount = 0
                case "+": maxCount = .max
                case "*": minCount = 0; maxCount = .max
                default: throw fail("op must be ?, + or *, found '\(v)'")
                }
            default: throw fail("unknown token test '\(key)' (known: text, lower, shape, op)")
            }
        }
        guard let test else { throw fail("a token test needs text, lower or shape") }
        return Step(test: test, minCount: minCount, maxCount: maxCount)
    }

    /// The shape hash a `Lexeme` computes, for a shape written by hand.
    static func shapeHash(_ shape: String) -> UInt64 {
        var h = ByteText.fnvOffset
        var last: UInt8 = 0, run = 0
        for b in shape.utf8 {
            if b == last { run += 1 } else { run = 1 }
            if run <= 4 { h = ByteText.step(h, b) }
            last = b
        }
        return h
    }

    /// Matches in code-point offsets (regexes) and token ranges turned into offsets.
    func matches(_ text: TokenizedText, lexemes: [Lexeme], document: String, offsets: TextOffsets) -> [Entity] {
        var out: [Entity] = []
        for pattern in patterns {
            switch pattern {
            case .regex(let regex, let type):
                let ns = document as NSString
                for m in regex.matches(in: document, range: NSRange(location: 0, length: ns.length)) where m.range.length > 0 {
                    guard let r = Range(m.range, in: document) else { continue }
                    let start = offsets.scalar(atByte: document.utf8.distance(from: document.startIndex, to: r.lowerBound))
                    let end = offsets.scalar(atByte: document.utf8.distance(from: document.startIndex, to: r.upperBound))
                    out.append(Entity(start: start, end: end, type: type, text: String(document[r])))
                }
            case .tokens(let steps, let type):
                for sentence in text.sentences {
                    var i = sentence.lowerBound
                    while i < sentence.upperBound {
                        if let end = match(steps, 0, i, sentence.upperBound, lexemes), end > i {
                            let span = Span(offsets.scalar(atByte: Int(text.starts[i])), offsets.scalar(atByte: Int(text.ends[end - 1])))
                            out.append(Entity(start: span.start, end: span.end, type: type, text: offsets.substring(span)))
                            i = end
                        } else {
                            i += 1
                        }
                    }
                }
            }
        }
        return out
    }

    /// Longest match of `steps[s...]` from token `i` (backtracking over the repeat counts).
    private func match(_ steps: [Step], _ s: Int, _ i: Int, _ limit: Int, _ lexemes: [Lexeme]) -> Int? {
        if s == steps.count { return i }
        let step = steps[s]
        var count = 0, j = i
        var ends: [Int] = []
        if step.minCount == 0 { ends.append(j) }
        while j < limit && count < step.maxCount && passes(step.test, lexemes[j]) {
            j += 1
            count += 1
            if count >= step.minCount { ends.append(j) }
        }
        for e in ends.reversed() {
            if let end = match(steps, s + 1, e, limit, lexemes) { return end }
        }
        return nil
    }

    private func passes(_ test: Test, _ lx: Lexeme) -> Bool {
        switch test {
        case .text(let h): return lx.exact == h
        case .lower(let h): return lx.lower == h
        case .shape(let h): return lx.shape == h
        }
    }
}

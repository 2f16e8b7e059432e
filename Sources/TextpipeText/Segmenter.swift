import TextpipeCore

/// The one pass behind `Tokenizer`, `SentenceSplitter` and the `sentences` stage: per paragraph,
/// scan the bytes into tokens, then find the sentences among those tokens; at the end convert
/// byte offsets to code points with a forward cursor. Sentences never cross a paragraph,
/// because each paragraph is split on its own.
struct Segmenter: Sendable {
    let rules: LanguageRules
    let lineBreaks: SentenceSplitter.LineBreaks
    var model: SentenceModel? = nil

    struct Result {
        var sentences: [Span] = []
        var tokens: [Token] = []
        /// More than `maxTokens` tokens: the result is cut short.
        var overflowed = false
    }

    /// - Parameters:
    ///   - paragraphs: code-point spans; `nil` or empty means blocks between blank lines.
    ///   - bounds: only this code-point range of the text (for tokenizing a part).
    ///   - checkpoint: called every few paragraphs (a stage checks its deadline there).
    func run(_ text: String, paragraphs: [Span]?, bounds: Span? = nil, tokens wantTokens: Bool,
             sentences wantSentences: Bool, maxTokens: Int = .max, collector: BoundaryCollector? = nil,
             checkpoint: () throws -> Void) rethrows -> Result {
        var text = text
        return try text.withUTF8 { p -> Result in
            var regions: [Range<Int>]
            if let bounds {
                var cursor = ByteOffsets.ForwardCursor(p)
                let start = cursor.byte(atScalar: max(0, bounds.start))
                regions = [start..<max(start, cursor.byte(atScalar: bounds.end))]
            } else {
                regions = ByteOffsets.paragraphRanges(p, paragraphs)
            }
            var scanner = Scanner(p, rules: rules)
            scanner.maxTokens = maxTokens
            scanner.tokens.reserveCapacity(min(p.count / 4 + 16, maxTokens))
            var sentenceBytes: [Range<Int>] = []
            var previousEnd = bounds == nil ? 0 : (regions.first?.lowerBound ?? 0)
            for (index, region) in regions.enumerated() {
                if wantTokens && region.lowerBound > previousEnd {
                    scanner.scan(previousEnd, region.lowerBound)  // text between paragraphs
                }
                let first = scanner.tokens.count
                scanner.scan(region.lowerBound, region.upperBound)
                if wantSentences && scanner.tokens.count > first {
                    scanner.tokens.withUnsafeBufferPointer { all in
                        let finder = BoundaryFinder(
                            p: p, t: UnsafeBufferPointer(rebasing: all[first...]), rules: rules,
                            chars: scanner.chars, lineBreaks: lineBreaks, model: model, collector: collector)
                        finder.split(into: &sentenceBytes)
                    }
                }
                if !wantTokens { scanner.tokens.removeAll(keepingCapacity: true) }
                previousEnd = region.upperBound
                if scanner.overflowed { break }
                if index & 31 == 31 { try checkpoint() }
            }
            if wantTokens && bounds == nil && previousEnd < p.count && !scanner.overflowed {
                scanner.scan(previousEnd, p.count)
            }
            var result = Result(overflowed: scanner.overflowed)
            var cursor = ByteOffsets.ForwardCursor(p)
            if wantSentences {
                result.sentences.reserveCapacity(sentenceBytes.count)
                for r in sentenceBytes {
                    let start = cursor.scalar(atByte: r.lowerBound)
                    result.sentences.append(Span(start, cursor.scalar(atByte: r.upperBound)))
                }
            }
            if wantTokens {
                cursor = ByteOffsets.ForwardCursor(p)
                result.tokens.reserveCapacity(scanner.tokens.count)
                for tok in scanner.tokens {
                    let start = cursor.scalar(atByte: Int(tok.start))
                    result.tokens.append(Token(start: start, end: cursor.scalar(atByte: Int(tok.end)), kind: tok.kind))
                }
            }
            return result
        }
    }
}

import TextpipeCore

/// The tagger's view of a text: UTF-8 bytes, tokens as byte ranges into them, and sentences
/// as ranges of token indices.
///
/// Both ways into the tagger meet here. In the pipeline it is built from a `Document`, whose
/// tokens and sentences (code-point spans from the `sentences` stage) are turned into byte
/// offsets once. For training and evaluation on gold CoNLL tokens it is built by joining the
/// tokens with spaces, one sentence per line. Everything downstream (features, gazetteers,
/// rules) reads bytes only.
public struct TokenizedText: Sendable {
    public var bytes: [UInt8]
    public var starts: [Int32]
    public var ends: [Int32]
    /// Token index ranges, in order, covering every token exactly once.
    public var sentences: [Range<Int>]

    public init(bytes: [UInt8], starts: [Int32], ends: [Int32], sentences: [Range<Int>]) {
        self.bytes = bytes
        self.starts = starts
        self.ends = ends
        self.sentences = sentences
    }

    public var count: Int { starts.count }

    /// Joins gold tokens with single spaces, sentences with newlines.
    public init(sentences tokenSentences: [[String]]) {
        var bytes: [UInt8] = []
        var starts: [Int32] = [], ends: [Int32] = []
        var sentences: [Range<Int>] = []
        for sentence in tokenSentences {
            let first = starts.count
            for (i, token) in sentence.enumerated() {
                if i > 0 { bytes.append(32) }
                starts.append(Int32(bytes.count))
                bytes.append(contentsOf: token.utf8)
                ends.append(Int32(bytes.count))
            }
            bytes.append(10)
            sentences.append(first..<starts.count)
        }
        self.init(bytes: bytes, starts: starts, ends: ends, sentences: sentences)
    }

    /// The document's tokens (code-point spans) as byte ranges, grouped by its sentences.
    /// Tokens outside every sentence are grouped into sentences of their own, so nothing is
    /// lost when a splitter leaves a gap.
    public init(document: Document, offsets: TextOffsets) {
        let tokens = document.tokens
        var starts = [Int32](), ends = [Int32]()
        starts.reserveCapacity(tokens.count)
        ends.reserveCapacity(tokens.count)
        for t in tokens {
            starts.append(Int32(offsets.byte(atScalar: Int(t.start))))
            ends.append(Int32(offsets.byte(atScalar: Int(t.end))))
        }
        var sentences: [Range<Int>] = []
        var spans = document.sentences.sorted()
        if spans.isEmpty { spans = [Span(0, offsets.scalarCount)] }
        var i = 0, s = 0
        while i < tokens.count {
            while s < spans.count && spans[s].end <= Int(tokens[i].start) { s += 1 }
            let first = i
            if s < spans.count && spans[s].start <= Int(tokens[i].start) {
                while i < tokens.count && Int(tokens[i].end) <= spans[s].end { i += 1 }
                if i == first { i += 1 }  // a token straddling the sentence end
            } else {
                let limit = s < spans.count ? spans[s].start : Int.max
                while i < tokens.count && Int(tokens[i].start) < limit { i += 1 }
            }
            sentences.append(first..<i)
        }
        self.init(bytes: offsets.utf8, starts: starts, ends: ends, sentences: sentences)
    }

    /// The text of token `i` (for tests and messages, not for hot loops).
    public func token(_ i: Int) -> String {
        String(decoding: bytes[Int(starts[i])..<Int(ends[i])], as: UTF8.self)
    }
}

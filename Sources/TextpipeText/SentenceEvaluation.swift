import TextpipeCore

/// Scores predicted sentences against expected ones the way the Golden Rules README
/// describes: a case is right when the two lists are equal after each sentence has its white
/// space collapsed to single spaces and trimmed, and empty sentences are dropped. Boundaries
/// are also counted one by one (precision and recall), placed by the number of non-space
/// characters before them, so that white space never decides a match.
public enum SentenceEvaluation {
    /// Collapses white space to single spaces, trims, drops empty sentences.
    public static func normalize(_ sentences: [String]) -> [String] {
        sentences.compactMap { s -> String? in
            let words = s.split(whereSeparator: { $0.isWhitespace })
            return words.isEmpty ? nil : words.joined(separator: " ")
        }
    }

    /// The sentence texts of spans into `text`.
    public static func texts(_ spans: [Span], in text: String) -> [String] {
        let offsets = TextOffsets(text)
        return spans.map { offsets.substring($0) }
    }

    /// Boundary positions: non-space characters before each sentence end but the last.
    public static func boundaries(_ sentences: [String]) -> Set<Int> {
        var out = Set<Int>()
        var count = 0
        for s in normalize(sentences) {
            count += s.unicodeScalars.reduce(0) { $0 + ($1.properties.isWhitespace ? 0 : 1) }
            out.insert(count)
        }
        out.remove(count)
        return out
    }

    /// Paragraph breaks of `text` (blank lines), placed like `boundaries`: a boundary there is
    /// given by the paragraphs, and the hard ones are the others ("intra-paragraph").
    public static func paragraphBreaks(_ text: String) -> Set<Int> {
        var out = Set<Int>()
        var count = 0
        var newlines = 0
        for u in text.unicodeScalars {
            if u == "\n" { newlines += 1 }
            guard !u.properties.isWhitespace else { continue }
            if newlines >= 2 && count > 0 { out.insert(count) }
            newlines = 0
            count += 1
        }
        return out
    }

    /// Boundary counts: true positives, predicted and expected, summed over cases.
    public struct Counts: Sendable {
        public var truePositives = 0
        public var predicted = 0
        public var expected = 0

        public init() {}

        public static func += (a: inout Counts, b: Counts) {
            a.truePositives += b.truePositives
            a.predicted += b.predicted
            a.expected += b.expected
        }

        public var precision: Double { predicted == 0 ? 1 : Double(truePositives) / Double(predicted) }
        public var recall: Double { expected == 0 ? 1 : Double(truePositives) / Double(expected) }
        public var f1: Double {
            let p = precision, r = recall
            return p + r == 0 ? 0 : 2 * p * r / (p + r)
        }
    }

    /// The score of one case: all boundaries, and those inside a paragraph of `text` only.
    public struct CaseScore: Sendable {
        public var exact: Bool
        public var all: Counts
        public var intraParagraph: Counts
    }

    public static func score(predicted: [String], expected: [String], text: String = "") -> CaseScore {
        let p = boundaries(predicted)
        let e = boundaries(expected)
        let breaks = paragraphBreaks(text)
        func counts(_ p: Set<Int>, _ e: Set<Int>) -> Counts {
            var c = Counts()
            c.truePositives = p.intersection(e).count
            c.predicted = p.count
            c.expected = e.count
            return c
        }
        return CaseScore(exact: normalize(predicted) == normalize(expected), all: counts(p, e),
                         intraParagraph: counts(p.subtracting(breaks), e.subtracting(breaks)))
    }
}

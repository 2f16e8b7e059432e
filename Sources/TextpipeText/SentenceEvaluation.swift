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

    /// The score of one case.
    public struct CaseScore: Sendable {
        public var exact: Bool
        public var truePositives: Int
        public var predicted: Int
        public var expected: Int
    }

    public static func score(predicted: [String], expected: [String]) -> CaseScore {
        let p = boundaries(predicted)
        let e = boundaries(expected)
        return CaseScore(exact: normalize(predicted) == normalize(expected),
                         truePositives: p.intersection(e).count, predicted: p.count, expected: e.count)
    }
}

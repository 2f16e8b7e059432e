/// A quotation in a text and, when the sentence says, who said it. Offsets count Unicode code
/// points of the text (end exclusive), like every span in a textpipe record.
public struct Quote: Equatable, Sendable {
    public var start: Int
    public var end: Int
    public var text: String
    public var speaker: String?
    public var speakerStart: Int?
    public var speakerEnd: Int?
    /// How the speaker was found: "after" (“…,” Okafor said), "before" (Okafor said: “…”),
    /// "pronoun" (“…,” she said: the last speaker named), "continuation" (a second quote in the
    /// same paragraph with no attribution of its own).
    public var via: String?
}

/// Finds quotations between quotation marks (“ ” „ “ « » and straight double quotes, within one
/// paragraph) and attributes them with the patterns of news writing: a speech verb and a
/// capitalised name after the quote or before it, a pronoun, or continuation.
///
/// It works on the text's Unicode scalars, whose indices are the code-point offsets textpipe's
/// records use, so spans need no conversion.
public struct QuoteFinder: Sendable {
    static let verbs: Set<String> = ["said", "says", "told", "added", "asked", "wrote", "explained", "warned",
                                     "insisted", "argued", "replied", "continued", "recalled", "noted", "admitted"]
    static let titles: Set<String> = ["Dr.", "Mr.", "Mrs.", "Ms.", "Prof.", "Professor", "Mayor", "President", "Minister",
                                      "Senator", "Chancellor", "Sir", "Dame", "Judge", "Governor", "Chief", "Councillor", "Councilmember"]
    static let pronouns: Set<String> = ["he", "she", "they"]
    static let connectors: Set<String> = ["de", "van", "von", "der", "da", "al", "bin", "la", "le"]

    public init() {}

    public func quotes(in text: String) -> [Quote] {
        let s = Array(text.unicodeScalars)
        var found: [Quote] = []
        var lastSpeaker: Quote?
        for (start, end) in Self.quoteSpans(s) {
            var q = Quote(start: start, end: end, text: String(String.UnicodeScalarView(s[start..<end])))
            if let (name, range) = attributionAfter(s, end + 1) ?? attributionBefore(s, start - 1) {
                if let name {
                    q.speaker = name
                    (q.speakerStart, q.speakerEnd) = (range.lowerBound, range.upperBound)
                    q.via = range.lowerBound > end ? "after" : "before"
                } else if let last = lastSpeaker {
                    (q.speaker, q.speakerStart, q.speakerEnd, q.via) = (last.speaker, last.speakerStart, last.speakerEnd, "pronoun")
                }
            } else if let last = found.last, last.speaker != nil, start - last.end < 80,
                      !s[last.end..<start].contains("\n") {
                (q.speaker, q.speakerStart, q.speakerEnd, q.via) = (last.speaker, last.speakerStart, last.speakerEnd, "continuation")
            }
            if q.via == "after" || q.via == "before" { lastSpeaker = q }
            found.append(q)
        }
        return found
    }

    /// Spans of quoted text (without the marks), pairing marks within a paragraph.
    static func quoteSpans(_ s: [Unicode.Scalar]) -> [(Int, Int)] {
        let closing: [Unicode.Scalar: Unicode.Scalar] = ["“": "”", "„": "“", "«": "»", "\"": "\""]
        var spans: [(Int, Int)] = []
        var open: (index: Int, close: Unicode.Scalar)?
        for (i, c) in s.enumerated() {
            if c == "\n" { open = nil; continue }
            if let o = open, c == o.close {
                if i - o.index > 1 { spans.append((o.index + 1, i)) }
                open = nil
            } else if open == nil, let close = closing[c] {
                open = (i, close)
            }
        }
        return spans
    }

    /// `, Okafor told` / `, said Dr. Matthias Kessler` / `," he said` after the closing mark at
    /// `i`. The name is nil for a pronoun.
    func attributionAfter(_ s: [Unicode.Scalar], _ i: Int) -> (String?, Range<Int>)? {
        var words = Self.words(s, from: i, limit: 12)
        if let first = words.first, first.text == "," { words.removeFirst() }
        guard words.count >= 2 else { return nil }
        if Self.verbs.contains(words[0].text) {
            var rest = Array(words.dropFirst())
            // `said the network's regional director, Adebayo Fashola`: the name after the comma.
            if let w = rest.first, w.isLowercase, let comma = rest.firstIndex(where: { $0.text == "," }) {
                rest = Array(rest[(comma + 1)...])
            }
            return Self.name(rest).map { ($0.0, $0.1) }
        }
        if Self.pronouns.contains(words[0].text), Self.verbs.contains(words[1].text) { return (nil, words[0].range) }
        if let (name, range, used) = Self.nameWithLength(words), used < words.count, Self.verbs.contains(words[used].text) {
            return (name, range)
        }
        return nil
    }

    /// `Okafor said: “` / `Okafor said, “` before the opening mark at `i`.
    func attributionBefore(_ s: [Unicode.Scalar], _ i: Int) -> (String?, Range<Int>)? {
        var words = Self.wordsBackward(s, from: i, limit: 8)
        if let last = words.last, last.text == ":" || last.text == "," { words.removeLast() }
        guard let verb = words.last, Self.verbs.contains(verb.text) else { return nil }
        words.removeLast()
        var start = words.count
        while start > 0, words[start - 1].isCapitalized || Self.connectors.contains(words[start - 1].text) { start -= 1 }
        return Self.name(Array(words[start...])).map { ($0.0, $0.1) }
    }

    struct Word {
        var text: String
        var range: Range<Int>
        var isCapitalized: Bool { text.unicodeScalars.first.map { $0.properties.isUppercase } ?? false }
        var isLowercase: Bool { text.unicodeScalars.first.map { $0.properties.isLowercase } ?? false }
    }

    /// A capitalised name at the start of `words` (titles skipped), and its span.
    static func name(_ words: [Word]) -> (String, Range<Int>)? {
        nameWithLength(words).map { ($0.0, $0.1) }
    }

    static func nameWithLength(_ words: [Word]) -> (String, Range<Int>, Int)? {
        var i = 0
        while i < words.count, titles.contains(words[i].text) { i += 1 }
        var parts: [Word] = []
        while i < words.count, parts.count < 4, words[i].isCapitalized || (!parts.isEmpty && connectors.contains(words[i].text)) {
            parts.append(words[i])
            i += 1
        }
        while let last = parts.last, connectors.contains(last.text) { parts.removeLast(); i -= 1 }
        guard let first = parts.first, let last = parts.last else { return nil }
        return (parts.map(\.text).joined(separator: " "), first.range.lowerBound..<last.range.upperBound, i)
    }

    /// Words and punctuation from `i` on: letters, digits, apostrophes, hyphens and a final
    /// period of a title ("Dr.") make a word; `,` and `:` are words of their own.
    static func words(_ s: [Unicode.Scalar], from i: Int, limit: Int) -> [Word] {
        var out: [Word] = []
        var j = max(0, i)
        while j < s.count, out.count < limit {
            let c = s[j]
            if c == "\n" { break }
            if c == "," || c == ":" {
                out.append(Word(text: String(c), range: j..<j + 1))
                j += 1
            } else if isWordScalar(c) {
                var k = j
                while k < s.count, isWordScalar(s[k]) || ((s[k] == "'" || s[k] == "’" || s[k] == "-") && k + 1 < s.count && isWordScalar(s[k + 1])) { k += 1 }
                let word = String(String.UnicodeScalarView(s[j..<k]))
                if k < s.count, s[k] == ".", titles.contains(word + ".") { k += 1 }
                out.append(Word(text: String(String.UnicodeScalarView(s[j..<k])), range: j..<k))
                j = k
            } else if c == "." || c == "!" || c == "?" {
                break
            } else {
                j += 1
            }
        }
        return out
    }

    /// The words that end before `i`, in text order.
    static func wordsBackward(_ s: [Unicode.Scalar], from i: Int, limit: Int) -> [Word] {
        var start = min(i, s.count)
        var spaces = 0
        while start > 0, s[start - 1] != "\n", s[start - 1] != ".", spaces < limit * 2 {
            if s[start - 1] == " " { spaces += 1 }
            start -= 1
        }
        return words(s, from: start, limit: 4 * limit).filter { $0.range.upperBound <= i }
    }

    static func isWordScalar(_ c: Unicode.Scalar) -> Bool {
        c.properties.isAlphabetic || c.properties.numericType != nil
    }
}

import TextpipeCore

/// Turns a tokenized, labelled document back into raw text, as a news page would have it, with
/// the gold names as code-point spans. The evaluation runs the real pipeline (sentence splitter,
/// tokenizer, tagger) on this text and compares by character offsets, so tokenization errors
/// cost what they cost in production.
///
/// Detokenization: no space before closing punctuation and clitics (`,` `.` `)` `'s` `n't`), none
/// after opening brackets and `$`; straight double quotes alternate between opening and
/// closing. A sentence that ends with . ? ! (or a quote after one) is followed by a space; one
/// that does not (headlines, datelines, bylines) ends its paragraph ("\n\n").
public struct CoNLLText: Sendable {
    public var text: String
    public var gold: [EntityScorer.Mention]
    /// Where each gold token landed, and each gold sentence.
    public var tokens: [Span]
    public var sentences: [Span]

    static let noSpaceBefore: Set<String> = [",", ".", ";", ":", "?", "!", "%", ")", "]", "}", "'s", "'S", "n't", "N'T",
                                            "'re", "'ve", "'ll", "'d", "'m", "''", "'", "...", "'RE", "'VE", "'LL", "'D", "'M"]
    static let noSpaceAfter: Set<String> = ["(", "[", "{", "$", "``", "US$", "C$", "A$", "#"]

    public init(_ document: LabeledDocument) {
        var text = ""
        var length = 0  // in code points
        var gold: [EntityScorer.Mention] = []
        var tokens: [Span] = [], sentences: [Span] = []
        var separator = ""
        for (s, sentence) in document.sentences.enumerated() {
            text += separator
            length += separator.unicodeScalars.count
            let sentenceStart = length
            var starts: [Int] = [], ends: [Int] = []
            var quoteOpen = false
            var glue = true
            for token in sentence {
                var space = !glue
                if Self.noSpaceBefore.contains(token) { space = false }
                glue = Self.noSpaceAfter.contains(token)
                if token == "\"" {
                    if quoteOpen { space = false } else { glue = true }
                    quoteOpen.toggle()
                }
                if space && !starts.isEmpty {
                    text += " "
                    length += 1
                }
                starts.append(length)
                text += token
                length += token.unicodeScalars.count
                ends.append(length)
            }
            for (i, _) in starts.enumerated() { tokens.append(Span(starts[i], ends[i])) }
            sentences.append(Span(sentenceStart, length))
            for e in document.entities[s] {
                gold.append(EntityScorer.Mention(start: starts[e.first], end: ends[e.end - 1], type: e.type))
            }
            let last = sentence.last ?? ""
            let beforeLast = sentence.count > 1 ? sentence[sentence.count - 2] : ""
            let final: Set<String> = [".", "?", "!"]
            separator = final.contains(last) || (["\"", "''", "'"].contains(last) && final.contains(beforeLast)) ? " " : "\n\n"
        }
        self.text = text
        self.gold = gold
        self.tokens = tokens
        self.sentences = sentences
    }
}

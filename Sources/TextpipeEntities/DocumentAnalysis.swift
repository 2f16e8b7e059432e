/// Everything the feature templates need about a whole document, computed in one pass before
/// any sentence is tagged: a `Lexeme` per token, which sentences are all-caps headlines, the
/// gazetteer matches covering each token, and how each word behaves elsewhere in the document.
///
/// The document-level part follows Ratinov & Roth (2009): a name is usually written the same
/// way throughout an article, but the context that gives it away ("President Ilham Aliyev")
/// may be far from a later bare mention ("Aliyev said"), and headlines in capitals or a
/// sentence-initial position hide the casing that tells names from common words. So for each
/// word we record whether it also appears in lower case, capitalised in mid-sentence, inside a
/// run of capitalised words, and the words around its first few other occurrences ("context
/// aggregation"); the templates read these for every occurrence.
struct DocumentAnalysis {
    var lexemes: [Lexeme]
    var isHeadline: [Bool]
    /// Gazetteer feature keys per token: `gazetteerKeys[gazetteerStart[i]..<gazetteerStart[i+1]]`.
    var gazetteerKeys: [UInt64]
    var gazetteerStart: [Int32]
    /// Per token: document flags of its word (see `WordFlags`).
    var wordFlags: [UInt8]
    /// Per token: up to four other occurrences of its word, -1 when absent.
    var otherOccurrences: [(Int32, Int32, Int32, Int32)]
    /// Sentence index of every token.
    var sentenceOf: [Int32]
    var sentences: [Range<Int>]

    func sentenceRange(_ s: Int) -> Range<Int> { sentences[s] }

    struct WordFlags {
        static let seenLower: UInt8 = 1
        static let seenCapitalisedMidSentence: UInt8 = 2
        static let seenInCapitalisedRun: UInt8 = 4
        static let seenAllCapsOutsideHeadline: UInt8 = 8
        static let repeated: UInt8 = 16
    }

    /// A `Lexeme` per token: all that rules and gazetteers read, without the model's features.
    static func lexemes(_ text: TokenizedText, classes: WordClasses) -> [Lexeme] {
        var lexemes = [Lexeme](repeating: Lexeme(), count: text.count)
        var scratch: [UInt8] = []
        scratch.reserveCapacity(64)
        text.bytes.withUnsafeBufferPointer { p in
            for i in 0..<text.count {
                lexemes[i] = Lexeme(p, Int(text.starts[i]), Int(text.ends[i]), classes: classes, scratch: &scratch)
            }
        }
        return lexemes
    }

    init(_ text: TokenizedText, resources: FeatureResources) {
        let n = text.count
        let lexemes = Self.lexemes(text, classes: resources.wordClasses)
        var sentenceOf = [Int32](repeating: 0, count: n)
        var isHeadline = [Bool](repeating: false, count: text.sentences.count)
        for (s, range) in text.sentences.enumerated() {
            var upper = 0, lower = false
            for i in range {
                sentenceOf[i] = Int32(s)
                let f = lexemes[i].flags
                if f.contains(.hasLower) { lower = true }
                if f.contains(.hasUpper) { upper += lexemes[i].byteLength }
            }
            isHeadline[s] = !lower && upper >= 4
        }

        // Gazetteer matches, as (token, key) pairs, then grouped by token (a stable counting
        // sort: no array per token).
        var pairTokens: [Int32] = [], pairKeys: [UInt64] = []
        for (s, range) in text.sentences.enumerated() {
            for gazetteer in resources.gazetteers {
                // Lower-case words ("us", "china" the dishes) do not start names.
                let headline = isHeadline[s]
                gazetteer.forEachMatch(in: text, tokens: range, startingWhere: { first in
                    headline || lexemes[first].isCapitalised || lexemes[first].flags.contains(.hasDigit)
                }) { first, end, entries in
                    let length = end - first
                    var seen: UInt64 = 0
                    for e in entries {
                        let type = gazetteer.typeHash(e)
                        if type == seen { continue }
                        seen = type
                        for k in first..<end {
                            let position: UInt64 = length == 1 ? 3 : k == first ? 0 : k == end - 1 ? 2 : 1
                            pairTokens.append(Int32(k))
                            pairKeys.append(ByteText.combine(type, position))
                        }
                    }
                }
            }
        }
        var gazetteerStart = [Int32](repeating: 0, count: n + 1)
        for t in pairTokens { gazetteerStart[Int(t) + 1] += 1 }
        for i in 0..<n { gazetteerStart[i + 1] += gazetteerStart[i] }
        var fill = gazetteerStart
        var gazetteerKeys = [UInt64](repeating: 0, count: pairKeys.count)
        for (t, key) in zip(pairTokens, pairKeys) {
            gazetteerKeys[Int(fill[Int(t)])] = key
            fill[Int(t)] += 1
        }

        // Document-level behaviour of each word (keyed by lower-case form): one slot per word
        // with its flags and its first five occurrences (enough for four others than any token).
        var slotOf: [UInt64: Int32] = [:]
        var slotFlags: [UInt8] = [], slotCount: [Int32] = [], slotFirst: [Int32] = []
        var tokenSlot = [Int32](repeating: -1, count: n)
        for (s, range) in text.sentences.enumerated() {
            for i in range {
                let lx = lexemes[i]
                guard lx.flags.contains(.hasUpper) || lx.flags.contains(.hasLower) else { continue }
                var f: UInt8 = 0
                if !isHeadline[s] {
                    if lx.flags.contains(.initialLower) { f |= WordFlags.seenLower }
                    if lx.isCapitalised && i > range.lowerBound {
                        if lx.isAllCaps && lx.byteLength > 1 { f |= WordFlags.seenAllCapsOutsideHeadline }
                        else { f |= WordFlags.seenCapitalisedMidSentence }
                    }
                    if lx.isCapitalised && ((i > range.lowerBound + 1 && lexemes[i - 1].isCapitalised)
                        || (i + 1 < range.upperBound && lexemes[i + 1].isCapitalised)) {
                        f |= WordFlags.seenInCapitalisedRun
                    }
                }
                let slot: Int32
                if let known = slotOf[lx.lower] { slot = known } else {
                    slot = Int32(slotFlags.count)
                    slotOf[lx.lower] = slot
                    slotFlags.append(0)
                    slotCount.append(0)
                    slotFirst.append(contentsOf: repeatElement(-1, count: 5))
                }
                let sl = Int(slot)
                slotFlags[sl] |= f
                tokenSlot[i] = slot
                if lx.flags.contains(.hasUpper) || isHeadline[s] {
                    if slotCount[sl] < 5 { slotFirst[sl * 5 + Int(slotCount[sl])] = Int32(i) }
                    slotCount[sl] += 1
                }
            }
        }
        var wordFlags = [UInt8](repeating: 0, count: n)
        var others = [(Int32, Int32, Int32, Int32)](repeating: (-1, -1, -1, -1), count: n)
        for i in 0..<n where tokenSlot[i] >= 0 {
            let sl = Int(tokenSlot[i])
            var flags = slotFlags[sl]
            if slotCount[sl] > 1 {
                flags |= WordFlags.repeated
                var picked: (Int32, Int32, Int32, Int32) = (-1, -1, -1, -1)
                var taken = 0
                for k in sl * 5..<sl * 5 + Int(min(slotCount[sl], 5)) where slotFirst[k] != Int32(i) && taken < 4 {
                    switch taken {
                    case 0: picked.0 = slotFirst[k]
                    case 1: picked.1 = slotFirst[k]
                    case 2: picked.2 = slotFirst[k]
                    default: picked.3 = slotFirst[k]
                    }
                    taken += 1
                }
                others[i] = picked
            }
            wordFlags[i] = flags
        }
        self.lexemes = lexemes
        self.isHeadline = isHeadline
        self.gazetteerKeys = gazetteerKeys
        self.gazetteerStart = gazetteerStart
        self.wordFlags = wordFlags
        self.otherOccurrences = others
        self.sentenceOf = sentenceOf
        self.sentences = text.sentences
    }
}

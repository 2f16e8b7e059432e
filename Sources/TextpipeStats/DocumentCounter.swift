import TextpipeCore

/// Computes one document's contribution to the statistics, on the worker that processed it.
///
/// Design. This is the expensive part of the `stats` stage, so it is one forward pass over
/// the document's UTF-8 bytes, its tokens and its sentences together (all three are sorted):
/// a cursor converts the tokens' code-point offsets into byte offsets as it goes, words are
/// lower-cased byte by byte (`CaseFolding`) into a reused buffer, and each distinct term gets a
/// small integer id for the document, so that n-grams are counted on pairs and triples of ids
/// and turned into strings only once per distinct n-gram. The result is a `StatsPartial` of
/// one document; the executor's writer adds it to the running total.
struct DocumentCounter: Sendable {
    let settings: StatsSettings
    let stopwords: Stopwords

    /// Entity types that are values rather than names; they are counted but left out of the
    /// co-occurrence table, where "2024" or "three" next to everything would drown the names.
    static let valueTypes: Set<String> = ["DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"]
    /// Distinct entities of one sentence taken into co-occurrence (a list of 100 names in one
    /// "sentence" would otherwise add 4,950 pairs).
    static let maxEntitiesPerSentence = 30

    private struct Trigram: Hashable {
        var a: Int32, b: Int32, c: Int32
    }

    func contribution(of doc: Document) -> StatsPartial {
        var p = StatsPartial()
        p.settings = settings
        p.sample.limit = settings.reportDocuments
        p.documents = 1
        p.sentences = doc.sentences.count
        p.paragraphs = doc.paragraphs.count
        p.entityMentions = doc.entities.count
        if doc.duplicate?.of != nil { p.duplicates = 1 }
        let language = Self.language(doc.meta.language)
        let stop = stopwords.list(for: language)

        var termIDs: [String: Int32] = [:]
        var termNames: [String] = []
        var termCounts: [Int] = []
        var isStop: [Bool] = []
        var bigramIDs: [UInt64: Int] = [:]
        var trigramIDs: [Trigram: Int] = [:]
        var words = 0, vocabularyTokens = 0, bigramPositions = 0, trigramPositions = 0
        var cutByte = 0, cutScalar = 0
        var text = doc.text
        text.withUTF8 { buf in
            let n = buf.count
            var chars = 0
            for b in buf where b & 0xC0 != 0x80 { chars += 1 }
            p.characters = chars
            // Where the sample's text would end.
            cutScalar = min(settings.sampleChars, chars)
            var scalars = 0
            while cutByte < n, scalars < cutScalar {
                cutByte += Self.sequenceLength(buf[cutByte])
                scalars += 1
            }

            var cp = 0, byte = 0
            var scratch: [UInt8] = []
            scratch.reserveCapacity(64)
            let sentences = doc.sentences
            var si = 0, sentenceWords = 0, inSentence = false
            var prev1: Int32 = -1, prev2: Int32 = -1
            func closeSentence() {
                if inSentence { p.wordsPerSentence[sentenceWords, default: 0] += 1 }
                sentenceWords = 0
                inSentence = false
                prev1 = -1
                prev2 = -1
            }
            for token in doc.tokens {
                let start = Int(token.start), end = Int(token.end)
                while si < sentences.count, start >= sentences[si].end {
                    closeSentence()
                    si += 1
                }
                if si < sentences.count, !inSentence, start >= sentences[si].start { inSentence = true }
                if token.isWord {
                    words += 1
                    if inSentence { sentenceWords += 1 }
                }
                guard token.kind == .word || token.kind == .hashtag || token.kind == .mention else {
                    prev1 = -1
                    prev2 = -1
                    continue
                }
                if start < cp { cp = 0; byte = 0 }  // tokens out of order: start over
                while cp < start, byte < n { byte += Self.sequenceLength(buf[byte]); cp += 1 }
                let b0 = byte
                while cp < end, byte < n { byte += Self.sequenceLength(buf[byte]); cp += 1 }
                scratch.removeAll(keepingCapacity: true)
                CaseFolding.appendLowercased(buf, b0, byte, into: &scratch)
                let term = String(decoding: scratch, as: UTF8.self)
                let id: Int32
                if let known = termIDs[term] {
                    id = known
                    termCounts[Int(id)] += 1
                } else {
                    id = Int32(termNames.count)
                    termIDs[term] = id
                    termNames.append(term)
                    termCounts.append(1)
                    isStop.append(stop.contains(term))
                }
                vocabularyTokens += 1
                if settings.ngrams >= 2, prev1 >= 0 {
                    bigramPositions += 1
                    if !isStop[Int(prev1)], !isStop[Int(id)] {
                        bigramIDs[UInt64(UInt32(prev1)) << 32 | UInt64(UInt32(id)), default: 0] += 1
                    }
                    if settings.ngrams >= 3, prev2 >= 0 {
                        trigramPositions += 1
                        if !isStop[Int(prev2)], !isStop[Int(id)] {
                            trigramIDs[Trigram(a: prev2, b: prev1, c: id), default: 0] += 1
                        }
                    }
                }
                prev2 = prev1
                prev1 = id
            }
            while si < sentences.count {
                closeSentence()
                si += 1
            }
        }
        p.words = words
        p.vocabularyTokens = vocabularyTokens
        if doc.tokens.isEmpty { p.untokenized = 1 } else { p.wordsPerDocument[words] = 1 }

        var docTerms: [String: Occurrences] = [:]
        docTerms.reserveCapacity(termNames.count)
        for (i, name) in termNames.enumerated() { docTerms[name] = Occurrences(count: termCounts[i], documents: 1) }
        if !docTerms.isEmpty {
            p.terms[language] = docTerms
            p.languageTokens[language] = vocabularyTokens
        }
        if bigramPositions > 0 {
            p.bigramPositions[language] = bigramPositions
            var table: [String: Int] = [:]
            for (k, v) in bigramIDs { table[termNames[Int(k >> 32)] + " " + termNames[Int(k & 0xFFFF_FFFF)]] = v }
            if !table.isEmpty { p.bigrams[language] = table }
        }
        if trigramPositions > 0 {
            p.trigramPositions[language] = trigramPositions
            var table: [String: Int] = [:]
            for (k, v) in trigramIDs { table[termNames[Int(k.a)] + " " + termNames[Int(k.b)] + " " + termNames[Int(k.c)]] = v }
            if !table.isEmpty { p.trigrams[language] = table }
        }

        let group = GroupCount(documents: 1, words: words)
        p.languages[language] = group
        p.sites[Self.site(doc)] = group
        p.days[Self.day(doc.meta.published)] = group
        countEntities(doc, into: &p)
        p.sample.documents = [sampleEntry(doc, language: language, cutByte: cutByte, cutScalar: cutScalar,
                                          chars: p.characters, terms: docTerms)]
        // In sketch mode the contribution stays exact (it is small); folding it into a total
        // moves it into the sketches (`StatsPartial.merge`).
        return p
    }

    /// Length in bytes of the UTF-8 sequence that starts with `lead`.
    @inline(__always)
    static func sequenceLength(_ lead: UInt8) -> Int {
        lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }
}

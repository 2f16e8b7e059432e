import TextpipeCore

/// Computes one document's contribution to the statistics, on the worker that processed it.
///
/// Design. This is the expensive part of the `stats` stage, so it is one forward pass over
/// the document's UTF-8 bytes, its tokens and its sentences together (all three are sorted):
/// a cursor converts the tokens' code-point offsets into byte offsets as it goes, words are
/// lower-cased byte by byte (`CaseFolding`) and interned (`TermInterner`): each distinct term
/// gets a small integer id and a stable hash, so that n-grams are counted on packed tuples of
/// ids and turned into strings once per distinct n-gram, and the tables handed on
/// (`CountTable`) carry their hashes instead of hashing every key again. The result is a `StatsPartial` of
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

        let stopHashes = stopwords.hashes(for: language)
        var interner = TermInterner(tokens: doc.tokens.count, bytes: doc.text.utf8.count)
        defer { interner.release() }
        var isStop: [Bool] = []
        var bigramIDs = IDCounter(capacityFor: settings.ngrams >= 2 ? doc.tokens.count : 0)
        var trigramIDs = IDCounter(capacityFor: settings.ngrams >= 3 ? doc.tokens.count : 0)
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
            // In ASCII text (most English) code points are bytes: no cursor to walk.
            let ascii = chars == n
            if ascii {
                cutByte = cutScalar
            } else {
                var scalars = 0
                while cutByte < n, scalars < cutScalar {
                    cutByte += Self.sequenceLength(buf[cutByte])
                    scalars += 1
                }
            }

            var cp = 0, byte = 0
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
                let b0: Int
                if ascii {
                    guard end <= n else { continue }
                    b0 = start
                    byte = end
                } else {
                    if start < cp { cp = 0; byte = 0 }  // tokens out of order: start over
                    while cp < start, byte < n { byte += Self.sequenceLength(buf[byte]); cp += 1 }
                    b0 = byte
                    while cp < end, byte < n { byte += Self.sequenceLength(buf[byte]); cp += 1 }
                }
                let id = interner.intern(buf, b0, byte)
                if Int(id) == isStop.count { isStop.append(stopHashes.contains(interner.hashes[Int(id)])) }
                vocabularyTokens += 1
                // N-grams as packed ids (21 bits each: up to two million terms a document).
                if settings.ngrams >= 2, prev1 >= 0, id < 1 << 21 {
                    bigramPositions += 1
                    if !isStop[Int(prev1)], !isStop[Int(id)] { bigramIDs.add(UInt64(prev1) << 21 | UInt64(id)) }
                    if settings.ngrams >= 3, prev2 >= 0 {
                        trigramPositions += 1
                        if !isStop[Int(prev2)], !isStop[Int(id)] {
                            trigramIDs.add(UInt64(prev2) << 42 | UInt64(prev1) << 21 | UInt64(id))
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

        let names = interner.names
        let docTerms = CountTable(uniqueKeys: names, hashes: interner.hashes,
                                  values: interner.counts.map { Occurrences(count: $0, documents: 1) })
        if !docTerms.isEmpty {
            p.terms[language] = docTerms
            p.languageTokens[language] = vocabularyTokens
        }
        let mask: UInt64 = (1 << 21) - 1
        var scratch: [UInt8] = []
        if bigramPositions > 0 {
            p.bigramPositions[language] = bigramPositions
            let grams = bigramIDs.keys.map { interner.join([Int($0 >> 21), Int($0 & mask)], into: &scratch) }
            if !grams.isEmpty {
                p.bigrams[language] = CountTable(uniqueKeys: grams.map(\.0), hashes: grams.map(\.1), values: bigramIDs.counts)
            }
        }
        if trigramPositions > 0 {
            p.trigramPositions[language] = trigramPositions
            let grams = trigramIDs.keys.map {
                interner.join([Int($0 >> 42), Int(($0 >> 21) & mask), Int($0 & mask)], into: &scratch)
            }
            if !grams.isEmpty {
                p.trigrams[language] = CountTable(uniqueKeys: grams.map(\.0), hashes: grams.map(\.1), values: trigramIDs.counts)
            }
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

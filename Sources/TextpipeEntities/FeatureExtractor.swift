/// Turns a token in its sentence and document into feature keys: 64-bit hashes of a template id
/// and the values it reads. The model never sees strings, so the same code serves training and
/// tagging, and a feature costs a multiply and a table probe.
///
/// The templates (about fifty per token) are the classic ones for news NER: the word, its lower
/// case, shape and affixes; the words and shapes around it; capitalisation in context
/// (sentence-initial, headline in capitals); word classes of the word and its neighbours;
/// gazetteer matches with the token's position in them; and the document-level evidence of
/// `DocumentAnalysis`.
enum FeatureExtractor {
    /// Template ids; `key(t, value)` mixes one into a feature key.
    enum T: UInt64 {
        case bias = 1, word, lower, shape, shortShape, prefix, suffix, lowerPrev, lowerNext, lowerPrev2, lowerNext2
        case shapeTrigram, shapePrevCur, shapeCurNext, lowerPrevCur, lowerCurNext, initialShape, headlineLower
        case headlineClass, row, c1024, c256, c64, c1024Prev, c1024Next, c256Prev, c256Next, c64PrevCur, c64CurNext
        case gazetteer, gazetteerPrev, gazetteerNext, docFlags, docFlagsShape, aggPrev, aggNext, aggPrevClass
        case aggNextClass, length, flagsCur, prefixCap, nextIsOpenParen, prevIsQuote, shapePrev, shapeNext
        case headlineShapeRow, wordPrevTitle
    }

    @inline(__always)
    static func key(_ t: T, _ value: UInt64) -> UInt64 { ByteText.combine(t.rawValue &* 0x2545_F491_4F6C_DD1D, value) }

    @inline(__always)
    static func key(_ t: T, _ a: UInt64, _ b: UInt64) -> UInt64 { key(t, ByteText.combine(a, b)) }

    static let boundary: UInt64 = 0x5EED_0F_B0D4
    static let noClass: UInt64 = 0x0C1A_55

    /// Appends the feature keys of every token of `sentence`, and the end offset of each
    /// token's keys to `offsets`. Tokens for which `hidden` holds lose their own word features
    /// (word dropout in training, see `EntityTrainer.Options.wordDropout`).
    static func extract(
        _ a: DocumentAnalysis, sentence: Range<Int>, keys: inout [UInt64], offsets: inout [Int32],
        hidingWordsOf hidden: (Int) -> Bool = { _ in false }
    ) {
        let lx = a.lexemes
        let headline = a.isHeadline[Int(a.sentenceOf[sentence.lowerBound])]
        let lo = sentence.lowerBound, hi = sentence.upperBound
        @inline(__always) func lower(_ j: Int) -> UInt64 { j >= lo && j < hi ? lx[j].lower : boundary }
        @inline(__always) func short(_ j: Int) -> UInt64 { j >= lo && j < hi ? lx[j].shortShape : boundary }
        @inline(__always) func c1024(_ j: Int) -> UInt64 {
            j >= lo && j < hi ? (lx[j].classes.row >= 0 ? UInt64(lx[j].classes.c1024) : noClass) : boundary
        }
        @inline(__always) func c256(_ j: Int) -> UInt64 {
            j >= lo && j < hi ? (lx[j].classes.row >= 0 ? UInt64(lx[j].classes.c256) : noClass) : boundary
        }
        @inline(__always) func c64(_ j: Int) -> UInt64 {
            j >= lo && j < hi ? (lx[j].classes.row >= 0 ? UInt64(lx[j].classes.c64) : noClass) : boundary
        }

        for i in sentence {
            let w = lx[i]
            let hide = hidden(i)
            keys.append(key(.bias, 0))
            if !hide {
                keys.append(key(.word, w.exact))
                keys.append(key(.lower, w.lower))
            }
            keys.append(key(.shape, w.shape))
            keys.append(key(.shortShape, w.shortShape))
            keys.append(key(.length, UInt64(min(w.byteLength, 12))))
            keys.append(key(.flagsCur, UInt64(w.flags.rawValue & 0xFF)))
            if w.prefixes.0 != 0 { keys.append(key(.prefix, 1, w.prefixes.0)) }
            if w.prefixes.1 != 0 { keys.append(key(.prefix, 2, w.prefixes.1)) }
            if !hide && w.prefixes.2 != 0 { keys.append(key(.prefix, 3, w.prefixes.2)) }
            if !hide && w.prefixes.3 != 0 { keys.append(key(.prefix, 4, w.prefixes.3)) }
            if w.suffixes.0 != 0 { keys.append(key(.suffix, 1, w.suffixes.0)) }
            if w.suffixes.1 != 0 { keys.append(key(.suffix, 2, w.suffixes.1)) }
            if w.suffixes.2 != 0 { keys.append(key(.suffix, 3, w.suffixes.2)) }
            if w.suffixes.3 != 0 { keys.append(key(.suffix, 4, w.suffixes.3)) }
            if !hide, w.isCapitalised, w.prefixes.2 != 0 { keys.append(key(.prefixCap, w.prefixes.2)) }

            keys.append(key(.lowerPrev, lower(i - 1)))
            keys.append(key(.lowerNext, lower(i + 1)))
            keys.append(key(.lowerPrev2, lower(i - 2)))
            keys.append(key(.lowerNext2, lower(i + 2)))
            if !hide {
                keys.append(key(.lowerPrevCur, lower(i - 1), w.lower))
                keys.append(key(.lowerCurNext, w.lower, lower(i + 1)))
            }
            keys.append(key(.shapePrev, short(i - 1)))
            keys.append(key(.shapeNext, short(i + 1)))
            keys.append(key(.shapePrevCur, short(i - 1), w.shortShape))
            keys.append(key(.shapeCurNext, w.shortShape, short(i + 1)))
            keys.append(key(.shapeTrigram, ByteText.combine(short(i - 1), w.shortShape), short(i + 1)))
            if i > lo, lx[i - 1].isCapitalised { keys.append(key(.wordPrevTitle, lx[i - 1].exact)) }

            // Capitalisation in context.
            let initial: UInt64 = i == lo ? 1 : 0
            keys.append(key(.initialShape, initial &+ (headline ? 2 : 0), w.shortShape))
            if headline {
                if !hide { keys.append(key(.headlineLower, w.lower)) }
                keys.append(key(.headlineClass, c1024(i)))
            }

            // Word classes.
            if w.classes.row >= 0 {
                keys.append(key(.row, UInt64(w.classes.row)))
                keys.append(key(.c1024, UInt64(w.classes.c1024)))
                keys.append(key(.c256, UInt64(w.classes.c256)))
                keys.append(key(.c64, UInt64(w.classes.c64)))
                keys.append(key(.headlineShapeRow, w.shortShape &+ (headline ? 1 : 0), UInt64(w.classes.c256)))
            } else {
                keys.append(key(.row, noClass))
            }
            keys.append(key(.c1024Prev, c1024(i - 1)))
            keys.append(key(.c1024Next, c1024(i + 1)))
            keys.append(key(.c256Prev, c256(i - 1)))
            keys.append(key(.c256Next, c256(i + 1)))
            keys.append(key(.c64PrevCur, c64(i - 1), c64(i)))
            keys.append(key(.c64CurNext, c64(i), c64(i + 1)))

            // Gazetteers: own matches, and a summary of the neighbours'.
            let g0 = Int(a.gazetteerStart[i]), g1 = Int(a.gazetteerStart[i + 1])
            for g in g0..<g1 { keys.append(key(.gazetteer, a.gazetteerKeys[g])) }
            if i > lo {
                for g in Int(a.gazetteerStart[i - 1])..<Int(a.gazetteerStart[i]) {
                    keys.append(key(.gazetteerPrev, a.gazetteerKeys[g]))
                }
            }
            if i + 1 < hi {
                for g in Int(a.gazetteerStart[i + 1])..<Int(a.gazetteerStart[i + 2]) {
                    keys.append(key(.gazetteerNext, a.gazetteerKeys[g]))
                }
            }

            // Document-level evidence, for words that could be names.
            let flags = a.wordFlags[i]
            if w.flags.contains(.hasUpper) || headline {
                keys.append(key(.docFlags, UInt64(flags)))
                keys.append(key(.docFlagsShape, UInt64(flags) &+ (initial << 8) &+ (headline ? 1 << 9 : 0), w.shortShape))
                let others = a.otherOccurrences[i]
                for o in [others.0, others.1, others.2, others.3] where o >= 0 {
                    let j = Int(o)
                    let s = Int(a.sentenceOf[j])
                    let range = a.sentenceRange(s)
                    if j > range.lowerBound {
                        keys.append(key(.aggPrev, lx[j - 1].lower))
                        if lx[j - 1].classes.row >= 0 { keys.append(key(.aggPrevClass, UInt64(lx[j - 1].classes.c256))) }
                    }
                    if j + 1 < range.upperBound {
                        keys.append(key(.aggNext, lx[j + 1].lower))
                        if lx[j + 1].classes.row >= 0 { keys.append(key(.aggNextClass, UInt64(lx[j + 1].classes.c256))) }
                    }
                }
            }
            offsets.append(Int32(keys.count))
        }
    }
}

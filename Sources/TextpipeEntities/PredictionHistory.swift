/// Feature keys per token, stored flat: token i's keys are `keys[start[i]..<start[i+1]]`.
struct TokenKeys {
    var keys: [UInt64] = []
    var start: [Int32] = [0]
}

/// The second stage's document-level evidence: for each word that could be a name, what the
/// first stage labelled its *other* occurrences in the document (its own label is left out, so
/// the feature says "elsewhere in this article, this word was a LOC").
///
/// Occurrences are grouped by lower-case form among tokens with a capital letter (or in an
/// all-caps headline), as in `DocumentAnalysis`. Features: the majority label elsewhere (O
/// included), the same with the token's shape, and each entity type seen elsewhere.
enum PredictionHistory {
    static let majority: UInt64 = 0x4D41_4A4F_5249_5459
    static let majorityShape: UInt64 = 0x4D41_4A53_4841_5045
    static let seen: UInt64 = 0x5345_454E_5459_5045

    static func keys(_ a: DocumentAnalysis, tokenTags: [UInt8], tags: TagSet) -> TokenKeys {
        let n = a.lexemes.count
        let width = tags.types.count + 1
        var slotOf: [UInt64: Int] = [:]
        var counts: [Int32] = []
        var slot = [Int](repeating: -1, count: n)
        var label = [Int](repeating: 0, count: n)
        for i in 0..<n {
            let lx = a.lexemes[i]
            guard lx.flags.contains(.hasUpper) || (a.isHeadline[Int(a.sentenceOf[i])] && lx.flags.contains(.hasLower) == false
                                                    && lx.flags.contains(.hasAlnum)) else { continue }
            let s: Int
            if let existing = slotOf[lx.lower] { s = existing } else {
                s = counts.count / width
                slotOf[lx.lower] = s
                counts.append(contentsOf: repeatElement(0, count: width))
            }
            slot[i] = s
            label[i] = tags.parts(Int(tokenTags[i])).map { $0.type + 1 } ?? 0
            counts[s * width + label[i]] += 1
        }
        var out = TokenKeys()
        out.keys.reserveCapacity(n)
        out.start.reserveCapacity(n + 1)
        for i in 0..<n {
            if slot[i] >= 0 {
                let base = slot[i] * width
                var best = -1, bestCount: Int32 = 0, total: Int32 = 0
                for t in 0..<width {
                    let c = counts[base + t] - (t == label[i] ? 1 : 0)
                    total += c
                    if c > bestCount { best = t; bestCount = c }
                    if t > 0 && c > 0 { out.keys.append(ByteText.combine(seen, UInt64(t))) }
                }
                if total > 0 {
                    out.keys.append(ByteText.combine(majority, UInt64(best)))
                    out.keys.append(ByteText.combine(ByteText.combine(majorityShape, UInt64(best)), a.lexemes[i].shortShape))
                }
            }
            out.start.append(Int32(out.keys.count))
        }
        return out
    }

    /// Token i's base rows or keys (`base[offsets[i-1]..<offsets[i]]`, offsets relative to the slice)
    /// followed by the rows of its history keys, into `rows`/`offsets`.
    static func merge<E>(base: ArraySlice<E>, offsets baseOffsets: ArraySlice<Int32>, history: [E],
                         historyStart: [Int32], first: Int, rows: inout [E], offsets: inout [Int32]) {
        rows.removeAll(keepingCapacity: true)
        offsets.removeAll(keepingCapacity: true)
        var k = base.startIndex
        for (j, end) in baseOffsets.enumerated() {
            let stop = base.startIndex + Int(end)
            rows.append(contentsOf: base[k..<stop])
            k = stop
            let t = first + j
            rows.append(contentsOf: history[Int(historyStart[t])..<Int(historyStart[t + 1])])
            offsets.append(Int32(rows.count))
        }
    }
}

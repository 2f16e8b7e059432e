/// One trained perceptron: sparse weights per feature key and tag, and transition scores.
///
/// Only what training left non-zero is kept: for each feature, the tags it votes for and with
/// what weight (`rowStart[f]..<rowStart[f+1]` into `tagOf` and `weights`). Scoring a token is
/// a table probe per feature key and a few additions.
struct Perceptron: Sendable {
    let keys: [UInt64]
    let rowStart: [UInt32]
    let tagOf: [UInt8]
    let weights: [Float]
    /// T×T transitions (from row to column), then start and end scores per tag.
    let transitions: [Float]
    let start: [Float]
    let end: [Float]
    private let index: HashIndex

    init(keys: [UInt64], rowStart: [UInt32], tagOf: [UInt8], weights: [Float],
         transitions: [Float], start: [Float], end: [Float]) {
        self.keys = keys
        self.rowStart = rowStart
        self.tagOf = tagOf
        self.weights = weights
        self.transitions = transitions
        self.start = start
        self.end = end
        var index = HashIndex(capacity: keys.count)
        for (row, k) in keys.enumerated() { index.set(k, Int32(row)) }
        index.seal()
        self.index = index
    }

    /// Adds the weights of each token's features to `emissions` (n × T, zeroed here). Rows are
    /// looked up in one pass first: the probes are independent, so their cache misses overlap.
    func score(keys featureKeys: [UInt64], offsets: [Int32], tokenCount n: Int, tagCount T: Int,
               rows: inout [Int32], into emissions: inout [Float]) {
        rows.removeAll(keepingCapacity: true)
        for key in featureKeys { rows.append(index.get(key)) }
        emissions.removeAll(keepingCapacity: true)
        emissions.append(contentsOf: repeatElement(0, count: n * T))
        emissions.withUnsafeMutableBufferPointer { e in
            rowStart.withUnsafeBufferPointer { rs in
                tagOf.withUnsafeBufferPointer { tg in
                    weights.withUnsafeBufferPointer { w in
                        rows.withUnsafeBufferPointer { r in
                            var k = 0
                            for i in 0..<n {
                                let base = i * T
                                let stop = Int(offsets[i])
                                while k < stop {
                                    let row = Int(r[k])
                                    k += 1
                                    if row < 0 { continue }
                                    var j = Int(rs[row])
                                    let end = Int(rs[row + 1])
                                    while j < end {
                                        e[base + Int(tg[j])] += w[j]
                                        j += 1
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

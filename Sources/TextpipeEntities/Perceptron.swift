/// One trained perceptron: sparse weights per feature key and tag, and transition scores.
///
/// Only what training left non-zero is kept: for each feature, the tags it votes for and with
/// what weight (`rowStart[f]..<rowStart[f+1]` into `tagOf` and `weights`). The model looks
/// feature keys up once in an index shared by its stages (`EntityModel.lookup`); `rowOfShared`
/// maps a shared row to this stage's row, so a second stage costs no second probe.
struct Perceptron: Sendable {
    let keys: [UInt64]
    let rowStart: [UInt32]
    let tagOf: [UInt8]
    let weights: [Float]
    /// T×T transitions (from row to column), then start and end scores per tag.
    let transitions: [Float]
    let start: [Float]
    let end: [Float]
    /// This stage's row for each row of the model's shared index (-1: the feature has no weight here).
    var rowOfShared: [Int32] = []

    init(keys: [UInt64], rowStart: [UInt32], tagOf: [UInt8], weights: [Float],
         transitions: [Float], start: [Float], end: [Float]) {
        self.keys = keys
        self.rowStart = rowStart
        self.tagOf = tagOf
        self.weights = weights
        self.transitions = transitions
        self.start = start
        self.end = end
    }

    /// Adds the weights of each token's features, given as shared rows (token i's are
    /// `shared[offsets[i-1]..<offsets[i]]`), to `emissions` (n × T, zeroed here).
    func score(shared: [Int32], offsets: [Int32], tokenCount n: Int, tagCount T: Int,
               into emissions: inout [Float]) {
        emissions.removeAll(keepingCapacity: true)
        emissions.append(contentsOf: repeatElement(0, count: n * T))
        emissions.withUnsafeMutableBufferPointer { e in
            rowStart.withUnsafeBufferPointer { rs in
                tagOf.withUnsafeBufferPointer { tg in
                    weights.withUnsafeBufferPointer { w in
                        shared.withUnsafeBufferPointer { r in rowOfShared.withUnsafeBufferPointer { mine in
                            var k = 0
                            for i in 0..<n {
                                let base = i * T
                                let stop = Int(offsets[i])
                                while k < stop {
                                    let s = Int(r[k])
                                    k += 1
                                    if s < 0 { continue }
                                    let row = Int(mine[s])
                                    if row < 0 { continue }
                                    var j = Int(rs[row])
                                    let end = Int(rs[row + 1])
                                    while j < end {
                                        e[base + Int(tg[j])] += w[j]
                                        j += 1
                                    }
                                }
                            }
                        } }
                    }
                }
            }
        }
    }
}

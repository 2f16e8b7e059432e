/// One trained perceptron as training leaves it: sparse weights per feature key and tag, and
/// transition scores. `EntityModel` lays one or two of these out for tagging.
///
/// Only what training left non-zero is kept: for each feature, the tags it votes for and with
/// what weight (`rowStart[f]..<rowStart[f+1]` into `tagOf` and `weights`).
struct Perceptron: Sendable {
    let keys: [UInt64]
    let rowStart: [UInt32]
    let tagOf: [UInt8]
    let weights: [Float]
    /// T×T transitions (from row to column), then start and end scores per tag.
    let transitions: [Float]
    let start: [Float]
    let end: [Float]
}

extension Perceptron {
    /// The average of perceptrons over the same tags: each weight summed over the members that
    /// have it and divided by their number (an absent weight counts as zero).
    init(averaging members: [Perceptron]) {
        precondition(!members.isEmpty)
        let k = Float(members.count)
        var rowOf: [UInt64: Int] = [:]
        var keys: [UInt64] = []
        var weights: [[UInt8: Float]] = []
        for m in members {
            for (f, key) in m.keys.enumerated() {
                let r: Int
                if let known = rowOf[key] { r = known } else {
                    r = keys.count
                    rowOf[key] = r
                    keys.append(key)
                    weights.append([:])
                }
                for j in Int(m.rowStart[f])..<Int(m.rowStart[f + 1]) { weights[r][m.tagOf[j], default: 0] += m.weights[j] / k }
            }
        }
        var rowStart: [UInt32] = [0], tagOf: [UInt8] = [], flat: [Float] = []
        for row in weights {
            for tag in row.keys.sorted() {
                tagOf.append(tag)
                flat.append(row[tag]!)
            }
            rowStart.append(UInt32(tagOf.count))
        }
        func mean(_ part: (Perceptron) -> [Float]) -> [Float] {
            members.dropFirst().reduce(part(members[0])) { sum, m in zip(sum, part(m)).map { $0 + $1 } }.map { $0 / k }
        }
        self.init(keys: keys, rowStart: rowStart, tagOf: tagOf, weights: flat,
                  transitions: mean(\.transitions), start: mean(\.start), end: mean(\.end))
    }
}

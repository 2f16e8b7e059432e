/// First-order Viterbi decoding over the allowed BILOU transitions.
///
/// Scores are emission scores per token and tag (from the perceptron's features) plus a
/// transition score for each allowed pair of tags, a start score and an end score. Disallowed
/// transitions are not scored at all: for each tag the decoder keeps the list of tags that may
/// precede it, so an ill-formed path cannot win. Buffers are passed in and reused across
/// sentences; the work is O(n · allowed pairs), about 100 pairs for four types.
struct Viterbi {
    let tagCount: Int
    /// For each tag, the tags allowed before it.
    let predecessors: [[Int]]
    let canStart: [Bool]
    let canEnd: [Bool]

    init(_ tags: TagSet) {
        tagCount = tags.count
        predecessors = (0..<tags.count).map { next in (0..<tags.count).filter { tags.allows($0, next) } }
        canStart = (0..<tags.count).map { tags.allows(nil, $0) }
        canEnd = (0..<tags.count).map { tags.allows($0, nil) }
    }

    /// The best tag sequence for `n` tokens. `emissions[i * T + t]`, `transitions[p * T + t]`,
    /// `start[t]`, `end[t]`.
    func decode(
        n: Int, emissions: [Float], transitions: [Float], start: [Float], end: [Float],
        scratch: inout [Float], back: inout [Int32], into path: inout [UInt8]
    ) {
        path.removeAll(keepingCapacity: true)
        guard n > 0 else { return }
        let T = tagCount
        if scratch.count < n * T { scratch = [Float](repeating: 0, count: n * T) }
        if back.count < n * T { back = [Int32](repeating: 0, count: n * T) }
        let minusInf = -Float.greatestFiniteMagnitude
        for t in 0..<T { scratch[t] = canStart[t] ? start[t] + emissions[t] : minusInf }
        for i in 1..<max(n, 1) {
            let row = i * T, prevRow = row - T
            for t in 0..<T {
                var best = minusInf, arg: Int32 = 0
                for p in predecessors[t] {
                    let s = scratch[prevRow + p] + transitions[p * T + t]
                    if s > best { best = s; arg = Int32(p) }
                }
                scratch[row + t] = best + emissions[row + t]
                back[row + t] = arg
            }
        }
        var best = minusInf, arg = 0
        let lastRow = (n - 1) * T
        for t in 0..<T where canEnd[t] {
            let s = scratch[lastRow + t] + end[t]
            if s > best { best = s; arg = t }
        }
        path = [UInt8](repeating: 0, count: n)
        path[n - 1] = UInt8(arg)
        var i = n - 1
        while i > 0 {
            arg = Int(back[i * T + arg])
            path[i - 1] = UInt8(arg)
            i -= 1
        }
    }
}

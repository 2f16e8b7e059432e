/// First-order Viterbi decoding over the allowed BILOU transitions.
///
/// Scores are emission scores per token and tag (from the perceptron's features) plus a
/// transition score for each allowed pair of tags, a start score and an end score. Disallowed
/// transitions are not scored at all: for each tag the decoder keeps the tags that may precede
/// it (flat, `predecessors[predecessorStart[t]..<predecessorStart[t+1]]`), so an ill-formed
/// path cannot win. Buffers are passed in and reused across sentences, and the loops run over
/// raw buffers; the work is O(n · allowed pairs), about 100 pairs for four types.
struct Viterbi: Sendable {
    let tagCount: Int
    private let predecessorStart: [Int32]
    private let predecessors: [Int32]
    private let canStart: [Bool]
    private let canEnd: [Bool]

    init(_ tags: TagSet) {
        tagCount = tags.count
        var start: [Int32] = [0], list: [Int32] = []
        for next in 0..<tags.count {
            for p in 0..<tags.count where tags.allows(p, next) { list.append(Int32(p)) }
            start.append(Int32(list.count))
        }
        predecessorStart = start
        predecessors = list
        canStart = (0..<tags.count).map { tags.allows(nil, $0) }
        canEnd = (0..<tags.count).map { tags.allows($0, nil) }
    }

    /// The best tag sequence for `n` tokens. `emissions[i * T + t]`; `scores` holds the
    /// transitions (`[p * T + t]`), then start and end scores per tag.
    func decode(
        n: Int, emissions: UnsafeBufferPointer<Float>, scores: UnsafeBufferPointer<Float>,
        scratch: inout [Float], back: inout [Int32], into path: inout [UInt8]
    ) {
        path.removeAll(keepingCapacity: true)
        guard n > 0 else { return }
        let T = tagCount
        precondition(emissions.count >= n * T && scores.count >= (T + 2) * T)
        if scratch.count < n * T { scratch = [Float](repeating: 0, count: n * T) }
        if back.count < n * T { back = [Int32](repeating: 0, count: n * T) }
        let minusInf = -Float.greatestFiniteMagnitude
        let startAt = T * T, endAt = T * T + T
        var last = 0
        scratch.withUnsafeMutableBufferPointer { v in
            back.withUnsafeMutableBufferPointer { b in
                predecessorStart.withUnsafeBufferPointer { ps in
                    predecessors.withUnsafeBufferPointer { pred in
                        for t in 0..<T { v[t] = canStart[t] ? scores[startAt + t] + emissions[t] : minusInf }
                        var row = T
                        for _ in 1..<n {
                            let prevRow = row - T
                            for t in 0..<T {
                                var best = minusInf, arg: Int32 = 0
                                for k in Int(ps[t])..<Int(ps[t + 1]) {
                                    let p = Int(pred[k])
                                    let s = v[prevRow + p] + scores[p * T + t]
                                    if s > best { best = s; arg = Int32(p) }
                                }
                                v[row + t] = best + emissions[row + t]
                                b[row + t] = arg
                            }
                            row += T
                        }
                        var best = minusInf
                        let lastRow = (n - 1) * T
                        for t in 0..<T where canEnd[t] {
                            let s = v[lastRow + t] + scores[endAt + t]
                            if s > best { best = s; last = t }
                        }
                    }
                }
            }
        }
        path.append(contentsOf: repeatElement(0, count: n))
        var arg = last
        path[n - 1] = UInt8(arg)
        var i = n - 1
        while i > 0 {
            arg = Int(back[i * T + arg])
            path[i - 1] = UInt8(arg)
            i -= 1
        }
    }
}

import Testing
@testable import TextpipeEntities

/// BILOU encoding and decoding, the transition rules, and Viterbi checked against brute force.
struct TagSetViterbiTests {
    let tags = TagSet(types: ["PERSON", "LOC"])

    @Test(arguments: [
        (5, [(0, 2, 0), (3, 4, 1)], ["B-PERSON", "L-PERSON", "O", "U-LOC", "O"]),
        (4, [(0, 4, 1)], ["B-LOC", "I-LOC", "I-LOC", "L-LOC"]),
        (3, [(0, 1, 0), (1, 2, 0), (2, 3, 1)], ["U-PERSON", "U-PERSON", "U-LOC"]),
        (2, [], ["O", "O"]),
    ])
    func encodeDecode(_ length: Int, _ spans: [(Int, Int, Int)], _ names: [String]) {
        let encoded = tags.encode(length: length, entities: spans.map { ($0.0, $0.1, $0.2) })
        #expect(encoded.map { tags.name(Int($0)) } == names)
        let decoded = tags.decode(encoded)
        #expect(decoded.map { [$0.first, $0.end, $0.type] } == spans.map { [$0.0, $0.1, $0.2] })
    }

    @Test func lenientDecoding() {
        // I-X without B-X, and B-X cut short by O: still sensible spans.
        let raw: [UInt8] = [UInt8(tags.tag(type: 0, .inside)), UInt8(tags.tag(type: 0, .last)), 0,
                            UInt8(tags.tag(type: 1, .begin)), 0]
        #expect(tags.decode(raw).map { [$0.first, $0.end, $0.type] } == [[0, 2, 0], [3, 4, 1]])
    }

    @Test(arguments: [
        (nil, "B-PERSON", true), (nil, "I-PERSON", false), ("B-PERSON", "L-PERSON", true),
        ("B-PERSON", "L-LOC", false), ("B-PERSON", "O", false), ("I-LOC", "I-LOC", true),
        ("L-LOC", "U-PERSON", true), ("U-LOC", "I-LOC", false), ("O", nil, true), ("B-LOC", nil, false),
    ] as [(String?, String?, Bool)])
    func transitions(_ previous: String?, _ next: String?, _ allowed: Bool) {
        let index = Dictionary(uniqueKeysWithValues: (0..<tags.count).map { (tags.name($0), $0) })
        #expect(tags.allows(previous.map { index[$0]! }, next.map { index[$0]! }) == allowed)
    }

    /// Viterbi must find the best allowed path; brute force over all 9^n sequences is the oracle.
    @Test(arguments: 1...4)
    func viterbiMatchesBruteForce(_ n: Int) {
        var rng = SplitMix(seed: UInt64(n) * 7919)
        let T = tags.count
        func random() -> Float { Float(rng.next() % 2001) / 100 - 10 }
        for _ in 0..<20 {
            let emissions = (0..<n * T).map { _ in random() }
            let transitions = (0..<T * T).map { _ in random() }
            let start = (0..<T).map { _ in random() }, end = (0..<T).map { _ in random() }
            var scratch: [Float] = [], back: [Int32] = [], path: [UInt8] = []
            emissions.withUnsafeBufferPointer { e in
                (transitions + start + end).withUnsafeBufferPointer { scores in
                    Viterbi(tags).decode(n: n, emissions: e, scores: scores, scratch: &scratch, back: &back, into: &path)
                }
            }
            var best: (Float, [Int])?
            var seq = [Int](repeating: 0, count: n)
            func search(_ i: Int) {
                if i == n {
                    guard tags.allows(seq[n - 1], nil) else { return }
                    var s = start[seq[0]] + end[seq[n - 1]]
                    for k in 0..<n { s += emissions[k * T + seq[k]] }
                    for k in 1..<max(n, 1) { s += transitions[seq[k - 1] * T + seq[k]] }
                    if best == nil || s > best!.0 { best = (s, seq) }
                    return
                }
                for t in 0..<T where tags.allows(i == 0 ? nil : seq[i - 1], t) {
                    seq[i] = t
                    search(i + 1)
                }
            }
            search(0)
            #expect(path.map(Int.init) == best!.1)
        }
    }
}

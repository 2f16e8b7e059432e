/// Gold sentence starts of one text, for training: the model's candidates are labelled by them
/// and the sentence goes on from the gold boundaries, not the model's own (`SentenceModelTrainer`).
final class BoundaryCollector {
    /// Byte offsets where a gold sentence starts.
    let goldStarts: Set<Int>
    var instances: [(names: [String], boundary: Bool)] = []

    init(goldStarts: Set<Int>) { self.goldStarts = goldStarts }
}

extension BoundaryFinder {
    /// Appends the sentence of tokens `s...last` as the rules found it, cut further where the
    /// model (or, when training, the gold standard) puts a boundary the rules did not see.
    func emit(_ s: Int, _ last: Int, into out: inout [Range<Int>]) {
        var sub = s
        if model != nil || collector != nil {
            var k = s + 1
            while k <= last {
                // The cheap test first: candidates are words after a space, capitalized or after a mark.
                let r = t[k]
                if r.kind == .word && r.flags.contains(.spaceBefore)
                    && (r.flags.contains(.upperInitial) || t[k - 1].flags.contains(.terminal)),
                   let c = candidate(k, sub, last), boundary(c) {
                    out.append(Int(t[sub].start)..<Int(t[k - 1].end))
                    sub = k
                }
                k += 1
            }
        }
        out.append(Int(t[sub].start)..<Int(t[last].end))
    }

    private func boundary(_ c: Candidate) -> Bool {
        if let collector {
            var names = NamingSink()
            features(c, into: &names)
            let gold = collector.goldStarts.contains(Int(t[c.k].start))
            collector.instances.append((names.names, gold))
            return gold
        }
        var sink = ScoringSink(model!)
        features(c, into: &sink)
        return sink.total > model!.threshold
    }

    /// Words in lower case in tokens `sub..<k`, counted up to 3 over at most the last 64 tokens.
    func lowerWords(_ sub: Int, _ k: Int) -> Int {
        var n = 0
        var j = k - 1
        while j >= max(sub, k - 64) && n < 3 {
            if t[j].kind == .word && t[j].flags.contains(.lowerInitial) && !t[j].flags.contains(.clitic) { n += 1 }
            j -= 1
        }
        return n
    }
}

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
            var lowerWords = isLowerWord(s) ? 1 : 0
            var k = s + 1
            while k <= last {
                if let c = candidate(k, sub, last, lowerWords), boundary(c) {
                    out.append(Int(t[sub].start)..<Int(t[k - 1].end))
                    sub = k
                    lowerWords = 0
                }
                if isLowerWord(k) { lowerWords += 1 }
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

    @inline(__always)
    private func isLowerWord(_ k: Int) -> Bool {
        t[k].kind == .word && t[k].flags.contains(.lowerInitial) && !t[k].flags.contains(.clitic)
    }
}

import Foundation

/// Entity-level scoring with the conlleval rules: a predicted name counts only when its start,
/// end and type all equal a gold name's; precision, recall and F1 per type and over all names.
/// Spans are whatever units the caller uses (token indices, character offsets) as long as gold
/// and predicted agree.
public struct EntityScorer: Sendable {
    public struct Counts: Sendable, Equatable {
        public var truePositives = 0
        public var predicted = 0
        public var gold = 0

        public var precision: Double { predicted == 0 ? 0 : Double(truePositives) / Double(predicted) }
        public var recall: Double { gold == 0 ? 0 : Double(truePositives) / Double(gold) }
        public var f1: Double {
            let p = precision, r = recall
            return p + r == 0 ? 0 : 2 * p * r / (p + r)
        }

        mutating func add(_ other: Counts) {
            truePositives += other.truePositives
            predicted += other.predicted
            gold += other.gold
        }
    }

    public struct Mention: Hashable, Sendable {
        public var start: Int
        public var end: Int
        public var type: String
        public init(start: Int, end: Int, type: String) {
            self.start = start
            self.end = end
            self.type = type
        }
    }

    public private(set) var byType: [String: Counts] = [:]

    public init() {}

    public var overall: Counts {
        var total = Counts()
        for c in byType.values { total.add(c) }
        return total
    }

    /// Adds one document's (or sentence's) gold and predicted mentions.
    public mutating func add(gold: [Mention], predicted: [Mention]) {
        let goldSet = Set(gold)
        for g in goldSet { byType[g.type, default: Counts()].gold += 1 }
        for p in Set(predicted) {
            byType[p.type, default: Counts()].predicted += 1
            if goldSet.contains(p) { byType[p.type, default: Counts()].truePositives += 1 }
        }
    }

    /// A table like conlleval's: one line per type, then the overall line.
    public func report() -> String {
        func line(_ name: String, _ c: Counts) -> String {
            func pct(_ x: Double) -> String { String(format: "%6.2f", x * 100) }
            return "\(name.padding(toLength: 9, withPad: " ", startingAt: 0)) P \(pct(c.precision))  R \(pct(c.recall))  F1 \(pct(c.f1))   (gold \(c.gold), predicted \(c.predicted), correct \(c.truePositives))"
        }
        var lines = byType.keys.sorted().map { line($0, byType[$0]!) }
        lines.append(line("overall", overall))
        return lines.joined(separator: "\n")
    }
}

/// A name found by the tagger, as a range of token indices.
public struct TokenEntity: Hashable, Sendable {
    public var first: Int
    public var end: Int
    public var type: String

    public init(first: Int, end: Int, type: String) {
        self.first = first
        self.end = end
        self.type = type
    }
}

/// The BILOU tags over a list of entity types: `O`, then for each type `B-`, `I-`, `L-`, `U-`
/// (Begin, Inside, Last, Unit). Tag 0 is `O`; type t's tags are 1+4t ... 4+4t.
///
/// BILOU rather than the IOB of the CoNLL files: the model learns separately what starts, ends
/// and makes up a one-word name, which Ratinov & Roth (2009) found worth about a point of F1.
/// Which tag may follow which is fixed (B-X and I-X continue only with I-X or L-X; everything
/// else starts with O, B- or U-), and Viterbi decoding only walks allowed paths, so every
/// decoded sequence is well formed.
public struct TagSet: Sendable, Equatable {
    public let types: [String]

    public init(types: [String]) { self.types = types }

    public var count: Int { 1 + 4 * types.count }

    public enum Position: Int, Sendable { case begin = 0, inside, last, unit }

    @inline(__always)
    public func tag(type: Int, _ position: Position) -> Int { 1 + 4 * type + position.rawValue }

    /// (type, position) of a tag other than O.
    @inline(__always)
    public func parts(_ tag: Int) -> (type: Int, position: Position)? {
        tag == 0 ? nil : ((tag - 1) / 4, Position(rawValue: (tag - 1) % 4)!)
    }

    public func name(_ tag: Int) -> String {
        guard let (t, p) = parts(tag) else { return "O" }
        return ["B", "I", "L", "U"][p.rawValue] + "-" + types[t]
    }

    /// May `next` follow `previous`? `nil` stands for the sentence boundary.
    public func allows(_ previous: Int?, _ next: Int?) -> Bool {
        let open = previous.flatMap(parts).map { $0.position == .begin || $0.position == .inside ? $0.type : nil } ?? nil
        let continuing = next.flatMap(parts).map { $0.position == .inside || $0.position == .last ? $0.type : nil } ?? nil
        if let open { return continuing == open }
        return continuing == nil
    }

    /// Tags for a sentence of `length` tokens with entities given as token ranges relative to
    /// the sentence (and an index into `types`). Overlapping entities keep the first.
    public func encode(length: Int, entities: [(first: Int, end: Int, type: Int)]) -> [UInt8] {
        var tags = [UInt8](repeating: 0, count: length)
        for e in entities.sorted(by: { $0.first < $1.first }) where e.first < e.end && e.end <= length {
            guard tags[e.first..<e.end].allSatisfy({ $0 == 0 }) else { continue }
            if e.end - e.first == 1 {
                tags[e.first] = UInt8(tag(type: e.type, .unit))
            } else {
                tags[e.first] = UInt8(tag(type: e.type, .begin))
                for k in e.first + 1..<e.end - 1 { tags[k] = UInt8(tag(type: e.type, .inside)) }
                tags[e.end - 1] = UInt8(tag(type: e.type, .last))
            }
        }
        return tags
    }

    /// Entities of a tag sequence. Lenient: a run that is not closed properly still ends where
    /// its type changes, so even an ill-formed sequence decodes to sensible spans.
    public func decode(_ tags: [UInt8]) -> [(first: Int, end: Int, type: Int)] {
        var out: [(first: Int, end: Int, type: Int)] = []
        var open: (first: Int, type: Int)?
        for (i, raw) in tags.enumerated() {
            let p = parts(Int(raw))
            if let o = open, p == nil || p!.type != o.type || p!.position == .begin || p!.position == .unit {
                out.append((o.first, i, o.type))
                open = nil
            }
            guard let (t, position) = p else { continue }
            switch position {
            case .unit: out.append((i, i + 1, t))
            case .begin: open = (i, t)
            case .inside: if open == nil { open = (i, t) }
            case .last:
                out.append((open?.first ?? i, i + 1, t))
                open = nil
            }
        }
        if let o = open { out.append((o.first, tags.count, o.type)) }
        return out
    }
}

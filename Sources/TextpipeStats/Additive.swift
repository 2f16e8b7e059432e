/// A value that partial statistics add up: counts, pairs of counts, and maps of them.
///
/// Almost every figure in `StatsPartial` is a sum, so its merge is `add` field by field, and
/// a map of additive values adds key by key (missing keys count as zero). Sums of integers are
/// associative and commutative, which is all the monoid laws ask for, so everything built
/// from `Additive` merges exactly in any order and grouping. Floating-point values are kept
/// out of the partial on purpose: they would make the result depend on the order of merging.
public protocol Additive: Codable, Equatable {
    static var zero: Self { get }
    mutating func add(_ other: Self)
}

extension Int: Additive {
    public static var zero: Int { 0 }
    @inlinable public mutating func add(_ other: Int) { self &+= other }
}

extension Dictionary: Additive where Key: Codable, Value: Additive {
    public static var zero: Self { [:] }

    public mutating func add(_ other: Self) {
        if isEmpty {
            self = other
            return
        }
        reserveCapacity(count + other.count)
        for (key, value) in other {
            self[key, default: .zero].add(value)
        }
    }
}

/// How often something occurs and in how many documents: the pair behind vocabulary
/// frequencies, document frequencies (and so tf·idf) and entity tables. Encoded compactly as
/// `[count, documents]`, since vocabulary tables are the bulk of a saved partial.
public struct Occurrences: Additive, Hashable, Sendable {
    public var count: Int
    public var documents: Int

    public init(count: Int, documents: Int) {
        self.count = count
        self.documents = documents
    }

    public static var zero: Occurrences { Occurrences(count: 0, documents: 0) }

    @inlinable public mutating func add(_ other: Occurrences) {
        count &+= other.count
        documents &+= other.documents
    }

    public init(from decoder: Decoder) throws {
        var c = try decoder.unkeyedContainer()
        count = try c.decode(Int.self)
        documents = try c.decode(Int.self)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.unkeyedContainer()
        try c.encode(count)
        try c.encode(documents)
    }
}

/// Documents and words of a group (a site, a day, a language).
public struct GroupCount: Additive, Hashable, Sendable {
    public var documents: Int
    public var words: Int

    public init(documents: Int, words: Int) {
        self.documents = documents
        self.words = words
    }

    public static var zero: GroupCount { GroupCount(documents: 0, words: 0) }

    public mutating func add(_ other: GroupCount) {
        documents &+= other.documents
        words &+= other.words
    }
}

/// The exact distribution of a length (words per document, per sentence): value -> how many.
/// Kept exact because it is small (one entry per distinct length) and so medians, percentiles
/// and any binning can be derived after merging without loss.
public typealias Histogram = [Int: Int]

extension Dictionary where Key == Int, Value == Int {
    /// Number of observations.
    public var observations: Int { values.reduce(0, +) }

    /// The smallest value v such that at least `q` of the observations are <= v.
    public func quantile(_ q: Double) -> Int? {
        let total = observations
        guard total > 0 else { return nil }
        let target = Swift.max(1, Int((q * Double(total)).rounded(.up)))
        var seen = 0
        for (value, n) in sorted(by: { $0.key < $1.key }) {
            seen += n
            if seen >= target { return value }
        }
        return keys.max()
    }

    /// The mean, summed in integers so that it does not depend on dictionary order.
    public var mean: Double? {
        let total = observations
        guard total > 0 else { return nil }
        var sum = 0
        for (value, n) in self { sum += value * n }
        return Double(sum) / Double(total)
    }
}

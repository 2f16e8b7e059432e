import Foundation
import Testing
import TextpipeCore
@testable import TextpipeStats

/// The partial is a commutative monoid on real-ish contributions: the empty partial is an
/// identity, and merging is associative and commutative, compared on the saved JSON (so that
/// "equal" means equal files, not only equal in memory).
struct MonoidLawTests {
    static let stage = StatsStage(settings: TestDocuments.settings())
    static let parts = TestDocuments.contributions(stage)
    /// Partials of different shapes: single documents, a failure, and folds of several.
    static let samples: [StatsPartial] = [
        parts[0], parts[4], parts[5], parts[8], parts[10],
        fold(parts[0..<3]), fold(parts[3..<7]), fold(parts[6...]),
    ]

    static func merged(_ a: StatsPartial, _ b: StatsPartial) -> StatsPartial {
        var x = a
        x.merge(b)
        return x
    }

    @Test(arguments: samples.indices)
    func emptyIsIdentity(i: Int) throws {
        let a = Self.samples[i]
        #expect(try encoded(Self.merged(StatsPartial(), a)) == encoded(a))
        #expect(try encoded(Self.merged(a, StatsPartial())) == encoded(a))
    }

    @Test(arguments: [(0, 1), (1, 2), (3, 5), (5, 6), (0, 7), (4, 6), (2, 4)])
    func commutative(i: Int, j: Int) throws {
        let (a, b) = (Self.samples[i], Self.samples[j])
        #expect(try encoded(Self.merged(a, b)) == encoded(Self.merged(b, a)))
    }

    @Test(arguments: [(0, 1, 2), (5, 6, 7), (3, 4, 0), (7, 5, 1), (2, 6, 3)])
    func associative(i: Int, j: Int, k: Int) throws {
        let (a, b, c) = (Self.samples[i], Self.samples[j], Self.samples[k])
        let left = Self.merged(Self.merged(a, b), c)
        let right = Self.merged(a, Self.merged(b, c))
        #expect(try encoded(left) == encoded(right))
        #expect(left == right)
    }

    @Test func anyOrderOfAllContributionsGivesTheSameTotal() throws {
        let inOrder = try encoded(fold(Self.parts))
        var rng = SeededGenerator(seed: 42)
        for _ in 0..<20 {
            #expect(try encoded(fold(Self.parts.shuffled(using: &rng))) == inOrder)
        }
        // And a tree of merges instead of a left fold.
        var level = Self.parts
        while level.count > 1 {
            level = stride(from: 0, to: level.count, by: 2).map { i in
                i + 1 < level.count ? Self.merged(level[i], level[i + 1]) : level[i]
            }
        }
        #expect(try encoded(level[0]) == inOrder)
    }

    @Test func savedPartialRoundTrips() throws {
        let total = fold(Self.parts)
        let decoded = try JSONDecoder().decode(StatsPartial.self, from: JSONEncoder.sorted.encode(total))
        #expect(decoded == total)
    }
}

/// A small deterministic generator (SplitMix64) for shuffles.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        return Mix.fmix64(state)
    }
}

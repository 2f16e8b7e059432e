import Foundation
import Testing
import TextpipeCore
@testable import TextpipeStats

/// The bounded-memory option: count-min never undercounts and stays within its stated error,
/// HyperLogLog within three standard errors, sketches merge exactly, and a sketched run's
/// figures agree with the exact ones on a small corpus.
struct SketchTests {
    /// A Zipf-like stream: item i occurs about 2000/(i+1) times.
    static let stream: [(String, Int)] = (0..<3000).map { ("term\($0)", max(1, 2000 / ($0 + 1))) }

    @Test(arguments: [(512, 3), (4096, 4)])
    func countMinNeverUndercountsAndStaysWithinItsBound(width: Int, depth: Int) {
        var cms = CountMinSketch(width: width, depth: depth)
        for (key, n) in Self.stream { cms.add(key, n) }
        let total = Self.stream.reduce(0) { $0 + $1.1 }
        #expect(cms.total == total)
        let bound = 2.718281828 / Double(width) * Double(total)
        var over = 0
        for (key, n) in Self.stream {
            let e = cms.estimate(key)
            #expect(e >= n)
            if Double(e - n) > bound { over += 1 }
        }
        // The bound may fail with probability e^-depth per item.
        #expect(Double(over) <= Double(Self.stream.count) * exp(-Double(depth)) * 2 + 3)
    }

    @Test(arguments: [1000, 50_000])
    func hyperLogLogIsWithinThreeStandardErrors(distinct: Int) {
        var hll = HyperLogLog(precision: 12)
        for i in 0..<distinct { hll.insert("w\(i)") }
        for i in 0..<distinct / 2 { hll.insert("w\(i)") }  // repeats do not count
        let error = abs(Double(hll.estimate - distinct)) / Double(distinct)
        #expect(error < 3 * 1.04 / 64, "estimate \(hll.estimate) for \(distinct)")
    }

    @Test func sketchesMergeExactly() throws {
        var a = CountMinSketch(width: 256, depth: 3), b = a, whole = a
        var ha = HyperLogLog(precision: 8), hb = ha, hw = ha
        for (i, (key, n)) in Self.stream.prefix(500).enumerated() {
            if i % 3 == 0 { a.add(key, n); ha.insert(key) } else { b.add(key, n); hb.insert(key) }
            whole.add(key, n)
            hw.insert(key)
        }
        var ab = a, ba = b
        ab.merge(b)
        ba.merge(a)
        #expect(ab == whole && ba == whole)
        var hab = ha
        hab.merge(hb)
        #expect(hab == hw)
        let decoded = try JSONDecoder().decode(CountMinSketch.self, from: JSONEncoder().encode(whole))
        #expect(decoded == whole)
    }

    static func sketched(width: Int = 4096) -> StatsSettings {
        TestDocuments.settings {
            var k = SketchSettings()
            k.width = width
            k.depth = 4
            k.candidates = 5000
            k.precision = 10
            $0.sketch = k
        }
    }

    @Test func sketchedShardsMergeToTheWhole() throws {
        let stage = StatsStage(settings: Self.sketched())
        let whole = fold(TestDocuments.contributions(stage))
        #expect(whole.terms.isEmpty && whole.bigrams.isEmpty, "exact tables move into the sketches")
        #expect(whole.sketches != nil)
        var merged = StatsPartial()
        for i in 0..<2 {
            let shard = Shard(index: i, count: 2)
            merged.merge(fold(TestDocuments.corpus.filter { shard.contains(id: $0.id) }.map(stage.contribution(of:))))
        }
        merged.merge(fold(TestDocuments.failures.map(stage.contribution(ofFailure:))))
        // Candidates fit in their capacity here, so the whole partial merges exactly.
        #expect(try StatsFiles.statsJSON(merged) == StatsFiles.statsJSON(whole))
    }

    @Test func sketchedFiguresAgreeWithExactOnes() {
        let exact = StatsSummary(fold(TestDocuments.contributions(StatsStage(settings: TestDocuments.settings()))))
        let sketch = StatsSummary(fold(TestDocuments.contributions(StatsStage(settings: Self.sketched()))))
        #expect(sketch.approximation?.contains("count-min") == true)
        #expect(exact.approximation == nil)
        #expect(sketch.vocabulary.estimated && sketch.vocabulary.hapaxLegomena == nil)
        #expect(abs(sketch.vocabulary.types - exact.vocabulary.types) <= exact.vocabulary.types / 10)
        #expect(sketch.topTerms.prefix(5).map(\.term) == exact.topTerms.prefix(5).map(\.term))
        for (s, e) in zip(sketch.topTerms.prefix(20), exact.topTerms.prefix(20)) where s.term == e.term {
            #expect(s.count >= e.count)
        }
        #expect(sketch.bigrams.first?.ngram == "city council")
        #expect(sketch.totals == exact.totals)
    }
}
